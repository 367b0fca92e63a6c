#include "import/importer.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/toml_file.h"
#include "domain/qa_form.h"
#include "import/source_reader.h"
#include "io/csv_writer.h"
#include "store/record_writer.h"

namespace csperf {
namespace {

// BEGIN IMMEDIATE … COMMIT, rolled back unless committed: the whole import or nothing.
class WriteTransaction {
 public:
  explicit WriteTransaction(SQLite::Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
  ~WriteTransaction() {
    if (!done_) {
      try {
        db_.exec("ROLLBACK");
      } catch (...) {
      }
    }
  }
  void Commit() {
    db_.exec("COMMIT");
    done_ = true;
  }

 private:
  SQLite::Database& db_;
  bool done_ = false;
};

void Count(WriteOutcome outcome, RowCounts* counts) {
  switch (outcome) {
    case WriteOutcome::kInserted:
      ++counts->inserted;
      break;
    case WriteOutcome::kReplaced:
      ++counts->replaced;
      break;
    case WriteOutcome::kUnchanged:
      ++counts->unchanged;
      break;
    case WriteOutcome::kRepeated:
      ++counts->repeated;
      break;
    case WriteOutcome::kCopyKept:
      ++counts->copies;
      break;
    case WriteOutcome::kCopyAlreadyKept:
      ++counts->collapsed;
      break;
    case WriteOutcome::kConflict:
      break;
  }
}

class Importer {
 public:
  Importer(Store& store, const Settings& settings, const ImportOptions& options, const Clock& clock,
           ImportObserver* observer)
      : store_(store), settings_(settings), options_(options), clock_(clock), observer_(observer) {}

  ImportReport Run(const std::vector<std::string>& paths) {
    auto zone = TimeZone::Load(settings_.timezone);
    if (!zone.ok()) return Refuse(zone.problem());
    zone_ = *zone;
    Status tz = store_.CheckTimezone(settings_.timezone);
    if (!tz.ok()) return Refuse(tz.problem());
    auto sources = DiscoverSources(paths);
    if (!sources.ok()) return Refuse(sources.problem());
    if (sources->empty()) return Refuse(MakeProblem("no CSV files found in the given paths"));

    SQLite::Database& db = store_.db();
    WriteTransaction tx(db);
    if (!store_.GetMeta("timezone")) store_.SetMeta("timezone", settings_.timezone);
    report_.import_id = StartImportRow();
    auto next_ord = store_.GetMeta("next_ord");
    writer_ =
        std::make_unique<RecordWriter>(db, report_.import_id, next_ord ? std::stoll(*next_ord) : 0);
    for (const SourceFile& file : *sources) {
      Status s = file.qa_form ? ImportQaForm(file) : ImportFile(file);
      if (!s.ok()) return Refuse(s.problem());
    }
    if (report_.bad_rows > 0 && !options_.skip_bad_rows) return report_;  // rolled back
    FinishImportRow();
    store_.SetMeta("next_ord", std::to_string(writer_->next_ord()));
    if (!WriteRejects()) return report_;
    if (observer_) observer_->OnBeforeCommit();
    tx.Commit();
    report_.committed = true;
    return report_;
  }

 private:
  ImportReport Refuse(Problem problem) {
    report_.refusal = std::move(problem);
    report_.committed = false;
    return report_;
  }

  int64_t StartImportRow() {
    SQLite::Statement q(store_.db(),
                        "INSERT INTO imports(started_at, timezone, skip_bad_rows, profile) "
                        "VALUES(?, ?, ?, ?)");
    q.bind(1, static_cast<int64_t>(clock_.Now()));
    q.bind(2, settings_.timezone);
    q.bind(3, options_.skip_bad_rows ? 1 : 0);
    q.bind(4, options_.profile_name);
    q.exec();
    return store_.db().getLastInsertRowid();
  }

  void FinishImportRow() {
    RowCounts totals = report_.Totals();
    SQLite::Statement q(store_.db(),
                        "UPDATE imports SET finished_at = ?, rows_read = ?, rows_rejected = ? "
                        "WHERE id = ?");
    q.bind(1, static_cast<int64_t>(clock_.Now()));
    q.bind(2, static_cast<int64_t>(totals.rows));
    q.bind(3, static_cast<int64_t>(totals.rejected));
    q.bind(4, static_cast<int64_t>(report_.import_id));
    q.exec();
  }

