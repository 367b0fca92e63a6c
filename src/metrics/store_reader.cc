#include "metrics/store_reader.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>

#include "core/env.h"
#include "core/text.h"
#include "core/time_parse.h"
#include "domain/qa_form.h"
#include "metrics/chat_keeper.h"

namespace csperf::metrics {
namespace {

// A scan and its cells by the names asked for.
class Scanned {
 public:
  Scanned(Store& store, Kind kind, std::vector<std::string_view> columns, int64_t first = 0,
          int64_t last = INT64_MAX)
      : columns_(std::move(columns)), cursor_(store.Scan({kind, columns_, first, last})) {}
  bool Next() { return cursor_->Next(); }
  bool Null(int c) const { return cursor_->IsNull(c); }
  int64_t Int(int c) const { return cursor_->Int(c); }
  std::string_view View(int c) const { return cursor_->Text(c); }
  std::string Text(int c) const { return Null(c) ? std::string() : std::string(View(c)); }
  std::optional<Instant> OptInstant(int c) const {
    return Null(c) ? std::nullopt : std::optional<Instant>(Int(c));
  }
  CivilDate Date(int c) const {
    auto d = ParseDate(View(c));
    return d.ok() ? *d : CivilDate{};
  }
  std::optional<CivilDate> OptDate(int c) const {
    if (Null(c)) return std::nullopt;
    return Date(c);
  }
  Id Interned(StringPool& pool, int c) const { return Null(c) ? kNone : pool.Intern(View(c)); }

