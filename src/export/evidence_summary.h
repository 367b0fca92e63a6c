// One short line per number of a printed scorecard: what the records behind an agent's metric
// are (metrics/evidence.h) — how many, of which kinds, from which day to which — and what an
// indicator's flags (missing, too small a sample, excluded, zero, fixed) mean, in Chinese
// first and in English.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "metrics/context.h"
#include "metrics/evidence.h"
#include "scoring/scorecard.h"
#include "scoring/template.h"

namespace csperf::exporting {

struct EvidenceSummary {
  bool available = true;  // false: the records could not be listed; `reason` says why
  std::string reason;
  int64_t records = 0;
  std::vector<std::pair<std::string, int64_t>> kinds;  // record kind → rows, first seen first
  std::string first_date;  // YYYY-MM-DD of the earliest dated row, "" when none is dated
  std::string last_date;   // of the latest
  int64_t people = 0;      // scope team: the direct reports whose records are pooled
};

// Counts the rows, their kinds and their first and last day.
EvidenceSummary SummarizeRows(const std::vector<metrics::EvidenceRow>& rows);

// The records behind `metric` of `agent_id` in the period: the agent's own (scope self), or
// those of the agent's direct reports employed in the period (scope team: the manager row of
// the metrics report; the supervisors' own columns of that row stay the agent's own).
EvidenceSummary SummarizeEvidence(const metrics::Context& c, const std::string& agent_id,
                                  const std::string& metric, scoring::Scope scope);

// "基于 3 条记录（会话 2、订单 1），2024-01-05 至 2024-01-28" / "无记录".
std::string EvidenceTextZh(const EvidenceSummary& s);
// "3 records (2 sessions, 1 order), 2024-01-05 – 2024-01-28" / "no records".
std::string EvidenceTextEn(const EvidenceSummary& s);

// What the indicator's flags mean, "" when it was scored by its rule on enough data:
// "样本 1 少于最低 30，不计分" / "sample 1 < min 30, left out" (an excluded indicator's weight
// goes to the rest of its section: the page shows it in the weight column).
std::string IndicatorNoteZh(const scoring::IndicatorScore& i);
std::string IndicatorNoteEn(const scoring::IndicatorScore& i);

// A record kind of metrics/evidence.h in Chinese ("session" → "会话"); unknown kinds as given.
std::string KindNameZh(const std::string& kind);

}  // namespace csperf::exporting