  Status ImportQaForm(const SourceFile& file) {
    auto text = ReadWholeFile(file.path);
    if (!text.ok()) return text.problem();
    auto form = ParseQaForm(*text, file.path);
    if (!form.ok()) return form.problem();
    SQLite::Statement q(store_.db(),
                        "INSERT INTO qa_forms(form_id, dimension, name, source, file, import_id) "
                        "VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(form_id) DO UPDATE SET "
                        "dimension = excluded.dimension, name = excluded.name, "
                        "source = excluded.source, file = excluded.file, "
                        "import_id = excluded.import_id");
    q.bind(1, form->id);
    q.bind(2, form->dimension);
    q.bind(3, form->name_zh.empty() ? form->name_en : form->name_zh);
    q.bind(4, *text);
    q.bind(5, file.path);
    q.bind(6, static_cast<int64_t>(report_.import_id));
    q.exec();
    report_.qa_forms.push_back(form->id);
    return Status::Ok();
  }

  int64_t AddFileRow(const OpenedSource& source) {
    SQLite::Statement q(store_.db(),
                        "INSERT INTO files(import_id, path, kind, encoding, bytes) "
                        "VALUES(?, ?, ?, ?, ?)");
    q.bind(1, static_cast<int64_t>(report_.import_id));
    q.bind(2, source.path());
    q.bind(3, std::string(SpecOf(source.kind()).name));
    q.bind(4, EncodingName(source.encoding()));
    q.bind(5, static_cast<int64_t>(source.bytes()));
    q.exec();
    return store_.db().getLastInsertRowid();
  }

  Status ImportFile(const SourceFile& file) {
    SourceOptions source_options{options_.profile, options_.default_shop};
    auto opened = OpenedSource::Open(file, source_options, zone_);
    if (!opened.ok()) return opened.problem();
    OpenedSource& source = **opened;
    const Kind kind = source.kind();
    const int64_t file_id = AddFileRow(source);
    FileReport file_report{file.path,
                           std::string(SpecOf(kind).name),
                           EncodingName(source.encoding()),
                           static_cast<int64_t>(source.bytes()),
                           {}};
    RowCounts& counts = file_report.counts;
    std::vector<std::string> rejected;  // raw rows with their reasons, for the reject file

    Record record;
    std::vector<Problem> row_problems;
    std::string_view raw;
    bool good = false;
    while (source.Next(&record, &good, &row_problems, &raw)) {
      ++counts.rows;
      if (good) {
        WriteResult result = writer_->Write(kind, record, file_id);
        if (result.outcome == WriteOutcome::kRepeated ||
            result.outcome == WriteOutcome::kConflict) {
          const bool conflict = result.outcome == WriteOutcome::kConflict;
          QualityFinding* finding = conflict ? &report_.conflicting_ids : &report_.repeated_ids;
          ++finding->count;
          std::string where;
          if (conflict || finding->examples.size() < 5) {
            where = fmt::format("line {} of {}", result.other_line, FilePath(result.other_file));
          }
          if (finding->examples.size() < 5) {
            finding->examples.push_back(
                fmt::format("{}:{} same {} as {}", file.path, record.line, IdFields(kind), where));
          }
          if (conflict) {
            good = false;
            row_problems.push_back(
                MakeProblem(fmt::format("the same id is on {} with different content", where), {},
                            Place{file.path, record.line, 0, IdFields(kind)}));
            if (!options_.skip_bad_rows) {
              // Both versions are bad rows; the earlier one was already taken, so it is
              // reported here, naming this line.
              ++report_.bad_rows;
              AddProblem(MakeProblem(
                  fmt::format("the same id is on line {} of {} with different content", record.line,
                              file.path),
                  {}, Place{FilePath(result.other_file), result.other_line, 0, IdFields(kind)}));
            }
          }
        }
        if (good) {
          Count(result.outcome, &counts);
          ++rows_written_;
          if (observer_) observer_->OnRowsWritten(rows_written_);
        }
      }
      if (!good) {
        ++counts.rejected;
        ++report_.bad_rows;
        std::string reasons;
        for (Problem& p : row_problems) {
          if (!reasons.empty()) reasons += "; ";
          reasons += p.ToString();
          AddProblem(std::move(p));
        }
        if (options_.skip_bad_rows) rejected.push_back(std::string(raw) + "," + CsvEscape(reasons));
      }
      row_problems.clear();
    }
    SQLite::Statement q(store_.db(), "UPDATE files SET rows = ? WHERE id = ?");
    q.bind(1, static_cast<int64_t>(counts.rows));
    q.bind(2, static_cast<int64_t>(file_id));
    q.exec();
    if (!rejected.empty())
      pending_rejects_.push_back({file, source.header_text(), std::move(rejected)});
    report_.files.push_back(std::move(file_report));
    return Status::Ok();
  }

