#include "scoring/template_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <set>

#include "core/text.h"
#include "core/toml_file.h"
#include "domain/kinds.h"
#include "metrics/report.h"

namespace csperf::scoring {
namespace {

// On a failed Status, returns its problem from the enclosing function (a Status or a Result).
#define TL_TRY(expr)                                   \
  do {                                                 \
    Status tl_status_ = (expr);                        \
    if (!tl_status_.ok()) return tl_status_.problem(); \
  } while (0)

constexpr Micros kHundred = 100 * kMicrosPerUnit;
constexpr size_t kMaxLimits = 16;  // caps or floors in a distribution (the check tries subsets)

std::string Join(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : fmt::format("{}.{}", path, key);
}

std::string At(const std::string& path, size_t i) { return fmt::format("{}[{}]", path, i); }

std::string JoinNames(const std::vector<std::string>& names, std::string_view separator) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += separator;
    out += n;
  }
  return out;
}

class TemplateReader {
 public:
  TemplateReader(std::string file, const toml::table& root) : file_(std::move(file)), root_(root) {}

  Result<Template> Read() {
    Template t;
    t.file = file_;
    TL_TRY(Allowed(root_, "",
                   {"id", "name_zh", "name_en", "version", "applies_to", "dimensions", "sections",
                    "indicators", "bonus", "penalties", "max_total", "veto", "grades",
                    "distribution", "pay"}));
    TL_TRY(Text(root_, "id", "", /*required=*/true, &t.id));
    TL_TRY(Text(root_, "name_zh", "", false, &t.name_zh));
    TL_TRY(Text(root_, "name_en", "", false, &t.name_en));
    if (const toml::node* v = root_.get("version")) {
      auto n = v->value_exact<int64_t>();
      if (!n || *n < 1 || *n > INT32_MAX) return Fail(*v, "version", "expected a whole number ≥ 1");
      t.version = static_cast<int>(*n);
    }
    TL_TRY(ReadAppliesTo(&t));
    TL_TRY(ReadDimensions(&t));
    if (const toml::node* v = root_.get("max_total")) {
      auto m = TomlExactDecimal(*v);
      if (!m || *m <= 0) return Fail(*v, "max_total", "expected a number of points above 0");
      t.max_total = *m;
    }
    TL_TRY(ReadSections(&t));
    TL_TRY(ReadAdjustments("bonus", &t.bonuses));
    TL_TRY(ReadAdjustments("penalties", &t.penalties));
    TL_TRY(ReadGrades(&t));
    TL_TRY(ReadVetoes(&t));
    TL_TRY(ReadDistribution(&t));
    TL_TRY(ReadPay(&t));
    return t;
  }

 private:
  Problem Fail(const toml::node& node, const std::string& path, std::string reason) const {
    return TomlProblem(file_, node, path, std::move(reason));
  }

  // Refuses any key of `table` not in `keys`, naming its path and the allowed keys.
  Status Allowed(const toml::table& table, const std::string& path,
                 std::initializer_list<std::string_view> keys) const {
    for (const auto& [key, node] : table) {
      if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
      std::string allowed;
      for (std::string_view k : keys) {
        if (!allowed.empty()) allowed += ", ";
        allowed += k;
      }
      return Fail(node, Join(path, key.str()),
                  fmt::format("unknown key '{}' (allowed here: {})", key.str(), allowed));
    }
    return Status::Ok();
  }

  const toml::table* Table(const toml::node& node) const { return node.as_table(); }

  // A table's key that must be there: its absence is reported at the table's line.
  Result<const toml::node*> Required(const toml::table& table, std::string_view key,
                                     const std::string& path, std::string_view what) const {
    const toml::node* v = table.get(key);
    if (!v) return Fail(table, Join(path, key), fmt::format("missing {}", what));
    return v;
  }

  Status Text(const toml::table& table, std::string_view key, const std::string& path,
              bool required, std::string* out) const {
    const toml::node* v = table.get(key);
    if (!v) {
      if (required) return Fail(table, Join(path, key), fmt::format("missing {}", key));
      return Status::Ok();
    }
    auto s = v->value_exact<std::string>();
    if (!s || Trim(*s).empty()) return Fail(*v, Join(path, key), "expected non-empty text");
    *out = std::string(Trim(*s));
    return Status::Ok();
  }

  Result<Micros> Number(const toml::node& node, const std::string& path) const {
    std::optional<Micros> v = TomlExactDecimal(node);
    if (!v) return Fail(node, path, "expected a number (at most 6 decimal places)");
    return *v;
  }

  // Points of a rule or a missing policy: 0–100.
  Result<Micros> Points(const toml::node& node, const std::string& path) const {
    auto p = Number(node, path);
    if (!p.ok()) return p;
    if (*p < 0 || *p > kHundred) return Fail(node, path, "expected points from 0 to 100");
    return p;
  }

  Result<const toml::array*> ArrayOfTables(const toml::node& node, const std::string& path,
                                           std::string_view what) const {
    const toml::array* a = node.as_array();
    if (!a || a->empty()) return Fail(node, path, fmt::format("expected {}", what));
    for (size_t i = 0; i < a->size(); ++i) {
      if (!(*a)[i].is_table()) return Fail((*a)[i], At(path, i), fmt::format("expected {}", what));
    }
    return a;
  }

  Status CheckMetric(const toml::node& node, const std::string& path,
                     const std::string& metric) const {
    if (known_metrics_.count(metric)) return Status::Ok();
    return Fail(node, path,
                fmt::format("unknown metric '{}': name a column of the metrics report "
                            "(docs/metrics.md), or list a dimension the template defines in "
                            "`dimensions`",
                            metric));
  }

