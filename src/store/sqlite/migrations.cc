#include "store/sqlite/migrations.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/kinds.h"
#include "domain/record_keys.h"
#include "store/sqlite/statement.h"

namespace csperf {
namespace {

// Every record table carries the same bookkeeping columns after its own:
//   rk       128-bit hash of the record's key (its id, or all its fields when it has none)
//   ch       128-bit hash of all its canonical fields, to tell a replacement from a repeat
//   copies   how many copies of an id-less record are kept (the most seen in any one file)
//   fimp, ffile, fcount   the import and file that last saw it and how often in that file
//   imp      the import that last wrote it
//   src_file, src_line    where that version came from (files.id and line)
//   ord      its place in input order
//   extra    unknown columns of the source row, as JSON
constexpr std::string_view kV1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE imports (
  id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, finished_at INTEGER,
  timezone TEXT NOT NULL, skip_bad_rows INTEGER NOT NULL, profile TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0, rows_rejected INTEGER NOT NULL DEFAULT 0);
CREATE TABLE files (
  id INTEGER PRIMARY KEY, import_id INTEGER NOT NULL REFERENCES imports(id),
  path TEXT NOT NULL, kind TEXT NOT NULL, encoding TEXT NOT NULL, bytes INTEGER NOT NULL,
  rows INTEGER NOT NULL DEFAULT 0);
CREATE TABLE qa_forms (
  form_id TEXT PRIMARY KEY, dimension TEXT NOT NULL, name TEXT NOT NULL,
  source TEXT NOT NULL, file TEXT NOT NULL, import_id INTEGER NOT NULL);

CREATE TABLE agents (
  agent_id TEXT, name TEXT, team TEXT, role TEXT, position TEXT, manager_id TEXT,
  accounts TEXT, hire_date TEXT, leave_date TEXT, probation INTEGER, base_bonus INTEGER,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE messages (
  shop TEXT, customer_id TEXT, sender TEXT, sent_at INTEGER, account TEXT,
  conversation_id TEXT, message_id TEXT, content TEXT,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE orders (
  order_id TEXT, shop TEXT, customer_id TEXT, created_at INTEGER, paid_at INTEGER,
  amount INTEGER, status TEXT, account TEXT,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE ratings (
  rated_at INTEGER, score INTEGER, account TEXT, conversation_id TEXT, customer_id TEXT,
  shop TEXT, comment TEXT, void INTEGER,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE cases (
  case_id TEXT, type TEXT, account TEXT, opened_at INTEGER, closed_at INTEGER, status TEXT,
  order_id TEXT, shop TEXT, customer_id TEXT,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE case_events (
  case_id TEXT, step TEXT, at INTEGER, actor TEXT,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE followups (
  followup_id TEXT, agent_id TEXT, customer_id TEXT, due_at INTEGER, done_at INTEGER,
  quality INTEGER, channel TEXT,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE assessments (
  agent_id TEXT, date TEXT, dimension TEXT, source TEXT, score INTEGER, max_score INTEGER,
  rater_id TEXT, note TEXT, void INTEGER,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE qa_items (
  review_id TEXT, agent_id TEXT, date TEXT, form TEXT, item TEXT, result INTEGER,
  reviewer_id TEXT, session_ref TEXT, note TEXT,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE incidents (
  incident_id TEXT, agent_id TEXT, occurred_at INTEGER, kind TEXT, severity TEXT,
  loss_amount INTEGER, recovered INTEGER, note TEXT, void INTEGER,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE attendance (
  agent_id TEXT, date TEXT, scheduled_start INTEGER, scheduled_end INTEGER, clock_in INTEGER,
  clock_out INTEGER, status TEXT,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
CREATE TABLE work_records (
  manager_id TEXT, agent_id TEXT, date TEXT, kind TEXT, text TEXT,
  rk BLOB NOT NULL UNIQUE, ch BLOB NOT NULL, copies INTEGER NOT NULL, fimp INTEGER, ffile INTEGER,
  fcount INTEGER, imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL,
  ord INTEGER NOT NULL, extra TEXT);
)sql";

// Indexes the data-quality report and the metrics read by.
constexpr std::string_view kV2 = R"sql(
CREATE INDEX messages_by_customer ON messages(shop, customer_id, sent_at);
CREATE INDEX orders_by_customer ON orders(shop, customer_id);
CREATE INDEX case_events_by_case ON case_events(case_id);
)sql";

// Lookups by id from the data-quality report (events of unknown cases, unknown agents).
constexpr std::string_view kV3 = R"sql(
CREATE INDEX cases_by_id ON cases(case_id);
CREATE INDEX agents_by_id ON agents(agent_id);
)sql";

// The day a follow-up belongs to (a due date written without a time is due at the next
// midnight but stays in its own day's period). Rows imported before stay NULL and are read
// as the local date of due_at.
constexpr std::string_view kV4 = R"sql(
ALTER TABLE followups ADD COLUMN due_date TEXT;
)sql";

const char* SqlType(FieldType type) {
  switch (type) {
    case FieldType::kText:
    case FieldType::kList:
    case FieldType::kDate:
    case FieldType::kEnum:
      return "TEXT";
    default:
      return "INTEGER";
  }
}

// The records of a kind keyed by an id (their key is kept as it was).
std::string KeyedCondition(const KindSpec& spec) {
  switch (spec.key_rule) {
    case KeyRule::kById:
      return "1";
    case KeyRule::kCounted:
      return "0";
    case KeyRule::kMessage:
      return "message_id IS NOT NULL";
  }
  return "1";
}

// Records without an id were keyed by a hash of all their fields and their copy number;
// they are keyed now by the hash of their content (kept on each row) and their copy number,
// which needs no fields: copies numbered 1, 2 … in input order for each content.
void KeyCopiesByContent(sqlite3* db) {
  for (const KindSpec& spec : AllKinds()) {
    if (spec.key_rule == KeyRule::kById) continue;
    const std::string table(spec.name);
    sqlite::Statement q(db, fmt::format("SELECT ord, ch, copies FROM {} WHERE NOT ({}) "
                                        "ORDER BY ch, ord",
                                        table, KeyedCondition(spec)));
    std::vector<std::pair<Hash128, int64_t>> keys;
    Hash128 content;
    int64_t copy = 0;
    while (q.Step()) {
      const Hash128 ch = q.HashAt(1);
      if (keys.empty() || ch != content) copy = 0;
      content = ch;
      // A store of the first versions kept several copies on one row.
      for (int64_t n = std::max<int64_t>(1, q.Int(2)); n > 0; --n)
        keys.emplace_back(CopyKey(ch, ++copy), q.Int(0));
    }
    std::sort(keys.begin(), keys.end());
    sqlite::Statement insert(db, fmt::format("INSERT INTO {}_keys (rk, ord) VALUES (?, ?)", table));
    for (const auto& [key, ord] : keys) {
      insert.BindHash(1, key);
      insert.BindInt(2, ord);
      insert.Run();
    }
  }
}

// Each record table becomes two. The records, keyed by their place in input order, so that
// an import appends to the end of the table and a scan in input order reads it front to back;
// and the keys, a table of their own ordered by key, which an import fills a sorted batch at
// a time (the key index of version 1 was updated row by row, all over the index). The
// indexes of versions 2 and 3 go with the old tables: the reports scan the records instead.
std::string RecordsByInputOrder() {
  std::string sql;
  for (const KindSpec& spec : AllKinds()) {
    std::string columns, typed;
    for (const ColumnSpec& c : spec.columns) {
      columns += fmt::format("{}, ", c.name);
      typed += fmt::format("{} {}, ", c.name, SqlType(c.type));
    }
    sql += fmt::format(R"sql(
ALTER TABLE {0} RENAME TO {0}_v4;
CREATE TABLE {0} (ord INTEGER PRIMARY KEY, {1}ch BLOB NOT NULL, copies INTEGER NOT NULL DEFAULT 1,
  imp INTEGER NOT NULL, src_file INTEGER NOT NULL, src_line INTEGER NOT NULL, extra TEXT);
INSERT INTO {0} (ord, {2}ch, copies, imp, src_file, src_line, extra)
  SELECT ord, {2}ch, copies, imp, src_file, src_line, extra FROM {0}_v4 ORDER BY ord;
CREATE TABLE {0}_keys (rk BLOB PRIMARY KEY, ord INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO {0}_keys (rk, ord) SELECT rk, ord FROM {0}_v4 WHERE {3} ORDER BY rk;
DROP TABLE {0}_v4;
)sql",
                       spec.name, typed, columns, KeyedCondition(spec));
  }
  return sql;
}

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> migrations = {
      {1, "record tables, imports, files, QA forms", std::string(kV1)},
      {2, "indexes for reports", std::string(kV2)},
      {3, "indexes by case and agent id", std::string(kV3)},
      {4, "the day each follow-up belongs to", std::string(kV4)},
      {5, "records kept in input order, keys in a table of their own", RecordsByInputOrder(),
       KeyCopiesByContent},
  };
  return migrations;
}

int LatestSchemaVersion() { return Migrations().back().version; }

}  // namespace csperf
