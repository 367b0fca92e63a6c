#include "store/store.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include "store/migrations.h"

namespace csperf {

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  std::unique_ptr<SQLite::Database> db;
  try {
    // A Store is used by one thread at a time, so SQLite's lock around every call (taken
    // once per cell read, tens of millions of times a report) is left out.
    db = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    // A rollback journal keeps every import atomic even if the process is killed: the next
    // open rolls a half-written import back from the journal.
    db->exec("PRAGMA journal_mode=DELETE");
    db->exec("PRAGMA foreign_keys=ON");
    // Keys are hashes, so inserts land all over the key index: a large page cache keeps a
    // big import from re-reading index pages (a 10-million-row index is a few hundred MB).
    db->exec("PRAGMA cache_size=-1048576");
    db->exec("PRAGMA temp_store=MEMORY");
    db->setBusyTimeout(10000);
  } catch (const SQLite::Exception& e) {
    return MakeProblem(fmt::format("cannot open the store: {}", e.what()), {}, Place{path});
  }
  std::unique_ptr<Store> store(new Store(path, std::move(db)));
  try {
    Status migrated = store->Migrate();
    if (!migrated.ok()) return migrated.problem();
  } catch (const SQLite::Exception& e) {
    return MakeProblem(fmt::format("not a csperf store, or a damaged one: {}", e.what()), {},
                       Place{path});
  }
  return store;
}

Result<std::unique_ptr<Store>> Store::OpenExisting(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) {
    return MakeProblem("no store at this path; fill one first with csperf import --db", {},
                       Place{path});
  }
  return Open(path);
}

void Store::UseScanCache() { db_->exec("PRAGMA cache_size=-65536"); }

int Store::schema_version() { return db_->execAndGet("PRAGMA user_version").getInt(); }

Status Store::Migrate() {
  int version = schema_version();
  if (version > LatestSchemaVersion()) {
    return MakeProblem(fmt::format("the store has schema version {}, newer than this csperf "
                                   "knows ({}); use a newer csperf",
                                   version, LatestSchemaVersion()),
                       {}, Place{path_});
  }
  if (version == 0) {
    // A file with tables but no version is someone else's database: never write into it.
    int tables = db_->execAndGet("SELECT count(*) FROM sqlite_master").getInt();
    if (tables > 0) {
      return MakeProblem("this file is an SQLite database but not a csperf store", {},
                         Place{path_});
    }
  }
  for (const Migration& m : Migrations()) {
    if (m.version <= version) continue;
    SQLite::Transaction tx(*db_);
    db_->exec(std::string(m.sql));
    db_->exec(fmt::format("PRAGMA user_version={}", m.version));
    tx.commit();
  }
  return Status::Ok();
}

std::optional<std::string> Store::GetMeta(const std::string& key) {
  SQLite::Statement q(*db_, "SELECT value FROM meta WHERE key = ?");
  q.bind(1, key);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getString();
}

void Store::SetMeta(const std::string& key, const std::string& value) {
  SQLite::Statement q(*db_,
                      "INSERT INTO meta(key, value) VALUES(?, ?) "
                      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  q.bind(1, key);
  q.bind(2, value);
  q.exec();
}

Status Store::CheckTimezone(const std::string& timezone) {
  auto stored = GetMeta("timezone");
  if (stored && *stored != timezone) {
    return MakeProblem(fmt::format("this store was filled with time zone {}, but the settings "
                                   "say {}; use the same settings file as for earlier imports",
                                   *stored, timezone),
                       {}, Place{path_, 0, 0, "timezone"});
  }
  return Status::Ok();
}

}  // namespace csperf
