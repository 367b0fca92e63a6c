// The store: where imported records live, behind one interface with an implementation per
// database (store/sqlite/, and store/memory/ for records read straight from files). The
// product's rules (which record replaces which, what the reports count) are written once,
// above this interface; a store only keeps rows, finds keys and hands rows back in input
// order.
//
// Every record has a place in input order (`ord`), given by the importer: the order its
// file and row were read in, kept when a later import revises the record. Scans hand rows
// back in that order.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"
#include "domain/kinds.h"
#include "domain/record.h"
#include "domain/record_keys.h"

namespace csperf {

// What a store keeps of a record version besides its fields: where it came from.
struct StoredVersion {
  int64_t ord = 0;  // its place in input order
  Hash128 content;  // of its canonical fields
  int64_t import_id = 0;
  int64_t file_id = 0;  // the file of the import that last saw it
  int64_t line = 0;     // and the line there
};

// Columns a scan may ask for besides the kind's own (kinds.h): its place in input order,
// how many copies of an id-less record it stands for (always 1 for what this csperf
// writes; stores filled by its first versions kept copies on one row), and the file and
// line it came from.
inline constexpr std::string_view kOrdColumn = "ord";
inline constexpr std::string_view kCopiesColumn = "copies";
inline constexpr std::string_view kFileColumn = "src_file";
inline constexpr std::string_view kLineColumn = "src_line";
inline constexpr std::string_view kExtraColumn = "extra";  // unknown columns, as JSON (or NULL)

// A scan of one kind's records in input order (or backwards), of every record or those
// whose place lies in [first_ord, last_ord], all of them or the first `limit`.
struct ScanSpec {
  Kind kind;
  std::vector<std::string_view> columns;
  int64_t first_ord = 0;
  int64_t last_ord = INT64_MAX;
  int64_t limit = -1;  // -1: no limit
  bool backwards = false;
};

// The rows of a scan, one at a time. Cells are read by their index in ScanSpec::columns;
// a text stays valid until the next call to Next. Times and money are integers (seconds,
// cents), dates and words texts, as kinds.h says.
class RowCursor {
 public:
  virtual ~RowCursor() = default;
  virtual bool Next() = 0;
  virtual bool IsNull(int column) const = 0;
  virtual int64_t Int(int column) const = 0;
  virtual std::string_view Text(int column) const = 0;
};

// A QA form as imported: its own file's text.
struct StoredQaForm {
  std::string form_id;
  std::string source;
  std::string file;
};

// One import as a store keeps it: all or nothing, its records, files and forms.
class ImportTransaction {
 public:
  // Rolls the import back unless it was committed.
  virtual ~ImportTransaction() = default;

  virtual int64_t import_id() const = 0;
  virtual std::optional<std::string> GetMeta(const std::string& key) = 0;
  virtual void SetMeta(const std::string& key, const std::string& value) = 0;

  // A file of the import: its id, by which records name where they came from.
  virtual int64_t AddFile(const std::string& path, Kind kind, const std::string& encoding,
                          int64_t bytes) = 0;
  virtual void SetFileRows(int64_t file_id, int64_t rows) = 0;
  // The path of a file of this or an earlier import ("" when there is none).
  virtual std::string FilePath(int64_t file_id) = 0;
  virtual void PutQaForm(const std::string& form_id, const std::string& dimension,
                         const std::string& name, const std::string& source,
                         const std::string& file) = 0;

  // Records. The importer appends each record at a new place in input order at once, and
  // settles which ones stay a batch at a time (import/record_writer.h). A file of about
  // `rows` records of the kind comes next (a store may make room for them).
  virtual void Expect(Kind /*kind*/, size_t /*rows*/) {}
  virtual void Append(Kind kind, int64_t ord, const Record& record, const Hash128& content,
                      int64_t file_id) = 0;
  // The stored versions of `keys` (no key twice), nothing for a key not stored. A store
  // whose keys are kept in order sorts them first, to look them up in one sweep.
  virtual void FindKeys(Kind kind, std::span<const Hash128> keys,
                        std::vector<std::optional<StoredVersion>>* out) = 0;
  // Each key (no key twice) with the place of the record it would name: a key not stored is
  // added, naming that place, and gets nothing in `out`; a stored one is left as it is and
  // gets its stored version. `out` follows the order of `keys`.
  virtual void FindOrAddKeys(Kind kind, std::span<const std::pair<Hash128, int64_t>> keys,
                             std::vector<std::optional<StoredVersion>>* out) = 0;
  // The record at `ord` was seen again, unchanged, in this import at `file_id`:`line`.
  virtual void Touch(Kind kind, int64_t ord, int64_t file_id, int64_t line) = 0;
  // The record at `stored` takes the fields of the one appended at `appended`, which goes.
  virtual void Revise(Kind kind, int64_t stored, int64_t appended) = 0;
  // The record appended at `ord` is not kept (a repeat, or a bad row).
  virtual void Remove(Kind kind, int64_t ord) = 0;

  // Records what the import read, when it ended.
  virtual void Finish(int64_t finished_at, int64_t rows_read, int64_t rows_rejected) = 0;
  virtual Status Commit() = 0;
};

struct ImportStart {
  int64_t started_at = 0;
  std::string timezone;
  bool skip_bad_rows = false;
  std::string profile;
};

class Store {
 public:
  virtual ~Store() = default;

  // What the store is, for messages: a file's path, or a database's address.
  virtual const std::string& name() const = 0;
  virtual std::optional<std::string> GetMeta(const std::string& key) = 0;
  // How many imports were committed.
  virtual int64_t ImportCount() = 0;
  virtual std::vector<StoredQaForm> QaForms() = 0;
  // The path of a file an import read ("" when there is none).
  virtual std::string FilePath(int64_t file_id) = 0;

  virtual std::unique_ptr<RowCursor> Scan(const ScanSpec& spec) = 0;
  // One past the largest place in input order of the kind's records (0 when there are none).
  virtual int64_t OrdEnd(Kind kind) = 0;
  // Whether cursors may be read on several threads at once, one thread each.
  virtual bool ConcurrentScans() const = 0;

  // One import at a time: a second waits for the first (or is refused as unavailable).
  virtual Result<std::unique_ptr<ImportTransaction>> BeginImport(const ImportStart& start) = 0;

  // The store remembers the time zone it was filled with; a command given another is refused.
  Status CheckTimezone(const std::string& timezone);
};

}  // namespace csperf
