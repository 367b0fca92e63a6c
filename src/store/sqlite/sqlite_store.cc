#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <mutex>

#include "store/sqlite/migrations.h"
#include "store/sqlite/statement.h"

namespace csperf {
namespace {

using sqlite::Exec;
using sqlite::Statement;

struct Connection {
  sqlite3* db = nullptr;
  ~Connection() { sqlite3_close_v2(db); }
};

// A connection with no lock of SQLite's own around each call: a connection is used by one
// thread at a time, and a scan reads tens of millions of cells.
std::unique_ptr<Connection> Connect(const std::string& path, int flags) {
  auto c = std::make_unique<Connection>();
  const int rc = sqlite3_open_v2(path.c_str(), &c->db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string why = c->db != nullptr ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc);
    throw std::runtime_error(why);
  }
  sqlite3_busy_timeout(c->db, 10000);
  sqlite3_extended_result_codes(c->db, 1);
  return c;
}

int UserVersion(sqlite3* db) {
  Statement q(db, "PRAGMA user_version");
  const int version = q.Step() ? static_cast<int>(q.Int(0)) : 0;
  q.Reset();
  return version;
}

// The SQL name of a scan's column: one of the kind's, or a bookkeeping column of store.h.
std::string_view CheckedColumn(const KindSpec& spec, std::string_view column) {
  if (column == kOrdColumn || column == kCopiesColumn || column == kFileColumn ||
      column == kLineColumn || column == kExtraColumn || ColumnIndex(spec, column) >= 0) {
    return column;
  }
  throw std::logic_error(fmt::format("no column {} in {}", column, spec.name));
}

// The indices [0, n) in the order of their keys: a batch of keys looked up in that order
// sweeps the key table front to back, each page once.
template <class KeyAt>
std::vector<uint32_t> InKeyOrder(size_t n, KeyAt key_at) {
  std::vector<std::pair<Hash128, uint32_t>> keyed;
  keyed.reserve(n);
  for (uint32_t i = 0; i < n; ++i) keyed.emplace_back(key_at(i), i);
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> order;
  order.reserve(n);
  for (const auto& [key, i] : keyed) order.push_back(i);
  return order;
}

class SqliteCursor final : public RowCursor {
 public:
  // `owned`: a connection of the cursor's own, closed with it (or none: the store's).
  SqliteCursor(std::unique_ptr<Connection> owned, sqlite3* db, const std::string& sql,
               int64_t first, int64_t last)
      : owned_(std::move(owned)), statement_(db, sql) {
    statement_.BindInt(1, first);
    statement_.BindInt(2, last);
  }
  bool Next() override { return statement_.Step(); }
  bool IsNull(int column) const override { return statement_.IsNull(column); }
  int64_t Int(int column) const override { return statement_.Int(column); }
  std::string_view Text(int column) const override { return statement_.Text(column); }

