// The SQLite store's schema as an ordered list of migrations. PRAGMA user_version holds the number
// of migrations applied; a store opened by a newer csperf is brought up to date in place.
#pragma once

#include <sqlite3.h>

#include <string>
#include <string_view>
#include <vector>

namespace csperf {

struct Migration {
  int version;
  std::string_view description;
  std::string sql;
  // What SQL alone cannot do, run after it in the same transaction.
  void (*after)(sqlite3* db) = nullptr;
};

const std::vector<Migration>& Migrations();
int LatestSchemaVersion();

}  // namespace csperf
