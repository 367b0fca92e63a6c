// The records of one kind's one file, read through the store interface's scans without a
// store: for `--data`, which keeps nothing between runs. When a kind has one file in an
// import, the import's rules take nothing out of it but a repeated id (a record without an id
// is kept however often it comes within one file: inputs.md), so its records are its rows
// in file order. A scan parses the rows as it goes, with the importer's own parser; a bad row
// or an id met twice ends it and marks the reading failed, and the caller then imports the
// files into a store in memory, whose rules and report say what to do.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/settings.h"
#include "core/time_zone.h"
#include "import/source_reader.h"
#include "store/store.h"

namespace csperf {

class FileRecords : public Store {
 public:
  // `files`: CSV files of one kind each, no kind twice, and the QA forms of `qa_forms`
  // (files named by their paths). Nothing is read until a scan asks.
  FileRecords(std::vector<SourceFile> files, std::shared_ptr<const TimeZone> zone,
              FileSystem& file_system);
  ~FileRecords() override;

  // Whether a scan met a bad row, an id twice, or a file it could not open.
  bool failed() const { return *failed_; }

  const std::string& name() const override { return name_; }
  std::optional<std::string> GetMeta(const std::string& /*key*/) override { return std::nullopt; }
  int64_t ImportCount() override { return 1; }
  std::vector<StoredQaForm> QaForms() override;
  std::string FilePath(int64_t file_id) override;
  std::unique_ptr<RowCursor> Scan(const ScanSpec& spec) override;
  int64_t OrdEnd(Kind /*kind*/) override { return 0; }  // not known before the file is read
  bool ConcurrentScans() const override { return true; }
  Result<std::unique_ptr<ImportTransaction>> BeginImport(const ImportStart& start) override;

 private:
  std::vector<SourceFile> files_;
  std::shared_ptr<const TimeZone> zone_;
  FileSystem& file_system_;
  std::string name_ = "--data";
  std::shared_ptr<bool> failed_ = std::make_shared<bool>(false);
};

}  // namespace csperf
