#include "metrics/direct_reader.h"

#include <xxhash.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <functional>
#include <optional>

#include "core/civil_time.h"
#include "core/env.h"
#include "core/mapped_file.h"
#include "core/text.h"
#include "import/header_map.h"
#include "import/row_parser.h"
#include "io/csv_parts.h"
#include "io/encoding.h"
#include "metrics/chat_keeper.h"

namespace csperf::metrics {
namespace {

bool Digits(std::string_view s, size_t at, size_t count, int* out) {
  int v = 0;
  for (size_t i = at; i < at + count; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// "2024-01-05 10:00:00" with a plain date and clock, as local seconds. Years outside
// 2000–2098 (well inside the zone's table) and anything else go to the importer's parser.
// Rows mostly share the date of the row before: a date is read once for each run of rows.
class PlainLocalTimes {
 public:
  bool Read(std::string_view s, int64_t* local_seconds) {
    if (s.size() != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':') return false;
    if (!has_date_ || !SameText(s.substr(0, 10), date_)) {
      if (!ReadDate(s.substr(0, 10))) return false;
    }
    int hour = 0, minute = 0, second = 0;
    if (!Digits(s, 11, 2, &hour) || !Digits(s, 14, 2, &minute) || !Digits(s, 17, 2, &second) ||
        hour > 23 || minute > 59 || second > 59) {
      return false;
    }
    *local_seconds = day_seconds_ + int64_t{hour} * 3600 + int64_t{minute} * 60 + second;
    return true;
  }

 private:
  bool ReadDate(std::string_view s) {
    CivilDate d;
    if (s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, &d.year) || !Digits(s, 5, 2, &d.month) ||
        !Digits(s, 8, 2, &d.day)) {
      return false;
    }
    if (d.year < 2000 || d.year > 2098 || d.month < 1 || d.month > 12 || d.day < 1 ||
        d.day > DaysInMonth(d.year, d.month)) {
      return false;
    }
    date_.assign(s);
    day_seconds_ = DaysFromCivil(d) * kSecondsPerDay;
    has_date_ = true;
    return true;
  }

  std::string date_;
  int64_t day_seconds_ = 0;
  bool has_date_ = false;
};

// "1299", "1299.5" or "1299.50" (no sign, separators, currency or leading zeros) as cents.
bool PlainAmount(std::string_view s, Cents* cents) {
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || (whole.size() > 1 && whole[0] == '0')) return false;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) return false;
  int64_t v = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  int64_t f = 0;
  for (size_t i = 0; i < 2; ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (c < '0' || c > '9') return false;
    f = f * 10 + (c - '0');
  }
  *cents = v * 100 + f;
  return true;
}

std::string_view TextOf(const Value& v) { return v.is_null() ? std::string_view() : v.s; }

// Calls f(k) for every k in [0, n) on the executor's threads.
template <class F>
void RunOnEach(Executor& executor, size_t n, F f) {
  executor.ParallelFor(n, std::function<void(size_t)>(std::move(f)));
}

// Rows kept in blocks that are let go one by one as the rows are moved on: the parts' rows
// and the joined column are never all in memory at once.
template <class T>
class Blocks {
 public:
  void push_back(T row) {
    if (blocks_.empty() || blocks_.back().size() == kBlockRows) {
      blocks_.emplace_back();
      blocks_.back().reserve(kBlockRows);
    }
    blocks_.back().push_back(std::move(row));
    ++size_;
  }
  size_t size() const { return size_; }
  // Calls take(row) on every row in order, freeing each block once it is taken.
  template <class F>
  void Drain(F take) {
    for (std::vector<T>& block : blocks_) {
      for (T& row : block) take(row);
      std::vector<T>().swap(block);
    }
    blocks_.clear();
    size_ = 0;
  }

