#include "core/settings.h"

#include <fmt/format.h>

#include <cmath>
#include <set>

#include "core/duration.h"
#include "core/toml_file.h"

namespace csperf {
namespace {

const std::set<std::string> kCaseTypes = {"return", "exchange", "refund_only", "repair"};
const std::set<std::string> kSources = {"test", "qa", "manager", "peer", "self"};

class SettingsReader {
 public:
  explicit SettingsReader(std::string file) : file_(std::move(file)) {}

  Problem Fail(const toml::node& node, const std::string& path, std::string reason) const {
    return TomlProblem(file_, node, path, std::move(reason));
  }

  // A duration: whole seconds, or text such as "30m", "72h", "1h30m".
  Result<int64_t> Duration(const toml::node& node, const std::string& path) const {
    if (auto n = node.value<int64_t>()) {
      if (*n < 0) return Fail(node, path, "a duration cannot be negative");
      return *n;
    }
    if (auto s = node.value<std::string>()) {
      auto parsed = ParseDurationSeconds(*s);
      if (!parsed.ok()) return Fail(node, path, parsed.problem().reason);
      return *parsed;
    }
    return Fail(node, path, "expected a duration such as \"30m\", \"72h\" or a number of seconds");
  }

  Result<int64_t> Hours(const toml::node& node, const std::string& path) const {
    std::optional<double> hours;
    if (auto i = node.value<int64_t>()) hours = static_cast<double>(*i);
    if (!hours) hours = node.value<double>();
    if (!hours || *hours < 0 || !std::isfinite(*hours)) {
      return Fail(node, path, "expected a number of hours, e.g. 24");
    }
    return static_cast<int64_t>(std::llround(*hours * 3600));
  }

  Status ReadShop(const toml::table& table, const std::string& prefix, ShopSettings* shop,
                  bool allow_other_keys) const {
    for (const auto& [key, node] : table) {
      std::string name(key.str());
      std::string path = prefix.empty() ? name : prefix + "." + name;
      if (name == "session_gap" || name == "fast_response" || name == "attribution_window" ||
          name == "payment_window") {
        auto d = Duration(node, path);
        if (!d.ok()) return d.problem();
        int64_t* target = name == "session_gap"          ? &shop->session_gap_s
                          : name == "fast_response"      ? &shop->fast_response_s
                          : name == "attribution_window" ? &shop->attribution_window_s
                                                         : &shop->payment_window_s;
        *target = *d;
        if (name == "session_gap" && *d == 0) {
          return Fail(node, path, "session_gap must be longer than 0");
        }
      } else if (name == "service_hours") {
        auto s = node.value<std::string>();
        if (!s)
          return Fail(node, path, "expected text such as \"08:00-24:00\", or \"\" for all day");
        if (s->empty()) {
          shop->service_hours.reset();
        } else {
          auto hours = ParseServiceHours(*s);
          if (!hours.ok()) return Fail(node, path, hours.problem().reason);
          shop->service_hours = *hours;
        }
      } else if (!allow_other_keys) {
        return Fail(node, path,
                    "not a per-shop setting (allowed: session_gap, service_hours, fast_response, "
                    "attribution_window, payment_window)");
      }
    }
    return Status::Ok();
  }

  Status Read(const toml::table& root, Settings* out) const {
    Status shop_status = ReadShop(root, "", &out->defaults, /*allow_other_keys=*/true);
    if (!shop_status.ok()) return shop_status;
    for (const auto& [key, node] : root) {
      std::string name(key.str());
      if (name == "session_gap" || name == "fast_response" || name == "attribution_window" ||
          name == "payment_window" || name == "service_hours") {
        continue;
      }
      if (name == "timezone") {
        auto s = node.value<std::string>();
        if (!s || s->empty())
          return Fail(node, name, "expected a time zone name such as \"Asia/Shanghai\"");
        out->timezone = *s;
      } else if (name == "followup_grace" || name == "late_grace") {
        auto d = Duration(node, name);
        if (!d.ok()) return d.problem();
        (name == "followup_grace" ? out->followup_grace_s : out->late_grace_s) = *d;
      } else if (name == "sla_hours") {
        Status s = ReadPerType(
            node, name,
            [&](const toml::node& n, const std::string& path, const std::string& type) -> Status {
              auto h = Hours(n, path);
              if (!h.ok()) return h.problem();
              out->sla_s[type] = *h;
              return Status::Ok();
            });
        if (!s.ok()) return s;
      } else if (name == "sop") {
        Status s = ReadPerType(
            node, name,
            [&](const toml::node& n, const std::string& path, const std::string& type) -> Status {
              auto steps = StepList(n, path);
              if (!steps.ok()) return steps.problem();
              out->sop[type] = *steps;
              return Status::Ok();
            });
        if (!s.ok()) return s;
      } else if (name == "step_sla") {
        Status s = ReadPerType(
            node, name,
            [&](const toml::node& n, const std::string& path, const std::string& type) -> Status {
              auto pairs = StepSlaList(n, path);
              if (!pairs.ok()) return pairs.problem();
              out->step_sla[type] = *pairs;
              return Status::Ok();
            });
        if (!s.ok()) return s;
      } else if (name == "source_weights") {
        const toml::table* t = node.as_table();
        if (!t) return Fail(node, name, "expected a table of source = weight");
        for (const auto& [src, w] : *t) {
          std::string source(src.str());
          std::string path = name + "." + source;
          if (!kSources.count(source)) {
            return Fail(w, path, "unknown source (allowed: test, qa, manager, peer, self)");
          }
          auto weight = Weight(w, path);
          if (!weight.ok()) return weight.problem();
          out->source_weights[source] = *weight;
        }
      } else if (name == "shops") {
        const toml::table* t = node.as_table();
        if (!t) return Fail(node, name, "expected a table of shops");
        for (const auto& [shop_name, shop_node] : *t) {
          std::string path = name + "." + std::string(shop_name.str());
          const toml::table* shop_table = shop_node.as_table();
          if (!shop_table) return Fail(shop_node, path, "expected a table of per-shop settings");
          ShopSettings shop = out->defaults;
          Status s = ReadShop(*shop_table, path, &shop, /*allow_other_keys=*/false);
          if (!s.ok()) return s;
          out->shops[std::string(shop_name.str())] = shop;
        }
      } else {
        return Fail(node, name, "unknown setting (see docs/settings.md for the list)");
      }
    }
    return Status::Ok();
  }

