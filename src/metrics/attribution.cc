#include "metrics/attribution.h"

#include <algorithm>
#include <map>
#include <utility>

#include "metrics/tallies.h"

namespace csperf::metrics {
namespace {

// Each customer's inquiries, the candidates for their orders: bucketed by customer (a
// counting sort, sessions already come grouped by customer) and each bucket in time order
// then input order, so an order looks only at its own customer's few.
struct InquiriesByCustomer {
  std::vector<uint32_t> start;     // per customer, where its bucket begins; one more at the end
  std::vector<uint32_t> sessions;  // session indices
};

InquiriesByCustomer IndexInquiries(const Dataset& d, const Sessions& s) {
  InquiriesByCustomer index;
  index.start.assign(d.customers.size() + 1, 0);
  for (const Session& x : s.sessions) {
    if (x.inquiry()) ++index.start[static_cast<size_t>(x.customer) + 1];
  }
  for (size_t c = 1; c < index.start.size(); ++c) index.start[c] += index.start[c - 1];
  index.sessions.resize(index.start.back());
  std::vector<uint32_t> fill(index.start.begin(), index.start.end() - 1);
  for (uint32_t i = 0; i < s.sessions.size(); ++i) {
    if (s.sessions[i].inquiry())
      index.sessions[fill[static_cast<size_t>(s.sessions[i].customer)]++] = i;
  }
  auto earlier = [&](uint32_t a, uint32_t b) {
    const Session& x = s.sessions[a];
    const Session& y = s.sessions[b];
    return std::make_pair(x.first_at, x.first_message) <
           std::make_pair(y.first_at, y.first_message);
  };
  for (size_t c = 0; c + 1 < index.start.size(); ++c) {
    auto first = index.sessions.begin() + index.start[c];
    auto last = index.sessions.begin() + index.start[c + 1];
    if (!std::is_sorted(first, last, earlier)) std::sort(first, last, earlier);
  }
  return index;
}

}  // namespace

bool OrderCounts(const Context& c, const Order& order) {
  const ShopSettings& shop = c.settings.ForShop(c.data.shops.Get(order.shop));
  return order.paid_at && *order.paid_at - order.created_at <= shop.payment_window_s;
}

bool InWindow(const Context& c, const Order& order, Instant first_at) {
  return InWindow(c.settings.ForShop(c.data.shops.Get(order.shop)), order.created_at, first_at);
}

bool InWindow(const ShopSettings& shop, Instant created_at, Instant first_at) {
  return first_at <= created_at && first_at >= created_at - shop.attribution_window_s;
}

Actor CreditedActor(std::span<const AgentLine> lines, Instant created_at) {
  Actor actor = kNone;
  for (const AgentLine& line : lines) {
    if (line.at > created_at) break;
    actor = line.actor;
  }
  return actor != kNone ? actor : lines.front().actor;
}

std::vector<OrderCredit> CreditOrders(const Context& c, const Sessions& s) {
  const Dataset& d = c.data;
  const InquiriesByCustomer inquiries = IndexInquiries(d, s);
  std::vector<OrderCredit> credits;
  for (uint32_t o = 0; o < d.orders.size(); ++o) {
    const Order& order = d.orders[o];
    if (!OrderCounts(c, order)) continue;
    // The latest inquiry of this customer whose first message lies in
    // [created_at - attribution_window, created_at], both ends included.
    const auto customer = static_cast<size_t>(order.customer);
    auto first = inquiries.sessions.begin() + inquiries.start[customer];
    auto last = inquiries.sessions.begin() + inquiries.start[customer + 1];
    auto after = std::upper_bound(first, last, order.created_at, [&](Instant t, uint32_t i) {
      return t < s.sessions[i].first_at;
    });
    if (after == first) continue;
    const uint32_t candidate = *(after - 1);
    const Session& session = s.sessions[candidate];
    // None in the window: a silent order (静默下单), credited to no one.
    if (!InWindow(c, order, session.first_at)) continue;
    credits.push_back({o, candidate, CreditedActor(ViewOf(s, session).lines, order.created_at)});
  }
  return credits;
}

std::vector<RatingCredit> CreditRatings(const Context& c, const Sessions& s) {
  std::vector<ConversationSession> conversed;
  for (uint32_t i = 0; i < s.sessions.size(); ++i) {
    const Session& x = s.sessions[i];
    if (x.conversation == kNone) continue;
    conversed.push_back({x.conversation, x.shop, c.data.CustomerIdOf(x.customer), x.served(),
                         x.served() ? s.lines[x.lines_end - 1].actor : kNone, i});
  }
  return CreditRatings(c, conversed);
}

std::vector<RatingCredit> CreditRatings(const Context& c,
                                        const std::vector<ConversationSession>& sessions) {
  const Dataset& d = c.data;
  std::multimap<Id, size_t> by_conversation;
  for (size_t i = 0; i < sessions.size(); ++i) by_conversation.emplace(sessions[i].conversation, i);
  std::vector<RatingCredit> credits;
  for (uint32_t r = 0; r < d.ratings.size(); ++r) {
    const Rating& rating = d.ratings[r];
    if (rating.is_void || rating.rated_at < c.begin || rating.rated_at >= c.end) continue;
    Actor actor = kNone;
    Id shop = rating.shop;
    int64_t session = -1;
    if (rating.account != kNone) {
      // Its account's agent; an account no agent owns acts for the rating's shop.
      actor = ActorOfAccount(d, rating.account, rating.shop);
      if (rating.shop == kNone && IsShopActor(actor)) actor = kNone;
    } else if (rating.conversation != kNone) {
      // The last agent of the one session with this conversation id (and shop and
      // customer, where the rating gives them).
      const ConversationSession* match = nullptr;
      int matches = 0;
      auto [first, last] = by_conversation.equal_range(rating.conversation);
      for (auto it = first; it != last; ++it) {
        const ConversationSession& x = sessions[it->second];
        if (rating.shop != kNone && x.shop != rating.shop) continue;
        if (!rating.customer_id.empty() && x.customer_id != rating.customer_id) continue;
        match = &x;
        ++matches;
      }
      if (matches == 1 && match->served) {
        actor = match->last_actor;
        session = match->session;
        if (shop == kNone) shop = match->shop;
      }
    }
    if (actor == kNone && shop != kNone) actor = ShopActor(shop);
    if (actor == kNone) continue;  // names no agent and no shop: credited to no one
    if (IsShopActor(actor)) shop = ShopOfActor(actor);
    credits.push_back({r, session, actor, shop});
  }
  return credits;
}

}  // namespace csperf::metrics
