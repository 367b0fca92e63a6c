// The rules of the dimension columns (metrics.md, "Tests, QA reviews and ratings"; the choices
// are listed at the top of dimensions.cc, where these are defined): which assessment rows and
// QA reviews a dimension is taken over, and the weighted mean of the sources' means. The
// report and the evidence (dimension_evidence.cc, Reaggregate's kDimension) both read them.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/settings.h"
#include "metrics/context.h"
#include "metrics/dataset.h"
#include "metrics/qa_review.h"
#include "metrics/value.h"

namespace csperf::metrics {

// One source's scores of one dimension: their exact sum (kept reduced), count and weight.
struct SourceScores {
  Wide sum_num = 0;
  Wide sum_den = 1;  // > 0
  int64_t count = 0;
  Micros weight = 0;  // the settings' source weight (millionths)

  void Add(Wide num, Wide den);  // one more score num / den, den > 0
};

// Per source name.
using DimensionSources = std::map<std::string, SourceScores>;

// The weighted mean over the sources of their means; a source with weight ≤ 0 (or no scores)
// is left out; empty when no source other than `self` is left. The sample is the scores used.
MetricValue WeightedDimensionValue(const DimensionSources& sources);

// The settings' weight of a source; 0 for a source the settings do not name.
Micros SourceWeight(const Settings& settings, const std::string& source);

// An assessment row a dimension is taken over, whoever its agent: not void, a usable
// max_score, dated in the period.
bool AssessmentUsed(const Context& c, const Assessment& a);

// The QA reviews whose first row is dated in the period and names an agent `in_group` accepts,
// in the order of their first rows. Those with a form and a score (ReviewUsed) feed the
// form's dimension as source qa.
std::vector<QaReview> PeriodQaReviews(const Context& c,
                                      const std::function<bool(const std::string&)>& in_group);
inline bool ReviewUsed(const QaReview& r) { return r.form_def != nullptr && !r.score.empty; }

}  // namespace csperf::metrics
