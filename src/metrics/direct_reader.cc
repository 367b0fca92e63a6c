#include "metrics/direct_reader.h"

#include <algorithm>
#include <atomic>
#include <optional>

#include "core/env.h"
#include "import/plain_parts.h"
#include "metrics/chat_keeper.h"

namespace csperf::metrics {
namespace {

std::string_view TextOf(const Value& v) { return v.is_null() ? std::string_view() : v.s; }

// Reads message rows of the chunks a core takes and hands them to its keeper.
class MessagePart : public PlainPart {
 public:
  MessagePart(const PlainFile& file, std::shared_ptr<const TimeZone> zone, const std::string& path,
              ChatKeeper* keeper)
      : PlainPart(Kind::kMessages, file, std::move(zone), path),
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
class OrderPart : public PlainPart {
 public:
  OrderPart(const PlainFile& file, std::shared_ptr<const TimeZone> zone, const std::string& path,
            const Dataset& known)
      : PlainPart(Kind::kOrders, file, std::move(zone), path),
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
    if (std::find(ok.begin(), ok.end(), 0) == ok.end() && ReadersAgree(readers)) {
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
    if (!failed && ReadersAgree(readers)) {
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
