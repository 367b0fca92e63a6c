#include "metrics/attribution.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace csperf::metrics {
namespace {

Actor CreditedActor(const Sessions& s, const Session& session, Instant created_at) {
  Actor actor = kNone;
  for (uint32_t l = session.lines_begin; l < session.lines_end; ++l) {
    if (s.lines[l].at > created_at) break;
    actor = s.lines[l].actor;
  }
  return actor != kNone ? actor : s.lines[session.lines_begin].actor;
}

}  // namespace

std::vector<OrderCredit> CreditOrders(const Context& c, const Sessions& s) {
  // Inquiries by customer, in time order then input order: the candidates for each order.
  std::vector<uint32_t> inquiries;
  for (uint32_t i = 0; i < s.sessions.size(); ++i) {
    if (s.sessions[i].inquiry()) inquiries.push_back(i);
  }
  auto key = [&](uint32_t i) {
    const Session& x = s.sessions[i];
    return std::make_tuple(x.customer, x.first_at, x.first_message);
  };
  std::sort(inquiries.begin(), inquiries.end(),
            [&](uint32_t a, uint32_t b) { return key(a) < key(b); });

  std::vector<OrderCredit> credits;
  const Dataset& d = c.data;
  for (uint32_t o = 0; o < d.orders.size(); ++o) {
    const Order& order = d.orders[o];
    const ShopSettings& shop = c.settings.ForShop(d.shops.Get(order.shop));
    if (!order.paid_at || *order.paid_at - order.created_at > shop.payment_window_s) continue;
    // The latest inquiry of this customer whose first message lies in
    // [created_at - attribution_window, created_at], both ends included.
    auto after = std::upper_bound(
        inquiries.begin(), inquiries.end(), order.created_at, [&](Instant t, uint32_t i) {
          const Session& x = s.sessions[i];
          return std::make_pair(order.customer, t) < std::make_pair(x.customer, x.first_at);
        });
    if (after == inquiries.begin()) continue;
    const uint32_t candidate = *(after - 1);
    const Session& session = s.sessions[candidate];
    if (session.customer != order.customer ||
        session.first_at < order.created_at - shop.attribution_window_s) {
      continue;  // a silent order (静默下单): credited to no one
    }
    credits.push_back({o, candidate, CreditedActor(s, session, order.created_at)});
  }
  return credits;
}

std::vector<RatingCredit> CreditRatings(const Context& c, const Sessions& s) {
  const Dataset& d = c.data;
  std::multimap<Id, uint32_t> by_conversation;
  for (uint32_t i = 0; i < s.sessions.size(); ++i) {
    if (s.sessions[i].conversation != kNone) by_conversation.emplace(s.sessions[i].conversation, i);
  }
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
      int64_t match = -1;
      int matches = 0;
      auto [first, last] = by_conversation.equal_range(rating.conversation);
      for (auto it = first; it != last; ++it) {
        const Session& x = s.sessions[it->second];
        if (rating.shop != kNone && x.shop != rating.shop) continue;
        if (!rating.customer_id.empty() && d.CustomerIdOf(x.customer) != rating.customer_id) {
          continue;
        }
        match = it->second;
        ++matches;
      }
      if (matches == 1 && s.sessions[static_cast<size_t>(match)].served()) {
        const Session& x = s.sessions[static_cast<size_t>(match)];
        actor = s.lines[x.lines_end - 1].actor;
        session = match;
        if (shop == kNone) shop = x.shop;
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