  Status UniqueId(const toml::node& node, const std::string& path, const std::string& id) {
    if (ids_.insert(id).second) return Status::Ok();
    return Fail(node, path,
                fmt::format("the id '{}' is used twice (indicator, bonus and penalty ids must "
                            "differ within a template)",
                            id));
  }

  Status ReadAppliesTo(Template* t) {
    auto node = Required(root_, "applies_to", "", "applies_to (a position or a list of teams)");
    if (!node.ok()) return node.problem();
    const toml::table* a = Table(**node);
    if (!a) {
      return Fail(**node, "applies_to",
                  "expected a table: applies_to = { position = \"售前\" } or "
                  "applies_to = { teams = [\"A组\"] }");
    }
    TL_TRY(Allowed(*a, "applies_to", {"position", "teams"}));
    const toml::node* position = a->get("position");
    const toml::node* teams = a->get("teams");
    if (position && teams) {
      return Fail(*teams, "applies_to.teams",
                  "give either a position or a list of teams, not both (write two templates)");
    }
    if (position) {
      auto s = position->value_exact<std::string>();
      std::optional<std::string> canonical = s ? CanonicalPosition(*s) : std::nullopt;
      if (!canonical) {
        return Fail(*position, "applies_to.position",
                    "expected presales (售前), aftersales (售后) or supervisor (主管)");
      }
      t->position = *canonical;
    } else if (teams) {
      const toml::array* list = teams->as_array();
      if (!list || list->empty()) {
        return Fail(*teams, "applies_to.teams", "expected a list of team names");
      }
      for (size_t i = 0; i < list->size(); ++i) {
        auto s = (*list)[i].value_exact<std::string>();
        std::string path = At("applies_to.teams", i);
        if (!s || Trim(*s).empty()) return Fail((*list)[i], path, "expected a team name");
        std::string team(Trim(*s));
        if (std::find(t->teams.begin(), t->teams.end(), team) != t->teams.end()) {
          return Fail((*list)[i], path, fmt::format("the team '{}' is listed twice", team));
        }
        t->teams.push_back(team);
      }
    } else {
      return Fail(*a, "applies_to", "give a position or a list of teams");
    }
    return Status::Ok();
  }

  Status ReadDimensions(Template* t) {
    for (const std::string& c : metrics::StandardColumns()) known_metrics_.insert(c);
    const toml::node* node = root_.get("dimensions");
    if (!node) return Status::Ok();
    const toml::array* list = node->as_array();
    if (!list) return Fail(*node, "dimensions", "expected a list of dimension names");
    for (size_t i = 0; i < list->size(); ++i) {
      auto s = (*list)[i].value_exact<std::string>();
      std::string path = At("dimensions", i);
      if (!s || Trim(*s).empty()) return Fail((*list)[i], path, "expected a dimension name");
      std::string name(Trim(*s));
      if (std::find(t->dimensions.begin(), t->dimensions.end(), name) != t->dimensions.end()) {
        return Fail((*list)[i], path, fmt::format("the dimension '{}' is listed twice", name));
      }
      t->dimensions.push_back(name);
      known_metrics_.insert(name);
    }
    return Status::Ok();
  }

  Status ReadSections(Template* t) {
    const toml::node* sections = root_.get("sections");
    const toml::node* indicators = root_.get("indicators");
    if (sections && indicators) {
      return Fail(*indicators, "indicators",
                  "with [[sections]], indicators go inside their section as "
                  "[[sections.indicators]]");
    }
    if (!sections && !indicators) {
      return Fail(root_, "sections",
                  "the template has no indicators: add [[sections]] with "
                  "[[sections.indicators]], or [[indicators]] for a template without sections");
    }
    if (indicators) {  // one section holding everything
      Section s;
      s.id = "main";
      s.name_zh = "考核指标";
      s.name_en = "Indicators";
      s.weight = kHundred;
      TL_TRY(ReadIndicators(*indicators, "indicators", &s));
      t->sections.push_back(std::move(s));
      return Status::Ok();
    }
    auto list = ArrayOfTables(*sections, "sections", "[[sections]]");
    if (!list.ok()) return list.problem();
    Micros total = 0;
    for (size_t i = 0; i < (*list)->size(); ++i) {
      const toml::table& table = *(**list)[i].as_table();
      std::string path = At("sections", i);
      TL_TRY(Allowed(table, path, {"id", "name_zh", "name_en", "weight", "indicators"}));
      Section s;
      TL_TRY(Text(table, "id", path, true, &s.id));
      for (const Section& other : t->sections) {
        if (other.id == s.id) {
          return Fail(*table.get("id"), Join(path, "id"),
                      fmt::format("the section id '{}' is used twice", s.id));
        }
      }
      TL_TRY(Text(table, "name_zh", path, false, &s.name_zh));
      TL_TRY(Text(table, "name_en", path, false, &s.name_en));
      auto weight = Required(table, "weight", path, "weight (the section's share of 100)");
      if (!weight.ok()) return weight.problem();
      auto w = Number(**weight, Join(path, "weight"));
      if (!w.ok()) return w.problem();
      if (*w <= 0)
        return Fail(**weight, Join(path, "weight"), "a section's weight must be above 0");
      s.weight = *w;
      auto inds = Required(table, "indicators", path, "indicators ([[sections.indicators]])");
      if (!inds.ok()) return inds.problem();
      TL_TRY(ReadIndicators(**inds, Join(path, "indicators"), &s));
      total += s.weight;
      t->sections.push_back(std::move(s));
    }
    if (total != kHundred) {
      return Fail(*sections, "sections",
                  fmt::format("section weights total {}, not 100", FormatMicros(total)));
    }
    return Status::Ok();
  }

