// The rules of the after-sales columns (metrics.md, "After-sales"), one case at a time: whose
// case it is, which period it belongs to, its event log, and the SLA, SOP and step-SLA tests.
// The report (after_sales.cc, where they are defined) and the evidence (record_evidence.cc)
// both read them, so the rules live once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/settings.h"
#include "metrics/context.h"
#include "metrics/dataset.h"

namespace csperf::metrics {

// A case's event log sorted by `at`, events with equal `at` in input order.
using CaseLog = std::vector<const CaseEvent*>;

// The agent owning the case's account; kNone for an unmapped (or missing) account.
Id CaseAgent(const Dataset& data, const Case& k);

// Closed within the period: a closed case belongs to the period of its closed_at.
bool ClosedInPeriod(const Context& c, const Case& k);

// The SLA of a case's type in seconds; none for a type without one, which then always meets
// it and is never overdue (nothing was promised).
std::optional<int64_t> CaseSla(const Settings& settings, const Case& k);

// A closed case handled within its SLA (exactly sla_hours is met).
bool MetSla(const Settings& settings, const Case& k);

// Opened before the period's end, not closed before it (closing exactly at the end is not
// before), and older than its SLA at the end: counted whatever its closing period.
bool OpenOverdue(const Context& c, const Case& k);

// The event logs of `cases` only, keyed by case id (views into the cases).
std::unordered_map<std::string_view, CaseLog> CaseLogs(const Dataset& data,
                                                       const std::vector<const Case*>& cases);
// The event logs of every case, made once for a report of many rows.
struct CaseLogIndex {
  std::unordered_map<std::string_view, CaseLog> logs;
};
CaseLogIndex IndexCaseLogs(const Dataset& data);

// The SOP steps appear in the log in order, other steps and repeats between them allowed. A
// type without an SOP complies.
bool FollowsSop(const Settings& settings, const Case& k, const CaseLog& log);

// The first `at` of a step in the log; "opened" is the case's opened_at.
std::optional<Instant> FirstStepAt(const Case& k, const CaseLog& log, const std::string& step);

// Every step_sla pair of the case's type is met; a type without pairs meets them all.
bool MeetsStepSla(const Settings& settings, const Case& k, const CaseLog& log);

// Whether any type has a step SLA pair: if none does, step_sla_met_rate is empty.
bool AnyStepSlaSet(const Settings& settings);

// A closed case with an event strictly after its closed_at.
bool Reopened(const Case& k, const CaseLog& log);

}  // namespace csperf::metrics
