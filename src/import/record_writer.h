// The duplicate and replacement rules of an import, over any store (store/store.h):
//   - a record with an id is keyed by it; the same id again in this import is a repeat (same
//     content: taken once) or a conflict (other content: a bad row); an earlier import's
//     version is kept when the content is the same, and replaced, in its place in input
//     order, when it is not;
//   - a record without one is keyed by its content and by which copy of it it is in its file
//     (the 1st, 2nd …), so the copies kept are the most seen in any one file.
//
// Records are appended to the store as they are read, each at the next place in input
// order, and settled a batch at a time: the batch's keys sorted and added to (or found in)
// the store's key table in one sweep, each key's records decided in the order they were
// read, and what is not kept removed again. A sorted sweep touches each page of the key
// table once per batch instead of once per row.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/kinds.h"
#include "domain/record.h"
#include "domain/record_keys.h"
#include "store/store.h"

namespace csperf {

enum class WriteOutcome : uint8_t {
  kInserted,         // a new record
  kReplaced,         // an earlier import's version of this id, now replaced
  kUnchanged,        // an earlier import's identical version
  kRepeated,         // the same id with the same content again in this import
  kConflict,         // the same id with other content earlier in this import: a bad row
  kCopyKept,         // an id-less record: one more copy kept (more copies in this file)
  kCopyAlreadyKept,  // an id-less record already kept that often
};

// How a record written was settled. `tag` is what the caller gave Write.
struct Settled {
  uint32_t tag;
  WriteOutcome outcome;
  int64_t other_file = 0;  // for a repeat, a conflict, an unchanged or replaced record:
  int64_t other_line = 0;  // where the version met first came from
};

class RecordWriter {
 public:
  // `first_ord`: the first free place in input order. `batch`: records settled at a time.
  RecordWriter(ImportTransaction& tx, int64_t first_ord, size_t batch = size_t{1} << 19);
  ~RecordWriter();

  // Starts a file of `rows_hint` rows or so. The records of a batch come from one file:
  // settle the batch before the next file starts.
  void StartFile(int64_t file_id, Kind kind, size_t rows_hint);
  // Appends a record of the file.
  void Write(const Record& record, uint32_t tag);
  // A batch's worth is waiting: settle it now.
  bool full() const { return pending_.size() >= batch_; }
  // Settles every record written since the last call; `settled` hears of each, in the
  // order they were written.
  void Settle(const std::function<void(const Settled&)>& settled);

  int64_t next_ord() const { return next_ord_; }

 private:
  struct Pending {
    Hash128 content;
    Hash128 key;  // an id-less record's is its copy's, once it is numbered
    int64_t ord;
    int64_t line;
    uint32_t tag;
    bool counted;  // keyed by its content and copy number
  };
  struct Changes;
  struct Scratch;
  class CopyFilter;
  void SettleKeyed(std::vector<uint32_t>& rows, std::vector<Settled>* out, Changes* changes);
  void SettleCounted(std::vector<uint32_t>& rows, std::vector<Settled>* out, Changes* changes);
  // How many copies of `content` this file held before this batch.
  int64_t CopiesBefore(const Hash128& content);

  ImportTransaction& tx_;
  int64_t next_ord_;
  size_t batch_;
  Kind kind_ = Kind::kAgents;
  int64_t file_ = -1;
  bool file_settled_before_ = false;  // an earlier batch of this file was settled
  size_t rows_hint_ = 0;
  // The contents of the file's id-less records settled so far (a Bloom filter): a content
  // it has not seen has no copy in the file yet.
  std::unique_ptr<CopyFilter> seen_;
  std::vector<Pending> pending_;
  std::unique_ptr<Scratch> scratch_;
  std::string buffer_;
};

}  // namespace csperf
