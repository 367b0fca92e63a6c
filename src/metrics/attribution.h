// Which session and which agent earned each order and each rating (metrics.md, "Sales
// conversion" and "Satisfaction"). The report, the per-session export and the evidence all
// read these credits, so the rules live once.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "metrics/sessions.h"

namespace csperf::metrics {

// Whether an order counts: paid no later than the payment window after it was created.
bool OrderCounts(const Context& c, const Order& order);
// Whether an inquiry first heard at `first_at` may earn an order created at `created_at`:
// its first message lies in [created_at - attribution_window, created_at].
bool InWindow(const Context& c, const Order& order, Instant first_at);
// The same with the settings of the order's shop at hand.
bool InWindow(const ShopSettings& shop, Instant created_at, Instant first_at);
// Whom an order earned by a session with these agents' lines (in time order) is credited
// to: the last agent at or before created_at, else the first.
Actor CreditedActor(std::span<const AgentLine> lines, Instant created_at);

// An order that counts (paid within the payment window) and has an attributing inquiry.
struct OrderCredit {
  uint32_t order;    // index in Dataset::orders
  uint32_t session;  // the attributing inquiry
  Actor actor;       // credited: the last agent at or before created_at, else the first
};
// Every counted, attributed order, whatever its session's period.
std::vector<OrderCredit> CreditOrders(const Context& c, const Sessions& s);

// A valid rating of the period and whom it is credited to.
struct RatingCredit {
  uint32_t rating;  // index in Dataset::ratings
  int64_t session;  // the session found by conversation id, or -1
  Actor actor;      // an agent, or a shop's actor
  Id shop;          // the shop the rating carries (or its session's), kNone if none
};
std::vector<RatingCredit> CreditRatings(const Context& c, const Sessions& s);

// What the rating rule reads of a session with a conversation id.
struct ConversationSession {
  Id conversation;  // in Dataset::conversations
  Id shop;
  std::string_view customer_id;
  bool served;
  Actor last_actor;  // the agent of its last line, when served
  int64_t session;   // what RatingCredit::session names
};
// The same from a list of every session with a conversation id (any order).
std::vector<RatingCredit> CreditRatings(const Context& c,
                                        const std::vector<ConversationSession>& sessions);

}  // namespace csperf::metrics
