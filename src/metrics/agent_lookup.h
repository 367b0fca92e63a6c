// Small helpers shared by the per-agent record columns (follow-ups, incidents, attendance,
// supervisors): finding an agent by id in one hash lookup, and the days an agent was employed
// within a period.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/civil_time.h"
#include "core/period.h"
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

}  // namespace csperf::metrics
