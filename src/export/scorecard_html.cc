#include "export/scorecard_html.h"

#include <fmt/format.h>

#include <iterator>
#include <type_traits>
#include <variant>

#include "metrics/report.h"
#include "scoring/appraisal.h"

namespace csperf::exporting {
namespace {

using metrics::Format;
using scoring::Rational;

// ---- Numbers -----------------------------------------------------------------------------

// "-1234567.50" → "-1,234,567.50".
std::string GroupThousands(std::string_view number) {
  std::string sign;
  if (!number.empty() && number.front() == '-') {
    sign = "-";
    number.remove_prefix(1);
  }
  const size_t dot = number.find('.');
  const std::string_view whole = number.substr(0, dot);
  const std::string_view rest = dot == std::string_view::npos ? "" : number.substr(dot);
  std::string grouped;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
    grouped += whole[i];
  }
  return sign + grouped + std::string(rest);
}

// "1299.00" → "¥1,299.00"; "-5.00" → "-¥5.00".
std::string YuanText(std::string_view number) {
  std::string grouped = GroupThousands(number);
  if (!grouped.empty() && grouped.front() == '-') return "-¥" + grouped.substr(1);
  return "¥" + grouped;
}

// "100.00" → "100", "33.30" → "33.3".
std::string TrimZeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string Percent(const Rational& r) { return TrimZeros(r.ToString(2)) + "%"; }
std::string PercentMicros(Micros m) { return FormatMicros(m) + "%"; }

// Medians and averages of seconds alike (their format tells how many decimals).
bool PrintsSeconds(const std::string& metric) {
  return metrics::ColumnOf(metric).unit == metrics::Unit::kSeconds;
}

// A number of a rule or veto, written in the metric's column units, with the unit.
std::string RuleNumber(Micros v, const std::string& metric) {
  const Format f = metrics::FormatOfColumn(metric);
  if (f == Format::kRate) return FormatMicros(v * 100) + "%";
  if (f == Format::kMoney) return YuanText(FormatMicros(v));
  if (PrintsSeconds(metric)) return FormatMicros(v) + " 秒";
  if (f == Format::kHours) return FormatMicros(v) + " 小时";
  return FormatMicros(v);
}

// A points figure with its sign: "+1.00", "−0.50".
std::string Signed(const Rational& r, const char* sign) {
  return r.IsZero() ? r.ToString(2) : std::string(sign) + r.ToString(2);
}

// ---- Markup ------------------------------------------------------------------------------

// Chinese, then English in small type ("" English: the Chinese alone).
std::string Bi(std::string_view zh, std::string_view en, bool line_break = false) {
  std::string out = EscapeHtml(zh);
  if (!en.empty()) {
    out += line_break ? "<br>" : " ";
    out += "<span class=\"en\">" + EscapeHtml(en) + "</span>";
  }
  return out;
}

const char kStyle[] = R"(
@page { size: A4; margin: 9mm 11mm 9mm 11mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; font-size: 8pt; line-height: 1.2;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
    "Microsoft YaHei", "SimHei", sans-serif; }
@media screen { body { max-width: 188mm; margin: 8mm auto; } }
.en { font-size: 6pt; color: #555; font-weight: normal; }
h1 { font-size: 15pt; text-align: center; margin: 0; letter-spacing: 0.15em; }
.subtitle { text-align: center; margin: 0 0 2mm; font-size: 7.5pt; color: #555; }
h2 { font-size: 9pt; margin: 1.8mm 0 0.7mm; padding-left: 1.5mm; border-left: 2.5pt solid #333; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 0.5pt solid #888; padding: 0.4mm 1mm; vertical-align: top; text-align: left; }
th { background: #eee; font-weight: bold; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
.num { text-align: right; white-space: nowrap; }
table.info th { width: 17mm; white-space: nowrap; }
table.ind { table-layout: fixed; font-size: 7pt; }
table.ind .en, table.adj .en { font-size: 5.5pt; }
table.ind th { text-align: center; font-size: 7pt; }
tr.section td { background: #f4f4f4; font-weight: bold; }
tr.excluded td { color: #777; }
.note { color: #9a1c1c; }
table.adj { table-layout: fixed; font-size: 7pt; }
table.result th, table.result td { text-align: center; }
table.result td.big { font-size: 10.5pt; font-weight: bold; }
p.how { margin: 0.5mm 0 0; font-size: 7pt; color: #333; }
.verdict { margin: 0.8mm 0 0; font-weight: bold; }
.notes { margin: 1mm 0 0; padding-left: 5mm; font-size: 7pt; }
table.sign { margin-top: 5mm; font-size: 8.5pt; }
table.sign td { border: none; padding: 2.5mm 1mm 0; vertical-align: bottom; white-space: nowrap; }
table.sign td.line { width: 42mm; border-bottom: 0.6pt solid #000; }
table.sign td.date { width: 26mm; border-bottom: 0.6pt solid #000; }
.foot { margin-top: 3mm; font-size: 6pt; color: #666; }
)";

// The positions of the agents file (inputs.md) in Chinese, the word itself small beside it.
std::string PositionText(const std::string& position) {
  if (position == "presales") return Bi("售前", position);
  if (position == "aftersales") return Bi("售后", position);
  if (position == "supervisor") return Bi("主管", position);
  return position.empty() ? std::string("—") : EscapeHtml(position);
}

const scoring::Indicator* FindIndicator(const scoring::Template& t, const std::string& section,
                                        const std::string& indicator) {
  for (const scoring::Section& s : t.sections) {
    if (s.id != section) continue;
    for (const scoring::Indicator& i : s.indicators) {
      if (i.id == indicator) return &i;
    }
  }
  return nullptr;
}

// The evidence line (zh, then en), then what the flags mean.
std::string EvidenceCell(const EvidenceSummary* e, const std::string& note_zh,
                         const std::string& note_en) {
  std::string out;
  if (e) out = Bi(EvidenceTextZh(*e), EvidenceTextEn(*e), e->records > 0 || !e->available);
  if (!note_zh.empty()) {
    out += (out.empty() ? "" : "<br>") + std::string("<span class=\"note\">") +
           Bi(note_zh, note_en) + "</span>";
  }
  return out;
}

void RenderHeader(const ScorecardPage& p, std::string* out) {
  const scoring::Scorecard& c = p.card;
  auto it = std::back_inserter(*out);
  fmt::format_to(it,
                 "<h1>个人绩效考核表</h1>\n<p class=\"subtitle\">Individual performance "
                 "scorecard</p>\n<table class=\"info\">\n");
  fmt::format_to(it,
                 "<tr><th>{}</th><td id=\"agent-id\">{}</td><th>{}</th><td id=\"agent-name\">{}"
                 "</td><th>{}</th><td>{}</td></tr>\n",
                 Bi("工号", "ID"), EscapeHtml(c.agent_id), Bi("姓名", "Name"), EscapeHtml(c.name),
                 Bi("团队", "Team"), EscapeHtml(c.team_id));
  const std::string days = p.period.first == p.period.last
                               ? FormatDate(p.period.first)
                               : FormatDate(p.period.first) + " – " + FormatDate(p.period.last);
  fmt::format_to(it,
                 "<tr><th>{}</th><td>{}{}</td><th>{}</th><td>{}</td><th>{}</th><td id=\"period\">"
                 "{}</td></tr>\n",
                 Bi("岗位", "Position"), PositionText(p.position),
                 c.probation ? " " + Bi("（试用期）", "probation") : "", Bi("直属主管", "Manager"),
                 p.manager.empty() ? "—" : EscapeHtml(p.manager), Bi("考核周期", "Period"),
                 Bi(p.period.ToString(), days));
  fmt::format_to(it,
                 "<tr><th>{}</th><td colspan=\"5\" id=\"template\">{} · {} v{}</td></tr>\n"
                 "</table>\n",
                 Bi("考核模板", "Template"), Bi(p.tpl.name_zh, p.tpl.name_en), EscapeHtml(p.tpl.id),
                 p.tpl.version);
}

void RenderIndicators(const ScorecardPage& p, std::string* out) {
  const scoring::Scorecard& c = p.card;
  auto it = std::back_inserter(*out);
  fmt::format_to(it, "<h2>{}</h2>\n", Bi("考核指标", "Indicators"));
  fmt::format_to(
      it,
      "<table class=\"ind\">\n<colgroup><col style=\"width:27mm\"><col style=\"width:15mm\">"
      "<col style=\"width:8mm\"><col style=\"width:41mm\"><col style=\"width:11mm\">"
      "<col style=\"width:12mm\"><col style=\"width:13mm\"><col></colgroup>\n"
      "<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}"
      "</th><th>{}</th></tr></thead>\n<tbody>\n",
      Bi("指标", "Indicator", true), Bi("实际值", "Value", true), Bi("样本", "n", true),
      Bi("评分规则", "Rule", true), Bi("得分", "Points", true), Bi("权重", "Weight", true),
      Bi("加权得分", "Weighted", true), Bi("数据依据", "Evidence", true));
  for (size_t s = 0; s < c.sections.size(); ++s) {
    const scoring::SectionScore& sec = c.sections[s];
    std::string weight = PercentMicros(sec.weight);
    if (sec.effective_weight != Rational::FromMicros(sec.weight)) {
      weight += " → " + Percent(sec.effective_weight);
    }
    const std::string score =
        sec.score
            ? Bi(fmt::format("权重 {} · 本节得分 {} · 计入总分 {}", weight, sec.score->ToString(2),
                             sec.contribution.ToString(2)),
                 fmt::format("weight {} · section score {} · adds {} to the total", weight,
                             sec.score->ToString(2), sec.contribution.ToString(2)))
            : Bi(fmt::format("权重 {} · 本节无有效数据，不计分，其余各节按比例分摊权重", weight),
                 fmt::format("weight {} · no usable data: left out, the other sections "
                             "re-weighted",
                             weight));
    fmt::format_to(it, "<tr class=\"section\" id=\"sec-{}\"><td colspan=\"8\">{} · {}</td></tr>\n",
                   EscapeHtml(sec.id), Bi(sec.name_zh, sec.name_en), score);
    for (size_t i = 0; i < sec.indicators.size(); ++i) {
      const scoring::IndicatorScore& ind = sec.indicators[i];
      const scoring::Indicator* def = FindIndicator(p.tpl, sec.id, ind.id);
      const std::string rule_zh = def ? DescribeRuleZh(def->rule, ind.metric) : "";
      const bool team = ind.scope == scoring::Scope::kTeam;
      const std::string name =
          Bi(ind.name_zh + (team ? "（团队）" : ""), ind.name_en + (team ? " (team)" : ""), true);
      std::string w = PercentMicros(ind.weight);
      if (ind.effective_weight != Rational::FromMicros(ind.weight)) {
        w += "<br>→ " + Percent(ind.effective_weight);
      }
      const EvidenceSummary* e = nullptr;
      if (s < p.indicator_evidence.size() && i < p.indicator_evidence[s].size()) {
        e = &p.indicator_evidence[s][i];
      }
      const std::string rule =
          rule_zh.empty() ? EscapeHtml(ind.rule_text) : Bi(rule_zh, ind.rule_text, true);
      fmt::format_to(
          it,
          "<tr id=\"ind-{}\"{}><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
          "<td>{}</td></tr>\n",
          EscapeHtml(ind.id), ind.excluded() ? " class=\"excluded\"" : "", name,
          EscapeHtml(FormatMetricValue(ind.metric, ind.value)), ind.sample, rule,
          ind.excluded() ? "—" : ind.points.ToString(2), w,
          ind.excluded() ? "—" : ind.weighted_points.ToString(2),
          EvidenceCell(e, IndicatorNoteZh(ind), IndicatorNoteEn(ind)));
    }
  }
  fmt::format_to(it, "</tbody>\n</table>\n");
}

void RenderAdjustments(const std::vector<scoring::AdjustmentScore>& items,
                       const std::vector<EvidenceSummary>& evidence, const char* sign,
                       const char* kind_zh, const char* kind_en, const char* id_prefix,
                       std::string* out) {
  auto it = std::back_inserter(*out);
  for (size_t i = 0; i < items.size(); ++i) {
    const scoring::AdjustmentScore& a = items[i];
    const std::string rule = Bi(
        fmt::format("每 1 计 {} 分，上限 {} 分", FormatMicros(a.points_per), FormatMicros(a.cap)),
        fmt::format("{} per unit, cap {}", FormatMicros(a.points_per), FormatMicros(a.cap)), true);
    fmt::format_to(it,
                   "<tr id=\"{}-{}\"><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td>"
                   "<td class=\"num\">{}</td><td>{}</td></tr>\n",
                   id_prefix, EscapeHtml(a.id), Bi(kind_zh, kind_en),
                   Bi(a.name_zh, a.name_en, true), EscapeHtml(FormatMetricValue(a.metric, a.value)),
                   rule, Signed(a.points, sign),
                   EvidenceCell(i < evidence.size() ? &evidence[i] : nullptr,
                                a.capped ? "已达上限" : "", a.capped ? "capped" : ""));
  }
}

void RenderBonusAndVetoes(const ScorecardPage& p, std::string* out) {
  const scoring::Scorecard& c = p.card;
  auto it = std::back_inserter(*out);
  fmt::format_to(it, "<h2>{}</h2>\n", Bi("加分项与扣分项", "Bonus and penalty items"));
  if (c.bonuses.empty() && c.penalties.empty()) {
    fmt::format_to(it, "<p>{}</p>\n", Bi("本模板无加分项与扣分项", "none in this template"));
  } else {
    fmt::format_to(
        it,
        "<table class=\"adj\">\n<colgroup><col style=\"width:14mm\"><col style=\"width:30mm\">"
        "<col style=\"width:13mm\"><col style=\"width:36mm\"><col style=\"width:11mm\"><col>"
        "</colgroup>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}"
        "</th></tr></thead>\n<tbody>\n",
        Bi("类别", "Kind"), Bi("项目", "Item"), Bi("实际值", "Value"), Bi("规则", "Rule"),
        Bi("得分", "Points"), Bi("数据依据", "Evidence"));
    RenderAdjustments(c.bonuses, p.bonus_evidence, "+", "加分", "bonus", "bonus", out);
    RenderAdjustments(c.penalties, p.penalty_evidence, "−", "扣分", "penalty", "penalty", out);
    fmt::format_to(it, "</tbody>\n</table>\n");
  }

  fmt::format_to(it, "<h2>{}</h2>\n", Bi("一票否决", "Veto check"));
  if (!p.tpl.vetoes.empty()) {
    fmt::format_to(it,
                   "<table class=\"adj\">\n<colgroup><col style=\"width:44mm\"><col>"
                   "<col style=\"width:40mm\"><col style=\"width:40mm\"></colgroup>\n<thead><tr>"
                   "<th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                   Bi("条件", "Condition"), Bi("原因", "Reason"), Bi("后果", "Consequence"),
                   Bi("结果", "Result"));
    for (size_t v = 0; v < p.tpl.vetoes.size(); ++v) {
      const scoring::Veto& veto = p.tpl.vetoes[v];
      const scoring::VetoHit* hit = nullptr;
      for (const scoring::VetoHit& h : c.vetoes) {
        if (h.condition_text == veto.condition_text) hit = &h;
      }
      const std::string consequence = veto.grade
                                          ? Bi("等级最高为 " + *veto.grade, "grade " + *veto.grade)
                                          : Bi("总分归零", "total 0");
      const std::string value = hit ? TrimZeros(hit->value.ToString(6)) : "";
      const std::string result =
          hit ? "<span class=\"note\">" +
                    Bi("触发（实际值 " + value + "）", "triggered, value " + value) + "</span>"
              : Bi("未触发", "not triggered");
      fmt::format_to(it, "<tr id=\"veto-{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     v + 1, EscapeHtml(veto.condition_text), Bi(veto.reason_zh, veto.reason_en),
                     consequence, result);
    }
    fmt::format_to(it, "</tbody>\n</table>\n");
  }
  if (c.vetoes.empty()) {
    fmt::format_to(it, "<p class=\"verdict\" id=\"veto\">{}</p>\n",
                   Bi("一票否决：无", "veto: none"));
  } else {
    std::string reasons;
    for (const scoring::VetoHit& h : c.vetoes) {
      reasons += (reasons.empty() ? "" : "；") + h.reason_zh;
    }
    fmt::format_to(it, "<p class=\"verdict note\" id=\"veto\">{}</p>\n",
                   Bi("一票否决：已触发（" + reasons + "）", "veto: triggered"));
  }
}

void RenderResult(const ScorecardPage& p, std::string* out) {
  const scoring::Scorecard& c = p.card;
  auto it = std::back_inserter(*out);
  fmt::format_to(it, "<h2>{}</h2>\n", Bi("考核结果", "Result"));
  const std::string total = c.total ? c.total->ToString(2) : "—";
  const std::string rank =
      c.rank > 0 ? fmt::format("{} / {}", c.rank, p.group_size) : std::string("—");
  fmt::format_to(
      it,
      "<table class=\"result\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th></tr>\n<tr><td class=\"big\" id=\"weighted-total\">{}</td>"
      "<td class=\"big\" id=\"bonus-points\">{}</td><td class=\"big\" id=\"penalty-points\">{}</td>"
      "<td class=\"big\" id=\"total\">{}</td><td class=\"big\" id=\"grade\">{}</td>"
      "<td class=\"big\" id=\"coefficient\">{}</td><td class=\"big\" id=\"rank\">{}</td></tr>\n"
      "</table>\n",
      Bi("加权得分", "Weighted score"), Bi("加分", "Bonus"), Bi("扣分", "Penalty"),
      Bi("总分", "Total"), Bi("等级", "Grade"), Bi("绩效系数", "Coefficient"), Bi("排名", "Rank"),
      c.weighted_total ? c.weighted_total->ToString(2) : "—", Signed(c.bonus_points, "+"),
      Signed(c.penalty_points, "−"), total, c.grade.empty() ? "—" : EscapeHtml(c.grade),
      c.grade.empty() ? "—" : FormatMicros(c.coefficient), rank);

  // Pay.
  const bool score_mode = p.tpl.pay.mode == scoring::Pay::Mode::kScore;
  std::string formula = score_mode ? "基本 × 总分 ÷ 100" : "基本 × 系数";
  std::string formula_en = score_mode ? "base × total ÷ 100" : "base × coefficient";
  std::string prorate = "—";
  if (p.tpl.pay.prorate) {
    formula += " × 折算";
    formula_en += " × pro-rate";
    prorate = Bi(fmt::format("在职 {} / {} 天", c.days_employed, c.days_in_period),
                 fmt::format("{} of {} days", c.days_employed, c.days_in_period));
  }
  std::string commission_zh = "本模板无提成";
  std::string commission_en = "none in this template";
  if (!p.tpl.pay.commission.empty()) {
    const std::string net =
        c.net_sales ? YuanText((*c.net_sales / Rational(100)).ToString(2)) : std::string("—");
    commission_zh = "按净销售额 " + net + " 分段计算";
    commission_en = "on net sales " + net + ", tiered";
  }
  fmt::format_to(
      it,
      "<table class=\"result pay\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "</tr>\n<tr><td class=\"big\" id=\"base-bonus\">{}</td><td>{}</td>"
      "<td class=\"big\" id=\"bonus-amount\">{}</td><td class=\"big\" id=\"commission\">{}</td>"
      "<td class=\"big\" id=\"pay-total\">{}</td></tr>\n</table>\n",
      Bi("基本绩效奖金", "Base bonus"), Bi("折算", "Pro-rate"), Bi("绩效奖金", "Performance bonus"),
      Bi("销售提成", "Commission"), Bi("应发合计", "Total pay"),
      c.base_bonus ? FormatYuan(*c.base_bonus) : "—", prorate, FormatYuan(c.bonus_amount),
      FormatYuan(c.commission), FormatYuan(c.pay_total));
  fmt::format_to(
      it, "<p class=\"how\">{}</p>\n",
      Bi("绩效奖金 = " + formula + "；提成" + commission_zh + "；应发合计 = 绩效奖金 + 提成",
         "bonus = " + formula_en + "; commission " + commission_en +
             "; total pay = bonus + commission"));

  // What moved the result.
  std::vector<std::string> notes;
  if (c.unscored()) {
    notes.push_back(
        Bi("全部指标均无有效数据，本期未评分：无总分、无等级、无绩效奖金（提成照发），"
           "由人事人工确定。",
           "Unscored: no indicator has usable data; HR decides by hand."));
  }
  if (c.capped_at_max_total) {
    notes.push_back(Bi("总分已按上限 " + FormatMicros(p.tpl.max_total) + " 封顶。",
                       "Total capped at " + FormatMicros(p.tpl.max_total) + "."));
  }
  if (c.floored_at_zero) notes.push_back(Bi("扣分后总分不低于 0。", "Total floored at 0."));
  if (c.total_zeroed_by_veto) {
    notes.push_back(Bi("因一票否决，总分归零。", "Total set to 0 by a veto."));
  }
  if (c.grade_forced_by_veto) {
    notes.push_back(Bi("因一票否决，等级由 " + c.earned_grade + " 降为 " + c.grade + "。",
                       "Grade lowered by a veto from " + c.earned_grade + "."));
  }
  if (c.moved_by_distribution) {
    notes.push_back(
        Bi("强制分布：等级由 " + c.grade_before_distribution + " 调整为 " + c.grade + "。",
           "Forced distribution moved the grade from " + c.grade_before_distribution + "."));
  }
  if (c.probation) {
    notes.push_back(Bi("试用期员工不计入强制分布。", "On probation: outside forced distribution."));
  }
  if (!notes.empty()) {
    fmt::format_to(it, "<ul class=\"notes\">\n");
    for (const std::string& n : notes) fmt::format_to(it, "<li>{}</li>\n", n);
    fmt::format_to(it, "</ul>\n");
  }
}

void RenderSignatures(const ScorecardPage& p, std::string* out) {
  auto it = std::back_inserter(*out);
  fmt::format_to(it,
                 "<table class=\"sign\">\n<tr><td>{}：</td><td class=\"line\"></td><td>{}：</td>"
                 "<td class=\"date\"></td><td>{}：</td><td class=\"line\"></td><td>{}：</td>"
                 "<td class=\"date\"></td></tr>\n</table>\n",
                 Bi("员工签字", "Agent"), Bi("日期", "Date"), Bi("主管签字", "Manager"),
                 Bi("日期", "Date"));
  fmt::format_to(
      it, "<p class=\"foot\">{}</p>\n",
      Bi("说明：权重“30% → 0%”表示该指标无有效数据、不计分，其权重按比例分给本节其余指标；"
         "分数精确计算，仅显示时四舍五入到两位小数；金额按分计算。考核结果以等级呈现，"
         "不作为解除劳动合同的依据。模板 " +
             p.tpl.id + " v" + std::to_string(p.tpl.version) + "。",
         "A weight “30% → 0%”: the indicator had no usable data and its weight went to the rest "
         "of its section. Scores are exact, rounded to 2 decimals for display; money in whole "
         "cents. Results are grades, never grounds for dismissal."));
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string FormatYuan(Cents cents) { return YuanText(FormatCents(cents)); }

std::string FormatMetricValue(const std::string& metric, const metrics::MetricValue& v) {
  if (v.empty) return "—";
  const Format f = metrics::FormatOfColumn(metric);
  switch (f) {
    case Format::kRate:
      return metrics::FormatRounded(v.num * 100, v.den, 2) + "%";
    case Format::kMoney:
      return YuanText(metrics::FormatValue(v, f));
    case Format::kSeconds:
      return metrics::FormatValue(v, f) + " 秒";
    case Format::kAverage:
      if (PrintsSeconds(metric)) return metrics::FormatRounded(v.num, v.den, 1) + " 秒";
      return metrics::FormatValue(v, f);
    case Format::kHours:
      return metrics::FormatValue(v, f) + " 小时";
    case Format::kCount:
    case Format::kDimension:
      return metrics::FormatValue(v, f);
  }
  return metrics::FormatValue(v, f);
}

std::string DescribeRuleZh(const scoring::Rule& rule, const std::string& metric) {
  auto n = [&](Micros v) { return RuleNumber(v, metric); };
  return std::visit(
      [&](const auto& r) -> std::string {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, scoring::LinearRule>) {
          if (r.best == r.worst) return "≥" + n(r.best) + " 得 100，否则 0";
          const char* good = r.best < r.worst ? "≤" : "≥";
          const char* bad = r.best < r.worst ? "≥" : "≤";
          return fmt::format("线性：{}{}→100，{}{}→0", good, n(r.best), bad, n(r.worst));
        } else if constexpr (std::is_same_v<T, scoring::TiersRule>) {
          std::string s = "分档：";
          for (const scoring::Tier& t : r.tiers) {
            s += std::string(r.higher_is_better ? "≥" : "≤") + n(t.threshold) + "→" +
                 FormatMicros(t.points) + "，";
          }
          return s + "其余→" + FormatMicros(r.below);
        } else if constexpr (std::is_same_v<T, scoring::TargetRule>) {
          return fmt::format("目标 {}，按完成比例，封顶 {}", n(r.target), FormatMicros(r.cap));
        } else if constexpr (std::is_same_v<T, scoring::DeductRule>) {
          return fmt::format("扣分：100 起每 1 扣 {}，最低 0", FormatMicros(r.per));
        } else {
          return std::string("评分直接计（0–100）");
        }
      },
      rule);
}

Result<ScorecardPage> BuildScorecardPage(const metrics::Context& c,
                                         const std::vector<scoring::Template>& templates,
                                         const std::string& agent_id) {
  const Result<metrics::Id> named = c.data.FindAgent(agent_id);
  if (!named.ok()) return named.problem();
  const metrics::Id agent = *named;
  const metrics::Agent& who = c.data.agents[static_cast<size_t>(agent)];
  auto assigned = scoring::AssignTemplates(c.data, templates);
  if (!assigned.ok()) return assigned.problem();
  const int t = (*assigned)[static_cast<size_t>(agent)];
  if (t < 0) {
    return MakeProblem(
        fmt::format("no appraisal template applies to this agent (position '{}', team '{}'); "
                    "give a template whose applies_to names the position or the team",
                    who.position, who.team),
        agent_id, Place{"", 0, 0, "--agent"});
  }
  auto cards = scoring::ScorePeriod(c, templates);
  if (!cards.ok()) return cards.problem();

  ScorecardPage page;
  page.tpl = templates[static_cast<size_t>(t)];
  page.position = who.position;
  page.period = c.period;
  bool found = false;
  for (const scoring::Scorecard& card : *cards) {
    if (card.agent_id == agent_id && !found) {
      page.card = card;
      found = true;
    }
  }
  if (!found) {
    return MakeProblem("the agent has no scorecard for the period", agent_id,
                       Place{"", 0, 0, "--agent"});
  }
  for (const scoring::Scorecard& card : *cards) {
    if (card.template_id == page.card.template_id && card.group == page.card.group &&
        card.total.has_value()) {
      ++page.group_size;
    }
  }
  if (!who.manager_id.empty()) {
    page.manager = who.manager_id;
    const metrics::Id m = c.data.AgentIndex(who.manager_id);
    if (m != metrics::kNone) page.manager += " " + c.data.agents[static_cast<size_t>(m)].name;
  }
  for (const scoring::SectionScore& s : page.card.sections) {
    std::vector<EvidenceSummary> row;
    row.reserve(s.indicators.size());
    for (const scoring::IndicatorScore& i : s.indicators) {
      row.push_back(SummarizeEvidence(c, agent_id, i.metric, i.scope));
    }
    page.indicator_evidence.push_back(std::move(row));
  }
  for (const scoring::AdjustmentScore& a : page.card.bonuses) {
    page.bonus_evidence.push_back(SummarizeEvidence(c, agent_id, a.metric, scoring::Scope::kSelf));
  }
  for (const scoring::AdjustmentScore& a : page.card.penalties) {
    page.penalty_evidence.push_back(
        SummarizeEvidence(c, agent_id, a.metric, scoring::Scope::kSelf));
  }
  return page;
}

std::string RenderScorecardHtml(const ScorecardPage& page) {
  const scoring::Scorecard& c = page.card;
  std::string out;
  out.reserve(size_t{32} * 1024);
  out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
  out += EscapeHtml(
      fmt::format("个人绩效考核表 {} {} {}", c.agent_id, c.name, page.period.ToString()));
  out += "</title>\n<style>";
  out += kStyle;
  out += "</style>\n</head>\n<body>\n";
  RenderHeader(page, &out);
  RenderIndicators(page, &out);
  RenderBonusAndVetoes(page, &out);
  RenderResult(page, &out);
  RenderSignatures(page, &out);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace csperf::exporting
