// What a report computed while the messages stream past keeps instead of them: each
// grouping's tallies, the counted orders with the best inquiry offered to each so far, and
// at the end the columns. Shared by the stream of time-sorted messages (chat_stream.h) and
// the read of a file whose customers come one after another (grouped_chat.h).
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "metrics/attribution.h"
#include "metrics/direct_reader.h"
#include "metrics/message_order.h"
#include "metrics/report.h"
#include "metrics/tallies.h"

namespace csperf::metrics {

struct StreamedChat {
  MessageOrder order = MessageOrder::kByTime;  // the order the messages were read in
  // Per grouping, per row of BuildReport's rows: the chat, conversion and satisfaction
  // columns in report order.
  std::vector<std::pair<Grouping, std::vector<Columns>>> columns;

  const std::vector<Columns>* Find(Grouping g) const {
    for (const auto& [grouping, rows] : columns) {
      if (grouping == g) return &rows;
    }
    return nullptr;
  }
};

// One grouping's rows and what they add up. A shop row is found by shop id while the
// messages stream (shops keep turning up in them) and put in its report place at the end.
struct GroupingTallies {
  GroupingTallies(const Context& c, Grouping g);
  GroupingTallies(const GroupingTallies&) = delete;  // the tallies point at `map`
  GroupingTallies& operator=(const GroupingTallies&) = delete;

  // Shops [0, shops) have their rows.
  void HaveShops(size_t shops);
  // Adds the tallies of a part of the messages read with shops and customers of its own
  // numbering: `shops` and `customers` map its ids to these.
  void Merge(GroupingTallies& part, std::span<const Id> shops, std::span<const Id> customers);

  Grouping grouping;
  size_t rows = 0;  // the report's rows (none yet for shops): set by the map's making
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

// The orders that count, each with the best inquiry offered to it so far. Orders are looked
// up by the Dataset's customer ids; a month holds hundreds of thousands, so only what the
// columns read of each is kept.
class StreamOrders {
 public:
  // Takes what it needs of d->orders, which it lets go: nothing else of the report reads
  // them once the messages stream.
  StreamOrders(const Context& c, Dataset* d);
  // The orders as read straight from their file (direct_reader.h), found by key only (no
  // Dataset customer ids: Offers by key). `d` holds their shops.
  StreamOrders(const Context& c, const Dataset& d, KeyedOrders orders);

  // The offers of an inquiry of `customer` (the Dataset's; kNone or one without orders:
  // none) to its orders created in the window after the inquiry's first message.
  void Offers(Id customer, const Session& inquiry, std::span<const AgentLine> lines,
              std::vector<OrderOffer>* out) const;

  // For readers whose customers are not the Dataset's: the customers' orders found by key
  // ("shop\x1Fcustomer_id") and its hash (KeyHash), a table slot fetched ahead of the lookup.
  // IndexKeys makes the table, from `d`'s customers (those of the orders).
  void IndexKeys(const Dataset& d);
  static uint64_t KeyHash(std::string_view key);
  void Prefetch(uint64_t hash) const;
  // Once the slot has arrived: the first order of the slot's customer (the key's or not).
  void PrefetchOrders(uint64_t hash) const;
  struct Range {
    uint32_t begin = 0, end = 0;
  };
  Range OrdersOf(std::string_view key, uint64_t hash) const;
  void Offers(Range orders, const Session& inquiry, std::span<const AgentLine> lines,
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
    uint32_t key_at = 0, key_size = 0;  // its customer's key in keys_ (found by key only)
    bool refunded;
  };
  // The table of customers found by key: a slot per customer with orders, found by the
  // key's full hash and checked against the key of its first order; at most two thirds
  // full. Sixteen bytes a slot: a month's table stays small enough to fetch ahead.
  struct KeySlot {
    uint64_t hash = 0;
    uint32_t begin = 0, end = 0;  // the customer's orders in kept_; end == begin: empty
  };
  static size_t KeySlotsFor(size_t customers);
  std::string_view KeyOf(const Kept& order) const {
    return std::string_view(keys_).substr(order.key_at, order.key_size);
  }
  // Two tables, each for the keys of one value of the hash's top bit: they are filled on
  // two cores at once.
  std::array<std::vector<KeySlot>, 2> key_slots_;
  const std::vector<KeySlot>& TableOf(uint64_t hash) const { return key_slots_[hash >> 63]; }
  std::string keys_;
  std::vector<const ShopSettings*> shop_settings_;  // per shop of the Dataset's orders
  std::vector<uint32_t> start_;                     // per Dataset customer, into kept_
  std::vector<Kept> kept_;                          // grouped by customer
};

// The columns of every grouping once every session and order is in: the ratings credited
// through `conversed` (every session with a conversation id a rating may name) are added
// first. `d` holds every shop of the messages.
StreamedChat StreamedColumns(const Context& c, const Dataset& d, const AllTallies& tallies,
                             const StreamOrders& orders,
                             const std::vector<ConversationSession>& conversed);

}  // namespace csperf::metrics