 private:
  std::unique_ptr<Connection> owned_;  // before the statement: closed after it
  Statement statement_;
};

// The statements an import runs for one kind, made when the kind's first record comes.
struct KindStatements {
  KindStatements(sqlite3* db, const KindSpec& spec) {
    std::string columns, placeholders, revised;
    for (const ColumnSpec& c : spec.columns) {
      columns += fmt::format("{}, ", c.name);
      placeholders += "?, ";
      revised += fmt::format("{} = n.{}, ", c.name, c.name);
    }
    const std::string_view table = spec.name;
    append.emplace(db, fmt::format("INSERT INTO {} (ord, {}ch, imp, src_file, src_line, extra) "
                                   "VALUES (?, {}?, ?, ?, ?, ?)",
                                   table, columns, placeholders));
    find.emplace(db, fmt::format("SELECT k.ord, t.ch, t.imp, t.src_file, t.src_line FROM "
                                 "{0}_keys k JOIN {0} t ON t.ord = k.ord WHERE k.rk = ?",
                                 table));
    add_key.emplace(db, fmt::format("INSERT INTO {}_keys (rk, ord) VALUES (?, ?) "
                                    "ON CONFLICT DO NOTHING",
                                    table));
    touch.emplace(db, fmt::format("UPDATE {} SET imp = ?, src_file = ?, src_line = ? "
                                  "WHERE ord = ?",
                                  table));
    revise.emplace(db, fmt::format("UPDATE {0} AS t SET {1}ch = n.ch, imp = n.imp, "
                                   "src_file = n.src_file, src_line = n.src_line, extra = n.extra "
                                   "FROM (SELECT * FROM {0} WHERE ord = ?) AS n WHERE t.ord = ?",
                                   table, revised));
    remove.emplace(db, fmt::format("DELETE FROM {} WHERE ord = ?", table));
  }
  std::optional<Statement> append, find, add_key, touch, revise, remove;
};

class SqliteImport final : public ImportTransaction {
 public:
  SqliteImport(sqlite3* db, std::unique_lock<std::mutex> writing)
      : db_(db), writing_(std::move(writing)) {}
  ~SqliteImport() override {
    statements_ = {};
    if (!committed_) {
      try {
        Exec(db_, "ROLLBACK");
      } catch (...) {  // NOLINT(bugprone-empty-catch): nothing more to undo
      }
    }
  }

  void Begin(const ImportStart& start) {
    Exec(db_, "BEGIN IMMEDIATE");
    Statement q(db_,
                "INSERT INTO imports(started_at, timezone, skip_bad_rows, profile) "
                "VALUES(?, ?, ?, ?)");
    q.BindInt(1, start.started_at);
    q.BindText(2, start.timezone);
    q.BindInt(3, start.skip_bad_rows ? 1 : 0);
    q.BindText(4, start.profile);
    q.Run();
    import_id_ = sqlite3_last_insert_rowid(db_);
  }

  int64_t import_id() const override { return import_id_; }