  Status ReadIndicators(const toml::node& node, const std::string& path, Section* section) {
    auto list = ArrayOfTables(node, path, "indicators, each an [[indicators]] table");
    if (!list.ok()) return list.problem();
    Micros total = 0;
    for (size_t i = 0; i < (*list)->size(); ++i) {
      Indicator ind;
      TL_TRY(ReadIndicator(*(**list)[i].as_table(), At(path, i), &ind));
      total += ind.weight;
      section->indicators.push_back(std::move(ind));
    }
    if (total != kHundred) {
      return Fail(
          node, path,
          fmt::format("indicator weights in the section total {}, not 100", FormatMicros(total)));
    }
    return Status::Ok();
  }

  Status ReadIndicator(const toml::table& table, const std::string& path, Indicator* ind) {
    TL_TRY(Allowed(table, path,
                   {"id", "name_zh", "name_en", "metric", "scope", "weight", "rule", "min_sample",
                    "missing"}));
    ind->line = static_cast<int>(table.source().begin.line);
    TL_TRY(Text(table, "id", path, true, &ind->id));
    TL_TRY(UniqueId(*table.get("id"), Join(path, "id"), ind->id));
    TL_TRY(Text(table, "name_zh", path, false, &ind->name_zh));
    TL_TRY(Text(table, "name_en", path, false, &ind->name_en));
    TL_TRY(Text(table, "metric", path, true, &ind->metric));
    TL_TRY(CheckMetric(*table.get("metric"), Join(path, "metric"), ind->metric));
    auto weight = Required(table, "weight", path, "weight (the indicator's share of its section)");
    if (!weight.ok()) return weight.problem();
    auto w = Number(**weight, Join(path, "weight"));
    if (!w.ok()) return w.problem();
    if (*w <= 0) return Fail(**weight, Join(path, "weight"), "a weight must be above 0");
    ind->weight = *w;
    auto rule = Required(table, "rule", path, "rule (how the value becomes 0–100 points)");
    if (!rule.ok()) return rule.problem();
    auto r = ReadRule(**rule, Join(path, "rule"));
    if (!r.ok()) return r.problem();
    ind->rule = std::move(*r);
    if (const toml::node* v = table.get("scope")) {
      auto s = v->value_exact<std::string>();
      if (s && *s == "self") {
        ind->scope = Scope::kSelf;
      } else if (s && *s == "team") {
        ind->scope = Scope::kTeam;
      } else {
        return Fail(*v, Join(path, "scope"), "expected \"self\" or \"team\"");
      }
    }
    if (const toml::node* v = table.get("min_sample")) {
      auto n = v->value_exact<int64_t>();
      if (!n || *n < 0) return Fail(*v, Join(path, "min_sample"), "expected a whole number ≥ 0");
      ind->min_sample = *n;
    }
    if (const toml::node* v = table.get("missing")) {
      std::string p = Join(path, "missing");
      if (auto s = v->value_exact<std::string>()) {
        if (*s == "exclude") {
          ind->missing.kind = MissingPolicy::Kind::kExclude;
        } else if (*s == "zero") {
          ind->missing.kind = MissingPolicy::Kind::kZero;
        } else {
          return Fail(*v, p, "expected \"exclude\", \"zero\" or a number of points");
        }
      } else {
        auto points = TomlExactDecimal(*v);
        if (!points) return Fail(*v, p, "expected \"exclude\", \"zero\" or a number of points");
        if (*points < 0 || *points > kHundred) {
          return Fail(*v, p, "expected points from 0 to 100");
        }
        ind->missing.kind = MissingPolicy::Kind::kFixed;
        ind->missing.points = *points;
      }
    }
    return Status::Ok();
  }

  Result<Rule> ReadRule(const toml::node& node, const std::string& path) const {
    const toml::table* t = Table(node);
    if (!t) {
      return Fail(node, path,
                  "expected a rule table, e.g. { type = \"linear\", best = 15, "
                  "worst = 90 }");
    }
    std::string type;
    TL_TRY(Text(*t, "type", path, true, &type));
    if (type == "linear") {
      TL_TRY(Allowed(*t, path, {"type", "best", "worst"}));
      auto best = Required(*t, "best", path, "best (the value that earns 100)");
      if (!best.ok()) return best.problem();
      auto worst = Required(*t, "worst", path, "worst (the value that earns 0)");
      if (!worst.ok()) return worst.problem();
      LinearRule r;
      auto b = Number(**best, Join(path, "best"));
      if (!b.ok()) return b.problem();
      auto w = Number(**worst, Join(path, "worst"));
      if (!w.ok()) return w.problem();
      r.best = *b;
      r.worst = *w;
      if (r.best == r.worst) {
        return Fail(**worst, Join(path, "worst"),
                    fmt::format("best and worst are both {}: a linear rule needs two different "
                                "values",
                                FormatMicros(r.best)));
      }
      return Rule(r);
    }
    if (type == "tiers") {
      TL_TRY(Allowed(*t, path, {"type", "tiers", "below", "better"}));
      return ReadTiers(*t, path);
    }
    if (type == "target") {
      TL_TRY(Allowed(*t, path, {"type", "target", "cap"}));
      auto target = Required(*t, "target", path, "target (the value that earns 100)");
      if (!target.ok()) return target.problem();
      TargetRule r;
      auto v = Number(**target, Join(path, "target"));
      if (!v.ok()) return v.problem();
      if (*v <= 0) return Fail(**target, Join(path, "target"), "a target must be above 0");
      r.target = *v;
      if (const toml::node* cap = t->get("cap")) {
        auto c = Number(*cap, Join(path, "cap"));
        if (!c.ok()) return c.problem();
        if (*c <= 0) return Fail(*cap, Join(path, "cap"), "a cap must be above 0");
        r.cap = *c;
      }
      return Rule(r);
    }
    if (type == "deduct") {
      TL_TRY(Allowed(*t, path, {"type", "per"}));
      auto per = Required(*t, "per", path, "per (points taken per occurrence)");
      if (!per.ok()) return per.problem();
      auto v = Number(**per, Join(path, "per"));
      if (!v.ok()) return v.problem();
      if (*v < 0) {
        return Fail(**per, Join(path, "per"), "points taken per occurrence cannot be negative");
      }
      return Rule(DeductRule{*v});
    }
    if (type == "rating") {
      TL_TRY(Allowed(*t, path, {"type"}));
      return Rule(RatingRule{});
    }
    return Fail(*t->get("type"), Join(path, "type"),
                fmt::format("unknown rule type '{}' (allowed: linear, tiers, target, deduct, "
                            "rating)",
                            type));
  }

