// What is the SQLite store's own: its schema, the migration of older stores, what it refuses
// to open. (The rules every store keeps are tested on every store in tests/import/.)
#include "store/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/settings.h"
#include "domain/kinds.h"
#include "import/importer.h"
#include "store/sqlite/migrations.h"
#include "support/sqlite_query.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::CopyCount;
using csperf::testing::EnvAt;
using csperf::testing::RowCount;
using csperf::testing::ScratchDir;
using csperf::testing::SqliteExec;
using csperf::testing::SqliteInt;
using csperf::testing::SqliteText;
using csperf::testing::TextOf;

// Two messages with ids, the same id-less message twice in one file (two copies) and one
// other id-less message; an agent (keyed by id).
const char kMessages[] =
    "shop,customer_id,sender,sent_at,account,message_id,content\n"
    "店,c1,customer,2024-01-05 10:00:00,,m1,在吗\n"
    "店,c1,agent,2024-01-05 10:00:30,店:小美,m2,在的\n"
    "店,c2,customer,2024-01-05 11:00:00,,,你好\n"
    "店,c2,customer,2024-01-05 11:00:00,,,你好\n"
    "店,c2,agent,2024-01-05 11:01:00,店:小美,,您好\n";
const char kAgents[] =
    "agent_id,name,team,role,position,manager_id,accounts\n"
    "A01,李娜,A组,agent,presales,,店:小美\n";

ImportReport ImportInto(Store& store, const std::vector<std::string>& paths) {
  FixedClock clock(1735689600);  // 2025-01-01T00:00:00Z
  ImportOptions options;
  return RunImport(store, DefaultSettings(), paths, options, EnvAt(clock));
}

// A table's keys as one string, in key order: "HEX,HEX…".
std::string KeysOf(const std::string& db, const std::string& kind) {
  return SqliteText(db, fmt::format("SELECT group_concat(k, ',') FROM (SELECT hex(rk) AS k FROM "
                                    "{}_keys ORDER BY rk)",
                                    kind));
}

