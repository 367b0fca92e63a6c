// Sales conversion (metrics.md, "Sales conversion") from the cut sessions: which inquiry
// earned each order (attribution.h); the rules of the columns are the tallies' (tallies.h).
#include "metrics/attribution.h"
#include "metrics/report.h"
#include "metrics/tallies.h"

namespace csperf::metrics {

void AddConversionColumns(const Context& c, const Sessions& s, const RowMap& map,
                          std::vector<ReportRow>* rows) {
  SaleTallies tally(map, rows->size());
  for (const Session& session : s.sessions) tally.AddSession(ViewOf(s, session));
  for (const OrderCredit& credit : CreditOrders(c, s)) {
    const Session& session = s.sessions[credit.session];
    if (!session.in_period) continue;  // an order counts in the period of its session
    const Order& order = c.data.orders[credit.order];
    tally.AddOrder(order.customer, order.amount, order.refunded, credit.actor, session.shop);
  }
  for (size_t r = 0; r < rows->size(); ++r) tally.AppendColumns(r, &(*rows)[r].columns);
}

}  // namespace csperf::metrics