  Result<Rule> ReadTiers(const toml::table& t, const std::string& path) const {
    auto node = Required(t, "tiers", path, "tiers, e.g. [ { at = 0.6, points = 100 } ]");
    if (!node.ok()) return node.problem();
    std::string list_path = Join(path, "tiers");
    auto list = ArrayOfTables(**node, list_path, "a list of { at = …, points = … }");
    if (!list.ok()) return list.problem();
    TiersRule r;
    std::vector<const toml::table*> tables;
    for (size_t i = 0; i < (*list)->size(); ++i) {
      const toml::table& tier = *(**list)[i].as_table();
      std::string p = At(list_path, i);
      TL_TRY(Allowed(tier, p, {"at", "points"}));
      auto at = Required(tier, "at", p, "at (the threshold)");
      if (!at.ok()) return at.problem();
      auto points = Required(tier, "points", p, "points");
      if (!points.ok()) return points.problem();
      Tier x;
      auto a = Number(**at, Join(p, "at"));
      if (!a.ok()) return a.problem();
      auto pts = Points(**points, Join(p, "points"));
      if (!pts.ok()) return pts.problem();
      x.threshold = *a;
      x.points = *pts;
      r.tiers.push_back(x);
      tables.push_back(&tier);
    }
    // The direction is the order of the thresholds: descending, higher is better.
    std::optional<bool> declared;
    if (const toml::node* b = t.get("better")) {
      auto s = b->value_exact<std::string>();
      if (!s || (*s != "higher" && *s != "lower")) {
        return Fail(*b, Join(path, "better"), "expected \"higher\" or \"lower\"");
      }
      declared = *s == "higher";
    }
    if (r.tiers.size() >= 2) {
      r.higher_is_better = r.tiers[1].threshold < r.tiers[0].threshold;
      if (declared && *declared != r.higher_is_better) {
        return Fail(
            *t.get("better"), Join(path, "better"),
            fmt::format("the thresholds go {} (so {} is better), which contradicts "
                        "better = \"{}\"",
                        r.higher_is_better ? "down" : "up", r.higher_is_better ? "higher" : "lower",
                        *declared ? "higher" : "lower"));
      }
    } else {
      r.higher_is_better = declared.value_or(true);
    }
    for (size_t i = 1; i < r.tiers.size(); ++i) {
      const Micros prev = r.tiers[i - 1].threshold;
      const Micros cur = r.tiers[i].threshold;
      std::string p = At(list_path, i);
      if (r.higher_is_better ? !(cur < prev) : !(cur > prev)) {
        return Fail(
            *tables[i]->get("at"), Join(p, "at"),
            fmt::format("tier thresholds must go strictly {} from the best tier "
                        "(the first two set the direction): {} after {}",
                        r.higher_is_better ? "down" : "up", FormatMicros(cur), FormatMicros(prev)));
      }
      if (r.tiers[i].points > r.tiers[i - 1].points) {
        return Fail(
            *tables[i]->get("points"), Join(p, "points"),
            fmt::format("a worse tier cannot earn more points: {} after {}",
                        FormatMicros(r.tiers[i].points), FormatMicros(r.tiers[i - 1].points)));
      }
    }
    if (const toml::node* below = t.get("below")) {
      auto b = Points(*below, Join(path, "below"));
      if (!b.ok()) return b.problem();
      r.below = *b;
      if (r.below > r.tiers.back().points) {
        return Fail(*below, Join(path, "below"),
                    fmt::format("below ({}) cannot earn more than the last tier ({})",
                                FormatMicros(r.below), FormatMicros(r.tiers.back().points)));
      }
    }
    return Rule(std::move(r));
  }