 private:
  static constexpr size_t kBlockRows = 1 << 14;
  std::vector<std::vector<T>> blocks_;
  size_t size_ = 0;
};

// A plain file, mapped, its header matched.
struct PlainFile {
  std::unique_ptr<MappedFile> file;
  std::string_view text;  // after a BOM
  size_t body = 0;        // where the first record after the header starts
  HeaderMap header;
};

std::optional<PlainFile> OpenPlain(const std::string& path, const KindSpec& spec) {
  auto mapped = MappedFile::Open(path);
  if (!mapped.ok()) return std::nullopt;
  PlainFile f;
  f.file = std::move(*mapped);
  f.text = f.file->bytes();
  if (f.text.starts_with("\xEF\xBB\xBF")) f.text.remove_prefix(3);
  CsvReader reader(f.text);
  CsvRecord header;
  if (!reader.Next(&header) || !header.ok()) return std::nullopt;
  f.body = reader.offset();
  if (!IsPlainUtf8(f.text.substr(0, f.body))) return std::nullopt;
  auto map = MapHeader(spec, header.fields, nullptr, path, header.line);
  if (!map.ok() || !map->extra_index.empty()) return std::nullopt;
  f.header = std::move(*map);
  return f;
}

// Hands each record of [starts[k], starts[k + 1]) to add(row) until it returns false (then
// false), giving the pages read back as it goes: the file counts against the process's
// memory only a little at a time.
template <class F>
bool ReadPart(const PlainFile& file, CsvPartReader& reader, const std::vector<size_t>& starts,
              size_t k, F add) {
  constexpr size_t kReleaseEvery = 32 << 20;
  const size_t offset = static_cast<size_t>(file.text.data() - file.file->bytes().data());
  const size_t end = k + 1 < starts.size() ? starts[k + 1] : file.text.size();
  size_t released = starts[k];
  CsvRecord row;
  while (reader.Next(&row)) {
    if (!add(row)) return false;
    const size_t at = static_cast<size_t>(row.raw.data() - file.text.data());
    if (at - released >= kReleaseEvery) {
      file.file->Release(offset + released, offset + at);
      released = at;
    }
  }
  file.file->Release(offset + released, offset + end);
  return true;
}

std::vector<CsvPartReader> ReadersOf(const PlainFile& file, const std::vector<size_t>& starts) {
  std::vector<CsvPartReader> readers;
  readers.reserve(starts.size());
  for (size_t k = 0; k < starts.size(); ++k)
    readers.emplace_back(file.text, starts[k],
                         k + 1 < starts.size() ? starts[k + 1] : file.text.size());
  return readers;
}

// Whether every part began where the one before it stopped: a part that started inside a
// quoted line break reads nonsense, and only the reading in one part is the file's own.
bool Agree(const std::vector<CsvPartReader>& readers) {
  std::vector<const CsvPartReader*> views;
  views.reserve(readers.size());
  for (const CsvPartReader& r : readers) views.push_back(&r);
  return PartsAgree(views);
}

// What every part of a file does with a row: its cells read on the fast path when they are
// plain, else by the importer's own parser; the ids it met remembered to find repeats.
class PartBase {
 public:
  PartBase(Kind kind, const PlainFile& file, std::shared_ptr<const TimeZone> zone,
           const std::string& path)
      : spec_(SpecOf(kind)),
        header_(file.header),
        zone_(*zone),
        parser_(spec_, file.header, nullptr, std::move(zone), path) {}

  std::vector<uint64_t>& id_hashes() { return id_hashes_; }

 protected:
  int Source(std::string_view column) const {
    return header_.source_index[static_cast<size_t>(ColumnIndex(spec_, column))];
  }
  static std::string_view Cell(const CsvRecord& row, int source) {
    return source < 0 ? std::string_view() : Trim(row.fields[static_cast<size_t>(source)]);
  }
  size_t Canonical(std::string_view column) const {
    return static_cast<size_t>(ColumnIndex(spec_, column));
  }
  // The importer's reading of a row; null for a row it refuses.
  const Record* Slow(const CsvRecord& row) {
    problems_.clear();
    return parser_.Parse(row, &record_, &problems_) ? &record_ : nullptr;
  }
  void NoteId(std::string_view shop, std::string_view id) {
    if (id.empty()) return;
    key_.assign(shop);
    key_ += '\x1F';
    key_ += id;
    id_hashes_.push_back(XXH3_64bits(key_.data(), key_.size()));
  }
  bool Plain(const CsvRecord& row) const { return row.ok() && row.fields.size() == header_.width; }

  const KindSpec& spec_;
  HeaderMap header_;
  const TimeZone& zone_;
  PlainLocalTimes times_;
  std::string key_;  // reused

 private:
  RowParser parser_;
  Record record_;
  std::vector<Problem> problems_;
  std::vector<uint64_t> id_hashes_;
};

// Reads message rows of the chunks a core takes and hands them to its keeper.
class MessagePart : public PartBase {
 public:
  MessagePart(const PlainFile& file, std::shared_ptr<const TimeZone> zone, const std::string& path,
              ChatKeeper* keeper)
      : PartBase(Kind::kMessages, file, std::move(zone), path),
        src_{Source("shop"),    Source("customer_id"),     Source("sender"),    Source("sent_at"),
             Source("account"), Source("conversation_id"), Source("message_id")},
        keeper_(*keeper) {}

