// Incident columns (metrics.md, "Incidents"): errors, complaints, reviews, praise and the
// rest, counted per kind over the period of occurred_at; void incidents count nowhere.
#include <cstdint>
#include <iterator>

#include "metrics/agent_lookup.h"
#include "metrics/context.h"

namespace csperf::metrics {

void AddIncidentColumns(const Context& c, const Group& g, Columns* out) {
  static constexpr const char* kNames[] = {"errors",
                                           "complaints",
                                           "bad_reviews",
                                           "praises",
                                           "suggestions_adopted",
                                           "trainings_completed",
                                           "errors_critical",
                                           "complaints_critical",
                                           "loss_amount",
                                           "error_recovery_rate"};
  if (g.is_shop()) {  // incidents carry an agent, not a shop
    for (const char* name : kNames) out->emplace_back(name, MetricValue::Empty());
    return;
  }
  const AgentLookup agents(c.data);
  int64_t errors = 0, complaints = 0, bad_reviews = 0, praises = 0, suggestions = 0, trainings = 0,
          errors_critical = 0, complaints_critical = 0, recovered = 0;
  int64_t loss = 0;  // cents
  for (const Incident& i : c.data.incidents) {
    if (i.is_void || i.occurred_at < c.begin || i.occurred_at >= c.end) continue;
    if (!g.Has(agents.Find(i.agent_id))) continue;
    const bool critical = i.severity == "critical";
    if (i.kind == "error") {
      ++errors;
      errors_critical += critical;
      recovered += i.recovered;
      loss += i.loss_amount;
    } else if (i.kind == "complaint") {
      ++complaints;
      complaints_critical += critical;
      loss += i.loss_amount;
    } else if (i.kind == "bad_review") {
      ++bad_reviews;
    } else if (i.kind == "praise") {
      ++praises;
    } else if (i.kind == "suggestion_adopted") {
      ++suggestions;
    } else if (i.kind == "training_completed") {
      ++trainings;
    }
  }
  const int64_t counts[] = {errors,      complaints, bad_reviews,     praises,
                            suggestions, trainings,  errors_critical, complaints_critical};
  for (size_t k = 0; k < std::size(counts); ++k) {
    out->emplace_back(kNames[k], MetricValue::Count(counts[k]));
  }
  out->emplace_back("loss_amount", MetricValue::Count(loss));  // cents, Format::kMoney
  out->emplace_back("error_recovery_rate", MetricValue::Ratio(recovered, errors));
}

}  // namespace csperf::metrics