  std::optional<std::string> GetMeta(const std::string& key) override {
    Statement q(db_, "SELECT value FROM meta WHERE key = ?");
    q.BindText(1, key);
    if (!q.Step()) return std::nullopt;
    std::string value(q.Text(0));
    q.Reset();
    return value;
  }
  void SetMeta(const std::string& key, const std::string& value) override {
    Statement q(db_,
                "INSERT INTO meta(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    q.BindText(1, key);
    q.BindText(2, value);
    q.Run();
  }

  int64_t AddFile(const std::string& path, Kind kind, const std::string& encoding,
                  int64_t bytes) override {
    Statement q(db_,
                "INSERT INTO files(import_id, path, kind, encoding, bytes) VALUES(?, ?, ?, ?, ?)");
    q.BindInt(1, import_id_);
    q.BindText(2, path);
    q.BindText(3, SpecOf(kind).name);
    q.BindText(4, encoding);
    q.BindInt(5, bytes);
    q.Run();
    return sqlite3_last_insert_rowid(db_);
  }
  void SetFileRows(int64_t file_id, int64_t rows) override {
    Statement q(db_, "UPDATE files SET rows = ? WHERE id = ?");
    q.BindInt(1, rows);
    q.BindInt(2, file_id);
    q.Run();
  }
  std::string FilePath(int64_t file_id) override {
    Statement q(db_, "SELECT path FROM files WHERE id = ?");
    q.BindInt(1, file_id);
    if (!q.Step()) return {};
    std::string path(q.Text(0));
    q.Reset();
    return path;
  }
  void PutQaForm(const std::string& form_id, const std::string& dimension, const std::string& name,
                 const std::string& source, const std::string& file) override {
    Statement q(db_,
                "INSERT INTO qa_forms(form_id, dimension, name, source, file, import_id) "
                "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(form_id) DO UPDATE SET "
                "dimension = excluded.dimension, name = excluded.name, "
                "source = excluded.source, file = excluded.file, import_id = excluded.import_id");
    q.BindText(1, form_id);
    q.BindText(2, dimension);
    q.BindText(3, name);
    q.BindText(4, source);
    q.BindText(5, file);
    q.BindInt(6, import_id_);
    q.Run();
  }

  void Append(Kind kind, int64_t ord, const Record& record, const Hash128& content,
              int64_t file_id) override {
    Statement& q = *For(kind).append;
    int i = 1;
    q.BindInt(i++, ord);
    for (const Value& v : record.values) {
      switch (v.type) {
        case Value::Type::kNull:
          q.BindNull(i++);
          break;
        case Value::Type::kInt:
          q.BindInt(i++, v.i);
          break;
        case Value::Type::kText:
          q.BindText(i++, v.s);
          break;
      }
    }
    q.BindHash(i++, content);
    q.BindInt(i++, import_id_);
    q.BindInt(i++, file_id);
    q.BindInt(i++, record.line);
    if (record.extra_json.empty()) {
      q.BindNull(i++);
    } else {
      q.BindText(i++, record.extra_json);
    }
    q.Run();
  }

  void FindKeys(Kind kind, std::span<const Hash128> keys,
                std::vector<std::optional<StoredVersion>>* out) override {
    Statement& q = *For(kind).find;
    out->assign(keys.size(), std::nullopt);
    for (uint32_t i : InKeyOrder(keys.size(), [&](uint32_t k) { return keys[k]; })) {
      q.BindHash(1, keys[i]);
      if (q.Step()) {
        (*out)[i] = StoredVersion{q.Int(0), q.HashAt(1), q.Int(2), q.Int(3), q.Int(4)};
        q.Reset();
      }
    }
  }
  // The insert is tried first: a key new to the store (nearly every key of a first import)
  // costs one step into the key table.
  void FindOrAddKeys(Kind kind, std::span<const std::pair<Hash128, int64_t>> keys,
                     std::vector<std::optional<StoredVersion>>* out) override {
    KindStatements& s = For(kind);
    out->assign(keys.size(), std::nullopt);
    for (uint32_t i : InKeyOrder(keys.size(), [&](uint32_t k) { return keys[k].first; })) {
      const auto& [key, ord] = keys[i];
      s.add_key->BindHash(1, key);
      s.add_key->BindInt(2, ord);
      if (s.add_key->Run() == 1) continue;
      s.find->BindHash(1, key);
      if (!s.find->Step()) throw std::logic_error("a key that is there cannot be found");
      (*out)[i] = StoredVersion{s.find->Int(0), s.find->HashAt(1), s.find->Int(2), s.find->Int(3),
                                s.find->Int(4)};
      s.find->Reset();
    }
  }
  void Touch(Kind kind, int64_t ord, int64_t file_id, int64_t line) override {
    Statement& q = *For(kind).touch;
    q.BindInt(1, import_id_);
    q.BindInt(2, file_id);
    q.BindInt(3, line);
    q.BindInt(4, ord);
    q.Run();
  }
  void Revise(Kind kind, int64_t stored, int64_t appended) override {
    KindStatements& s = For(kind);
    s.revise->BindInt(1, appended);
    s.revise->BindInt(2, stored);
    s.revise->Run();
    Remove(kind, appended);
  }
  void Remove(Kind kind, int64_t ord) override {
    Statement& q = *For(kind).remove;
    q.BindInt(1, ord);
    q.Run();
  }

  void Finish(int64_t finished_at, int64_t rows_read, int64_t rows_rejected) override {
    Statement q(db_,
                "UPDATE imports SET finished_at = ?, rows_read = ?, rows_rejected = ? "
                "WHERE id = ?");
    q.BindInt(1, finished_at);
    q.BindInt(2, rows_read);
    q.BindInt(3, rows_rejected);
    q.BindInt(4, import_id_);
    q.Run();
  }
  Status Commit() override {
    statements_ = {};
    try {
      Exec(db_, "COMMIT");
    } catch (const sqlite::Error& e) {
      return MakeProblem(ProblemCode::kUnavailable,
                         fmt::format("the import could not be written: {}", e.what()));
    }
    committed_ = true;
    return Status::Ok();
  }

 private:
  KindStatements& For(Kind kind) {
    auto& s = statements_[static_cast<size_t>(kind)];
    if (!s) s = std::make_unique<KindStatements>(db_, SpecOf(kind));
    return *s;
  }

  sqlite3* db_;
  std::unique_lock<std::mutex> writing_;  // the store's: one import at a time
  int64_t import_id_ = 0;
  bool committed_ = false;
  std::array<std::unique_ptr<KindStatements>, kKindCount> statements_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, std::unique_ptr<Connection> main)
      : path_(std::move(path)), main_(std::move(main)) {}

