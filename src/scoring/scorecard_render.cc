#include "scoring/scorecard_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "io/csv_writer.h"

namespace csperf::scoring {
namespace {

std::string Opt(const std::optional<Rational>& r, int decimals) {
  return r ? r->ToString(decimals) : std::string();
}

std::string Money(Cents c) { return FormatCents(c); }

std::string Flags(const IndicatorScore& i) {
  std::string f;
  auto add = [&](const char* s) { f += (f.empty() ? "" : ";") + std::string(s); };
  if (i.missing) add("missing");
  if (i.insufficient_sample) add("insufficient_sample");
  if (i.status != IndicatorStatus::kScored) add(IndicatorStatusName(i.status));
  return f;
}

}  // namespace

std::string RenderScorecardsCsv(const std::vector<Scorecard>& cards,
                                const std::vector<Template>& templates) {
  // One points_<id> column per indicator of every template, in template order.
  std::vector<std::string> indicator_ids;
  for (const Template& t : templates) {
    for (const Section& s : t.sections) {
      for (const Indicator& i : s.indicators) {
        if (std::find(indicator_ids.begin(), indicator_ids.end(), i.id) == indicator_ids.end()) {
          indicator_ids.push_back(i.id);
        }
      }
    }
  }
  std::vector<std::string> header = {"agent_id",
                                     "name",
                                     "template",
                                     "total",
                                     "grade",
                                     "rank",
                                     "coefficient",
                                     "bonus_points",
                                     "penalty_points",
                                     "veto",
                                     "moved_by_distribution",
                                     "base_bonus",
                                     "bonus_amount",
                                     "commission",
                                     "pay_total"};
  for (const std::string& id : indicator_ids) header.push_back("points_" + id);
  std::string out = CsvLine(header) + "\n";
  for (const Scorecard& c : cards) {
    std::string veto;
    for (const VetoHit& v : c.vetoes) veto += (veto.empty() ? "" : "; ") + v.condition_text;
    std::vector<std::string> row = {c.agent_id,
                                    c.name,
                                    c.template_id,
                                    Opt(c.total, 2),
                                    c.grade,
                                    c.rank > 0 ? std::to_string(c.rank) : "",
                                    c.grade.empty() ? "" : FormatMicros(c.coefficient),
                                    c.bonus_points.ToString(2),
                                    c.penalty_points.ToString(2),
                                    veto,
                                    c.moved_by_distribution ? "yes" : "no",
                                    c.base_bonus ? Money(*c.base_bonus) : "",
                                    Money(c.bonus_amount),
                                    Money(c.commission),
                                    Money(c.pay_total)};
    for (const std::string& id : indicator_ids) {
      std::string points;
      for (const SectionScore& s : c.sections) {
        for (const IndicatorScore& i : s.indicators) {
          if (i.id == id) points = i.excluded() ? "" : i.points.ToString(2);
        }
      }
      row.push_back(points);
    }
    out += CsvLine(row) + "\n";
  }
  return out;
}

std::string RenderScorecardsJson(const std::vector<Scorecard>& cards) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const Scorecard& c : cards) {
    nlohmann::ordered_json j;
    j["agent_id"] = c.agent_id;
    j["name"] = c.name;
    j["template"] = c.template_id;
    j["template_version"] = c.template_version;
    nlohmann::ordered_json sections = nlohmann::ordered_json::array();
    for (const SectionScore& s : c.sections) {
      nlohmann::ordered_json js;
      js["id"] = s.id;
      js["name_zh"] = s.name_zh;
      js["name_en"] = s.name_en;
      js["weight"] = FormatMicros(s.weight);
      js["effective_weight"] = s.effective_weight.ToString(3);
      js["score"] = s.score ? nlohmann::ordered_json(s.score->ToString(3)) : nullptr;
      js["excluded"] = s.excluded;
      nlohmann::ordered_json indicators = nlohmann::ordered_json::array();
      for (const IndicatorScore& i : s.indicators) {
        nlohmann::ordered_json ji;
        ji["id"] = i.id;
        ji["name_zh"] = i.name_zh;
        ji["name_en"] = i.name_en;
        ji["metric"] = i.metric;
        ji["scope"] = i.scope == Scope::kTeam ? "team" : "self";
        ji["value"] = i.missing ? nullptr : nlohmann::ordered_json(i.rule_value.ToString(6));
        ji["sample"] = i.sample;
        ji["rule"] = i.rule_text;
        ji["points"] = i.points.ToString(3);
        ji["weight"] = FormatMicros(i.weight);
        ji["effective_weight"] = i.effective_weight.ToString(3);
        ji["weighted_points"] = i.weighted_points.ToString(3);
        ji["flags"] = Flags(i);
        indicators.push_back(ji);
      }
      js["indicators"] = indicators;
      sections.push_back(js);
    }
    j["sections"] = sections;
    j["bonus_points"] = c.bonus_points.ToString(2);
    j["penalty_points"] = c.penalty_points.ToString(2);
    j["total"] = c.total ? nlohmann::ordered_json(c.total->ToString(2)) : nullptr;
    nlohmann::ordered_json vetoes = nlohmann::ordered_json::array();
    for (const VetoHit& v : c.vetoes) {
      vetoes.push_back({{"condition", v.condition_text},
                        {"reason_zh", v.reason_zh},
                        {"reason_en", v.reason_en}});
    }
    j["vetoes"] = vetoes;
    j["grade"] = c.grade;
    j["earned_grade"] = c.earned_grade;
    j["moved_by_distribution"] = c.moved_by_distribution;
    j["rank"] = c.rank;
    j["coefficient"] = FormatMicros(c.coefficient);
    j["bonus_amount"] = Money(c.bonus_amount);
    j["commission"] = Money(c.commission);
    j["pay_total"] = Money(c.pay_total);
    all.push_back(j);
  }
  return all.dump(2) + "\n";
}

