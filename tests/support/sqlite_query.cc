#include "support/sqlite_query.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

namespace csperf::testing {
namespace {

template <class F>
void Query(const std::string& db, const std::string& sql, F take) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK) << db;
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(handle, sql.c_str(), -1, &stmt, nullptr);
  EXPECT_EQ(rc, SQLITE_OK) << sqlite3_errmsg(handle) << ": " << sql;
  if (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) take(stmt);
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
}

}  // namespace

int64_t SqliteInt(const std::string& db, const std::string& sql) {
  int64_t value = 0;
  Query(db, sql, [&](sqlite3_stmt* stmt) { value = sqlite3_column_int64(stmt, 0); });
  return value;
}

std::string SqliteText(const std::string& db, const std::string& sql) {
  std::string value;
  Query(db, sql, [&](sqlite3_stmt* stmt) {
    if (const auto* text = sqlite3_column_text(stmt, 0))
      value = reinterpret_cast<const char*>(text);
  });
  return value;
}

bool SqliteExec(const std::string& db, const std::string& sql, std::string* error) {
  sqlite3* handle = nullptr;
  if (sqlite3_open(db.c_str(), &handle) != SQLITE_OK) return false;
  char* message = nullptr;
  const int rc = sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &message);
  if (error != nullptr && message != nullptr) *error = message;
  sqlite3_free(message);
  sqlite3_close(handle);
  return rc == SQLITE_OK;
}

}  // namespace csperf::testing
