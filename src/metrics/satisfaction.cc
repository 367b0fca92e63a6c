// Satisfaction (metrics.md, "Satisfaction") from the cut sessions: which agent each rating is
// credited to (attribution.h); the rules of the columns are the tallies' (tallies.h).
#include "metrics/attribution.h"
#include "metrics/report.h"
#include "metrics/tallies.h"

namespace csperf::metrics {

void AddSatisfactionColumns(const Context& c, const Sessions& s, const RowMap& map,
                            std::vector<ReportRow>* rows) {
  RatingTallies tally(map, rows->size());
  for (const RatingCredit& credit : CreditRatings(c, s))
    tally.AddRating(c.data.ratings[credit.rating].score, credit.actor, credit.shop);
  for (size_t r = 0; r < rows->size(); ++r) tally.AppendColumns(r, &(*rows)[r].columns);
}

}  // namespace csperf::metrics