 private:
  std::vector<std::string_view> columns_;
  std::unique_ptr<RowCursor> cursor_;
};

// Room in `records` for about as many more as the store holds of `kind` (its ords' end, a
// bound on its records but for replaced ones): a month's records then land in memory
// allocated once instead of copied on every doubling.
template <class T>
void MakeRoom(Store& store, Kind kind, std::vector<T>* records) {
  constexpr int64_t kMostReserved = int64_t{1} << 22;  // virtual memory only till used
  const int64_t more = std::clamp<int64_t>(store.OrdEnd(kind), 0, kMostReserved);
  records->reserve(records->size() + static_cast<size_t>(more));
}

void ReadAgents(Store& store, Dataset* d) {
  Scanned q(store, Kind::kAgents,
            {"agent_id", "name", "team", "role", "position", "manager_id", "accounts", "hire_date",
             "leave_date", "probation", "base_bonus"});
  while (q.Next()) {
    Agent a;
    a.id = q.Text(0);
    a.name = q.Text(1);
    a.team = q.Text(2);
    a.role = q.Text(3);
    a.position = q.Text(4);
    a.manager_id = q.Text(5);
    for (std::string_view acc : Split(q.View(6), ';')) {
      if (!acc.empty()) a.accounts.emplace_back(acc);
    }
    a.hire_date = q.OptDate(7);
    a.leave_date = q.OptDate(8);
    a.probation = q.Int(9) != 0;
    if (!q.Null(10)) a.base_bonus = q.Int(10);
    d->agents.push_back(std::move(a));
  }
}

// The messages of [first, last] of input order, handed over a run of one customer's rows at
// a time (a customer whose rows two ranges share has a run in each).
void ReadMessageRange(Store& store, int64_t first, int64_t last, ChatKeeper* keeper) {
  auto rows = store.Scan(
      {Kind::kMessages,
       {"shop", "customer_id", "sender", "sent_at", "account", "conversation_id", "copies"},
       first,
       last});
  while (rows->Next()) {
    keeper->Add(rows->Text(0), rows->Text(1), SenderOfWord(rows->Text(2)).value_or(Sender::kSystem),
                rows->Int(3), rows->IsNull(4) ? std::string_view() : rows->Text(4),
                rows->IsNull(5) ? std::string_view() : rows->Text(5), rows->Int(6));
  }
}

// The store's messages in ranges of input order on every core, several ranges a core (a core
// that runs slower reads fewer), kept as chats (chat_keeper.h). Messages are the first records
// interned (after agents, which intern none).
void ReadMessages(Store& store, const StoreReadOptions& options, Dataset* d) {
  const int64_t end = store.OrdEnd(Kind::kMessages);
  if (end == 0) return;
  const int64_t cores = RangesFor(store, INT64_MAX, options, 1);
  constexpr int64_t kRangesPerCore = 4;
  const int64_t ranges =
      store.ConcurrentScans()
          ? std::clamp<int64_t>(end / std::max<int64_t>(1, options.min_rows_per_range / 16), 1,
                                cores * kRangesPerCore)
          : 1;
  const auto workers = static_cast<size_t>(std::min(cores, ranges));
  std::vector<std::unique_ptr<ChatKeeper>> keepers;
  for (size_t w = 0; w < workers; ++w) {
    // A customer's rows number ten or so.
    keepers.push_back(std::make_unique<ChatKeeper>(static_cast<size_t>(end) / workers / 16));
  }
  std::atomic<int64_t> next{0};
  ExecutorOf(options).ParallelFor(workers, [&](size_t w) {
    for (int64_t k = next++; k < ranges; k = next++) {
      const int64_t first = end * k / ranges;
      const int64_t last = k + 1 == ranges ? INT64_MAX : end * (k + 1) / ranges - 1;
      keepers[w]->BeginChunk(static_cast<size_t>(k));
      ReadMessageRange(store, first, last, keepers[w].get());
    }
    keepers[w]->End();
  });
  d->chats = JoinChats(keepers, d, ExecutorOf(options));
}

void ReadRatings(Store& store, Dataset* d) {
  MakeRoom(store, Kind::kRatings, &d->ratings);
  Scanned q(
      store, Kind::kRatings,
      {"rated_at", "score", "account", "conversation_id", "customer_id", "shop", "void", "copies"});
  while (q.Next()) {
    Rating r;
    r.rated_at = q.Int(0);
    r.score = static_cast<int>(q.Int(1));
    r.account = q.Interned(d->accounts, 2);
    r.conversation = q.Interned(d->conversations, 3);
    r.customer_id = q.Text(4);
    r.shop = q.Interned(d->shops, 5);
    r.is_void = q.Int(6) != 0;
    for (int64_t k = q.Int(7); k > 0; --k) d->ratings.push_back(r);
  }
}

void ReadCases(Store& store, Dataset* d) {
  MakeRoom(store, Kind::kCases, &d->cases);
  Scanned q(store, Kind::kCases, {"case_id", "type", "account", "opened_at", "closed_at", "shop"});
  while (q.Next()) {
    d->cases.push_back({q.Text(0), q.Text(1), q.Interned(d->accounts, 2), q.Int(3), q.OptInstant(4),
                        q.Interned(d->shops, 5)});
  }
  MakeRoom(store, Kind::kCaseEvents, &d->case_events);
  Scanned e(store, Kind::kCaseEvents, {"case_id", "step", "at", "copies"});
  while (e.Next()) {
    const CaseEvent ev{e.Text(0), e.Text(1), e.Int(2)};
    for (int64_t k = e.Int(3); k > 0; --k) d->case_events.push_back(ev);
  }
}

void ReadFollowups(Store& store, const TimeZone& zone, Dataset* d) {
  MakeRoom(store, Kind::kFollowups, &d->followups);
  Scanned q(store, Kind::kFollowups,
            {"followup_id", "agent_id", "customer_id", "due_at", "done_at", "quality", "due_date"});
  while (q.Next()) {
    Followup f;
    f.followup_id = q.Text(0);
    f.agent_id = q.Text(1);
    f.customer_id = q.Text(2);
    f.due_at = q.Int(3);
    // Stores filled before the due date was kept read it as the local date of due_at.
    f.due_date = q.Null(6) ? zone.ToLocal(f.due_at).date : q.Date(6);
    f.done_at = q.OptInstant(4);
    if (!q.Null(5)) f.quality = static_cast<int>(q.Int(5));
    d->followups.push_back(std::move(f));
  }
}

void ReadAssessments(Store& store, Dataset* d) {
  MakeRoom(store, Kind::kAssessments, &d->assessments);
  Scanned q(store, Kind::kAssessments,
            {"agent_id", "date", "dimension", "source", "score", "max_score", "void", "copies"});
  while (q.Next()) {
    const Assessment a{q.Text(0), q.Date(1), q.Text(2),    q.Text(3),
                       q.Int(4),  q.Int(5),  q.Int(6) != 0};
    for (int64_t k = q.Int(7); k > 0; --k) d->assessments.push_back(a);
  }
  MakeRoom(store, Kind::kQaItems, &d->qa_items);
  Scanned qa(store, Kind::kQaItems, {"review_id", "agent_id", "date", "form", "item", "result"});
  while (qa.Next()) {
    QaItem i{qa.Text(0), qa.Text(1), qa.Date(2), qa.Text(3), qa.Text(4), std::nullopt};
    if (!qa.Null(5)) i.result = qa.Int(5);
    d->qa_items.push_back(std::move(i));
  }
  for (const StoredQaForm& stored : store.QaForms()) {
    auto form = ParseQaForm(stored.source, stored.file);
    if (form.ok()) d->qa_forms.emplace(form->id, std::move(*form));
  }
}

void ReadPeople(Store& store, Dataset* d) {
  MakeRoom(store, Kind::kIncidents, &d->incidents);
  Scanned q(store, Kind::kIncidents,
            {"incident_id", "agent_id", "occurred_at", "kind", "severity", "loss_amount",
             "recovered", "void"});
  while (q.Next()) {
    d->incidents.push_back({q.Text(0), q.Text(1), q.Int(2), q.Text(3), q.Text(4), q.Int(5),
                            q.Int(6) != 0, q.Int(7) != 0});
  }
  Scanned s(
      store, Kind::kAttendance,
      {"agent_id", "date", "scheduled_start", "scheduled_end", "clock_in", "clock_out", "status"});
  while (s.Next()) {
    d->shifts.push_back(
        {s.Text(0), s.Date(1), s.Int(2), s.Int(3), s.OptInstant(4), s.OptInstant(5), s.Text(6)});
  }
  MakeRoom(store, Kind::kWorkRecords, &d->work_records);
  Scanned w(store, Kind::kWorkRecords, {"manager_id", "agent_id", "date", "kind", "copies"});
  while (w.Next()) {
    const WorkRecord r{w.Text(0), w.Text(1), w.Date(2), w.Text(3)};
    for (int64_t k = w.Int(4); k > 0; --k) d->work_records.push_back(r);
  }
}

// The orders of [first, last] of input order with pools of their own.
struct OrderRange {
  std::vector<Order> orders;
  StringPool shops, customers, accounts;
  std::vector<Id> customer_shop;
};
void ReadOrderRange(Store& store, int64_t first, int64_t last, OrderRange* r) {
  Scanned q(
      store, Kind::kOrders,
      {"order_id", "shop", "customer_id", "created_at", "paid_at", "amount", "status", "account"},
      first, last);
  LastSeen shop;
  std::string key;
  while (q.Next()) {
    Order o;
    o.order_id = q.Text(0);
    o.shop = shop.Intern(r->shops, q.View(1));
    key.assign(q.View(1)).append(1, '\x1F').append(q.View(2));
    o.customer = r->customers.Intern(key);
    if (static_cast<size_t>(o.customer) == r->customer_shop.size())
      r->customer_shop.push_back(o.shop);
    o.created_at = q.Int(3);
    o.paid_at = q.OptInstant(4);
    o.amount = q.Int(5);
    o.refunded = q.View(6) == "refunded";
    o.account = q.Interned(r->accounts, 7);
    r->orders.push_back(std::move(o));
  }
}

// The orders in ranges of input order on every core, their strings then interned in the
// Dataset's pools a range at a time, in order.
void ReadOrders(Store& store, const StoreReadOptions& options, Dataset* d) {
  const int64_t end = store.OrdEnd(Kind::kOrders);
  const int64_t ranges = RangesFor(store, end, options, 1 << 14);
  std::vector<OrderRange> read(static_cast<size_t>(ranges));
  ExecutorOf(options).ParallelFor(read.size(), [&](size_t k) {
    const int64_t first = ranges == 1 ? 0 : end * static_cast<int64_t>(k) / ranges;
    const int64_t last =
        k + 1 == read.size() ? INT64_MAX : end * static_cast<int64_t>(k + 1) / ranges - 1;
    ReadOrderRange(store, first, last, &read[k]);
  });
  auto mapped = [](const std::vector<Id>& ids, Id id) {
    return id == kNone ? kNone : ids[static_cast<size_t>(id)];
  };
  for (OrderRange& r : read) {
    const std::vector<Id> shops = d->shops.InternAll(r.shops);
    const std::vector<Id> customers = d->customers.InternAll(r.customers);
    for (size_t i = 0; i < customers.size(); ++i) {
      if (static_cast<size_t>(customers[i]) == d->customer_shop.size())
        d->customer_shop.push_back(shops[static_cast<size_t>(r.customer_shop[i])]);
    }
    const std::vector<Id> accounts = d->accounts.InternAll(r.accounts);
    for (Order& o : r.orders) {
      o.shop = mapped(shops, o.shop);
      o.customer = mapped(customers, o.customer);
      o.account = mapped(accounts, o.account);
      d->orders.push_back(std::move(o));
    }
  }
}

}  // namespace

Executor& ExecutorOf(const StoreReadOptions& options) {
  return options.executor != nullptr ? *options.executor : *DefaultEnv().executor;
}

int64_t RangesFor(const Store& store, int64_t rows, const StoreReadOptions& options,
                  int64_t min_rows) {
  if (!store.ConcurrentScans()) return 1;
  const int64_t parts =
      options.parts > 0 ? options.parts : static_cast<int64_t>(ExecutorOf(options).concurrency());
  return std::clamp<int64_t>(rows / std::max<int64_t>(1, min_rows), 1, parts);
}

void ReadStoreInto(Store& store, const TimeZone& zone, const StoreReadOptions& options,
                   Dataset* d) {
  ReadAgents(store, d);
  // The records the chats leave alone are read while the messages are (a core the
  // messages' reading leaves idle now and then takes them), into pools of their own, and
  // added after the messages and orders, whose strings are interned first.
  Dataset rest;
  auto read_rest = [&] {
    ReadRatings(store, &rest);
    ReadCases(store, &rest);
    ReadFollowups(store, zone, &rest);
    ReadAssessments(store, &rest);
    ReadPeople(store, &rest);
  };
  Executor::Task others;
  if (store.ConcurrentScans()) {
    others = ExecutorOf(options).Schedule(read_rest, Executor::Priority::kBackground);
  }
  ReadMessages(store, options, d);
  ReadOrders(store, options, d);
  if (others.valid()) {
    others.Wait();
  } else {
    read_rest();
  }
  d->AppendRecords(std::move(rest));
}

}  // namespace csperf::metrics
