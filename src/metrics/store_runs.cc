#include "metrics/store_runs.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <optional>
#include <string>
#include <thread>

#include "metrics/message_order.h"

namespace csperf::metrics {
namespace {

// A prepared statement and its cells as views, valid until the next step.
class Rows {
 public:
  Rows(SQLite::Database& db, const std::string& query) : db_(db) {
    if (sqlite3_prepare_v2(db.getHandle(), query.c_str(), -1, &stmt_, nullptr) != SQLITE_OK)
      throw SQLite::Exception(db.getHandle());
  }
  ~Rows() { sqlite3_finalize(stmt_); }
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  bool Next() {
    const int step = sqlite3_step(stmt_);
    if (step == SQLITE_DONE) return false;
    if (step != SQLITE_ROW) throw SQLite::Exception(db_.getHandle(), step);
    return true;
  }
  std::string_view Text(int column) const {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return {bytes == nullptr ? "" : bytes,
            static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
  }
  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool Null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

 private:
  SQLite::Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::string KeyOf(std::string_view shop, std::string_view customer) {
  return std::string(shop) + '\x1F' + std::string(customer);
}

// The input order (ord) of the first and last rows a range met.
struct OrdSpan {
  int64_t first = INT64_MAX;
  int64_t last = INT64_MIN;
};

// Range [first, last] of rowids, less the leading rows of the customer of the row before
// it, plus the rows after it of its last customer. False at a row out of input order.
bool ReadRange(const std::string& path, int64_t first, int64_t last, RunBuilder* runs,
               OrdSpan* out) {
  // Kept here while reading: the ranges' spans share a cache line.
  OrdSpan span;
  SQLite::Database db(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
  db.exec("PRAGMA cache_size=-32768");
  std::string skip;  // the customer whose rows the range before reads
  if (first > 1) {
    Rows before(db, fmt::format("SELECT shop, customer_id FROM messages WHERE rowid < {} "
                                "ORDER BY rowid DESC LIMIT 1",
                                first));
    if (before.Next()) skip = KeyOf(before.Text(0), before.Text(1));
  }
  Rows rows(db, fmt::format("SELECT shop, customer_id, sender, sent_at, account, "
                            "conversation_id, copies, ord, rowid FROM messages WHERE rowid >= {} "
                            "ORDER BY rowid",
                            first));
  std::string current;  // the customer of the row before
  bool skipping = !skip.empty();
  while (rows.Next()) {
    const std::string_view shop = rows.Text(0);
    const std::string_view customer = rows.Text(1);
    const bool same = current.size() == shop.size() + 1 + customer.size() &&
                      current.compare(0, shop.size(), shop) == 0 &&
                      current.compare(shop.size() + 1, std::string::npos, customer) == 0;
    if (!same) {
      current = KeyOf(shop, customer);
      if (skipping && current == skip) continue;
      skipping = false;
      if (rows.Int(8) > last) break;  // the range's last customer is done
    } else if (skipping) {
      continue;
    }
    const int64_t ord = rows.Int(7);
    if (ord < span.last) return false;
    span.first = std::min(span.first, ord);
    span.last = ord;
    runs->Add(shop, customer, SenderOfWord(rows.Text(2)).value_or(Sender::kSystem), rows.Int(3),
              rows.Text(4), rows.Text(5), rows.Int(6));
  }
  runs->EndChunk();
  *out = span;
  return true;
}

// The largest rowid of `table` in the store at `path` (0 when empty); nothing when the store
// is not a file another connection can open.
std::optional<int64_t> MaxRowid(const std::string& path, const char* table) {
  if (path.empty() || path == ":memory:") return std::nullopt;
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
    return db.execAndGet(fmt::format("SELECT coalesce(max(rowid), 0) FROM {}", table)).getInt64();
  } catch (const SQLite::Exception&) {
    return std::nullopt;
  }
}

int64_t Cores(const StoreReadOptions& options) {
  return options.threads > 0
             ? options.threads
             : static_cast<int64_t>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace

bool StoreStartsByCustomer(Store& store, size_t rows) {
  Rows first(store.db(), fmt::format("SELECT shop, customer_id FROM messages ORDER BY rowid "
                                     "LIMIT {}",
                                     rows));
  CustomerRuns runs;
  while (first.Next()) runs.Add(first.Text(0), first.Text(1));
  return runs.InRuns();
}

bool ReadStoreCustomerRuns(const std::string& path, const StoreReadOptions& options,
                           const RunSinkMaker& make_sink,
                           std::vector<std::unique_ptr<RunSink>>* sinks) {
  sinks->clear();
  const std::optional<int64_t> rows = MaxRowid(path, "messages");
  if (!rows) return false;
  const int64_t max_rowid = *rows;
  const int64_t threads = Cores(options);
  // Ranges several times as many as cores: a core that runs slower (a machine shared with
  // others) reads fewer of them, and the cores finish together.
  constexpr int64_t kRangesPerCore = 4;
  const int64_t ranges = std::clamp<int64_t>(
      max_rowid / std::max<int64_t>(1, options.min_rows_per_range), 1, threads * kRangesPerCore);
  const auto cores = static_cast<size_t>(std::min(threads, ranges));
  std::vector<RunBuilder> builders;
  builders.reserve(cores);
  for (size_t w = 0; w < cores; ++w) {
    sinks->push_back(make_sink(w));
    // A customer's rows number ten or so.
    builders.emplace_back(sinks->back().get(), static_cast<size_t>(max_rowid) / cores / 16);
  }
  std::vector<OrdSpan> spans(static_cast<size_t>(ranges));
  std::vector<char> ok(spans.size(), 0);
  std::atomic<size_t> next{0};
  auto work = [&](size_t w) {
    for (size_t k = next++; k < spans.size(); k = next++) {
      const int64_t first = max_rowid * static_cast<int64_t>(k) / ranges + 1;
      const int64_t last = max_rowid * static_cast<int64_t>(k + 1) / ranges;
      builders[w].BeginChunk(k);
      try {
        ok[k] = ReadRange(path, first, last, &builders[w], &spans[k]);
      } catch (const SQLite::Exception&) {
        ok[k] = 0;
      }
      if (!ok[k]) return;
    }
    builders[w].End();
  };
  std::vector<std::thread> workers;
  for (size_t w = 1; w < cores; ++w) workers.emplace_back(work, w);
  work(0);
  for (std::thread& t : workers) t.join();
  bool read_all = true;
  for (size_t k = 0; k < spans.size(); ++k) {
    if (!ok[k] || (k > 0 && spans[k].first != INT64_MAX && spans[k].first < spans[k - 1].last))
      read_all = false;
  }
  if (!read_all) {
    sinks->clear();
    return false;
  }
  return true;
}

bool ReadStoreKeyedOrders(const std::string& path, const StoreReadOptions& options, Dataset* d,
                          KeyedOrders* out) {
  const std::optional<int64_t> rows = MaxRowid(path, "orders");
  if (!rows) return false;
  const int64_t max_rowid = *rows;
  const int64_t threads = Cores(options);
  const int64_t ranges = std::clamp<int64_t>(
      max_rowid / std::max<int64_t>(1, options.min_rows_per_range / 8), 1, threads);
  // Each range its orders, keys and shops; joined in range order.
  struct Range {
    std::vector<KeyedOrder> orders;
    std::string keys;
    StringPool shops;
    bool ok = false;
  };
  std::vector<Range> read(static_cast<size_t>(ranges));
  auto work = [&](size_t k) {
    const int64_t first = max_rowid * static_cast<int64_t>(k) / ranges + 1;
    const int64_t last = max_rowid * static_cast<int64_t>(k + 1) / ranges;
    Range& r = read[k];
    try {
      SQLite::Database db(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
      Rows rows(db, fmt::format("SELECT shop, customer_id, created_at, paid_at, amount, status "
                                "FROM orders WHERE rowid BETWEEN {} AND {} ORDER BY rowid",
                                first, last));
      LastSeen shop;
      while (rows.Next()) {
        const size_t at = r.keys.size();
        r.keys.append(rows.Text(0)).append(1, '\x1F').append(rows.Text(1));
        const std::string_view key = std::string_view(r.keys).substr(at);
        KeyedOrder o{XXH3_64bits(key.data(), key.size()),
                     static_cast<uint32_t>(at),
                     static_cast<uint32_t>(key.size()),
                     shop.Intern(r.shops, rows.Text(0)),
                     rows.Int(2),
                     std::nullopt,
                     rows.Int(4),
                     rows.Text(5) == "refunded"};
        if (!rows.Null(3)) o.paid_at = rows.Int(3);
        r.orders.push_back(o);
      }
      r.ok = true;
    } catch (const SQLite::Exception&) {
      r.ok = false;
    }
  };
  std::vector<std::thread> workers;
  for (size_t k = 1; k < read.size(); ++k) workers.emplace_back(work, k);
  work(0);
  for (std::thread& t : workers) t.join();
  for (const Range& r : read) {
    if (!r.ok) return false;
  }
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
  return true;
}

}  // namespace csperf::metrics
