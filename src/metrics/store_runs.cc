#include "metrics/store_runs.h"

#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <string>

#include "metrics/message_order.h"

namespace csperf::metrics {
namespace {

std::string KeyOf(std::string_view shop, std::string_view customer) {
  return std::string(shop) + '\x1F' + std::string(customer);
}

// The range [first, last] of input order, less the leading rows of the customer of the
// record before it, plus the rows after it of its last customer.
void ReadRange(Store& store, int64_t first, int64_t last, RunBuilder* runs) {
  std::string skip;  // the customer whose rows the range before reads
  if (first > 0) {
    auto before = store.Scan({Kind::kMessages, {"shop", "customer_id"}, 0, first - 1, 1, true});
    if (before->Next()) skip = KeyOf(before->Text(0), before->Text(1));
  }
  auto rows = store.Scan(
      {Kind::kMessages,
       {"shop", "customer_id", "sender", "sent_at", "account", "conversation_id", "copies", "ord"},
       first});
  std::string current;  // the customer of the row before
  bool skipping = !skip.empty();
  while (rows->Next()) {
    const std::string_view shop = rows->Text(0);
    const std::string_view customer = rows->Text(1);
    const bool same = current.size() == shop.size() + 1 + customer.size() &&
                      current.compare(0, shop.size(), shop) == 0 &&
                      current.compare(shop.size() + 1, std::string::npos, customer) == 0;
    if (!same) {
      current = KeyOf(shop, customer);
      if (skipping && current == skip) continue;
      skipping = false;
      if (rows->Int(7) > last) break;  // the range's last customer is done
    } else if (skipping) {
      continue;
    }
    runs->Add(shop, customer, SenderOfWord(rows->Text(2)).value_or(Sender::kSystem), rows->Int(3),
              rows->IsNull(4) ? std::string_view() : rows->Text(4),
              rows->IsNull(5) ? std::string_view() : rows->Text(5), rows->Int(6));
  }
  runs->EndChunk();
}

}  // namespace

bool StoreStartsByCustomer(Store& store, size_t rows) {
  auto first = store.Scan(
      {Kind::kMessages, {"shop", "customer_id"}, 0, INT64_MAX, static_cast<int64_t>(rows)});
  CustomerRuns runs;
  while (first->Next()) runs.Add(first->Text(0), first->Text(1));
  return runs.InRuns();
}

bool ReadStoreCustomerRuns(Store& store, const StoreReadOptions& options,
                           const RunSinkMaker& make_sink,
                           std::vector<std::unique_ptr<RunSink>>* sinks) {
  sinks->clear();
  const int64_t end = store.OrdEnd(Kind::kMessages);
  const int64_t cores = RangesFor(store, INT64_MAX, options, 1);
  // Ranges several times as many as cores: a core that runs slower (a machine shared with
  // others) reads fewer of them, and the cores finish together.
  constexpr int64_t kRangesPerCore = 4;
  const int64_t ranges =
      store.ConcurrentScans()
          ? std::clamp<int64_t>(end / std::max<int64_t>(1, options.min_rows_per_range), 1,
                                cores * kRangesPerCore)
          : 1;
  const auto workers = static_cast<size_t>(std::min(cores, ranges));
  std::vector<RunBuilder> builders;
  builders.reserve(workers);
  for (size_t w = 0; w < workers; ++w) {
    sinks->push_back(make_sink(w));
    // A customer's rows number ten or so.
    builders.emplace_back(sinks->back().get(), static_cast<size_t>(end) / workers / 16);
  }
  std::atomic<int64_t> next{0};
  ExecutorOf(options).ParallelFor(workers, [&](size_t w) {
    for (int64_t k = next++; k < ranges; k = next++) {
      const int64_t first = end * k / ranges;
      const int64_t last = k + 1 == ranges ? INT64_MAX : end * (k + 1) / ranges - 1;
      builders[w].BeginChunk(static_cast<size_t>(k));
      ReadRange(store, first, last, &builders[w]);
    }
    builders[w].End();
  });
  return true;
}

void ReadStoreKeyedOrders(Store& store, const StoreReadOptions& options, Dataset* d,
                          KeyedOrders* out) {
  const int64_t end = store.OrdEnd(Kind::kOrders);
  const int64_t ranges = RangesFor(store, end, options, options.min_rows_per_range / 8);
  // Each range its orders, keys and shops; joined in range order.
  struct Range {
    std::vector<KeyedOrder> orders;
    std::string keys;
    StringPool shops;
  };
  std::vector<Range> read(static_cast<size_t>(ranges));
  ExecutorOf(options).ParallelFor(read.size(), [&](size_t k) {
    const int64_t first = end * static_cast<int64_t>(k) / ranges;
    const int64_t last =
        k + 1 == read.size() ? INT64_MAX : end * static_cast<int64_t>(k + 1) / ranges - 1;
    Range& r = read[k];
    auto rows = store.Scan({Kind::kOrders,
                            {"shop", "customer_id", "created_at", "paid_at", "amount", "status"},
                            first,
                            last});
    LastSeen shop;
    while (rows->Next()) {
      const size_t at = r.keys.size();
      r.keys.append(rows->Text(0)).append(1, '\x1F').append(rows->Text(1));
      const std::string_view key = std::string_view(r.keys).substr(at);
      KeyedOrder o{XXH3_64bits(key.data(), key.size()),
                   static_cast<uint32_t>(at),
                   static_cast<uint32_t>(key.size()),
                   shop.Intern(r.shops, rows->Text(0)),
                   rows->Int(2),
                   std::nullopt,
                   rows->Int(4),
                   rows->Text(5) == "refunded"};
      if (!rows->IsNull(3)) o.paid_at = rows->Int(3);
      r.orders.push_back(o);
    }
  });
  for (Range& r : read) {
    const std::vector<Id> shops = d->shops.InternAll(r.shops);
    const auto key_base = static_cast<uint32_t>(out->keys.size());
    out->keys += r.keys;
    for (KeyedOrder& o : r.orders) {
      o.key_at += key_base;
      o.shop = shops[static_cast<size_t>(o.shop)];
      out->orders.push_back(o);
    }
  }
}

}  // namespace csperf::metrics
