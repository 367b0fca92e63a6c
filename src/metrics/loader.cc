#include "metrics/loader.h"

#include <fmt/format.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "core/text.h"
#include "core/time_parse.h"
#include "import/source_reader.h"
#include "metrics/direct_reader.h"
#include "metrics/grouped_chat.h"
#include "metrics/message_order.h"
#include "metrics/store_runs.h"

namespace csperf::metrics {
namespace {

std::string Text(const SQLite::Column& c) { return c.isNull() ? std::string() : c.getString(); }
std::optional<Instant> OptInstant(const SQLite::Column& c) {
  return c.isNull() ? std::nullopt : std::optional<Instant>(c.getInt64());
}
CivilDate Date(const SQLite::Column& c) {
  auto d = ParseDate(c.getString());
  return d.ok() ? *d : CivilDate{};
}
std::optional<CivilDate> OptDate(const SQLite::Column& c) {
  if (c.isNull()) return std::nullopt;
  return Date(c);
}

void LoadAgents(SQLite::Database& db, Dataset* d) {
  SQLite::Statement q(db,
                      "SELECT agent_id, name, team, role, position, manager_id, accounts, "
                      "hire_date, leave_date, probation, base_bonus FROM agents ORDER BY ord");
  while (q.executeStep()) {
    Agent a;
    a.id = Text(q.getColumn(0));
    a.name = Text(q.getColumn(1));
    a.team = Text(q.getColumn(2));
    a.role = Text(q.getColumn(3));
    a.position = Text(q.getColumn(4));
    a.manager_id = Text(q.getColumn(5));
    const std::string accounts = Text(q.getColumn(6));
    for (std::string_view acc : Split(accounts, ';')) {
      if (!acc.empty()) a.accounts.emplace_back(acc);
    }
    a.hire_date = OptDate(q.getColumn(7));
    a.leave_date = OptDate(q.getColumn(8));
    a.probation = q.getColumn(9).getInt() != 0;
    if (!q.getColumn(10).isNull()) a.base_bonus = q.getColumn(10).getInt64();
    d->agents.push_back(std::move(a));
  }
}

std::string_view View(const SQLite::Column& c) {
  return {static_cast<const char*>(c.getText()), static_cast<size_t>(c.getBytes())};
}
Id Interned(StringPool& pool, const SQLite::Column& c) {
  return c.isNull() ? kNone : pool.Intern(View(c));
}

// The input order (ord) of the first and last rows a read met.
struct OrdSpan {
  int64_t first = INT64_MAX;
  int64_t last = INT64_MIN;
};

// Reads the messages in the order `query` gives, or stops at the first row out of input
// order when `in_order_only` and returns false. Strings are interned as rows come, so only
// input order interns them as the other readers do. Tens of millions of rows: the cells are
// read straight from SQLite, without a column object per cell.
bool ReadMessages(SQLite::Database& db, const char* query, bool in_order_only, Dataset* d,
                  OrdSpan* span = nullptr) {
  sqlite3_stmt* prepared = nullptr;
  if (sqlite3_prepare_v2(db.getHandle(), query, -1, &prepared, nullptr) != SQLITE_OK) {
    throw SQLite::Exception(db.getHandle());
  }
  const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(prepared, sqlite3_finalize);
  sqlite3_stmt* row = statement.get();
  auto text = [row](int column) {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(row, column));
    return std::string_view(bytes == nullptr ? "" : bytes,
                            static_cast<size_t>(sqlite3_column_bytes(row, column)));
  };
  auto is_null = [row](int column) { return sqlite3_column_type(row, column) == SQLITE_NULL; };
  std::string key;
  int64_t last_ord = INT64_MIN;
  OrdSpan read;  // kept here while reading: the ranges' spans share a cache line
  LastSeen shop_before, customer_before, account_before;
  Id customer_shop = kNone;
  for (;;) {
    const int step = sqlite3_step(row);
    if (step == SQLITE_DONE) break;
    if (step != SQLITE_ROW) throw SQLite::Exception(db.getHandle(), step);
    const int64_t ord = sqlite3_column_int64(row, 7);
    if (in_order_only && ord < last_ord) return false;
    last_ord = ord;
    read.first = std::min(read.first, ord);
    read.last = std::max(read.last, ord);
    const Id shop = shop_before.Intern(d->shops, text(0));
    Message m;
    const std::string_view customer = text(1);
    if (shop != customer_shop || !customer_before.Holds(customer)) {
      customer_before.Remember(customer, d->CustomerOf(shop, customer, &key));
      customer_shop = shop;
    }
    m.customer = customer_before.id();
    m.sender = SenderOfWord(text(2)).value_or(Sender::kSystem);
    m.at = sqlite3_column_int64(row, 3);
    m.account = is_null(4) ? kNone : account_before.Intern(d->accounts, text(4));
    m.conversation = is_null(5) ? kNone : d->conversations.Intern(text(5));
    for (int64_t k = sqlite3_column_int64(row, 6); k > 0; --k) d->messages.push_back(m);
  }
  if (span != nullptr) *span = read;
  return true;
}

constexpr const char* kMessageColumns =
    "SELECT shop, customer_id, sender, sent_at, account, conversation_id, copies, ord "
    "FROM messages";

// A large store's messages on every core: each thread reads a range of rowids on its own
// connection into its own pools, and the ranges are joined in order. False (and `d` as it
// was) when a range is out of input order, or the ranges are not in order one after
// another, or the store is not a file another connection can open.
bool ReadMessageRanges(const std::string& path, int64_t max_rowid, const StoreReadOptions& options,
                       Dataset* d) {
  const int64_t threads =
      options.threads > 0 ? options.threads
                          : static_cast<int64_t>(std::max(1u, std::thread::hardware_concurrency()));
  const int64_t ranges =
      std::min(threads, max_rowid / std::max<int64_t>(1, options.min_rows_per_range));
  if (path == ":memory:" || path.empty() || ranges < 2 || !d->messages.empty() ||
      d->shops.size() != 0 || d->customers.size() != 0 || d->accounts.size() != 0 ||
      d->conversations.size() != 0) {
    return false;
  }
  std::vector<Dataset> parts(static_cast<size_t>(ranges));
  std::vector<OrdSpan> spans(parts.size());
  std::vector<char> ok(parts.size(), 0);
  auto read = [&](size_t k) {
    const int64_t first = max_rowid * static_cast<int64_t>(k) / ranges + 1;
    const int64_t last = max_rowid * static_cast<int64_t>(k + 1) / ranges;
    try {
      SQLite::Database db(path, SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX);
      db.exec("PRAGMA cache_size=-32768");
      const std::string query = fmt::format("{} WHERE rowid BETWEEN {} AND {} ORDER BY rowid",
                                            kMessageColumns, first, last);
      ok[k] = ReadMessages(db, query.c_str(), /*in_order_only=*/true, &parts[k], &spans[k]);
    } catch (const SQLite::Exception&) {
      ok[k] = 0;
    }
  };
  std::vector<std::thread> workers;
  for (size_t k = 1; k < parts.size(); ++k) workers.emplace_back(read, k);
  read(0);
  for (std::thread& w : workers) w.join();
  for (size_t k = 0; k < parts.size(); ++k) {
    if (!ok[k] || (k > 0 && spans[k].first < spans[k - 1].last)) return false;
  }
  // The first range's pools and messages become the Dataset's; the others join after them.
  size_t total = 0;
  for (const Dataset& p : parts) total += p.messages.size();
  d->shops = std::move(parts[0].shops);
  d->customers = std::move(parts[0].customers);
  d->customer_shop = std::move(parts[0].customer_shop);
  d->accounts = std::move(parts[0].accounts);
  d->conversations = std::move(parts[0].conversations);
  d->messages = std::move(parts[0].messages);
  d->messages.reserve(total);
  for (size_t k = 1; k < parts.size(); ++k) d->AppendMessages(std::move(parts[k]));
  return true;
}

// Rows are stored in input order unless an import replaced a record (which keeps its place
// in input order under a new rowid): reading in storage order, with no sort, is the usual
// case, and a sorted read the fallback. Messages are the first records interned.
void LoadMessages(SQLite::Database& db, const std::string& path, const StoreReadOptions& options,
                  Dataset* d) {
  const int64_t rows = db.execAndGet("SELECT coalesce(max(rowid), 0) FROM messages").getInt64();
  if (ReadMessageRanges(path, rows, options, d)) return;
  d->messages.reserve(static_cast<size_t>(rows));
  if (ReadMessages(db, kMessageColumns, /*in_order_only=*/true, d)) return;
  d->shops = StringPool();
  d->customers = StringPool();
  d->customer_shop.clear();
  d->accounts = StringPool();
  d->conversations = StringPool();
  d->messages.clear();
  ReadMessages(db, (std::string(kMessageColumns) + " ORDER BY ord").c_str(), false, d);
}

void LoadOrders(SQLite::Database& db, Dataset* d) {
  SQLite::Statement q(db,
                      "SELECT order_id, shop, customer_id, created_at, paid_at, amount, status, "
                      "account FROM orders ORDER BY ord");
  while (q.executeStep()) {
    Order o;
    o.order_id = Text(q.getColumn(0));
    o.shop = d->shops.Intern(q.getColumn(1).getString());
    o.customer = d->CustomerOf(o.shop, q.getColumn(2).getText());
    o.created_at = q.getColumn(3).getInt64();
    o.paid_at = OptInstant(q.getColumn(4));
    o.amount = q.getColumn(5).getInt64();
    o.refunded = Text(q.getColumn(6)) == "refunded";
    o.account = Interned(d->accounts, q.getColumn(7));
    d->orders.push_back(std::move(o));
  }
}

void LoadRatings(SQLite::Database& db, Dataset* d) {
  SQLite::Statement q(db,
                      "SELECT rated_at, score, account, conversation_id, customer_id, shop, void, "
                      "copies FROM ratings ORDER BY ord");
  while (q.executeStep()) {
    Rating r;
    r.rated_at = q.getColumn(0).getInt64();
    r.score = q.getColumn(1).getInt();
    r.account = Interned(d->accounts, q.getColumn(2));
    r.conversation = Interned(d->conversations, q.getColumn(3));
    r.customer_id = Text(q.getColumn(4));
    r.shop = Interned(d->shops, q.getColumn(5));
    r.is_void = q.getColumn(6).getInt() != 0;
    for (int64_t k = q.getColumn(7).getInt64(); k > 0; --k) d->ratings.push_back(r);
  }
}

void LoadCases(SQLite::Database& db, Dataset* d) {
  SQLite::Statement q(db,
                      "SELECT case_id, type, account, opened_at, closed_at, shop FROM cases "
                      "ORDER BY ord");
  while (q.executeStep()) {
    d->cases.push_back({Text(q.getColumn(0)), Text(q.getColumn(1)),
                        Interned(d->accounts, q.getColumn(2)), q.getColumn(3).getInt64(),
                        OptInstant(q.getColumn(4)), Interned(d->shops, q.getColumn(5))});
  }
  SQLite::Statement e(db, "SELECT case_id, step, at, copies FROM case_events ORDER BY ord");
  while (e.executeStep()) {
    CaseEvent ev{Text(e.getColumn(0)), Text(e.getColumn(1)), e.getColumn(2).getInt64()};
    for (int64_t k = e.getColumn(3).getInt64(); k > 0; --k) d->case_events.push_back(ev);
  }
}

void LoadFollowups(SQLite::Database& db, const TimeZone& zone, Dataset* d) {
  SQLite::Statement q(db,
                      "SELECT followup_id, agent_id, customer_id, due_at, done_at, quality, "
                      "due_date FROM followups ORDER BY ord");
  while (q.executeStep()) {
    Followup f;
    f.followup_id = Text(q.getColumn(0));
    f.agent_id = Text(q.getColumn(1));
    f.customer_id = Text(q.getColumn(2));
    f.due_at = q.getColumn(3).getInt64();
    f.due_date = q.getColumn(6).isNull() ? zone.ToLocal(f.due_at).date : Date(q.getColumn(6));
    f.done_at = OptInstant(q.getColumn(4));
    if (!q.getColumn(5).isNull()) f.quality = q.getColumn(5).getInt();
    d->followups.push_back(std::move(f));
  }
}

void LoadAssessments(SQLite::Database& db, Dataset* d) {
  SQLite::Statement q(db,
                      "SELECT agent_id, date, dimension, source, score, max_score, void, copies "
                      "FROM assessments ORDER BY ord");
  while (q.executeStep()) {
    Assessment a{Text(q.getColumn(0)),        Date(q.getColumn(1)),      Text(q.getColumn(2)),
                 Text(q.getColumn(3)),        q.getColumn(4).getInt64(), q.getColumn(5).getInt64(),
                 q.getColumn(6).getInt() != 0};
    for (int64_t k = q.getColumn(7).getInt64(); k > 0; --k) d->assessments.push_back(a);
  }
  SQLite::Statement qa(db,
                       "SELECT review_id, agent_id, date, form, item, result FROM qa_items "
                       "ORDER BY ord");
  while (qa.executeStep()) {
    QaItem i{Text(qa.getColumn(0)), Text(qa.getColumn(1)), Date(qa.getColumn(2)),
             Text(qa.getColumn(3)), Text(qa.getColumn(4)), std::nullopt};
    if (!qa.getColumn(5).isNull()) i.result = qa.getColumn(5).getInt64();
    d->qa_items.push_back(std::move(i));
  }
  SQLite::Statement forms(db, "SELECT form_id, source, file FROM qa_forms ORDER BY form_id");
  while (forms.executeStep()) {
    auto form = ParseQaForm(forms.getColumn(1).getString(), forms.getColumn(2).getString());
    if (form.ok()) d->qa_forms.emplace(form->id, std::move(*form));
  }
}

void LoadPeople(SQLite::Database& db, Dataset* d) {
  SQLite::Statement q(db,
                      "SELECT incident_id, agent_id, occurred_at, kind, severity, loss_amount, "
                      "recovered, void FROM incidents ORDER BY ord");
  while (q.executeStep()) {
    d->incidents.push_back({Text(q.getColumn(0)), Text(q.getColumn(1)), q.getColumn(2).getInt64(),
                            Text(q.getColumn(3)), Text(q.getColumn(4)), q.getColumn(5).getInt64(),
                            q.getColumn(6).getInt() != 0, q.getColumn(7).getInt() != 0});
  }
  SQLite::Statement s(db,
                      "SELECT agent_id, date, scheduled_start, scheduled_end, clock_in, clock_out, "
                      "status FROM attendance ORDER BY ord");
  while (s.executeStep()) {
    d->shifts.push_back({Text(s.getColumn(0)), Date(s.getColumn(1)), s.getColumn(2).getInt64(),
                         s.getColumn(3).getInt64(), OptInstant(s.getColumn(4)),
                         OptInstant(s.getColumn(5)), Text(s.getColumn(6))});
  }
  SQLite::Statement w(db,
                      "SELECT manager_id, agent_id, date, kind, copies FROM work_records "
                      "ORDER BY ord");
  while (w.executeStep()) {
    WorkRecord r{Text(w.getColumn(0)), Text(w.getColumn(1)), Date(w.getColumn(2)),
                 Text(w.getColumn(3))};
    for (int64_t k = w.getColumn(4).getInt64(); k > 0; --k) d->work_records.push_back(r);
  }
}

// Appends what the store holds to `d` (which may hold directly read messages and orders).
// Without `messages` (or `orders`), every record but those.
void LoadInto(Store& store, const TimeZone& zone, const StoreReadOptions& options, Dataset* d,
              bool messages = true, bool orders = true) {
  SQLite::Database& db = store.db();
  LoadAgents(db, d);
  if (messages) LoadMessages(db, store.path(), options, d);
  if (orders) LoadOrders(db, d);
  LoadRatings(db, d);
  LoadCases(db, d);
  LoadFollowups(db, zone, d);
  LoadAssessments(db, d);
  LoadPeople(db, d);
}

// Reads what it can of `paths` straight into `d` (direct_reader.h) and returns the files
// left for the general path. Messages come before orders, as in the store, so that strings
// are interned in the same order; orders are read directly only after messages were.
std::vector<std::string> ReadDirectly(const std::vector<std::string>& paths,
                                      const std::shared_ptr<const TimeZone>& zone,
                                      const ImportOptions& options, Dataset* d) {
  if (options.profile != nullptr || !options.default_shop.empty()) return paths;
  auto sources = DiscoverSources(paths);
  if (!sources.ok() || sources->empty()) return paths;
  std::map<Kind, std::vector<std::string>> files;
  for (const SourceFile& source : *sources) {
    if (source.qa_form) continue;
    std::optional<Kind> kind = KindFromFileName(source.path, nullptr);
    // A file known only by its header might be one more file of a kind read directly.
    if (!kind) return paths;
    files[*kind].push_back(source.path);
  }
  std::set<std::string> direct;
  for (Kind kind : {Kind::kMessages, Kind::kOrders}) {
    const std::vector<std::string>& of_kind = files[kind];
    if (of_kind.empty()) continue;
    if (of_kind.size() != 1 || !ReadDirect(of_kind[0], kind, zone, DirectReadOptions{}, d)) break;
    direct.insert(of_kind[0]);
  }
  if (direct.empty()) return paths;
  std::vector<std::string> rest;
  for (const SourceFile& source : *sources) {
    if (!direct.count(source.path)) rest.push_back(source.path);
  }
  return rest;
}

// The one messages file of `paths` when it could be streamed (the conditions of
// ReadDirectly), and every other file of them.
struct StreamSplit {
  std::string messages;
  std::vector<std::string> rest;
};
std::optional<StreamSplit> SplitStreamable(const std::vector<std::string>& paths,
                                           const ImportOptions& options) {
  if (options.profile != nullptr || !options.default_shop.empty()) return std::nullopt;
  auto sources = DiscoverSources(paths);
  if (!sources.ok() || sources->empty()) return std::nullopt;
  StreamSplit split;
  for (const SourceFile& source : *sources) {
    if (!source.qa_form) {
      std::optional<Kind> kind = KindFromFileName(source.path, nullptr);
      if (!kind) return std::nullopt;
      if (*kind == Kind::kMessages) {
        if (!split.messages.empty()) return std::nullopt;
        split.messages = source.path;
        continue;
      }
    }
    split.rest.push_back(source.path);
  }
  if (split.messages.empty()) return std::nullopt;
  return split;
}

// The orders a report read by customer keeps: those read by key when there are (`keyed`),
// else the Dataset's.
StreamOrders OrdersForStream(const Context& c, Dataset* d, KeyedOrders* keyed) {
  if (keyed != nullptr) return StreamOrders(c, *d, std::move(*keyed));
  StreamOrders orders(c, d);
  orders.IndexKeys(*d);
  return orders;
}

// Loads `paths` into a Dataset, or nothing when that fails (the usual path reports why).
std::optional<Dataset> LoadRest(const std::vector<std::string>& paths, const Settings& settings,
                                const ImportOptions& options, ImportReport* report) {
  if (paths.empty()) return Dataset();
  Result<Dataset> data = LoadDatasetFromFiles(paths, settings, options, report);
  if (!data.ok()) return std::nullopt;
  return std::move(*data);
}

// The report's input with the messages of `split` read in runs of one customer's
// (grouped_chat.h). The one plain orders file is read straight as the report keeps orders;
// any other orders are loaded with the rest. Nothing when the messages cannot be read so.
std::optional<ReportInput> ReadByCustomer(const StreamSplit& split, const Settings& settings,
                                          const ImportOptions& options, ImportReport* report,
                                          const std::shared_ptr<const TimeZone>& zone,
                                          const Period& period,
                                          std::span<const Grouping> groupings) {
  std::vector<std::string> rest;
  std::vector<std::string> orders_files;
  for (const std::string& path : split.rest) {
    const std::optional<Kind> kind = KindFromFileName(path, nullptr);
    (kind == Kind::kOrders ? orders_files : rest).push_back(path);
  }
  std::optional<Dataset> data;
  KeyedOrders keyed;
  bool by_key = orders_files.size() == 1;
  if (by_key) {
    data = LoadRest(rest, settings, options, report);
    if (!data) return std::nullopt;
    by_key = ReadKeyedOrders(orders_files[0], zone, DirectReadOptions{}, &*data, &keyed);
  }
  if (!by_key) data = LoadRest(split.rest, settings, options, report);
  if (!data) return std::nullopt;
  ReportInput input{std::move(*data), std::nullopt};
  input.data.IndexAccounts();
  const Context c{input.data, settings, *zone, period, period.begin(*zone), period.end(*zone)};
  const std::string& path = split.messages;
  input.streamed = GroupedChat(
      [&](const RunSinkMaker& make_sink, std::vector<std::unique_ptr<RunSink>>* sinks) {
        return ReadCustomerRuns(path, zone, DirectReadOptions{}, make_sink, sinks);
      },
      c, groupings, OrdersForStream(c, &input.data, by_key ? &keyed : nullptr), &input.data);
  if (!input.streamed) return std::nullopt;
  return input;
}

}  // namespace

