#include "metrics/chat_report.h"

#include <numeric>

#include "metrics/sessions.h"

namespace csperf::metrics {
namespace {

// The report's sink of one range of customers: their sessions tallied for every grouping,
// their inquiries offered to their orders, their sessions a rating may name kept.
class ReportSink : public SessionSink {
 public:
  ReportSink(const Context& c, std::span<const Grouping> groupings, const ReportOrders& orders,
             const std::vector<uint8_t>& named)
      : c_(c), tallies_(MakeTallies(c, groupings)), orders_(orders), named_(named) {}

  void Take(const CustomerChat& chat, const Sessions& s) override {
    for (const Session& session : s.sessions) {
      const SessionView view = ViewOf(s, session);
      for (auto& t : tallies_) {
        t->chat->AddSession(view);
        t->sales->AddSession(view);
      }
      if (session.inquiry()) orders_.Offers(chat.customer, session, view.lines, &offers_);
      if (session.conversation != kNone && named_[static_cast<size_t>(session.conversation)]) {
        conversed_.push_back({session.conversation, session.shop,
                              c_.data.CustomerIdOf(session.customer), session.served(),
                              session.served() ? view.lines.back().actor : kNone, 0});
      }
    }
  }

  AllTallies& tallies() { return tallies_; }
  const std::vector<OrderOffer>& offers() const { return offers_; }
  const std::vector<ConversationSession>& conversed() const { return conversed_; }

 private:
  const Context& c_;
  AllTallies tallies_;
  const ReportOrders& orders_;
  const std::vector<uint8_t>& named_;  // per conversation: whether a rating names it
  std::vector<OrderOffer> offers_;
  std::vector<ConversationSession> conversed_;
};

}  // namespace

GroupingTallies::GroupingTallies(const Context& c, Grouping g)
    : grouping(g), map(RowMapOf(c, g, &rows)) {
  chat = std::make_unique<ChatTallies>(map, rows);
  sales = std::make_unique<SaleTallies>(map, rows);
  ratings = std::make_unique<RatingTallies>(map, rows);
}

void GroupingTallies::Merge(GroupingTallies& part) {
  std::vector<int> same(rows);
  std::iota(same.begin(), same.end(), 0);
  chat->Merge(*part.chat, same);
  sales->Merge(*part.sales, same, {});
}

AllTallies MakeTallies(const Context& c, std::span<const Grouping> groupings) {
  AllTallies out;
  for (Grouping g : groupings) out.push_back(std::make_unique<GroupingTallies>(c, g));
  return out;
}

ReportOrders::ReportOrders(const Context& c, const Dataset& d) {
  for (size_t shop = 0; shop < d.shops.size(); ++shop)
    shop_settings_.push_back(&c.settings.ForShop(d.shops.Get(static_cast<Id>(shop))));
  start_.assign(d.customers.size() + 1, 0);
  for (const Order& o : d.orders) {
    if (OrderCounts(c, o)) ++start_[static_cast<size_t>(o.customer) + 1];
  }
  std::partial_sum(start_.begin(), start_.end(), start_.begin());
  kept_.resize(start_.back());
  std::vector<uint32_t> fill(start_.begin(), start_.end() - 1);
  for (const Order& o : d.orders) {
    if (!OrderCounts(c, o)) continue;
    Kept& kept = kept_[fill[static_cast<size_t>(o.customer)]++];
    kept = Kept{};
    kept.created_at = o.created_at;
    kept.amount = o.amount;
    kept.customer = o.customer;
    kept.shop = o.shop;
    kept.refunded = o.refunded;
  }
}

void ReportOrders::Offers(Id customer, const Session& inquiry, std::span<const AgentLine> lines,
                          std::vector<OrderOffer>* out) const {
  if (customer == kNone || static_cast<size_t>(customer) + 1 >= start_.size()) return;
  for (uint32_t i = start_[static_cast<size_t>(customer)];
       i < start_[static_cast<size_t>(customer) + 1]; ++i) {
    const Kept& order = kept_[i];
    const ShopSettings& shop = *shop_settings_[static_cast<size_t>(order.shop)];
    if (!InWindow(shop, order.created_at, inquiry.first_at)) continue;
    out->push_back(
        {i, inquiry.first_at, inquiry.first_message, CreditedActor(lines, order.created_at)});
  }
}

void ReportOrders::Take(const OrderOffer& offer) {
  Kept& order = kept_[offer.order];
  if (order.best_actor != kNone && std::make_pair(order.best_first_at, order.best_first_message) >
                                       std::make_pair(offer.first_at, offer.first_message)) {
    return;
  }
  order.best_first_at = offer.first_at;
  order.best_first_message = offer.first_message;
  order.best_actor = offer.actor;
}

void ReportOrders::AddTo(const Context& c, const AllTallies& tallies) const {
  for (const Kept& o : kept_) {
    // An order counts in the period of its session.
    if (o.best_actor == kNone || o.best_first_at < c.begin || o.best_first_at >= c.end) continue;
    for (const auto& t : tallies)
      t->sales->AddOrder(o.customer, o.amount, o.refunded, o.best_actor, o.shop);
  }
}

ChatColumns ComputeChatColumns(const Context& c, std::span<const Grouping> groupings) {
  const Dataset& d = c.data;
  ReportOrders orders(c, d);
  std::vector<uint8_t> named(d.conversations.size(), 0);
  for (const Rating& r : d.ratings) {
    if (r.conversation != kNone) named[static_cast<size_t>(r.conversation)] = 1;
  }
  const size_t ranges = CutRanges(c);
  std::vector<std::unique_ptr<ReportSink>> sinks;
  for (size_t r = 0; r < ranges; ++r)
    sinks.push_back(std::make_unique<ReportSink>(c, groupings, orders, named));
  CutChats(c, ranges, [&](size_t r) { return sinks[r].get(); });

  const AllTallies tallies = MakeTallies(c, groupings);
  std::vector<ConversationSession> conversed;
  for (auto& sink : sinks) {
    for (size_t g = 0; g < tallies.size(); ++g) tallies[g]->Merge(*sink->tallies()[g]);
    for (const OrderOffer& offer : sink->offers()) orders.Take(offer);
    for (ConversationSession s : sink->conversed()) {
      s.session = static_cast<int64_t>(conversed.size());
      conversed.push_back(s);
    }
    sink.reset();
  }
  orders.AddTo(c, tallies);
  for (const RatingCredit& credit : CreditRatings(c, conversed)) {
    for (const auto& t : tallies)
      t->ratings->AddRating(d.ratings[credit.rating].score, credit.actor, credit.shop);
  }
  ChatColumns out;
  for (const auto& t : tallies) {
    std::vector<Columns> columns(t->rows);
    for (size_t r = 0; r < t->rows; ++r) {
      t->chat->AppendColumns(r, &columns[r]);
      t->sales->AppendColumns(r, &columns[r]);
      t->ratings->AppendColumns(r, t->chat->Inquiries(r), &columns[r]);
    }
    out.columns.emplace_back(t->grouping, std::move(columns));
  }
  return out;
}

}  // namespace csperf::metrics
