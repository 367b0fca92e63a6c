// The embedded store: one SQLite file, no server. The only code of csperf that names SQLite.
#pragma once

#include <memory>
#include <string>

#include "core/problem.h"
#include "store/open_store.h"
#include "store/store.h"

namespace csperf {

// Opens the SQLite store at `path` and brings its schema up to date. A file that is not a
// csperf store, or one written by a newer csperf, is refused.
Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode);

// The schema version of an SQLite store (for tests and `csperf check`), -1 when unreadable.
int SqliteSchemaVersion(const std::string& path);
int SqliteLatestSchemaVersion();

}  // namespace csperf
