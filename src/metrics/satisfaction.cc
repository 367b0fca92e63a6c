// Satisfaction (metrics.md, "Satisfaction"): which agent each rating is credited to.
#include "metrics/attribution.h"
#include "metrics/report.h"

namespace csperf::metrics {
namespace {

struct RatingTally {
  int64_t ratings = 0, satisfied = 0, dissatisfied = 0, score_sum = 0;
};

}  // namespace

void AddSatisfactionColumns(const Context& c, const Sessions& s, const RowMap& map,
                            std::vector<ReportRow>* rows) {
  std::vector<RatingTally> tally(rows->size());
  for (const RatingCredit& credit : CreditRatings(c, s)) {
    const int row = map.Row(credit.actor, credit.shop);
    if (row < 0) continue;
    const int score = c.data.ratings[credit.rating].score;
    RatingTally& t = tally[static_cast<size_t>(row)];
    ++t.ratings;
    t.score_sum += score;
    if (score >= 4) ++t.satisfied;
    if (score <= 2) ++t.dissatisfied;
  }
  for (size_t r = 0; r < rows->size(); ++r) {
    const RatingTally& t = tally[r];
    Columns& out = (*rows)[r].columns;
    int64_t inquiries = 0;
    for (const auto& [name, value] : out) {
      if (name == "inquiries") inquiries = static_cast<int64_t>(value.num);
    }
    out.emplace_back("ratings", MetricValue::Count(t.ratings));
    out.emplace_back("satisfied", MetricValue::Count(t.satisfied));
    out.emplace_back("dissatisfied", MetricValue::Count(t.dissatisfied));
    out.emplace_back("satisfaction_rate", MetricValue::Ratio(t.satisfied, t.ratings));
    out.emplace_back("rating_avg", MetricValue::Ratio(t.score_sum, t.ratings));
    out.emplace_back("rating_invite_rate", MetricValue::Ratio(t.ratings, inquiries));
  }
}

}  // namespace csperf::metrics