 private:
  template <class Fn>
  Status ReadPerType(const toml::node& node, const std::string& name, Fn fn) const {
    const toml::table* t = node.as_table();
    if (!t) return Fail(node, name, "expected a table keyed by case type");
    for (const auto& [key, value] : *t) {
      std::string type(key.str());
      std::string path = name + "." + type;
      if (!kCaseTypes.count(type)) {
        return Fail(value, path,
                    "unknown case type (allowed: return, exchange, refund_only, repair)");
      }
      Status s = fn(value, path, type);
      if (!s.ok()) return s;
    }
    return Status::Ok();
  }

  Result<std::vector<std::string>> StepList(const toml::node& node, const std::string& path) const {
    const toml::array* a = node.as_array();
    if (!a || a->empty()) return Fail(node, path, "expected a list of step names");
    std::vector<std::string> steps;
    for (size_t i = 0; i < a->size(); ++i) {
      auto s = (*a)[i].value<std::string>();
      if (!s || s->empty()) {
        return Fail((*a)[i], fmt::format("{}[{}]", path, i), "expected a step name");
      }
      steps.push_back(*s);
    }
    return steps;
  }

  Result<std::vector<StepSla>> StepSlaList(const toml::node& node, const std::string& path) const {
    const toml::array* a = node.as_array();
    if (!a) return Fail(node, path, "expected a list of {from, to, hours}");
    std::vector<StepSla> pairs;
    for (size_t i = 0; i < a->size(); ++i) {
      std::string item_path = fmt::format("{}[{}]", path, i);
      const toml::table* t = (*a)[i].as_table();
      if (!t) return Fail((*a)[i], item_path, "expected {from = \"…\", to = \"…\", hours = N}");
      StepSla pair;
      for (const auto& [key, value] : *t) {
        std::string k(key.str());
        if (k == "from" || k == "to") {
          auto s = value.value<std::string>();
          if (!s || s->empty()) return Fail(value, item_path + "." + k, "expected a step name");
          (k == "from" ? pair.from : pair.to) = *s;
        } else if (k == "hours") {
          auto h = Hours(value, item_path + ".hours");
          if (!h.ok()) return h.problem();
          pair.limit_s = *h;
        } else {
          return Fail(value, item_path + "." + k, "unknown key (allowed: from, to, hours)");
        }
      }
      if (pair.from.empty() || pair.to.empty() || !t->contains("hours")) {
        return Fail((*a)[i], item_path, "a step SLA needs from, to and hours");
      }
      pairs.push_back(pair);
    }
    return pairs;
  }

  // Weights are exact decimals, so that 0.6 means exactly six tenths.
  Result<Micros> Weight(const toml::node& node, const std::string& path) const {
    std::optional<Micros> w = TomlExactDecimal(node);
    if (!w || *w < 0) return Fail(node, path, "expected a number ≥ 0 with at most 6 decimals");
    return *w;
  }

  std::string file_;
};

}  // namespace

const ShopSettings& Settings::ForShop(std::string_view shop) const {
  auto it = shops.find(shop);
  return it == shops.end() ? defaults : it->second;
}

Settings DefaultSettings() {
  Settings s;
  s.sla_s = {{"refund_only", 24 * 3600},
             {"return", 72 * 3600},
             {"exchange", 96 * 3600},
             {"repair", 96 * 3600}};
  s.sop = {{"return", {"approve", "goods_received", "refund"}},
           {"exchange", {"approve", "goods_received", "reship"}},
           {"refund_only", {"approve", "refund"}},
           {"repair", {"approve", "reship"}}};
  s.source_weights = {{"test", 1'000'000},
                      {"qa", 1'000'000},
                      {"manager", 600'000},
                      {"peer", 300'000},
                      {"self", 100'000}};
  return s;
}

Result<Settings> ParseSettings(std::string_view text, const std::string& file_name) {
  Settings settings = DefaultSettings();
  auto parsed = ParseToml(text, file_name);
  if (!parsed.ok()) return parsed.problem();
  SettingsReader reader(file_name);
  Status status = reader.Read(*parsed, &settings);
  if (!status.ok()) return status.problem();
  return settings;
}

Result<Settings> LoadSettingsFile(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.problem();
  return ParseSettings(*text, path);
}

}  // namespace csperf