std::string RenderScorecardsText(const std::vector<Scorecard>& cards) {
  std::string out;
  for (const Scorecard& c : cards) {
    out +=
        fmt::format("== {} {} — {} (v{})\n", c.agent_id, c.name, c.template_id, c.template_version);
    for (const SectionScore& s : c.sections) {
      out += fmt::format("  [{} {} / {}] weight {} → {}{}\n", s.id, s.name_zh, s.name_en,
                         FormatMicros(s.weight), Opt(s.score, 2),
                         s.excluded ? " (excluded 排除)" : "");
      for (const IndicatorScore& i : s.indicators) {
        out += fmt::format(
            "    {:<24} {:<22} value {:>12} n={:<6} {:<28} points {:>7} × {:>7} = {:>7} {}\n", i.id,
            i.metric, i.missing ? "—" : i.rule_value.ToString(3), i.sample, i.rule_text,
            i.points.ToString(2), i.effective_weight.ToString(2), i.weighted_points.ToString(2),
            Flags(i));
      }
    }
    out += fmt::format("  bonus 加分 {}  penalty 扣分 {}\n", c.bonus_points.ToString(2),
                       c.penalty_points.ToString(2));
    for (const VetoHit& v : c.vetoes) {
      out += fmt::format("  veto 一票否决: {} — {} / {}\n", v.condition_text, v.reason_zh,
                         v.reason_en);
    }
    out += fmt::format("  total 总分 {}  grade 等级 {}{}  rank 排名 {}  coefficient 系数 {}\n",
                       c.total ? c.total->ToString(2) : "—", c.grade.empty() ? "—" : c.grade,
                       c.moved_by_distribution ? " (moved by distribution 强制分布调整)" : "",
                       c.rank > 0 ? std::to_string(c.rank) : "—",
                       c.grade.empty() ? "—" : FormatMicros(c.coefficient));
    out += fmt::format("  pay 薪酬: bonus {} + commission {} = {}\n\n", Money(c.bonus_amount),
                       Money(c.commission), Money(c.pay_total));
  }
  return out;
}

}  // namespace csperf::scoring
