// Writes parsed records into the store, applying the duplicate and replacement rules:
// a record with an id is keyed by it and a newer import's version replaces it; a record
// without one is keyed by all its fields, and the copies kept are the most seen in any one
// file. The caller owns the transaction.
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>

#include "domain/kinds.h"
#include "import/record.h"

namespace csperf {

enum class WriteOutcome {
  kInserted,         // a new record
  kReplaced,         // an earlier import's version of this id, now replaced
  kUnchanged,        // an earlier import's identical version
  kRepeated,         // the same id with the same content again in this import
  kConflict,         // the same id with other content earlier in this import: a bad row
  kCopyKept,         // an id-less record: one more copy kept (more copies in this file)
  kCopyAlreadyKept,  // an id-less record already kept that often
};

struct WriteResult {
  WriteOutcome outcome;
  int64_t other_file = 0;  // for kConflict / kRepeated: where the other version came from
  int64_t other_line = 0;
};

class RecordWriter {
 public:
  // `first_ord` is the first free place in input order (kept in the store's meta table).
  RecordWriter(SQLite::Database& db, int64_t import_id, int64_t first_ord);
  ~RecordWriter();

  WriteResult Write(Kind kind, const Record& record, int64_t file_id);
  int64_t next_ord() const { return next_ord_; }

 private:
  class Table;
  Table& TableFor(Kind kind);

  SQLite::Database& db_;
  int64_t import_id_;
  int64_t next_ord_;
  std::array<std::unique_ptr<Table>, kKindCount> tables_;
};

}  // namespace csperf
