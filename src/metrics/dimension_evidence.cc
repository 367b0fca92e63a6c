// The evidence of a dimension column of one agent: the assessment rows and the QA reviews it
// is taken over, each with its score as an exact fraction (num / den), its source and that
// source's weight. Reaggregate's kDimension applies the report's rule (dimension_rules.h).
// Void assessments and reviews without a score are shown with den 0: they count nowhere.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/money.h"
#include "metrics/agent_lookup.h"
#include "metrics/dimension_rules.h"
#include "metrics/evidence.h"

namespace csperf::metrics {

void DimensionEvidence(const Context& c, Id agent, const std::string& metric, Evidence* out) {
  const AgentLookup agents(c.data);
  auto mine = [&](const std::string& agent_id) { return agents.Find(agent_id) == agent; };
  auto weight_note = [](Micros weight) {
    return weight > 0 ? std::string() : std::string(" (source weight 0: left out)");
  };

  for (const Assessment& a : c.data.assessments) {
    if (a.dimension != metric || !mine(a.agent_id)) continue;
    const bool used = AssessmentUsed(c, a);
    if (!used && !(a.is_void && c.period.Contains(a.date))) continue;
    const Micros weight = SourceWeight(c.settings, a.source);
    std::string what = fmt::format("{} by {}: {} / {}", a.dimension, a.source,
                                   FormatMicros(a.score), FormatMicros(a.max_score));
    what += used ? weight_note(weight) : std::string(" (void: left out)");
    // 100 × score / max_score: both in millionths, so the fraction is exact.
    out->rows.push_back({"assessment", FormatDate(a.date), std::move(what),
                         used ? Wide{100} * a.score : Wide{0}, used ? Wide{a.max_score} : Wide{0},
                         a.source, weight});
  }

  const Micros qa_weight = SourceWeight(c.settings, "qa");
  for (const QaReview& r : PeriodQaReviews(c, mine)) {
    if (r.form_def == nullptr || r.form_def->dimension != metric) continue;
    const bool used = ReviewUsed(r);
    std::string what = fmt::format("{} on form {} ({} item row{})", r.review_id, r.form,
                                   r.rows.size(), r.rows.size() == 1 ? "" : "s");
    if (!used) {
      what += ": no score (every section N/A)";
    } else {
      what += fmt::format(": score {}", FormatRounded(r.score.num, r.score.den, 3));
      if (r.critical_failed) what += " (a critical item below its maximum)";
      what += weight_note(qa_weight);
    }
    out->rows.push_back({"qa_review", FormatDate(r.date), std::move(what),
                         used ? r.score.num : Wide{0}, used ? r.score.den : Wide{0}, "qa",
                         qa_weight});
  }
}

}  // namespace csperf::metrics
