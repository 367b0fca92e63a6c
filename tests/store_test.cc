// The store's schema versions and what it refuses to open.
#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "domain/kinds.h"
#include "store/migrations.h"
#include "test_util.h"

namespace csperf {
namespace {

using csperf::testing::ScratchDir;

void Exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
}

TEST(Store, ANewStoreHasTheLatestSchemaAndEveryKindsColumns) {
  ScratchDir dir;
  auto store = Store::Open(dir / "s.db");
  ASSERT_TRUE(store.ok()) << store.problem().ToString();
  EXPECT_EQ((*store)->schema_version(), LatestSchemaVersion());
  // The tables the writer fills must hold every column the kinds describe.
  for (const KindSpec& spec : AllKinds()) {
    for (const ColumnSpec& c : spec.columns) {
      std::string sql = "SELECT count(*) FROM pragma_table_info('" + std::string(spec.name) +
                        "') WHERE name = '" + std::string(c.name) + "'";
      EXPECT_EQ((*store)->db().execAndGet(sql).getInt(), 1) << spec.name << "." << c.name;
    }
  }
}

TEST(Store, AnOlderStoreIsMigratedInPlace) {
  ScratchDir dir;
  std::string path = dir / "old.db";
  // A store as version 1 left it, with a record in it.
  Exec(path, std::string(Migrations()[0].sql) + "PRAGMA user_version=1;" +
                 "INSERT INTO meta VALUES('timezone', 'Asia/Shanghai');");
  auto store = Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.problem().ToString();
  EXPECT_EQ((*store)->schema_version(), LatestSchemaVersion());
  EXPECT_EQ((*store)->GetMeta("timezone").value_or(""), "Asia/Shanghai");
  EXPECT_EQ(
      (*store)
          ->db()
          .execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'messages_by_customer'")
          .getInt(),
      1);
}

TEST(Store, RefusesANewerStoreAndForeignDatabases) {
  ScratchDir dir;
  std::string newer = dir / "newer.db";
  Exec(newer, "CREATE TABLE meta(key TEXT); PRAGMA user_version=999;");
  auto a = Store::Open(newer);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.problem().reason.find("newer"), std::string::npos);

  std::string foreign = dir / "foreign.db";
  Exec(foreign, "CREATE TABLE customers(id INTEGER);");
  auto b = Store::Open(foreign);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.problem().reason.find("not a csperf store"), std::string::npos);

  std::string text = dir.Write("notes.db", "this is not a database at all, just text\n");
  auto c = Store::Open(text);
  ASSERT_FALSE(c.ok());

  auto d = Store::OpenExisting(dir / "missing.db");
  ASSERT_FALSE(d.ok());
}

}  // namespace
}  // namespace csperf
