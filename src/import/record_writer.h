// The duplicate and replacement rules of an import, over any store (store/store.h):
//   - a record with an id is keyed by it; the same id again in this import is a repeat (same
//     content: taken once) or a conflict (other content: a bad row); an earlier import's
//     version is kept when the content is the same, and replaced, in its place in input
//     order, when it is not;
//   - a record without one is keyed by all its fields and by which copy of them it is in its
//     file (the 1st, 2nd …), so the copies kept are the most seen in any one file.
//
// Records are appended to the store as they are read, each at the next place in input
// order, and settled a batch at a time: the batch's keys sorted, looked up in one sweep of
// the store's key table, each key's records decided in the order they were read, and what
// is not kept removed again. A sorted sweep touches each page of the key table once per
// batch instead of once per row.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/kinds.h"
#include "domain/record.h"
#include "domain/record_keys.h"
#include "store/store.h"

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

// How a record written was settled. `tag` is what the caller gave Write.
struct Settled {
  size_t tag;
  WriteOutcome outcome;
  int64_t other_file = 0;  // for a repeat, a conflict, an unchanged or replaced record:
  int64_t other_line = 0;  // where the version met first came from
};

class RecordWriter {
 public:
  // `first_ord`: the first free place in input order. `batch`: records settled at a time.
  RecordWriter(ImportTransaction& tx, int64_t first_ord, size_t batch = size_t{1} << 19);

  // Appends a record of `file_id`. The records of one batch come from one file: settle the
  // batch before the next file's first record.
  void Write(Kind kind, const Record& record, int64_t file_id, size_t tag);
  // A batch's worth is waiting: settle it now.
  bool full() const { return pending_.size() >= batch_; }
  // Settles every record written since the last call; `settled` hears of each, in the
  // order they were written.
  void Settle(const std::function<void(const Settled&)>& settled);
  // A new file starts: its copies of id-less records count from one again.
  void StartFile();

  int64_t next_ord() const { return next_ord_; }

 private:
  struct Pending {
    Hash128 key;  // an id-less record's is the key of its copy, once the batch is settled
    Hash128 content;
    int64_t ord;
    int64_t line;
    size_t tag;
    bool counted;  // keyed by its content and copy number
  };
  struct Changes;
  void SettleKeyed(std::vector<uint32_t>& order, std::vector<Settled>* out, Changes* changes);
  void SettleCounted(std::vector<uint32_t>& order, std::vector<Settled>* out,
                     Changes* changes);
  // How many copies of `content` this file held before this batch.
  int64_t CopiesBefore(const Hash128& content);

  ImportTransaction& tx_;
  int64_t next_ord_;
  size_t batch_;
  Kind kind_ = Kind::kAgents;
  int64_t file_ = -1;
  bool file_settled_before_ = false;  // an earlier batch of this file was settled
  std::vector<Pending> pending_;
  std::string buffer_;
};


}  // namespace csperf
