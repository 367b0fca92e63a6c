// Which session and which agent earned each order and each rating (metrics.md, "Sales
// conversion" and "Satisfaction"). The report, the per-session export and the evidence all
// read these credits, so the rules live once.
#pragma once

#include <cstdint>
#include <vector>

#include "metrics/sessions.h"

namespace csperf::metrics {

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

}  // namespace csperf::metrics