  ChatKeeper& keeper() { return keeper_; }

  // False for a row only the general path reads.
  bool Add(const CsvRecord& row) {
    if (Plain(row)) {
      const std::string_view shop = Cell(row, src_.shop);
      const std::string_view customer = Cell(row, src_.customer);
      const std::string_view account = Cell(row, src_.account);
      const std::optional<Sender> sender = SenderOfWord(Cell(row, src_.sender));
      int64_t local = 0;
      if (!shop.empty() && !customer.empty() && sender &&
          times_.Read(Cell(row, src_.sent_at), &local) &&
          !(*sender == Sender::kAgent && account.empty())) {
        keeper_.Add(shop, customer, *sender, zone_.FromLocalSeconds(local), account,
                    Cell(row, src_.conversation));
        NoteId(shop, Cell(row, src_.message_id));
        return true;
      }
    }
    const Record* r = Slow(row);
    if (r == nullptr) return false;
    auto v = [&](std::string_view column) -> const Value& { return r->values[Canonical(column)]; };
    keeper_.Add(v("shop").s, v("customer_id").s,
                SenderOfWord(v("sender").s).value_or(Sender::kSystem), v("sent_at").i,
                TextOf(v("account")), TextOf(v("conversation_id")));
    NoteId(v("shop").s, TextOf(v("message_id")));
    return true;
  }

 private:
  struct Columns {
    int shop, customer, sender, sent_at, account, conversation, message_id;
  };
  Columns src_;
  ChatKeeper& keeper_;
};

// A part's ids in the Dataset's pool. An empty pool simply takes the part's pool (the first
// part of the first kind read): its ids stay as they are, and the list returned is empty.
std::vector<Id> RenumberPool(StringPool* local, StringPool* global) {
  if (global->size() == 0) {
    *global = std::move(*local);
    *local = StringPool();
    return {};
  }
  return global->InternAll(*local);
}
Id Mapped(const std::vector<Id>& ids, Id id) {
  return id == kNone || ids.empty() ? id : ids[static_cast<size_t>(id)];
}

// Reads order rows into orders with ids of its own pools, renumbered into the Dataset's when
// the parts are joined. Orders are read after the messages: a customer the Dataset holds
// already keeps the Dataset's id, found without a lock while the parts read (nothing writes
// to it then); a new one gets the part's own id, encoded as -2 - id until the parts are
// joined.
class OrderPart : public PartBase {
 public:
  OrderPart(const PlainFile& file, std::shared_ptr<const TimeZone> zone, const std::string& path,
            const Dataset& known)
      : PartBase(Kind::kOrders, file, std::move(zone), path),
        src_{Source("order_id"), Source("shop"),   Source("customer_id"), Source("created_at"),
             Source("paid_at"),  Source("amount"), Source("status"),      Source("account")},
        known_customers_(known.customers) {}

  // False for a row only the general path reads.
  bool Add(const CsvRecord& row) {
    if (Plain(row)) {
      const std::string_view paid = Cell(row, src_.paid_at);
      const std::string_view status = Cell(row, src_.status);
      int64_t created_local = 0;
      int64_t paid_local = 0;
      Cents amount = 0;
      if (!Cell(row, src_.order_id).empty() && !Cell(row, src_.shop).empty() &&
          !Cell(row, src_.customer).empty() &&
          times_.Read(Cell(row, src_.created_at), &created_local) &&
          (paid.empty() || times_.Read(paid, &paid_local)) &&
          PlainAmount(Cell(row, src_.amount), &amount) && PlainStatus(status)) {
        const Instant created = zone_.FromLocalSeconds(created_local);
        std::optional<Instant> paid_at;
        if (!paid.empty()) paid_at = zone_.FromLocalSeconds(paid_local);
        if (!paid_at || *paid_at >= created) {
          Take(Cell(row, src_.order_id), Cell(row, src_.shop), Cell(row, src_.customer), created,
               paid_at, amount, status == "refunded", Cell(row, src_.account));
          return true;
        }
      }
    }
    const Record* r = Slow(row);
    if (r == nullptr) return false;
    auto v = [&](std::string_view column) -> const Value& { return r->values[Canonical(column)]; };
    std::optional<Instant> paid_at;
    if (!v("paid_at").is_null()) paid_at = v("paid_at").i;
    Take(v("order_id").s, v("shop").s, v("customer_id").s, v("created_at").i, paid_at,
         v("amount").i, TextOf(v("status")) == "refunded", TextOf(v("account")));
    return true;
  }