  void AddProblem(Problem p) {
    ++report_.problem_count;
    if (report_.problems.size() < options_.report_limit) report_.problems.push_back(std::move(p));
  }

  std::string FilePath(int64_t file_id) {
    SQLite::Statement q(store_.db(), "SELECT path FROM files WHERE id = ?");
    q.bind(1, static_cast<int64_t>(file_id));
    return q.executeStep() ? q.getColumn(0).getString() : std::string("an earlier file");
  }

  static std::string IdFields(Kind kind) {
    const KindSpec& spec = SpecOf(kind);
    std::string fields;
    for (std::string_view c : spec.key_columns) {
      if (!fields.empty()) fields += "+";
      fields += std::string(c);
    }
    return fields;
  }

  // Each file with bad rows gets <name>.rejected.csv: its header, an error column, and the
  // bad rows exactly as they stood, so they can be fixed and imported again.
  bool WriteRejects() {
    if (pending_rejects_.empty()) return true;
    std::error_code ec;
    std::filesystem::create_directories(options_.rejects_dir, ec);
    std::set<std::string> used;
    for (const PendingRejects& r : pending_rejects_) {
      // Two inputs may share a name (a/orders.csv, b/orders.csv): number the later ones.
      std::string stem = std::filesystem::path(r.file.name).stem().string();
      std::string name = stem + ".rejected.csv";
      for (int n = 2; !used.insert(name).second; ++n) {
        name = fmt::format("{}-{}.rejected.csv", stem, n);
      }
      std::filesystem::path out = std::filesystem::path(options_.rejects_dir) / name;
      std::ofstream f(out, std::ios::binary | std::ios::trunc);
      f << r.header << ",csperf_error\n";
      for (const std::string& line : r.rows) f << line << "\n";
      if (!f) {
        report_.refusal = MakeProblem("cannot write the reject file", {}, Place{out.string()});
        return false;
      }
      report_.reject_files.push_back(out.string());
    }
    return true;
  }

  struct PendingRejects {
    SourceFile file;
    std::string header;
    std::vector<std::string> rows;
  };

  Store& store_;
  const Settings& settings_;
  const ImportOptions& options_;
  const Clock& clock_;
  ImportObserver* observer_;
  std::shared_ptr<const TimeZone> zone_;
  std::unique_ptr<RecordWriter> writer_;
  ImportReport report_;
  int64_t rows_written_ = 0;
  std::vector<PendingRejects> pending_rejects_;
};

}  // namespace

void RowCounts::Add(const RowCounts& o) {
  rows += o.rows;
  inserted += o.inserted;
  replaced += o.replaced;
  unchanged += o.unchanged;
  repeated += o.repeated;
  copies += o.copies;
  collapsed += o.collapsed;
  rejected += o.rejected;
}

RowCounts ImportReport::Totals() const {
  RowCounts totals;
  for (const FileReport& f : files) totals.Add(f.counts);
  return totals;
}

ImportReport RunImport(Store& store, const Settings& settings,
                       const std::vector<std::string>& paths, const ImportOptions& options,
                       const Clock& clock, ImportObserver* observer) {
  Importer importer(store, settings, options, clock, observer);
  return importer.Run(paths);
}

}  // namespace csperf
