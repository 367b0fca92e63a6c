// `csperf import`: all-or-nothing loading of a set of files into the store.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/problem.h"
#include "core/settings.h"
#include "domain/kinds.h"
#include "io/profile.h"
#include "store/quality_report.h"
#include "store/store.h"

namespace csperf {

struct ImportOptions {
  bool skip_bad_rows = false;
  std::string rejects_dir = "rejects";  // with skip_bad_rows: <name>.rejected.csv per file
  size_t report_limit = 50;             // bad-row problems listed; the rest are counted
  const Profile* profile = nullptr;
  std::string profile_name;
  std::string default_shop;
  size_t batch_rows = size_t{1} << 19;  // records settled at a time (record_writer.h)
};

struct RowCounts {
  int64_t rows = 0;       // data rows read
  int64_t inserted = 0;   // new records
  int64_t replaced = 0;   // an earlier import's record with this id, revised
  int64_t unchanged = 0;  // an earlier import's record, the same again
  int64_t repeated = 0;   // the same id and content twice in this import
  int64_t copies = 0;     // id-less rows kept as one more copy of an existing record
  int64_t collapsed = 0;  // id-less rows already kept (the same row in another file)
  int64_t rejected = 0;   // bad rows

  void Add(const RowCounts& other);
};

struct FileReport {
  std::string path;
  std::string kind;
  std::string encoding;
  int64_t bytes = 0;
  RowCounts counts;
};

struct ImportReport {
  bool committed = false;
  std::optional<Problem> refusal;  // a file that could not be read at all: nothing stored
  std::vector<Problem> problems;   // bad rows, the first report_limit of them
  int64_t problem_count = 0;
  int64_t bad_rows = 0;
  std::vector<FileReport> files;
  std::vector<std::string> qa_forms;
  std::vector<std::string> reject_files;
  int64_t import_id = 0;
  // What this import itself saw: ids repeated with the same content (taken once) and ids
  // repeated with other content (bad rows). The data-quality report shows them first.
  QualityFinding repeated_ids{"repeated_id",
                              "本次导入中重复的记录（只取一次）",
                              "records repeated in this import (taken once)",
                              0,
                              {}};
  QualityFinding conflicting_ids{"conflicting_id",
                                 "本次导入中编号相同但内容不同",
                                 "ids with different content in this import (bad rows)",
                                 0,
                                 {}};

  RowCounts Totals() const;
};

// Hooks a test uses to stop an import at a known point inside its write.
class ImportObserver {
 public:
  virtual ~ImportObserver() = default;
  virtual void OnRowsWritten(int64_t /*rows_so_far*/) {}
  virtual void OnBeforeCommit() {}
};

// Reads `paths` into the store in one import: every row, or (unless options.skip_bad_rows)
// nothing at all when a row is bad. The clock dates the import; the files are read and the
// reject files written through env.files.
ImportReport RunImport(Store& store, const Settings& settings,
                       const std::vector<std::string>& paths, const ImportOptions& options,
                       const Env& env, ImportObserver* observer = nullptr);

}  // namespace csperf