Result<ReportInput> LoadReportInputFromFiles(const std::vector<std::string>& paths,
                                             const Settings& settings, const ImportOptions& options,
                                             ImportReport* report, const Period& period,
                                             std::span<const Grouping> groupings) {
  auto zone = TimeZone::Load(settings.timezone);
  if (!zone.ok()) return zone.problem();
  // A file in time order, or in customer order, shows it within its first rows.
  constexpr size_t kProbeRows = 4096;
  const std::optional<StreamSplit> split = SplitStreamable(paths, options);
  const MessageOrder order =
      split ? FirstRowsOrder(split->messages, kProbeRows) : MessageOrder::kOther;
  if (order == MessageOrder::kByCustomer) {
    std::optional<ReportInput> input =
        ReadByCustomer(*split, settings, options, report, *zone, period, groupings);
    if (input) return std::move(*input);
    *report = ImportReport{};
  } else if (order == MessageOrder::kByTime) {
    Result<Dataset> rest = split->rest.empty()
                               ? Result<Dataset>(Dataset())
                               : LoadDatasetFromFiles(split->rest, settings, options, report);
    // Any problem with the rest is reported as the usual path reports it, below.
    if (rest.ok()) {
      ReportInput input{std::move(*rest), std::nullopt};
      input.data.IndexAccounts();
      // Reading the rest freed much of what it used on the way: give it back before the
      // stream, whose peak is the one that counts.
#ifdef __GLIBC__
      malloc_trim(0);
#endif
      const Context c{input.data,           settings,          **zone, period,
                      period.begin(**zone), period.end(**zone)};
      input.streamed = StreamChat(split->messages, c, *zone, groupings, &input.data);
      if (input.streamed) return input;
    }
    *report = ImportReport{};
  }
  auto data = LoadDatasetFromFiles(paths, settings, options, report);
  if (!data.ok()) return data.problem();
  return ReportInput{std::move(*data), std::nullopt};
}

