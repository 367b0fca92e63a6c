// Sales conversion (metrics.md, "Sales conversion"): which inquiry earned each order.
#include <algorithm>
#include <set>

#include "metrics/report.h"

namespace csperf::metrics {
namespace {

struct SaleTally {
  std::set<Id> inquirers, buyers;
  int64_t orders = 0;
  Wide sales = 0, net = 0;
};

// The agent an order is credited to: the last who sent a message in the session at or
// before the order was created, else the first who sent one.
Actor CreditedActor(const Sessions& s, const Session& session, Instant created_at) {
  Actor actor = kNone;
  for (uint32_t l = session.lines_begin; l < session.lines_end; ++l) {
    if (s.lines[l].at > created_at) break;
    actor = s.lines[l].actor;
  }
  return actor != kNone ? actor : s.lines[session.lines_begin].actor;
}

}  // namespace

void AddConversionColumns(const Context& c, const Sessions& s, const RowMap& map,
                          std::vector<ReportRow>* rows) {
  std::vector<SaleTally> tally(rows->size());
  // Inquiries by customer, in time order then input order: the candidates for each order.
  std::vector<uint32_t> inquiries;
  for (uint32_t i = 0; i < s.sessions.size(); ++i) {
    const Session& session = s.sessions[i];
    if (!session.inquiry()) continue;
    inquiries.push_back(i);
    if (!session.in_period) continue;
    std::vector<int> touched;
    for (uint32_t l = session.lines_begin; l < session.lines_end; ++l) {
      const int row = map.Row(s.lines[l].actor, session.shop);
      if (row >= 0) tally[static_cast<size_t>(row)].inquirers.insert(session.customer);
    }
  }
  auto key = [&](uint32_t i) {
    const Session& x = s.sessions[i];
    return std::make_tuple(x.customer, x.first_at, x.first_message);
  };
  std::sort(inquiries.begin(), inquiries.end(),
            [&](uint32_t a, uint32_t b) { return key(a) < key(b); });

  for (const Order& order : c.data.orders) {
    const ShopSettings& shop = c.settings.ForShop(c.data.shops.Get(order.shop));
    if (!order.paid_at || *order.paid_at - order.created_at > shop.payment_window_s) continue;
    // The latest inquiry of this customer whose first message lies in
    // [created_at - attribution_window, created_at], both ends included.
    auto after = std::upper_bound(
        inquiries.begin(), inquiries.end(), order.created_at, [&](Instant t, uint32_t i) {
          const Session& x = s.sessions[i];
          return std::make_pair(order.customer, t) < std::make_pair(x.customer, x.first_at);
        });
    if (after == inquiries.begin()) continue;
    const Session& session = s.sessions[*(after - 1)];
    if (session.customer != order.customer ||
        session.first_at < order.created_at - shop.attribution_window_s) {
      continue;  // a silent order (静默下单): credited to no one
    }
    if (!session.in_period) continue;  // credited to the period of its session
    const int row = map.Row(CreditedActor(s, session, order.created_at), session.shop);
    if (row < 0) continue;
    SaleTally& t = tally[static_cast<size_t>(row)];
    ++t.orders;
    t.sales += order.amount;
    if (!order.refunded) t.net += order.amount;
    t.buyers.insert(order.customer);
  }
  for (size_t r = 0; r < rows->size(); ++r) {
    const SaleTally& t = tally[r];
    Columns& out = (*rows)[r].columns;
    const int64_t inquirers = static_cast<int64_t>(t.inquirers.size());
    const int64_t buyers = static_cast<int64_t>(t.buyers.size());
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
