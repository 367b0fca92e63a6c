#include "metrics/stream_tallies.h"

#include <xxhash.h>

namespace csperf::metrics {

GroupingTallies::GroupingTallies(const Context& c, Grouping g)
    : grouping(g), map(RowMapOf(c, g, &rows)) {
  if (g == Grouping::kShop) {
    map.shop_row.clear();
    rows = 0;
  }
  chat = std::make_unique<ChatTallies>(map, rows);
  sales = std::make_unique<SaleTallies>(map, rows);
  ratings = std::make_unique<RatingTallies>(map, rows);
}

void GroupingTallies::HaveShops(size_t shops) {
  if (grouping != Grouping::kShop || map.shop_row.size() >= shops) return;
  while (map.shop_row.size() < shops) map.shop_row.push_back(static_cast<int>(map.shop_row.size()));
  chat->Resize(shops);
  sales->Resize(shops);
  ratings->Resize(shops);
}

void GroupingTallies::Merge(GroupingTallies& part, std::span<const Id> shops,
                            std::span<const Id> customers) {
  // A part's row is an agent's, team's or manager's, as here; or its own shop's.
  std::vector<int> row_of(grouping == Grouping::kShop ? part.map.shop_row.size() : rows);
  for (size_t r = 0; r < row_of.size(); ++r) {
    row_of[r] = grouping == Grouping::kShop ? static_cast<int>(shops[r]) : static_cast<int>(r);
  }
  chat->Merge(*part.chat, row_of);
  sales->Merge(*part.sales, row_of, customers);
}

AllTallies MakeTallies(const Context& c, std::span<const Grouping> groupings) {
  AllTallies out;
  for (Grouping g : groupings) out.push_back(std::make_unique<GroupingTallies>(c, g));
  return out;
}

StreamOrders::StreamOrders(const Context& c, Dataset* d) {
  for (size_t shop = 0; shop < d->shops.size(); ++shop)
    shop_settings_.push_back(&c.settings.ForShop(d->shops.Get(static_cast<Id>(shop))));
  start_.assign(d->customers.size() + 1, 0);
  for (const Order& o : d->orders) {
    if (OrderCounts(c, o)) ++start_[static_cast<size_t>(o.customer) + 1];
  }
  for (size_t i = 1; i < start_.size(); ++i) start_[i] += start_[i - 1];
  kept_.resize(start_.back());
  std::vector<uint32_t> fill(start_.begin(), start_.end() - 1);
  for (const Order& o : d->orders) {
    if (!OrderCounts(c, o)) continue;
    Kept& kept = kept_[fill[static_cast<size_t>(o.customer)]++];
    kept = Kept{};
    kept.created_at = o.created_at;
    kept.amount = o.amount;
    kept.customer = o.customer;
    kept.shop = o.shop;
    kept.refunded = o.refunded;
  }
  std::vector<Order>().swap(d->orders);
}

size_t StreamOrders::KeySlotsFor(size_t customers) {
  size_t slots = 1024;
  while (slots * 2 < customers * 3) slots *= 2;
  return slots;
}

StreamOrders::StreamOrders(const Context& c, const Dataset& d, KeyedOrders orders) {
  for (size_t shop = 0; shop < d.shops.size(); ++shop)
    shop_settings_.push_back(&c.settings.ForShop(d.shops.Get(static_cast<Id>(shop))));
  auto counts = [&](const KeyedOrder& o) {
    const ShopSettings& shop = *shop_settings_[static_cast<size_t>(o.shop)];
    return o.paid_at && *o.paid_at - o.created_at <= shop.payment_window_s;
  };
  keys_ = std::move(orders.keys);
  const size_t n_orders = orders.orders.size();
  std::array<size_t, 2> counted = {0, 0};
  for (const KeyedOrder& o : orders.orders) counted[o.key_hash >> 63] += counts(o);
  kept_.resize(counted[0] + counted[1]);
  auto key_of = [&](const KeyedOrder& o) {
    return std::string_view(keys_).substr(o.key_at, o.key_size);
  };
  // Each half of the keys on its own core. First each counted order finds its customer's
  // slot, which counts them in `end` and names its first order in `begin`; then each
  // customer gets its range of kept_, in slot order (the second half's after the first's);
  // then each order takes its place there, in file order. Slots are fetched a few orders
  // ahead: the table is far larger than the cache.
  auto fill = [&](size_t half) {
    std::vector<KeySlot>& table = key_slots_[half];
    table.assign(KeySlotsFor(counted[half]), KeySlot{});
    const size_t mask = table.size() - 1;
    constexpr size_t kAhead = 16;
    std::vector<uint32_t> slot_of(n_orders, UINT32_MAX);
    for (size_t n = 0; n < n_orders; ++n) {
      if (n + kAhead < n_orders)
        __builtin_prefetch(&table[orders.orders[n + kAhead].key_hash & mask]);
      const KeyedOrder& o = orders.orders[n];
      if (o.key_hash >> 63 != half || !counts(o)) continue;
      size_t i = o.key_hash & mask;
      for (; table[i].end > 0; i = (i + 1) & mask) {
        if (table[i].hash == o.key_hash && key_of(orders.orders[table[i].begin]) == key_of(o))
          break;
      }
      if (table[i].end == 0) table[i] = {o.key_hash, static_cast<uint32_t>(n), 0};
      ++table[i].end;
      slot_of[n] = static_cast<uint32_t>(i);
    }
    auto next = static_cast<uint32_t>(half == 0 ? 0 : counted[0]);
    for (KeySlot& slot : table) {
      if (slot.end == 0) continue;
      const uint32_t count = slot.end;
      slot.begin = slot.end = next;
      next += count;
    }
    for (size_t n = 0; n < n_orders; ++n) {
      if (n + kAhead < n_orders && slot_of[n + kAhead] != UINT32_MAX)
        __builtin_prefetch(&table[slot_of[n + kAhead]]);
      if (slot_of[n] == UINT32_MAX) continue;
      const KeyedOrder& o = orders.orders[n];
      KeySlot& slot = table[slot_of[n]];
      Kept& kept = kept_[slot.end++];
      kept = Kept{};
      kept.created_at = o.created_at;
      kept.amount = o.amount;
      kept.customer = static_cast<Id>(slot.begin);  // one number per customer
      kept.shop = o.shop;
      kept.key_at = o.key_at;
      kept.key_size = o.key_size;
      kept.refunded = o.refunded;
    }
  };
  ExecutorOf(c).ParallelFor(2, fill);
}

void StreamOrders::Offers(Id customer, const Session& inquiry, std::span<const AgentLine> lines,
                          std::vector<OrderOffer>* out) const {
  if (customer == kNone || static_cast<size_t>(customer) + 1 >= start_.size()) return;
  Offers({start_[static_cast<size_t>(customer)], start_[static_cast<size_t>(customer) + 1]},
         inquiry, lines, out);
}

void StreamOrders::IndexKeys(const Dataset& d) {
  std::array<size_t, 2> buyers = {0, 0};
  std::vector<uint64_t> hashes(start_.size() - 1, 0);
  for (size_t customer = 0; customer + 1 < start_.size(); ++customer) {
    if (start_[customer] == start_[customer + 1]) continue;
    const std::string_view key = d.customers.Get(static_cast<Id>(customer));
    hashes[customer] = KeyHash(key);
    ++buyers[hashes[customer] >> 63];
  }
  for (size_t half = 0; half < 2; ++half)
    key_slots_[half].assign(KeySlotsFor(buyers[half]), KeySlot{});
  for (size_t customer = 0; customer + 1 < start_.size(); ++customer) {
    if (start_[customer] == start_[customer + 1]) continue;
    const std::string_view key = d.customers.Get(static_cast<Id>(customer));
    const uint64_t hash = hashes[customer];
    std::vector<KeySlot>& table = key_slots_[hash >> 63];
    const size_t mask = table.size() - 1;
    size_t i = hash & mask;
    while (table[i].end != table[i].begin) i = (i + 1) & mask;
    table[i] = {hash, start_[customer], start_[customer + 1]};
    Kept& first = kept_[start_[customer]];
    first.key_at = static_cast<uint32_t>(keys_.size());
    first.key_size = static_cast<uint32_t>(key.size());
    keys_ += key;
  }
}

uint64_t StreamOrders::KeyHash(std::string_view key) { return XXH3_64bits(key.data(), key.size()); }

void StreamOrders::Prefetch(uint64_t hash) const {
  const std::vector<KeySlot>& table = TableOf(hash);
  if (!table.empty()) __builtin_prefetch(&table[hash & (table.size() - 1)]);
}

void StreamOrders::PrefetchOrders(uint64_t hash) const {
  const std::vector<KeySlot>& table = TableOf(hash);
  if (table.empty()) return;
  const KeySlot& slot = table[hash & (table.size() - 1)];
  if (slot.end != slot.begin) __builtin_prefetch(&kept_[slot.begin]);
}

StreamOrders::Range StreamOrders::OrdersOf(std::string_view key, uint64_t hash) const {
  const std::vector<KeySlot>& table = TableOf(hash);
  if (table.empty()) return {};
  const size_t mask = table.size() - 1;
  for (size_t i = hash & mask; table[i].end != table[i].begin; i = (i + 1) & mask) {
    const KeySlot& slot = table[i];
    if (slot.hash == hash && KeyOf(kept_[slot.begin]) == key) return {slot.begin, slot.end};
  }
  return {};
}

void StreamOrders::Offers(Range orders, const Session& inquiry, std::span<const AgentLine> lines,
                          std::vector<OrderOffer>* out) const {
  for (uint32_t i = orders.begin; i < orders.end; ++i) {
    const Kept& order = kept_[i];
    const ShopSettings& shop = *shop_settings_[static_cast<size_t>(order.shop)];
    if (!InWindow(shop, order.created_at, inquiry.first_at)) continue;
    out->push_back(
        {i, inquiry.first_at, inquiry.first_message, CreditedActor(lines, order.created_at)});
  }
}

void StreamOrders::Take(const OrderOffer& offer) {
  Kept& order = kept_[offer.order];
  if (order.best_actor != kNone && std::make_pair(order.best_first_at, order.best_first_message) >
                                       std::make_pair(offer.first_at, offer.first_message)) {
    return;
  }
  order.best_first_at = offer.first_at;
  order.best_first_message = offer.first_message;
  order.best_actor = offer.actor;
}

void StreamOrders::AddTo(const Context& c, const AllTallies& tallies) const {
  for (const Kept& o : kept_) {
    // An order counts in the period of its session.
    if (o.best_actor == kNone || o.best_first_at < c.begin || o.best_first_at >= c.end) continue;
    for (const auto& t : tallies)
      t->sales->AddOrder(o.customer, o.amount, o.refunded, o.best_actor, o.shop);
  }
}

StreamedChat StreamedColumns(const Context& c, const Dataset& d, const AllTallies& tallies,
                             const StreamOrders& orders,
                             const std::vector<ConversationSession>& conversed) {
  orders.AddTo(c, tallies);
  for (const RatingCredit& credit : CreditRatings(c, conversed)) {
    for (const auto& t : tallies)
      t->ratings->AddRating(d.ratings[credit.rating].score, credit.actor, credit.shop);
  }
  StreamedChat out;
  for (const auto& t : tallies) {
    t->HaveShops(d.shops.size());
    size_t rows = 0;
    const RowMap final_map = RowMapOf(c, t->grouping, &rows);
    std::vector<Columns> columns(rows);
    // The tallies' row of each report row: itself, or for a shop row the shop's id.
    std::vector<size_t> tally_row(rows);
    for (size_t r = 0; r < rows; ++r) tally_row[r] = r;
    if (t->grouping == Grouping::kShop) {
      for (size_t s = 0; s < final_map.shop_row.size(); ++s)
        tally_row[static_cast<size_t>(final_map.shop_row[s])] = s;
    }
    for (size_t r = 0; r < rows; ++r) {
      t->chat->AppendColumns(tally_row[r], &columns[r]);
      t->sales->AppendColumns(tally_row[r], &columns[r]);
      t->ratings->AppendColumns(tally_row[r], &columns[r]);
    }
    out.columns.emplace_back(t->grouping, std::move(columns));
  }
  return out;
}

}  // namespace csperf::metrics