  Status Setup() {
    sqlite3* db = main_->db;
    // A rollback journal keeps every import atomic even if the process is killed: the next
    // open rolls a half-written import back from the journal.
    Exec(db, "PRAGMA journal_mode=DELETE");
    Exec(db, "PRAGMA foreign_keys=ON");
    // An import sweeps each kind's key table once per sorted batch: pages kept between
    // sweeps are not read again. Large enough for a month of keys, small against the 300 MB
    // an import of one may use.
    Exec(db, "PRAGMA cache_size=-65536");
    Exec(db, "PRAGMA temp_store=MEMORY");
    return Migrate();
  }

  const std::string& name() const override { return path_; }

  std::optional<std::string> GetMeta(const std::string& key) override {
    const std::lock_guard<std::mutex> one_at_a_time(main_use_);
    Statement q(main_->db, "SELECT value FROM meta WHERE key = ?");
    q.BindText(1, key);
    if (!q.Step()) return std::nullopt;
    std::string value(q.Text(0));
    q.Reset();
    return value;
  }
  int64_t ImportCount() override {
    const std::lock_guard<std::mutex> one_at_a_time(main_use_);
    Statement q(main_->db, "SELECT count(*) FROM imports");
    const int64_t n = q.Step() ? q.Int(0) : 0;
    q.Reset();
    return n;
  }
  std::vector<StoredQaForm> QaForms() override {
    std::vector<StoredQaForm> forms;
    const std::lock_guard<std::mutex> one_at_a_time(main_use_);
    Statement q(main_->db, "SELECT form_id, source, file FROM qa_forms ORDER BY form_id");
    while (q.Step()) {
      forms.push_back({std::string(q.Text(0)), std::string(q.Text(1)), std::string(q.Text(2))});
    }
    return forms;
  }
  std::string FilePath(int64_t file_id) override {
    const std::lock_guard<std::mutex> one_at_a_time(main_use_);
    Statement q(main_->db, "SELECT path FROM files WHERE id = ?");
    q.BindInt(1, file_id);
    if (!q.Step()) return {};
    std::string path(q.Text(0));
    q.Reset();
    return path;
  }

  std::unique_ptr<RowCursor> Scan(const ScanSpec& spec) override {
    const KindSpec& kind = SpecOf(spec.kind);
    std::string columns;
    for (std::string_view c : spec.columns) {
      columns += fmt::format("{}{}", columns.empty() ? "" : ", ", CheckedColumn(kind, c));
    }
    if (columns.empty()) columns = "ord";
    const std::string sql =
        fmt::format("SELECT {} FROM {} WHERE ord BETWEEN ? AND ? ORDER BY ord{} LIMIT {}", columns,
                    kind.name, spec.backwards ? " DESC" : "", spec.limit);
    // Each cursor of a file reads on a connection of its own, so cursors may run on several
    // threads at once.
    if (ConcurrentScans()) {
      auto own = Connect(path_, SQLITE_OPEN_READONLY);
      Exec(own->db, "PRAGMA cache_size=-32768");
      // Pages read straight from the file's mapping, not copied out of it first (SQLite
      // caps the mapping at what it was built for: 2 GB in Debian's).
      Exec(own->db, "PRAGMA mmap_size=17179869184");
      sqlite3* db = own->db;
      return std::make_unique<SqliteCursor>(std::move(own), db, sql, spec.first_ord, spec.last_ord);
    }
    return std::make_unique<SqliteCursor>(nullptr, main_->db, sql, spec.first_ord, spec.last_ord);
  }

