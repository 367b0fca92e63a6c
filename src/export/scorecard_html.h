// The printable scorecard of one agent (个人绩效考核表): one self-contained HTML page sized for A4
// (inline CSS, no external resources), Chinese first and English small beside it. It shows the
// header (agent, team, period, template), every indicator of every section with its raw value,
// sample, rule, points, weight, weighted points and a line about the records behind it, the
// bonus and penalty items, the veto check, the total, grade, coefficient, rank and pay, and the
// signature lines of the agent and the manager. docs/scorecard.md explains it to HR.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/period.h"
#include "core/problem.h"
#include "export/evidence_summary.h"
#include "metrics/context.h"
#include "metrics/value.h"
#include "scoring/scorecard.h"
#include "scoring/template.h"

namespace csperf::exporting {

// Everything the page shows.
struct ScorecardPage {
  scoring::Scorecard card;
  scoring::Template tpl;  // the template the card was scored with
  std::string position;   // the agents file's position
  std::string manager;    // "M01 王芳"; "" when the agent has none
  Period period;
  int64_t group_size = 0;  // members of the card's ranking group with a total
  // Parallel to card.sections[s].indicators, card.bonuses and card.penalties.
  std::vector<std::vector<EvidenceSummary>> indicator_evidence;
  std::vector<EvidenceSummary> bonus_evidence;
  std::vector<EvidenceSummary> penalty_evidence;
};

// Scores the period with `templates` (scoring::ScorePeriod: ranks and forced distribution need
// every agent) and gathers what the page of `agent_id` shows. An agent missing from the agents
// file, or one no template applies to, is a problem naming --agent.
Result<ScorecardPage> BuildScorecardPage(const metrics::Context& c,
                                         const std::vector<scoring::Template>& templates,
                                         const std::string& agent_id);

// The page as a complete HTML document (UTF-8); every text from data or templates is escaped.
std::string RenderScorecardHtml(const ScorecardPage& page);

// & < > " ' as character references.
std::string EscapeHtml(std::string_view text);
// Integer cents as yuan with thousands separators: "¥1,299.00", "-¥5.00".
std::string FormatYuan(Cents cents);
// A metric's value as its column prints (metrics::FormatOfColumn), with its unit: "¥1,299.00",
// "66.67%", "40.0 秒", "1.250 小时", "91.429"; "—" when empty.
std::string FormatMetricValue(const std::string& metric, const metrics::MetricValue& value);
// The rule in Chinese, its numbers in the metric's unit: "线性：≤15 秒→100，≥90 秒→0".
std::string DescribeRuleZh(const scoring::Rule& rule, const std::string& metric);

}  // namespace csperf::exporting