  Status ReadAdjustments(std::string_view key, std::vector<Adjustment>* out) {
    const toml::node* node = root_.get(key);
    if (!node) return Status::Ok();
    std::string path(key);
    auto list = ArrayOfTables(*node, path, fmt::format("[[{}]] items", key));
    if (!list.ok()) return list.problem();
    for (size_t i = 0; i < (*list)->size(); ++i) {
      const toml::table& table = *(**list)[i].as_table();
      std::string p = At(path, i);
      TL_TRY(Allowed(table, p, {"id", "name_zh", "name_en", "metric", "points", "cap"}));
      Adjustment a;
      TL_TRY(Text(table, "id", p, true, &a.id));
      TL_TRY(UniqueId(*table.get("id"), Join(p, "id"), a.id));
      TL_TRY(Text(table, "name_zh", p, false, &a.name_zh));
      TL_TRY(Text(table, "name_en", p, false, &a.name_en));
      TL_TRY(Text(table, "metric", p, true, &a.metric));
      TL_TRY(CheckMetric(*table.get("metric"), Join(p, "metric"), a.metric));
      auto points = Required(table, "points", p, "points (per occurrence)");
      if (!points.ok()) return points.problem();
      auto v = Number(**points, Join(p, "points"));
      if (!v.ok()) return v.problem();
      if (*v <= 0) {
        return Fail(**points, Join(p, "points"),
                    "points per occurrence must be above 0 (whether they are added or taken "
                    "is said by [[bonus]] or [[penalties]])");
      }
      a.points_per = *v;
      auto cap = Required(table, "cap", p, "cap (the most points this item adds or takes)");
      if (!cap.ok()) return cap.problem();
      auto c = Number(**cap, Join(p, "cap"));
      if (!c.ok()) return c.problem();
      if (*c <= 0) return Fail(**cap, Join(p, "cap"), "a cap must be above 0");
      a.cap = *c;
      out->push_back(std::move(a));
    }
    return Status::Ok();
  }

  Status ReadGrades(Template* t) {
    auto node = Required(root_, "grades", "", "grades ([[grades]] bands, best first)");
    if (!node.ok()) return node.problem();
    auto list = ArrayOfTables(**node, "grades", "[[grades]] bands");
    if (!list.ok()) return list.problem();
    for (size_t i = 0; i < (*list)->size(); ++i) {
      const toml::table& table = *(**list)[i].as_table();
      std::string p = At("grades", i);
      TL_TRY(Allowed(table, p, {"grade", "min", "coefficient"}));
      GradeBand band;
      TL_TRY(Text(table, "grade", p, true, &band.grade));
      for (const GradeBand& other : t->grades) {
        if (other.grade == band.grade) {
          return Fail(*table.get("grade"), Join(p, "grade"),
                      fmt::format("the grade '{}' is listed twice", band.grade));
        }
      }
      auto min = Required(table, "min", p, "min (the lowest total of the band)");
      if (!min.ok()) return min.problem();
      auto m = Number(**min, Join(p, "min"));
      if (!m.ok()) return m.problem();
      if (*m < 0) return Fail(**min, Join(p, "min"), "a band's min cannot be negative");
      if (*m % 10'000 != 0) {
        return Fail(**min, Join(p, "min"),
                    "totals are rounded to 2 decimals: give min with at most 2 decimals");
      }
      band.min_total = *m;
      if (t->grades.empty() && band.min_total > t->max_total) {
        return Fail(**min, Join(p, "min"),
                    fmt::format("no total reaches {}: totals are capped at max_total {}",
                                FormatMicros(band.min_total), FormatMicros(t->max_total)));
      }
      if (!t->grades.empty() && band.min_total >= t->grades.back().min_total) {
        return Fail(
            **min, Join(p, "min"),
            fmt::format("bands are listed best first, each min strictly below the one "
                        "before: {} is not below {} (the bands would overlap)",
                        FormatMicros(band.min_total), FormatMicros(t->grades.back().min_total)));
      }
      auto coefficient = Required(table, "coefficient", p, "coefficient (绩效系数)");
      if (!coefficient.ok()) return coefficient.problem();
      auto c = Number(**coefficient, Join(p, "coefficient"));
      if (!c.ok()) return c.problem();
      if (*c < 0) return Fail(**coefficient, Join(p, "coefficient"), "cannot be negative");
      band.coefficient = *c;
      t->grades.push_back(std::move(band));
    }
    if (t->grades.back().min_total != 0) {
      const toml::table& last = *(**list)[(*list)->size() - 1].as_table();
      return Fail(*last.get("min"), Join(At("grades", (*list)->size() - 1), "min"),
                  fmt::format("totals below {} would have no grade: the last band's min must "
                              "be 0",
                              FormatMicros(t->grades.back().min_total)));
    }
    return Status::Ok();
  }

  bool IsGrade(const Template& t, const std::string& grade) const {
    return std::any_of(t.grades.begin(), t.grades.end(),
                       [&](const GradeBand& b) { return b.grade == grade; });
  }

  std::vector<std::string> GradeNames(const Template& t) const {
    std::vector<std::string> names;
    for (const GradeBand& b : t.grades) names.push_back(b.grade);
    return names;
  }

  Status ReadVetoes(Template* t) {
    const toml::node* node = root_.get("veto");
    if (!node) return Status::Ok();
    auto list = ArrayOfTables(*node, "veto", "[[veto]] items");
    if (!list.ok()) return list.problem();
    for (size_t i = 0; i < (*list)->size(); ++i) {
      const toml::table& table = *(**list)[i].as_table();
      std::string p = At("veto", i);
      TL_TRY(Allowed(table, p, {"condition", "reason_zh", "reason_en", "grade"}));
      Veto v;
      TL_TRY(Text(table, "condition", p, true, &v.condition_text));
      const toml::node& cond_node = *table.get("condition");
      auto cond = ParseVetoCondition(v.condition_text);
      if (!cond.ok()) {
        return Fail(cond_node, Join(p, "condition"),
                    fmt::format("'{}': {}", v.condition_text, cond.problem().reason));
      }
      TL_TRY(CheckMetric(cond_node, Join(p, "condition"), cond->metric));
      v.metric = cond->metric;
      v.op = cond->op;
      v.value = cond->value;
      TL_TRY(Text(table, "reason_zh", p, false, &v.reason_zh));
      TL_TRY(Text(table, "reason_en", p, false, &v.reason_en));
      if (v.reason_zh.empty() && v.reason_en.empty()) {
        return Fail(table, Join(p, "reason_zh"),
                    "a veto needs its reason (reason_zh and/or reason_en), shown on the "
                    "scorecard");
      }
      if (const toml::node* g = table.get("grade")) {
        std::string grade;
        TL_TRY(Text(table, "grade", p, false, &grade));
        if (!IsGrade(*t, grade)) {
          return Fail(*g, Join(p, "grade"),
                      fmt::format("'{}' is not a grade of this template (grades: {})", grade,
                                  JoinNames(GradeNames(*t), ", ")));
        }
        v.grade = grade;
      }
      t->vetoes.push_back(std::move(v));
    }
    return Status::Ok();
  }

