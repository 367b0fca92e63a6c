// Follow-up columns (metrics.md, "Follow-ups"): planned follow-ups of the period, how many
// were done on time, and their quality.
#include <cstdint>

#include "metrics/agent_lookup.h"
#include "metrics/context.h"

namespace csperf::metrics {

void AddFollowupColumns(const Context& c, const Group& g, Columns* out) {
  if (g.is_shop()) {  // follow-ups carry an agent, not a shop
    for (const char* name :
         {"followups_planned", "followups_done_on_time", "followup_rate", "followup_quality_avg"}) {
      out->emplace_back(name, MetricValue::Empty());
    }
    return;
  }
  int64_t planned = 0, on_time = 0, rated = 0;
  Wide quality_sum = 0;
  for (const Followup& f : c.data.followups) {
    // The period of due_date: for a date-only due_at (00:00 of the next day) that is still
    // the date written, so a follow-up due on the period's last day stays in the period.
    if (!c.period.Contains(f.due_date) || !g.Has(f.agent)) continue;
    ++planned;
    if (!f.done_at) continue;
    if (DoneOnTime(f, c.settings)) ++on_time;
    // Quality counts for every done follow-up that has one, on time or late.
    if (f.quality) {
      ++rated;
      quality_sum += *f.quality;
    }
  }
  out->emplace_back("followups_planned", MetricValue::Count(planned));
  out->emplace_back("followups_done_on_time", MetricValue::Count(on_time));
  out->emplace_back("followup_rate", MetricValue::Ratio(on_time, planned));
  out->emplace_back("followup_quality_avg", MetricValue::Ratio(quality_sum, rated));
}

}  // namespace csperf::metrics
