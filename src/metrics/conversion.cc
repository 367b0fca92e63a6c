// Sales conversion (metrics.md, "Sales conversion"): which inquiry earned each order.
#include <algorithm>

#include "metrics/attribution.h"
#include "metrics/report.h"

namespace csperf::metrics {
namespace {

struct SaleTally {
  std::vector<Id> inquirers, buyers;  // with repeats until counted
  int64_t orders = 0;
  Wide sales = 0, net = 0;
};

// Distinct customers: sorting a list of ids beats a tree set by far at millions of sessions.
int64_t CountDistinct(std::vector<Id>& ids) {
  std::sort(ids.begin(), ids.end());
  return static_cast<int64_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
}

}  // namespace

void AddConversionColumns(const Context& c, const Sessions& s, const RowMap& map,
                          std::vector<ReportRow>* rows) {
  std::vector<SaleTally> tally(rows->size());
  std::vector<int> touched;  // the rows one session's agents fall in, each once
  for (const Session& session : s.sessions) {
    if (!session.inquiry() || !session.in_period) continue;
    touched.clear();
    for (uint32_t l = session.lines_begin; l < session.lines_end; ++l) {
      const int row = map.Row(s.lines[l].actor, session.shop);
      if (row >= 0 && std::find(touched.begin(), touched.end(), row) == touched.end()) {
        touched.push_back(row);
        tally[static_cast<size_t>(row)].inquirers.push_back(session.customer);
      }
    }
  }
  for (const OrderCredit& credit : CreditOrders(c, s)) {
    const Session& session = s.sessions[credit.session];
    if (!session.in_period) continue;  // an order counts in the period of its session
    const int row = map.Row(credit.actor, session.shop);
    if (row < 0) continue;
    const Order& order = c.data.orders[credit.order];
    SaleTally& t = tally[static_cast<size_t>(row)];
    ++t.orders;
    t.sales += order.amount;
    if (!order.refunded) t.net += order.amount;
    t.buyers.push_back(order.customer);
  }
  for (size_t r = 0; r < rows->size(); ++r) {
    SaleTally& t = tally[r];
    Columns& out = (*rows)[r].columns;
    const int64_t inquirers = CountDistinct(t.inquirers);
    const int64_t buyers = CountDistinct(t.buyers);
    out.emplace_back("inquirers", MetricValue::Count(inquirers));
    out.emplace_back("buyers", MetricValue::Count(buyers));
    out.emplace_back("inquiry_conversion", MetricValue::Ratio(buyers, inquirers));
    out.emplace_back("orders", MetricValue::Count(t.orders));
    out.emplace_back("sales_amount", MetricValue::Ratio(t.sales, 1, t.orders));
    out.emplace_back("net_sales_amount", MetricValue::Ratio(t.net, 1, t.orders));
    out.emplace_back("aov", MetricValue::Ratio(t.sales, buyers));
  }
}

}  // namespace csperf::metrics