  struct LimitSource {
    const toml::table* table = nullptr;
    std::string path;
  };

  Status ReadLimits(const toml::table& dist, std::string_view key, const Template& t,
                    std::vector<DistributionLimit>* out, std::vector<LimitSource>* sources) {
    const toml::node* node = dist.get(key);
    if (!node) return Status::Ok();
    std::string path = Join("distribution", key);
    auto list = ArrayOfTables(*node, path, "a list of { grades = [\"S\"], share = 0.10 }");
    if (!list.ok()) return list.problem();
    if ((*list)->size() > kMaxLimits) {
      return Fail(*node, path, fmt::format("at most {} items", kMaxLimits));
    }
    for (size_t i = 0; i < (*list)->size(); ++i) {
      const toml::table& table = *(**list)[i].as_table();
      std::string p = At(path, i);
      TL_TRY(Allowed(table, p, {"grades", "share"}));
      DistributionLimit limit;
      auto grades = Required(table, "grades", p, "grades (a list, e.g. [\"S\", \"A\"])");
      if (!grades.ok()) return grades.problem();
      const toml::array* names = (*grades)->as_array();
      if (!names || names->empty()) {
        return Fail(**grades, Join(p, "grades"), "expected a list of grades, e.g. [\"S\", \"A\"]");
      }
      for (size_t j = 0; j < names->size(); ++j) {
        std::string gp = At(Join(p, "grades"), j);
        auto s = (*names)[j].value_exact<std::string>();
        if (!s || !IsGrade(t, *s)) {
          return Fail((*names)[j], gp,
                      fmt::format("not a grade of this template (grades: {})",
                                  JoinNames(GradeNames(t), ", ")));
        }
        if (std::find(limit.grades.begin(), limit.grades.end(), *s) != limit.grades.end()) {
          return Fail((*names)[j], gp, fmt::format("the grade '{}' is listed twice", *s));
        }
        limit.grades.push_back(*s);
      }
      auto share = Required(table, "share", p, "share (of the group, 0–1, e.g. 0.10)");
      if (!share.ok()) return share.problem();
      auto v = Number(**share, Join(p, "share"));
      if (!v.ok()) return v.problem();
      if (*v < 0 || *v > kMicrosPerUnit) {
        return Fail(**share, Join(p, "share"),
                    "a share is a part of the group from 0 to 1 (0.10 for 10 %)");
      }
      limit.share = *v;
      out->push_back(std::move(limit));
      sources->push_back({&table, p});
    }
    return Status::Ok();
  }

  static bool Contains(const std::vector<std::string>& outer,
                       const std::vector<std::string>& inner) {
    return std::all_of(inner.begin(), inner.end(), [&](const std::string& g) {
      return std::find(outer.begin(), outer.end(), g) != outer.end();
    });
  }

  static bool Disjoint(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    return std::none_of(a.begin(), a.end(), [&](const std::string& g) {
      return std::find(b.begin(), b.end(), g) != b.end();
    });
  }

  // A set of limits chosen together, and the share they add up to.
  struct LimitSet {
    Micros share = 0;
    std::vector<size_t> members;  // indices, ascending
  };

  // "A (0.3) and B (0.3)"
  static std::string Describe(const std::vector<DistributionLimit>& limits, const LimitSet& set) {
    std::string out;
    for (size_t i : set.members) {
      if (!out.empty()) out += " and ";
      out +=
          fmt::format("{} ({})", JoinNames(limits[i].grades, "+"), FormatMicros(limits[i].share));
    }
    return out;
  }

  // Among the floors whose grades lie inside `within`, the pairwise-disjoint subset asking for
  // the largest share (nested floors do not add up); none when no floor lies inside.
  static std::optional<LimitSet> LargestDisjointFloors(const std::vector<DistributionLimit>& floors,
                                                       const std::vector<std::string>& within) {
    std::vector<size_t> inside;
    for (size_t i = 0; i < floors.size(); ++i) {
      if (Contains(within, floors[i].grades)) inside.push_back(i);
    }
    std::optional<LimitSet> best;
    for (uint32_t mask = 1; mask < (1u << inside.size()); ++mask) {
      LimitSet set;
      bool disjoint = true;
      for (size_t a = 0; a < inside.size() && disjoint; ++a) {
        if (!(mask & (1u << a))) continue;
        for (size_t m : set.members) {
          if (!Disjoint(floors[m].grades, floors[inside[a]].grades)) disjoint = false;
        }
        set.share += floors[inside[a]].share;
        set.members.push_back(inside[a]);
      }
      if (disjoint && (!best || set.share > best->share)) best = std::move(set);
    }
    return best;
  }

