// What every metric computation reads: the records, the settings, the zone and the period;
// and the group a row of the report pools (one agent, a team, a manager's reports, a shop).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/executor.h"
#include "core/period.h"
#include "core/settings.h"
#include "core/time_zone.h"
#include "metrics/dataset.h"
#include "metrics/value.h"

namespace csperf::metrics {

struct ChatColumns;  // chat_report.h

struct Context {
  const Dataset& data;
  const Settings& settings;
  const TimeZone& zone;
  Period period;
  Instant begin;  // the period's first instant
  Instant end;    // the first instant after the period
  // When set: the chat, conversion and satisfaction columns of some groupings, computed
  // ahead in one cut of the chats (chat_report.h); BuildReport of another grouping cuts
  // them again.
  const ChatColumns* chat_columns = nullptr;
  // Where parallel steps run; none: the process's pool (DefaultEnv).
  Executor* executor = nullptr;
};

// c.executor, or the process's pool.
Executor& ExecutorOf(const Context& c);

// The rows of a report pool records, never agents' figures (metrics.md): a group is the set
// of agents whose records it pools, or, for a shop row, the shop whose records it pools.
struct Group {
  std::vector<bool> member;  // indexed like Dataset::agents
  Id shop = kNone;           // set for a shop row: then `member` is unused

  bool is_shop() const { return shop != kNone; }
  bool Has(Id agent) const { return agent != kNone && member[static_cast<size_t>(agent)]; }
};

// A report row's values in the column order of metrics.md.
using Columns = std::vector<std::pair<std::string, MetricValue>>;

// The after-sales, follow-up, incident, attendance, dimension and supervisor columns, each
// appended in the order metrics.md lists them. Columns that do not apply to a shop row are
// appended empty (counts too: "the other columns are empty there").
struct CaseLogIndex;  // case_rules.h
// `logs`: every case's event log, when a report made them once for all its rows.
void AddAfterSalesColumns(const Context& c, const Group& g, Columns* out,
                          const CaseLogIndex* logs = nullptr);
void AddFollowupColumns(const Context& c, const Group& g, Columns* out);
void AddDimensionColumns(const Context& c, const Group& g,
                         const std::vector<std::string>& dimensions, Columns* out);
void AddIncidentColumns(const Context& c, const Group& g, Columns* out);
void AddAttendanceColumns(const Context& c, const Group& g, Columns* out);
// records, coaching_records, coaching_coverage of the managers in `managers` (agent indices):
// for an agent row, the agent as a manager; for a manager row, that manager.
void AddSupervisorColumns(const Context& c, const std::vector<Id>& managers, bool applies,
                          Columns* out);

// The dimension columns of a report: the five standard ones, then every other dimension
// found in the assessments or fed by a QA form, in order of name.
std::vector<std::string> DimensionColumns(const Dataset& data);

}  // namespace csperf::metrics