  size_t size() const { return orders_.size(); }
  // Shops, customers (new ones bringing their shop) and accounts in the Dataset's numbering.
  void Renumber(Dataset* d) {
    shops_map_ = RenumberPool(&shops_, &d->shops);
    customers_map_ = RenumberPool(&customers_, &d->customers);
    for (size_t i = 0; i < customer_shop_.size(); ++i) {
      const Id id = Mapped(customers_map_, static_cast<Id>(i));
      if (static_cast<size_t>(id) == d->customer_shop.size())
        d->customer_shop.push_back(Mapped(shops_map_, customer_shop_[i]));
    }
    accounts_map_ = RenumberPool(&accounts_, &d->accounts);
  }
  void MoveInto(Order* out) {
    orders_.Drain([&](Order& o) {
      o.shop = Mapped(shops_map_, o.shop);
      if (o.customer <= -2) o.customer = Mapped(customers_map_, -2 - o.customer);
      o.account = Mapped(accounts_map_, o.account);
      *out++ = std::move(o);
    });
  }

 private:
  struct Columns {
    int order_id, shop, customer, created_at, paid_at, amount, status, account;
  };
  static bool PlainStatus(std::string_view s) {
    return s.empty() || s == "paid" || s == "refunded" || s == "closed" || s == "unpaid";
  }
  void Take(std::string_view order_id, std::string_view shop, std::string_view customer,
            Instant created, std::optional<Instant> paid_at, Cents amount, bool refunded,
            std::string_view account) {
    const Id shop_id = last_shop_.Intern(shops_, shop);
    orders_.push_back({std::string(order_id), shop_id, Customer(shop_id, customer), created,
                       paid_at, amount, refunded,
                       account.empty() ? kNone : last_account_.Intern(accounts_, account)});
    NoteId(shop, order_id);
  }
  Id Customer(Id shop, std::string_view customer_id) {
    // The customer of the row before, most of the time: no key to build, no table to ask.
    if (shop == last_customer_shop_ && last_customer_.Holds(customer_id))
      return last_customer_.id();
    key_.assign(shops_.Get(shop));
    key_ += '\x1F';
    key_ += customer_id;
    Id id = known_customers_.Find(key_);
    if (id == kNone) {
      const Id own = customers_.Intern(key_);
      if (static_cast<size_t>(own) == customer_shop_.size()) customer_shop_.push_back(shop);
      id = -2 - own;
    }
    last_customer_.Remember(customer_id, id);
    last_customer_shop_ = shop;
    return id;
  }

  Columns src_;
  const StringPool& known_customers_;
  StringPool shops_, customers_, accounts_;
  std::vector<Id> customer_shop_;
  std::vector<Id> shops_map_, customers_map_, accounts_map_;
  LastSeen last_shop_, last_customer_, last_account_;
  Id last_customer_shop_ = kNone;
  Blocks<Order> orders_;
};

// Whether two sorted lists share a value.
bool Intersect(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) return true;
    a[i] < b[j] ? ++i : ++j;
  }
  return false;
}

// Ids seen twice (or two ids of one 64-bit hash, which the general path then sorts out).
// Each part's ids are sorted on its own core, then each pair of parts walked side by side
// (the parts are as many as the cores: a few).
template <class Part>
bool IdsRepeat(Executor& executor, std::vector<Part>& parts) {
  std::vector<char> repeats(parts.size(), 0);
  RunOnEach(executor, parts.size(), [&](size_t k) {
    std::vector<uint64_t>& ids = parts[k].id_hashes();
    std::sort(ids.begin(), ids.end());
    repeats[k] = std::adjacent_find(ids.begin(), ids.end()) != ids.end();
  });
  bool repeat = std::find(repeats.begin(), repeats.end(), 1) != repeats.end();
  for (size_t a = 0; a < parts.size() && !repeat; ++a) {
    for (size_t b = a + 1; b < parts.size() && !repeat; ++b)
      repeat = Intersect(parts[a].id_hashes(), parts[b].id_hashes());
  }
  for (Part& p : parts) std::vector<uint64_t>().swap(p.id_hashes());
  return repeat;
}