  // The caps that together cover every grade and allow the smallest share in all (every agent
  // has a grade, so that share must reach the whole group); none when the caps never cover
  // every grade.
  static std::optional<LimitSet> SmallestCapCover(const std::vector<DistributionLimit>& caps,
                                                  const std::vector<std::string>& grades) {
    std::optional<LimitSet> best;
    for (uint32_t mask = 1; mask < (1u << caps.size()); ++mask) {
      std::set<std::string> covered;
      LimitSet set;
      for (size_t i = 0; i < caps.size(); ++i) {
        if (!(mask & (1u << i))) continue;
        covered.insert(caps[i].grades.begin(), caps[i].grades.end());
        set.share += caps[i].share;
        set.members.push_back(i);
      }
      if (covered.size() == grades.size() && (!best || set.share < best->share)) {
        best = std::move(set);
      }
    }
    return best;
  }

  Status ReadDistribution(Template* t) {
    const toml::node* node = root_.get("distribution");
    if (!node) return Status::Ok();
    const toml::table* table = Table(*node);
    if (!table) return Fail(*node, "distribution", "expected a [distribution] table");
    TL_TRY(Allowed(*table, "distribution", {"min_group", "split_by_team", "caps", "floors"}));
    Distribution d;
    if (const toml::node* v = table->get("min_group")) {
      auto n = v->value_exact<int64_t>();
      if (!n || *n < 1 || *n > INT32_MAX) {
        return Fail(*v, "distribution.min_group", "expected a whole number of agents ≥ 1");
      }
      d.min_group = static_cast<int>(*n);
    }
    if (const toml::node* v = table->get("split_by_team")) {
      auto b = v->value_exact<bool>();
      if (!b) return Fail(*v, "distribution.split_by_team", "expected true or false");
      d.split_by_team = *b;
    }
    std::vector<LimitSource> cap_sources, floor_sources;
    TL_TRY(ReadLimits(*table, "caps", *t, &d.caps, &cap_sources));
    TL_TRY(ReadLimits(*table, "floors", *t, &d.floors, &floor_sources));
    // Floors inside a cap's grades cannot ask for more than the cap allows …
    for (size_t c = 0; c < d.caps.size(); ++c) {
      std::optional<LimitSet> need = LargestDisjointFloors(d.floors, d.caps[c].grades);
      if (need && need->share > d.caps[c].share) {
        const LimitSource& last = floor_sources[need->members.back()];
        return Fail(*last.table->get("share"), Join(last.path, "share"),
                    fmt::format("{} {} ask{} for at least {} of the group, but {} allows "
                                "at most {} on {}: the distribution cannot be met",
                                need->members.size() == 1 ? "the floor" : "the floors",
                                Describe(d.floors, *need), need->members.size() == 1 ? "s" : "",
                                FormatMicros(need->share), cap_sources[c].path,
                                FormatMicros(d.caps[c].share), JoinNames(d.caps[c].grades, "+")));
      }
    }
    // … and all floors together cannot ask for more than the whole group.
    std::optional<LimitSet> need = LargestDisjointFloors(d.floors, GradeNames(*t));
    if (need && need->share > kMicrosPerUnit) {
      return Fail(*table->get("floors"), "distribution.floors",
                  fmt::format("the floors {} ask for {} of the group, more than all of it: the "
                              "distribution cannot be met",
                              Describe(d.floors, *need), FormatMicros(need->share)));
    }
    // Caps that cover every grade between them must leave room for everyone.
    std::optional<LimitSet> room = SmallestCapCover(d.caps, GradeNames(*t));
    if (room && room->share < kMicrosPerUnit) {
      const LimitSource& last = cap_sources[room->members.back()];
      return Fail(*last.table->get("share"), Join(last.path, "share"),
                  fmt::format("the caps {} cover every grade but allow only {} of the group in "
                              "all (every agent has a grade): the distribution cannot be met",
                              Describe(d.caps, *room), FormatMicros(room->share)));
    }
    t->distribution = std::move(d);
    return Status::Ok();
  }

  Result<Cents> Money(const toml::node& node, const std::string& path) const {
    if (auto s = node.value_exact<std::string>()) {
      auto c = ParseMoney(*s);
      if (!c.ok()) return Fail(node, path, c.problem().reason);
      return *c;
    }
    std::optional<Micros> v = TomlExactDecimal(node);
    if (!v || *v % 10'000 != 0) {
      return Fail(node, path, "expected an amount in yuan with at most 2 decimals");
    }
    return *v / 10'000;
  }

