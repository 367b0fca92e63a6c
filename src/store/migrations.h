// The store's schema as an ordered list of migrations. PRAGMA user_version holds the number
// of migrations applied; a store opened by a newer csperf is brought up to date in place.
#pragma once

#include <string_view>
#include <vector>

namespace csperf {

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
};

const std::vector<Migration>& Migrations();
int LatestSchemaVersion();

}  // namespace csperf