// Reads an orders file in parts, one per core, into d->orders; false (and `d` as it was)
// when any part met something only the general path handles.
bool ReadOrders(const std::string& path, const std::shared_ptr<const TimeZone>& zone,
                const DirectReadOptions& options, Dataset* d) {
  std::optional<PlainFile> file = OpenPlain(path, SpecOf(Kind::kOrders));
  if (!file) return false;
  Executor& executor = ExecutorOf(options);
  const int wanted = options.parts > 0 ? options.parts : static_cast<int>(executor.concurrency());
  for (int attempt = 0; attempt < 2; ++attempt) {
    const std::vector<size_t> starts =
        PartStarts(file->text, file->body, attempt == 0 ? wanted : 1, options.min_part_bytes);
    std::vector<CsvPartReader> readers = ReadersOf(*file, starts);
    std::vector<OrderPart> parts;
    parts.reserve(starts.size());
    for (size_t k = 0; k < starts.size(); ++k) parts.emplace_back(*file, zone, path, *d);
    std::vector<char> ok(starts.size(), 0);
    RunOnEach(executor, starts.size(), [&](size_t k) {
      ok[k] = ReadPart(*file, readers[k], starts, k,
                       [&](const CsvRecord& row) { return parts[k].Add(row); });
    });
    if (std::find(ok.begin(), ok.end(), 0) == ok.end() && Agree(readers)) {
      if (IdsRepeat(executor, parts)) return false;
      std::vector<size_t> offsets;
      size_t total = d->orders.size();
      for (OrderPart& p : parts) {
        p.Renumber(d);
        offsets.push_back(total);
        total += p.size();
      }
      d->orders.resize(total);
      RunOnEach(executor, parts.size(),
                [&](size_t k) { parts[k].MoveInto(d->orders.data() + offsets[k]); });
      return true;
    }
    if (starts.size() == 1) return false;
  }
  return false;
}

}  // namespace

bool ReadChats(const std::string& path, const std::shared_ptr<const TimeZone>& zone,
               const DirectReadOptions& options,
               std::vector<std::unique_ptr<ChatKeeper>>* keepers) {
  keepers->clear();
  std::optional<PlainFile> file = OpenPlain(path, SpecOf(Kind::kMessages));
  if (!file) return false;
  Executor& executor = ExecutorOf(options);
  const size_t threads =
      options.parts > 0 ? static_cast<size_t>(options.parts) : executor.concurrency();
  // Chunks several times as many as cores: a core that runs slower (a machine shared with
  // others) reads fewer of them, and the cores finish together.
  constexpr size_t kChunksPerCore = 8;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const std::vector<size_t> starts = PartStarts(
        file->text, file->body, attempt == 0 ? static_cast<int>(threads * kChunksPerCore) : 1,
        options.min_part_bytes);
    const size_t chunks = starts.size();
    const size_t cores = std::min(threads, chunks);
    std::vector<CsvPartReader> readers = ReadersOf(*file, starts);
    std::vector<MessagePart> parts;
    parts.reserve(cores);
    keepers->clear();
    for (size_t w = 0; w < cores; ++w) {
      // A customer's rows take a kilobyte or so.
      keepers->push_back(
          std::make_unique<ChatKeeper>((file->text.size() - file->body) / cores / 1024));
      parts.emplace_back(*file, zone, path, keepers->back().get());
    }
    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    RunOnEach(executor, cores, [&](size_t w) {
      MessagePart& part = parts[w];
      for (size_t k = next++; k < chunks && !failed; k = next++) {
        part.keeper().BeginChunk(k);
        if (!ReadPart(*file, readers[k], starts, k,
                      [&](const CsvRecord& row) { return part.Add(row); })) {
          failed = true;
          return;
        }
      }
      part.keeper().End();
    });
    if (!failed && Agree(readers)) {
      if (IdsRepeat(executor, parts)) break;
      return true;
    }
    if (chunks == 1) break;
  }
  keepers->clear();
  return false;
}

Executor& ExecutorOf(const DirectReadOptions& options) {
  return options.executor != nullptr ? *options.executor : *DefaultEnv().executor;
}

bool ReadDirect(const std::string& path, Kind kind, const std::shared_ptr<const TimeZone>& zone,
                const DirectReadOptions& options, Dataset* data) {
  switch (kind) {
    case Kind::kMessages: {
      std::vector<std::unique_ptr<ChatKeeper>> keepers;
      if (!ReadChats(path, zone, options, &keepers)) return false;
      data->chats = JoinChats(keepers, data, ExecutorOf(options));
      return true;
    }
    case Kind::kOrders:
      return ReadOrders(path, zone, options, data);
    default:
      return false;
  }
}

}  // namespace csperf::metrics