// A file store's metadata calls from several threads at once, as a report makes them (the
// records the chats leave alone are read in the background): the store's own connection
// takes one call at a time. 4 threads x 3 calls x 400 times; each answer checked. Input
// order runs across the import's files: the agent is place 0, the five message rows 1 to 5.
TEST(SqliteStore, MetadataCallsFromSeveralThreadsAtOnce) {
  ScratchDir dir;
  const std::string path = dir / "s.db";
  const std::string messages = dir.Write("messages.csv", kMessages);
  const std::string agents = dir.Write("agents.csv", kAgents);
  auto store = OpenSqliteStore(path, OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(ImportInto(**store, {messages, agents}).committed);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 400; ++i) {
        if ((*store)->OrdEnd(Kind::kMessages) != 6) ++wrong;
        if ((*store)->OrdEnd(Kind::kAgents) != 1) ++wrong;
        if (!(*store)->QaForms().empty()) ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(SqliteStore, ANewStoreHasTheLatestSchemaAndEveryKindsColumns) {
  ScratchDir dir;
  const std::string path = dir / "s.db";
  ASSERT_TRUE(OpenSqliteStore(path, OpenMode::kCreate).ok());
  EXPECT_EQ(SqliteSchemaVersion(path), SqliteLatestSchemaVersion());
  for (const KindSpec& spec : AllKinds()) {
    for (const ColumnSpec& c : spec.columns) {
      EXPECT_EQ(SqliteInt(path, fmt::format("SELECT count(*) FROM pragma_table_info('{}') WHERE "
                                            "name = '{}'",
                                            spec.name, c.name)),
                1)
          << spec.name << "." << c.name;
    }
    EXPECT_EQ(SqliteInt(path, fmt::format("SELECT count(*) FROM sqlite_master WHERE name = "
                                          "'{}_keys'",
                                          spec.name)),
              1)
        << spec.name;
  }
}

TEST(SqliteStore, AStoreOfSchemaVersionFourIsMigratedAndKeepsItsRecordsAndKeys) {
  ScratchDir dir;
  const std::string files = dir / "in";
  dir.Write("in/messages.csv", kMessages);
  dir.Write("in/agents.csv", kAgents);

  // The store as this version makes it, to compare against.
  const std::string now = dir / "now.db";
  {
    auto store = OpenSqliteStore(now, OpenMode::kCreate);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(ImportInto(**store, {files}).committed);
  }
  ASSERT_EQ(SqliteInt(now, "SELECT count(*) FROM messages"), 5);

  // The same records as version 4 kept them: one table per kind holding each record's key
  // (an id's hash; for an id-less record a hash of its fields and copy, replaced by the
  // migration) beside its fields, two copies of one id-less message on one row.
  const std::string old = dir / "old.db";
  std::string sql;
  for (int v = 0; v < 4; ++v) sql += Migrations()[v].sql;
  sql += "PRAGMA user_version=4;";
  sql += fmt::format("ATTACH '{}' AS now;", now);
  sql += "INSERT INTO meta SELECT * FROM now.meta;";
  sql += "INSERT INTO imports SELECT * FROM now.imports;";
  sql += "INSERT INTO files SELECT * FROM now.files;";
  for (const char* kind : {"messages", "agents"}) {
    std::string columns;
    for (const ColumnSpec& c : SpecOf(*KindFromName(kind)).columns) {
      columns += fmt::format("{}, ", c.name);
    }
    const std::string keyed = std::string(kind) == "messages" ? "message_id IS NOT NULL" : "1";
    // Copies of an id-less record: the first row stands for them all.
    sql += fmt::format(
        "INSERT INTO {0} ({1}rk, ch, copies, imp, src_file, src_line, ord, extra) SELECT {1}"
        "CASE WHEN {2} THEN (SELECT rk FROM now.{0}_keys k WHERE k.ord = r.ord) "
        "ELSE randomblob(16) END, ch, "
        "CASE WHEN {2} THEN 1 ELSE (SELECT count(*) FROM now.{0} t WHERE t.ch = r.ch) END, "
        "imp, src_file, src_line, ord, extra FROM now.{0} r WHERE {2} OR NOT EXISTS "
        "(SELECT 1 FROM now.{0} t WHERE t.ch = r.ch AND t.ord < r.ord);",
        kind, columns, keyed);
  }
  std::string error;
  ASSERT_TRUE(SqliteExec(old, sql, &error)) << error;
  ASSERT_EQ(SqliteInt(old, "SELECT copies FROM messages WHERE content = '你好'"), 2);

  auto migrated = OpenSqliteStore(old, OpenMode::kExisting);
  ASSERT_TRUE(migrated.ok()) << migrated.problem().ToString();
  EXPECT_EQ(SqliteSchemaVersion(old), SqliteLatestSchemaVersion());
  EXPECT_EQ(RowCount(**migrated, Kind::kMessages), 4);
  EXPECT_EQ(CopyCount(**migrated, Kind::kMessages), 5);
  // Keys: m1, m2, copies 1 and 2 of 你好 (both on its one row), copy 1 of 您好: five, each
  // as a new import keys it.
  EXPECT_EQ(SqliteInt(old, "SELECT count(*) FROM messages_keys"), 5);
  EXPECT_EQ(SqliteInt(old,
                      "SELECT count(*) FROM messages_keys k JOIN messages m USING (ord) "
                      "WHERE m.content = '你好'"),
            2);
  EXPECT_EQ(KeysOf(old, "messages"), KeysOf(now, "messages"));
  EXPECT_EQ(KeysOf(old, "agents"), KeysOf(now, "agents"));

  // Importing the same files again finds every record; a revised message replaces its row.
  ImportReport again = ImportInto(**migrated, {files});
  ASSERT_TRUE(again.committed);
  EXPECT_EQ(RowCount(**migrated, Kind::kMessages), 4);
  EXPECT_EQ(CopyCount(**migrated, Kind::kMessages), 5);
  EXPECT_EQ(RowCount(**migrated, Kind::kAgents), 1);
  const auto m2 = TextOf(**migrated, Kind::kMessages, "ord", {{"message_id", "m2"}});
  ASSERT_TRUE(m2.has_value());
  dir.Write("revised/messages.csv",
            "shop,customer_id,sender,sent_at,account,message_id,content\n"
            "店,c1,agent,2024-01-05 10:00:30,店:小美,m2,在的，请问有什么可以帮您\n");
  ASSERT_TRUE(ImportInto(**migrated, {dir / "revised"}).committed);
  EXPECT_EQ(RowCount(**migrated, Kind::kMessages), 4);
  EXPECT_EQ(TextOf(**migrated, Kind::kMessages, "content", {{"message_id", "m2"}}),
            "在的，请问有什么可以帮您");
  EXPECT_EQ(TextOf(**migrated, Kind::kMessages, "ord", {{"message_id", "m2"}}), m2);
}

TEST(SqliteStore, RefusesANewerStoreAndForeignDatabases) {
  ScratchDir dir;
  const std::string newer = dir / "newer.db";
  ASSERT_TRUE(SqliteExec(newer, "CREATE TABLE meta(key TEXT); PRAGMA user_version=999;"));
  auto a = OpenSqliteStore(newer, OpenMode::kExisting);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.problem().reason.find("newer"), std::string::npos);
  EXPECT_EQ(SqliteInt(newer, "PRAGMA user_version"), 999);  // left as it was

  const std::string foreign = dir / "foreign.db";
  ASSERT_TRUE(SqliteExec(foreign, "CREATE TABLE customers(id INTEGER);"));
  auto b = OpenSqliteStore(foreign, OpenMode::kExisting);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.problem().reason.find("not a csperf store"), std::string::npos);
  EXPECT_EQ(SqliteInt(foreign, "SELECT count(*) FROM sqlite_master"), 1);

  auto missing = OpenSqliteStore(dir / "missing.db", OpenMode::kExisting);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.problem().code, ProblemCode::kNotFound);
}

}  // namespace
}  // namespace csperf
