// The chat, conversion and satisfaction columns of a report, from one cut of the chats
// (sessions.h): a sink per range of customers tallies each customer's sessions as they are
// cut (tallies.h), offers each inquiry to its customer's orders and keeps the sessions a
// rating may name; at the end the ranges are added up, each order is credited through the
// best inquiry offered to it and the ratings are matched (attribution.h's rules).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "metrics/attribution.h"
#include "metrics/report.h"
#include "metrics/tallies.h"

namespace csperf::metrics {

// Per grouping, per row of BuildReport's rows: the chat, conversion and satisfaction
// columns in report order.
struct ChatColumns {
  std::vector<std::pair<Grouping, std::vector<Columns>>> columns;

  const std::vector<Columns>* Find(Grouping g) const {
    for (const auto& [grouping, rows] : columns) {
      if (grouping == g) return &rows;
    }
    return nullptr;
  }
};

// The chat columns of `groupings`, in one cut of c.data.chats.
ChatColumns ComputeChatColumns(const Context& c, std::span<const Grouping> groupings);

// One grouping's rows and what they add up.
struct GroupingTallies {
  GroupingTallies(const Context& c, Grouping g);
  GroupingTallies(const GroupingTallies&) = delete;  // the tallies point at `map`
  GroupingTallies& operator=(const GroupingTallies&) = delete;

  // Adds the tallies of another range of customers.
  void Merge(GroupingTallies& part);

  Grouping grouping;
  size_t rows = 0;  // the report's rows: set by the map's making
  RowMap map;
  std::unique_ptr<ChatTallies> chat;
  std::unique_ptr<SaleTallies> sales;
  std::unique_ptr<RatingTallies> ratings;
};
using AllTallies = std::vector<std::unique_ptr<GroupingTallies>>;
AllTallies MakeTallies(const Context& c, std::span<const Grouping> groupings);

// An inquiry offered to an order: the order keeps the latest by (first message's time,
// index) of those offered (attribution.h's rule, one inquiry at a time).
struct OrderOffer {
  uint32_t order;
  Instant first_at;
  uint32_t first_message;
  Actor actor;  // whom the order would be credited to
};

// The orders that count, each with the best inquiry offered to it so far, grouped by
// customer: only what the columns read of each is kept.
class ReportOrders {
 public:
  ReportOrders(const Context& c, const Dataset& d);

  // The offers of an inquiry of `customer` to its orders created in the window after the
  // inquiry's first message.
  void Offers(Id customer, const Session& inquiry, std::span<const AgentLine> lines,
              std::vector<OrderOffer>* out) const;
  void Take(const OrderOffer& offer);
  // Every order credited through an inquiry of the period, into each grouping's sales.
  void AddTo(const Context& c, const AllTallies& tallies) const;

 private:
  struct Kept {
    Instant created_at;
    Instant best_first_at = 0;
    Cents amount;
    uint32_t best_first_message = 0;
    Actor best_actor = kNone;  // kNone: none offered yet
    Id customer;
    Id shop;
    bool refunded;
  };
  std::vector<const ShopSettings*> shop_settings_;  // per shop of the Dataset
  std::vector<uint32_t> start_;                     // per Dataset customer, into kept_
  std::vector<Kept> kept_;                          // grouped by customer
};

}  // namespace csperf::metrics
