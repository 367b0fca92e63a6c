// The embedded SQLite store: opening, schema migrations, installation-wide metadata.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <memory>
#include <optional>
#include <string>

#include "core/problem.h"

namespace csperf {

class Store {
 public:
  // Opens (creating if needed) and migrates the store. A store written by a newer csperf,
  // or a file that is not a csperf store, is refused.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  // A store that must exist already (reports read from it).
  static Result<std::unique_ptr<Store>> OpenExisting(const std::string& path);

  SQLite::Database& db() { return *db_; }
  // For a reader that scans each table once (the metrics): a small page cache is enough,
  // and the large one imports need would only hold pages already read.
  void UseScanCache();
  const std::string& path() const { return path_; }
  int schema_version();

  std::optional<std::string> GetMeta(const std::string& key);
  void SetMeta(const std::string& key, const std::string& value);

  // The store remembers the time zone it was filled with; a command given another is refused.
  Status CheckTimezone(const std::string& timezone);

 private:
  Store(std::string path, std::unique_ptr<SQLite::Database> db)
      : path_(std::move(path)), db_(std::move(db)) {}
  Status Migrate();

  std::string path_;
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace csperf