Result<ReportInput> LoadReportInputFromStore(Store& store, const Settings& settings,
                                             const Period& period,
                                             std::span<const Grouping> groupings,
                                             const StoreReadOptions& options) {
  auto zone = TimeZone::Load(settings.timezone);
  if (!zone.ok()) return zone.problem();
  // A store in customer order shows it within its first rows.
  constexpr size_t kProbeRows = 4096;
  if (StoreStartsByCustomer(store, kProbeRows)) {
    ReportInput input;
    LoadInto(store, **zone, options, &input.data, /*messages=*/false, /*orders=*/false);
    const std::string path = store.path();
    KeyedOrders keyed;
    const bool by_key = ReadStoreKeyedOrders(path, options, &input.data, &keyed);
    if (!by_key) LoadOrders(store.db(), &input.data);
    input.data.IndexAccounts();
    const Context c{input.data, settings, **zone, period, period.begin(**zone), period.end(**zone)};
    input.streamed = GroupedChat(
        [&](const RunSinkMaker& make_sink, std::vector<std::unique_ptr<RunSink>>* sinks) {
          return ReadStoreCustomerRuns(path, options, make_sink, sinks);
        },
        c, groupings, OrdersForStream(c, &input.data, by_key ? &keyed : nullptr), &input.data);
    if (input.streamed) return input;
  }
  auto data = LoadDataset(store, **zone, options);
  if (!data.ok()) return data.problem();
  return ReportInput{std::move(*data), std::nullopt};
}

