// Supervisors' columns (metrics.md, "Supervisors' records"): a manager's records about the
// direct reports employed in the period, and how many of those reports were coached.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "metrics/agent_lookup.h"
#include "metrics/context.h"

namespace csperf::metrics {

void AddSupervisorColumns(const Context& c, const std::vector<Id>& managers, bool applies,
                          Columns* out) {
  if (!applies) {
    for (const char* name : {"records", "coaching_records", "coaching_coverage"}) {
      out->emplace_back(name, MetricValue::Empty());
    }
    return;
  }
  // With several managers both parts of the coverage sum over them, so the row reads as the
  // share of all (manager, direct report) pairs that saw coaching.
  int64_t records = 0, coaching = 0, reports_total = 0, coached_total = 0;
  for (const Id m : managers) {
    if (m == kNone) continue;
    const std::string& manager = c.data.agents[static_cast<size_t>(m)].id;
    // Direct reports: manager_id names this manager and employed at least one day of the period.
    std::unordered_set<std::string_view> reports;
    for (const Agent& a : c.data.agents) {
      if (IsDirectReport(a, manager, c.period)) reports.insert(a.id);
    }
    std::unordered_set<std::string_view> coached;
    for (const WorkRecord& r : c.data.work_records) {
      if (r.manager_id != manager || !c.period.Contains(r.date) || !reports.contains(r.agent_id)) {
        continue;
      }
      ++records;
      if (r.kind == "coaching") {
        ++coaching;
        coached.insert(r.agent_id);
      }
    }
    reports_total += static_cast<int64_t>(reports.size());
    coached_total += static_cast<int64_t>(coached.size());
  }
  out->emplace_back("records", MetricValue::Count(records));
  out->emplace_back("coaching_records", MetricValue::Count(coaching));
  // Empty for a manager without direct reports: there is no one to cover.
  out->emplace_back("coaching_coverage", MetricValue::Ratio(coached_total, reports_total));
}

}  // namespace csperf::metrics
