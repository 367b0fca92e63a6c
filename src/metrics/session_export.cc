#include "metrics/session_export.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/money.h"
#include "io/csv_writer.h"
#include "metrics/attribution.h"
#include "metrics/sessions.h"

namespace csperf::metrics {
namespace {

std::string ActorName(const Dataset& d, Actor a) {
  if (a == kNone) return "";
  if (IsShopActor(a)) return std::string(d.shops.Get(ShopOfActor(a))) + "(店铺/shop)";
  return d.agents[static_cast<size_t>(a)].id;
}

std::string Clock(Instant t, const TimeZone& zone) {
  CivilTime c = zone.ToLocal(t);
  return fmt::format("{:02}:{:02}:{:02}", c.hour, c.minute, c.second);
}

}  // namespace

std::string RenderSessionsCsv(const Context& c, Id agent) {
  const Dataset& d = c.data;
  const Sessions s = BuildSessions(c);
  std::multimap<uint32_t, uint32_t> orders_of;  // session → order
  for (const OrderCredit& credit : CreditOrders(c, s))
    orders_of.emplace(credit.session, credit.order);
  std::multimap<uint32_t, int> ratings_of;  // session → score
  for (const RatingCredit& credit : CreditRatings(c, s)) {
    if (credit.session >= 0) {
      ratings_of.emplace(static_cast<uint32_t>(credit.session), d.ratings[credit.rating].score);
    }
  }
  std::string out = CsvLine({"shop", "customer_id", "conversation_id", "start", "end", "opened_by",
                             "agents", "customer_messages", "agent_messages", "inquiry",
                             "first_response_s", "first_response_by", "waits", "unanswered",
                             "charged_to", "ratings", "orders", "order_amount"}) +
                    "\n";
  // In time order, then input order.
  std::vector<uint32_t> order;
  for (uint32_t i = 0; i < s.sessions.size(); ++i) {
    if (s.sessions[i].in_period) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return std::make_pair(s.sessions[a].first_at, s.sessions[a].first_message) <
           std::make_pair(s.sessions[b].first_at, s.sessions[b].first_message);
  });
  for (uint32_t i : order) {
    const Session& x = s.sessions[i];
    bool involved = agent == kNone;
    std::vector<Actor> agents;
    for (uint32_t l = x.lines_begin; l < x.lines_end; ++l) {
      Actor a = s.lines[l].actor;
      if (std::find(agents.begin(), agents.end(), a) == agents.end()) agents.push_back(a);
      involved = involved || a == agent;
    }
    std::string waits, first_s, first_by, charged;
    int64_t unanswered = 0;
    for (uint32_t w = x.waits_begin; w < x.waits_end; ++w) {
      const Wait& wait = s.waits[w];
      involved = involved || wait.actor == agent;
      if (!waits.empty()) waits += "; ";
      if (wait.answered) {
        waits += fmt::format("{} +{}s {}", Clock(wait.opened, c.zone), wait.seconds,
                             ActorName(d, wait.actor));
        if (wait.first) {
          first_s = std::to_string(wait.seconds);
          first_by = ActorName(d, wait.actor);
        }
      } else {
        ++unanswered;
        waits +=
            fmt::format("{} unanswered→{}", Clock(wait.opened, c.zone), ActorName(d, wait.actor));
        charged = ActorName(d, wait.actor);
      }
    }
    if (!involved) continue;
    std::string names, ratings, orders;
    for (Actor a : agents) names += (names.empty() ? "" : ";") + ActorName(d, a);
    auto [rf, rl] = ratings_of.equal_range(i);
    for (auto it = rf; it != rl; ++it)
      ratings += (ratings.empty() ? "" : ";") + std::to_string(it->second);
    Cents amount = 0;
    auto [of, ol] = orders_of.equal_range(i);
    for (auto it = of; it != ol; ++it) {
      const Order& o = d.orders[it->second];
      orders += (orders.empty() ? "" : ";") + o.order_id;
      amount += o.amount;
    }
    out +=
        CsvLine({std::string(d.shops.Get(x.shop)), std::string(d.CustomerIdOf(x.customer)),
                 x.conversation == kNone ? "" : std::string(d.conversations.Get(x.conversation)),
                 FormatInstant(x.first_at, c.zone), FormatInstant(x.last_at, c.zone),
                 x.customer_opened ? "customer" : "agent", names,
                 std::to_string(x.customer_messages), std::to_string(x.lines_end - x.lines_begin),
                 x.inquiry() ? "yes" : "no", first_s, first_by, waits, std::to_string(unanswered),
                 charged, ratings, orders, orders.empty() ? "" : FormatCents(amount)}) +
        "\n";
  }
  return out;
}

}  // namespace csperf::metrics
