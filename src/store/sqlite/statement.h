// A prepared SQLite statement with its cells read straight from SQLite: tens of millions of
// cells pass through a scan or an import, so no object is made per cell.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/store.h"

namespace csperf::sqlite {

// An SQLite failure that no input explains (a damaged file, a full disk): the import it
// happens in is rolled back, and the command says what SQLite said.
class Error : public std::runtime_error {
 public:
  Error(sqlite3* db, int code)
      : std::runtime_error(std::string(sqlite3_errstr(code)) + ": " + sqlite3_errmsg(db)),
        code_(code) {}
  int code() const { return code_; }

 private:
  int code_;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc =
        sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) throw Error(db, rc);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // A row: true; the end: false (and the statement is reset for its next use).
  bool Step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    sqlite3_reset(stmt_);
    if (rc != SQLITE_DONE) throw Error(db_, rc);
    return false;
  }
  // Runs a statement that returns no rows; the rows it changed.
  int Run() {
    Step();
    sqlite3_clear_bindings(stmt_);
    return sqlite3_changes(db_);
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  // Parameters count from 1, as in SQLite.
  void BindNull(int i) { Check(sqlite3_bind_null(stmt_, i)); }
  void BindInt(int i, int64_t v) { Check(sqlite3_bind_int64(stmt_, i, v)); }
  // The text must live until the statement runs.
  void BindText(int i, std::string_view v) {
    Check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
  }
  void BindHash(int i, const Hash128& h) {
    uint8_t bytes[16];
    for (int b = 0; b < 8; ++b) {
      bytes[b] = static_cast<uint8_t>(h.high >> (56 - 8 * b));
      bytes[8 + b] = static_cast<uint8_t>(h.low >> (56 - 8 * b));
    }
    Check(sqlite3_bind_blob(stmt_, i, bytes, 16, SQLITE_TRANSIENT));
  }

  // Columns count from 0, as in SQLite.
  bool IsNull(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
  int64_t Int(int c) const { return sqlite3_column_int64(stmt_, c); }
  std::string_view Text(int c) const {
    const auto* bytes = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    return {bytes == nullptr ? "" : bytes, static_cast<size_t>(sqlite3_column_bytes(stmt_, c))};
  }
  Hash128 HashAt(int c) const {
    const auto* bytes = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, c));
    Hash128 h;
    if (bytes == nullptr || sqlite3_column_bytes(stmt_, c) != 16) return h;
    for (int b = 0; b < 8; ++b) {
      h.high = (h.high << 8) | bytes[b];
      h.low = (h.low << 8) | bytes[8 + b];
    }
    return h;
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK) throw Error(db_, rc);
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Runs SQL that returns no rows (several statements allowed).
inline void Exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (rc != SQLITE_OK) throw Error(db, rc);
}

}  // namespace csperf::sqlite
