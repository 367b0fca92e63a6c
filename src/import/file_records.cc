#include "import/file_records.h"

#include <stdexcept>
#include <unordered_set>
#include <utility>

#include "domain/qa_form.h"
#include "domain/record_keys.h"

namespace csperf {
namespace {

// A scan's column: one of the kind's (its index), or a bookkeeping one.
enum Bookkeeping : int { kOrd = -1, kCopies = -2, kFile = -3, kLine = -4, kExtra = -5 };

int ColumnOf(const KindSpec& spec, std::string_view column) {
  if (column == kOrdColumn) return kOrd;
  if (column == kCopiesColumn) return kCopies;
  if (column == kFileColumn) return kFile;
  if (column == kLineColumn) return kLine;
  if (column == kExtraColumn) return kExtra;
  const int i = ColumnIndex(spec, column);
  if (i < 0) throw std::logic_error("no such column: " + std::string(column));
  return i;
}

struct KeyHash {
  size_t operator()(const Hash128& h) const { return h.low; }
};

// The rows of one file, parsed as the cursor moves. Its cells are the parsed record's
// values, as a store keeps them.
class FileCursor final : public RowCursor {
 public:
  FileCursor(std::unique_ptr<OpenedSource> source, const ScanSpec& spec,
             std::shared_ptr<bool> failed)
      : source_(std::move(source)),
        spec_(spec),
        kind_(SpecOf(spec.kind)),
        failed_(std::move(failed)) {
    for (std::string_view c : spec.columns) columns_.push_back(ColumnOf(kind_, c));
  }

  bool Next() override {
    if (*failed_ || (spec_.limit >= 0 && ord_ >= spec_.limit)) return false;
    bool good = false;
    std::string_view raw;
    problems_.clear();
    if (!source_->Next(&record_, &good, &problems_, &raw)) return false;
    if (!good) return Fail();
    // An id met twice: the import's rules decide which stays (or that both are bad).
    if (!IsCounted(kind_, record_) && !keys_.insert(IdKey(kind_, record_, &buffer_)).second)
      return Fail();
    ++ord_;
    return true;
  }
  bool IsNull(int column) const override {
    const int c = columns_[static_cast<size_t>(column)];
    if (c == kExtra) return record_.extra_json.empty();
    return c >= 0 && record_.values[static_cast<size_t>(c)].is_null();
  }
  int64_t Int(int column) const override {
    switch (const int c = columns_[static_cast<size_t>(column)]) {
      case kOrd:
        return ord_ - 1;
      case kCopies:  // a file's record is one copy, of the one file
      case kFile:
        return 1;
      case kLine:
        return record_.line;
      case kExtra:
        return 0;
      default:
        return record_.values[static_cast<size_t>(c)].i;
    }
  }
  std::string_view Text(int column) const override {
    const int c = columns_[static_cast<size_t>(column)];
    if (c == kExtra) return record_.extra_json;
    return c >= 0 ? std::string_view(record_.values[static_cast<size_t>(c)].s) : std::string_view();
  }

 private:
  bool Fail() {
    *failed_ = true;
    return false;
  }

  std::unique_ptr<OpenedSource> source_;
  ScanSpec spec_;
  const KindSpec& kind_;
  std::shared_ptr<bool> failed_;
  std::vector<int> columns_;
  Record record_;
  std::vector<Problem> problems_;
  std::unordered_set<Hash128, KeyHash> keys_;
  std::string buffer_;
  int64_t ord_ = 0;
};

// A scan of a kind with no file: no rows.
class EmptyCursor final : public RowCursor {
 public:
  bool Next() override { return false; }
  bool IsNull(int /*column*/) const override { return true; }
  int64_t Int(int /*column*/) const override { return 0; }
  std::string_view Text(int /*column*/) const override { return {}; }
};

}  // namespace

FileRecords::FileRecords(std::vector<SourceFile> files, std::shared_ptr<const TimeZone> zone,
                         FileSystem& file_system)
    : files_(std::move(files)), zone_(std::move(zone)), file_system_(file_system) {}

FileRecords::~FileRecords() = default;

std::vector<StoredQaForm> FileRecords::QaForms() {
  std::vector<StoredQaForm> forms;
  for (const SourceFile& f : files_) {
    if (!f.qa_form) continue;
    auto text = file_system_.ReadAll(f.path);
    auto form = text.ok() ? ParseQaForm(*text, f.path) : Result<QaForm>(text.problem());
    if (!form.ok()) {
      *failed_ = true;
      continue;
    }
    forms.push_back({form->id, *text, f.path});
  }
  return forms;
}

std::string FileRecords::FilePath(int64_t /*file_id*/) { return ""; }

std::unique_ptr<RowCursor> FileRecords::Scan(const ScanSpec& spec) {
  if (spec.backwards || spec.first_ord != 0 || spec.last_ord != INT64_MAX)
    throw std::logic_error("FileRecords: a scan of a range");
  for (const SourceFile& f : files_) {
    if (f.qa_form || KindFromFileName(f.path, nullptr) != spec.kind) continue;
    auto opened = OpenedSource::Open(f, SourceOptions{nullptr, "", &file_system_}, zone_);
    if (!opened.ok()) {
      *failed_ = true;
      break;
    }
    return std::make_unique<FileCursor>(std::move(*opened), spec, failed_);
  }
  return std::make_unique<EmptyCursor>();
}

Result<std::unique_ptr<ImportTransaction>> FileRecords::BeginImport(const ImportStart& /*start*/) {
  return MakeProblem(ProblemCode::kUnavailable,
                     "files read for --data take no import / 直接读取的文件不能再导入");
}

}  // namespace csperf