  Status ReadPay(Template* t) {
    const toml::node* node = root_.get("pay");
    if (!node) return Status::Ok();
    const toml::table* table = Table(*node);
    if (!table) return Fail(*node, "pay", "expected a [pay] table");
    TL_TRY(Allowed(*table, "pay", {"mode", "prorate", "commission"}));
    if (const toml::node* v = table->get("mode")) {
      auto s = v->value_exact<std::string>();
      if (s && *s == "coefficient") {
        t->pay.mode = Pay::Mode::kCoefficient;
      } else if (s && *s == "score") {
        t->pay.mode = Pay::Mode::kScore;
      } else {
        return Fail(*v, "pay.mode", "expected \"coefficient\" or \"score\"");
      }
    }
    if (const toml::node* v = table->get("prorate")) {
      auto b = v->value_exact<bool>();
      if (!b) return Fail(*v, "pay.prorate", "expected true or false");
      t->pay.prorate = *b;
    }
    const toml::node* commission = table->get("commission");
    if (!commission) return Status::Ok();
    auto list = ArrayOfTables(*commission, "pay.commission",
                              "a list of { up_to = 100000.00, rate = 0.005 }, the last without "
                              "up_to");
    if (!list.ok()) return list.problem();
    for (size_t i = 0; i < (*list)->size(); ++i) {
      const toml::table& tier_table = *(**list)[i].as_table();
      std::string p = At("pay.commission", i);
      const bool last = i + 1 == (*list)->size();
      TL_TRY(Allowed(tier_table, p, {"up_to", "rate"}));
      CommissionTier tier;
      const toml::node* up_to = tier_table.get("up_to");
      if (!up_to && !last) {
        return Fail(tier_table, Join(p, "up_to"),
                    "only the last tier may leave out up_to (it covers the rest of the sales)");
      }
      if (up_to && last) {
        return Fail(*up_to, Join(p, "up_to"),
                    "the last tier covers the rest of the sales: leave out its up_to");
      }
      if (up_to) {
        auto c = Money(*up_to, Join(p, "up_to"));
        if (!c.ok()) return c.problem();
        if (*c <= 0) return Fail(*up_to, Join(p, "up_to"), "up_to must be above 0");
        if (!t->pay.commission.empty() && *c <= *t->pay.commission.back().up_to) {
          return Fail(*up_to, Join(p, "up_to"),
                      fmt::format("up_to must increase from tier to tier: {} after {}",
                                  FormatCents(*c), FormatCents(*t->pay.commission.back().up_to)));
        }
        tier.up_to = *c;
      }
      auto rate = Required(tier_table, "rate", p, "rate (e.g. 0.005 for 0.5 %)");
      if (!rate.ok()) return rate.problem();
      auto r = Number(**rate, Join(p, "rate"));
      if (!r.ok()) return r.problem();
      if (*r < 0 || *r > kMicrosPerUnit) {
        return Fail(**rate, Join(p, "rate"), "a rate is from 0 to 1 (0.005 for 0.5 %)");
      }
      tier.rate = *r;
      t->pay.commission.push_back(tier);
    }
    return Status::Ok();
  }

  std::string file_;
  const toml::table& root_;
  std::set<std::string> known_metrics_;
  std::set<std::string> ids_;
};

#undef TL_TRY

}  // namespace

std::optional<std::string> CanonicalPosition(std::string_view word) {
  std::string_view w = Trim(word);
  const KindSpec& agents = SpecOf(Kind::kAgents);
  const int column = ColumnIndex(agents, "position");
  if (column < 0) return std::nullopt;
  for (const EnumWord& e : agents.columns[static_cast<size_t>(column)].words) {
    if (EqualsIgnoreCaseAscii(w, e.canonical)) return std::string(e.canonical);
    for (std::string_view alias : e.aliases) {
      if (EqualsIgnoreCaseAscii(w, alias)) return std::string(e.canonical);
    }
  }
  return std::nullopt;
}

const char* ComparisonText(Comparison op) {
  switch (op) {
    case Comparison::kGreater:
      return ">";
    case Comparison::kGreaterEqual:
      return ">=";
    case Comparison::kLess:
      return "<";
    case Comparison::kLessEqual:
      return "<=";
    case Comparison::kEqual:
      return "==";
    case Comparison::kNotEqual:
      return "!=";
  }
  return "?";
}

Result<VetoCondition> ParseVetoCondition(std::string_view text) {
  constexpr std::string_view kOperatorChars = "<>=!";
  const std::string_view s = Trim(text);
  const size_t start = s.find_first_of(kOperatorChars);
  if (start == std::string_view::npos) {
    return MakeProblem(
        "no operator: write `metric operator number`, e.g. complaints_critical > 0 "
        "(operators: > >= < <= == !=)");
  }
  size_t end = s.find_first_not_of(kOperatorChars, start);
  if (end == std::string_view::npos) end = s.size();
  VetoCondition c;
  c.metric = std::string(Trim(s.substr(0, start)));
  if (c.metric.empty()) return MakeProblem("no metric name on the left of the operator");
  const std::string_view op = s.substr(start, end - start);
  static constexpr std::pair<std::string_view, Comparison> kOps[] = {
      {">", Comparison::kGreater}, {">=", Comparison::kGreaterEqual},
      {"<", Comparison::kLess},    {"<=", Comparison::kLessEqual},
      {"==", Comparison::kEqual},  {"!=", Comparison::kNotEqual}};
  bool found = false;
  for (const auto& [word, value] : kOps) {
    if (op == word) {
      c.op = value;
      found = true;
    }
  }
  if (!found) {
    return MakeProblem(
        fmt::format("'{}' is not an operator (operators: > >= < <= == !=)", std::string(op)));
  }
  const std::string_view number = Trim(s.substr(end));
  auto value = ParseDecimal(number);
  if (number.empty() || !value.ok()) {
    return MakeProblem(fmt::format("expected a number on the right of {}, not '{}'",
                                   std::string(op), std::string(number)));
  }
  c.value = *value;
  return c;
}

Result<Template> ParseTemplate(std::string_view text, const std::string& file_name) {
  auto root = ParseToml(text, file_name);
  if (!root.ok()) return root.problem();
  return TemplateReader(file_name, *root).Read();
}

Result<Template> LoadTemplateFile(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.problem();
  return ParseTemplate(*text, path);
}

Result<std::vector<Template>> LoadTemplateFiles(const std::vector<std::string>& paths) {
  std::vector<Template> templates;
  for (const std::string& path : paths) {
    auto t = LoadTemplateFile(path);
    if (!t.ok()) return t.problem();
    templates.push_back(std::move(*t));
  }
  return templates;
}

}  // namespace csperf::scoring
