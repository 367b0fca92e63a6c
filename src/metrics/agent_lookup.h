// Small helpers shared by the per-agent record columns (follow-ups, incidents, attendance,
// supervisors) and their evidence: finding an agent by id in one hash lookup, the days an
// agent was employed within a period, and the one-record rules (on time, late, early, direct
// report) so that the report and the evidence read them from one place.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/civil_time.h"
#include "core/period.h"
#include "core/settings.h"
#include "metrics/dataset.h"

namespace csperf::metrics {

// Agent ids to indices into Dataset::agents. Dataset::AgentIndex scans the list; records
// number in the millions, so each column function builds this once per call instead.
class AgentLookup {
 public:
  explicit AgentLookup(const Dataset& data) {
    index_.reserve(data.agents.size());
    for (size_t a = 0; a < data.agents.size(); ++a) {
      // emplace keeps the first of two agents with one id, as Dataset::AgentIndex does.
      index_.emplace(data.agents[a].id, static_cast<Id>(a));
    }
  }
  Id Find(std::string_view agent_id) const {
    auto it = index_.find(agent_id);
    return it == index_.end() ? kNone : it->second;
  }

 private:
  std::unordered_map<std::string_view, Id> index_;  // views into Dataset::agents
};

// The days of `period` from hire_date to leave_date, both included (metrics.md,
// "Attendance"): a missing hire_date counts from the period's first day, a missing leave_date
// to its last; 0 when employment and period do not overlap.
inline int64_t DaysEmployed(const Agent& agent, const Period& period) {
  const CivilDate from = agent.hire_date ? std::max(*agent.hire_date, period.first) : period.first;
  const CivilDate to = agent.leave_date ? std::min(*agent.leave_date, period.last) : period.last;
  if (to < from) return 0;
  return DaysFromCivil(to) - DaysFromCivil(from) + 1;
}

// A done follow-up on time (metrics.md, "Follow-ups"): done early is on time; done exactly at
// due + grace still is. Not done: not on time.
inline bool DoneOnTime(const Followup& f, const Settings& settings) {
  return f.done_at && *f.done_at <= f.due_at + settings.followup_grace_s;
}

// A present shift arriving after scheduled_start + late_grace (exactly at the end of the grace
// is not late); a missing clock_in proves nothing.
inline bool ArrivedLate(const Shift& s, const Settings& settings) {
  return s.clock_in && *s.clock_in > s.scheduled_start + settings.late_grace_s;
}

// A present shift clocking out before scheduled_end; a missing clock_out proves nothing.
inline bool LeftEarly(const Shift& s) { return s.clock_out && *s.clock_out < s.scheduled_end; }

// A direct report of `manager_id` (metrics.md, "Supervisors' records"): manager_id names the
// manager and the agent was employed on at least one day of the period.
inline bool IsDirectReport(const Agent& agent, const std::string& manager_id,
                           const Period& period) {
  return agent.manager_id == manager_id && DaysEmployed(agent, period) > 0;
}

}  // namespace csperf::metrics
