// Raw SQL against an SQLite store file, for tests of what is SQLite's own (its schema, its
// triggers) and of data whose checks read best as SQL (the demo month's shape).
#pragma once

#include <cstdint>
#include <string>

namespace csperf::testing {

// The first column of the first row of `sql` (0 or "" when there is none). A failing query
// fails the test.
int64_t SqliteInt(const std::string& db, const std::string& sql);
std::string SqliteText(const std::string& db, const std::string& sql);
// Runs `sql`; false (with SQLite's message in *error) when SQLite refuses it.
bool SqliteExec(const std::string& db, const std::string& sql, std::string* error = nullptr);

}  // namespace csperf::testing