  int64_t OrdEnd(Kind kind) override {
    const std::lock_guard<std::mutex> one_at_a_time(main_use_);
    Statement q(main_->db,
                fmt::format("SELECT coalesce(max(ord) + 1, 0) FROM {}", SpecOf(kind).name));
    const int64_t end = q.Step() ? q.Int(0) : 0;
    q.Reset();
    return end;
  }
  bool ConcurrentScans() const override { return !path_.empty() && path_ != ":memory:"; }

  Result<std::unique_ptr<ImportTransaction>> BeginImport(const ImportStart& start) override {
    std::unique_lock<std::mutex> writing(writing_);
    auto tx = std::make_unique<SqliteImport>(main_->db, std::move(writing));
    try {
      tx->Begin(start);
    } catch (const sqlite::Error& e) {
      return MakeProblem(ProblemCode::kUnavailable,
                         fmt::format("cannot start the import: {}", e.what()), {}, Place{path_});
    }
    return std::unique_ptr<ImportTransaction>(std::move(tx));
  }

 private:
  Status Migrate() {
    sqlite3* db = main_->db;
    const int version = UserVersion(db);
    if (version > LatestSchemaVersion()) {
      return MakeProblem(fmt::format("the store has schema version {}, newer than this csperf "
                                     "knows ({}); use a newer csperf",
                                     version, LatestSchemaVersion()),
                         {}, Place{path_});
    }
    if (version == 0) {
      // A file with tables but no version is someone else's database: never write into it.
      Statement q(db, "SELECT count(*) FROM sqlite_master");
      const int64_t tables = q.Step() ? q.Int(0) : 0;
      q.Reset();
      if (tables > 0) {
        return MakeProblem("this file is an SQLite database but not a csperf store", {},
                           Place{path_});
      }
    }
    for (const Migration& m : Migrations()) {
      if (m.version <= version) continue;
      Exec(db, "BEGIN IMMEDIATE");
      try {
        Exec(db, m.sql);
        if (m.after != nullptr) m.after(db);
        Exec(db, fmt::format("PRAGMA user_version={}", m.version));
        Exec(db, "COMMIT");
      } catch (...) {
        Exec(db, "ROLLBACK");
        throw;
      }
    }
    return Status::Ok();
  }

  std::string path_;
  std::unique_ptr<Connection> main_;
  // The main connection is opened without SQLite's own lock (a cursor's calls cost less
  // so), yet a report asks the store's metadata from several threads at once (the records
  // the chats leave alone are read in the background): those calls take it in turns.
  std::mutex main_use_;
  std::mutex writing_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode) {
  if (mode == OpenMode::kExisting && path != ":memory:") {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      return MakeProblem(ProblemCode::kNotFound,
                         "no store at this path; fill one first with csperf import --db", {},
                         Place{path});
    }
  }
  std::unique_ptr<Connection> main;
  try {
    main = Connect(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  } catch (const std::runtime_error& e) {
    return MakeProblem(ProblemCode::kUnavailable,
                       fmt::format("cannot open the store: {}", e.what()), {}, Place{path});
  }
  auto store = std::make_unique<SqliteStore>(path, std::move(main));
  try {
    Status ready = store->Setup();
    if (!ready.ok()) return ready.problem();
  } catch (const sqlite::Error& e) {
    return MakeProblem(fmt::format("not a csperf store, or a damaged one: {}", e.what()), {},
                       Place{path});
  }
  return std::unique_ptr<Store>(std::move(store));
}

int SqliteSchemaVersion(const std::string& path) {
  try {
    auto c = Connect(path, SQLITE_OPEN_READONLY);
    return UserVersion(c->db);
  } catch (const std::exception&) {
    return -1;
  }
}

int SqliteLatestSchemaVersion() { return LatestSchemaVersion(); }

}  // namespace csperf