Result<Dataset> LoadDataset(Store& store, const TimeZone& zone, const StoreReadOptions& options) {
  Dataset d;
  LoadInto(store, zone, options, &d);
  d.IndexAccounts();
  return d;
}

Result<Dataset> LoadDatasetFromFiles(const std::vector<std::string>& paths,
                                     const Settings& settings, const ImportOptions& options,
                                     ImportReport* report) {
  auto zone = TimeZone::Load(settings.timezone);
  if (!zone.ok()) return zone.problem();
  Dataset d;
  const std::vector<std::string> rest = ReadDirectly(paths, *zone, options, &d);
  if (!rest.empty()) {
    auto store = Store::Open(":memory:");
    if (!store.ok()) return store.problem();
    SystemClock clock;
    ImportOptions strict = options;
    strict.skip_bad_rows = false;
    *report = RunImport(**store, settings, rest, strict, clock);
    if (report->refusal) return *report->refusal;
    if (!report->committed) {
      return MakeProblem(
          fmt::format("{} bad rows: nothing was read (fix them, or import with "
                      "--skip-bad-rows into a store and use --db)",
                      report->bad_rows));
    }
    LoadInto(**store, **zone, StoreReadOptions{}, &d);
  }
  d.IndexAccounts();
  return d;
}

}  // namespace csperf::metrics
