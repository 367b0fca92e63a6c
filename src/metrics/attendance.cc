// Attendance columns (metrics.md, "Attendance"): shifts of the period by their date, late
// arrivals and early leaves of present shifts, and the days each agent was employed.
#include <cstdint>

#include "metrics/agent_lookup.h"
#include "metrics/context.h"

namespace csperf::metrics {

void AddAttendanceColumns(const Context& c, const Group& g, Columns* out) {
  if (g.is_shop()) {  // shifts carry an agent, not a shop
    for (const char* name : {"shifts", "late", "early_leave", "absent", "leave_days",
                             "attendance_rate", "days_employed"}) {
      out->emplace_back(name, MetricValue::Empty());
    }
    return;
  }
  const AgentLookup agents(c.data);
  int64_t shifts = 0, present = 0, late = 0, early_leave = 0, absent = 0, leave = 0;
  for (const Shift& s : c.data.shifts) {
    if (!c.period.Contains(s.date) || !g.Has(agents.Find(s.agent_id))) continue;
    ++shifts;
    if (s.status == "leave") {
      ++leave;
    } else if (s.status == "absent") {
      ++absent;
    } else {  // present, the default
      ++present;
      if (ArrivedLate(s, c.settings)) ++late;
      if (LeftEarly(s)) ++early_leave;
    }
  }
  // Days employed pool over the group's agents, as every other count does.
  int64_t days_employed = 0;
  for (size_t a = 0; a < c.data.agents.size(); ++a) {
    if (g.Has(static_cast<Id>(a))) days_employed += DaysEmployed(c.data.agents[a], c.period);
  }
  out->emplace_back("shifts", MetricValue::Count(shifts));
  out->emplace_back("late", MetricValue::Count(late));
  out->emplace_back("early_leave", MetricValue::Count(early_leave));
  out->emplace_back("absent", MetricValue::Count(absent));
  out->emplace_back("leave_days", MetricValue::Count(leave));
  // Leave is excused: it leaves the denominator, absence stays in it.
  out->emplace_back("attendance_rate", MetricValue::Ratio(present, shifts - leave));
  out->emplace_back("days_employed", MetricValue::Count(days_employed));
}

}  // namespace csperf::metrics
