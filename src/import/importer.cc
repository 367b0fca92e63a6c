#include "import/importer.h"

#include <fmt/format.h>

#include <filesystem>
#include <set>

#include "core/toml_file.h"
#include "domain/qa_form.h"
#include "import/record_writer.h"
#include "import/source_reader.h"
#include "io/csv_writer.h"

namespace csperf {
namespace {

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

std::string IdFields(Kind kind) {
  const KindSpec& spec = SpecOf(kind);
  std::string fields;
  for (std::string_view c : spec.key_columns) {
    if (!fields.empty()) fields += "+";
    fields += std::string(c);
  }
  return fields;
}

class Importer {
 public:
  Importer(Store& store, const Settings& settings, const ImportOptions& options, const Env& env,
           ImportObserver* observer)
      : store_(store), settings_(settings), options_(options), env_(env), observer_(observer) {}

  ImportReport Run(const std::vector<std::string>& paths) {
    auto zone = TimeZone::Load(settings_.timezone);
    if (!zone.ok()) return Refuse(zone.problem());
    zone_ = *zone;
    Status tz = store_.CheckTimezone(settings_.timezone);
    if (!tz.ok()) return Refuse(tz.problem());
    auto sources = DiscoverSources(paths, *env_.files);
    if (!sources.ok()) return Refuse(sources.problem());
    if (sources->empty()) return Refuse(MakeProblem("no CSV files found in the given paths"));

    auto begun = store_.BeginImport(
        {env_.clock->Now(), settings_.timezone, options_.skip_bad_rows, options_.profile_name});
    if (!begun.ok()) return Refuse(begun.problem());
    tx_ = std::move(*begun);
    if (!tx_->GetMeta("timezone")) tx_->SetMeta("timezone", settings_.timezone);
    report_.import_id = tx_->import_id();
    auto next_ord = tx_->GetMeta("next_ord");
    writer_ = std::make_unique<RecordWriter>(*tx_, next_ord ? std::stoll(*next_ord) : 0,
                                             options_.batch_rows);
    for (const SourceFile& file : *sources) {
      Status s = file.qa_form ? ImportQaForm(file) : ImportFile(file);
      if (!s.ok()) return Refuse(s.problem());
    }
    if (report_.bad_rows > 0 && !options_.skip_bad_rows) return report_;  // rolled back
    const RowCounts totals = report_.Totals();
    tx_->Finish(env_.clock->Now(), totals.rows, totals.rejected);
    tx_->SetMeta("next_ord", std::to_string(writer_->next_ord()));
    if (!WriteRejects()) return report_;
    if (observer_) observer_->OnBeforeCommit();
    Status committed = tx_->Commit();
    if (!committed.ok()) return Refuse(committed.problem());
    report_.committed = true;
    return report_;
  }

 private:
  ImportReport Refuse(Problem problem) {
    report_.refusal = std::move(problem);
    report_.committed = false;
    return report_;
  }

  Status ImportQaForm(const SourceFile& file) {
    auto text = env_.files->ReadAll(file.path);
    if (!text.ok()) return text.problem();
    auto form = ParseQaForm(*text, file.path);
    if (!form.ok()) return form.problem();
    tx_->PutQaForm(form->id, form->dimension, form->name_zh.empty() ? form->name_en : form->name_zh,
                   *text, file.path);
    report_.qa_forms.push_back(form->id);
    return Status::Ok();
  }

  // A row of the file read since the batch was last settled: one written (until it is
  // settled), or a bad one and its problems.
  struct Row {
    std::string_view raw;
    int64_t line;
    int32_t bad = -1;  // index of its problems in bad_rows_, or -1 for a row written
  };

  Status ImportFile(const SourceFile& file) {
    SourceOptions source_options{options_.profile, options_.default_shop, env_.files};
    auto opened = OpenedSource::Open(file, source_options, zone_);
    if (!opened.ok()) return opened.problem();
    OpenedSource& source = **opened;
    kind_ = source.kind();
    file_ = &file;
    file_id_ = tx_->AddFile(source.path(), kind_, EncodingName(source.encoding()),
                            static_cast<int64_t>(source.bytes()));
    FileReport file_report{file.path,
                           std::string(SpecOf(kind_).name),
                           EncodingName(source.encoding()),
                           static_cast<int64_t>(source.bytes()),
                           {}};
    counts_ = &file_report.counts;
    rejected_.clear();
    // About how many rows the file has: a chat message is some 90 bytes, an order 100.
    writer_->StartFile(file_id_, kind_, source.bytes() / 64);

    Record record;
    std::vector<Problem> row_problems;
    std::string_view raw;
    bool good = false;
    while (source.Next(&record, &good, &row_problems, &raw)) {
      ++counts_->rows;
      if (good) {
        writer_->Write(record, static_cast<uint32_t>(rows_.size()));
        rows_.push_back({raw, record.line});
        ++rows_written_;
        if (observer_) observer_->OnRowsWritten(rows_written_);
      } else {
        rows_.push_back({raw, record.line, static_cast<int32_t>(bad_rows_.size())});
        bad_rows_.push_back(std::move(row_problems));
      }
      row_problems.clear();
      if (writer_->full()) SettleRows();
    }
    SettleRows();
    tx_->SetFileRows(file_id_, counts_->rows);
    if (!rejected_.empty())
      pending_rejects_.push_back({file, source.header_text(), std::move(rejected_)});
    report_.files.push_back(std::move(file_report));
    return Status::Ok();
  }

  // Settles the rows written since the last time and reports every row read since then, in
  // the order they were read.
  void SettleRows() {
    size_t next = 0;  // the first row not reported yet
    auto report_bad_rows_before = [&](size_t end) {
      for (; next < end; ++next)
        Reject(rows_[next].line, rows_[next].raw, &bad_rows_[rows_[next].bad]);
    };
    writer_->Settle([&](const Settled& s) {
      report_bad_rows_before(s.tag);
      std::vector<Problem> problems;
      if (!TakeSettled(rows_[s.tag].line, s, &problems))
        Reject(rows_[s.tag].line, rows_[s.tag].raw, &problems);
      next = s.tag + 1;
    });
    report_bad_rows_before(rows_.size());
    rows_.clear();
    bad_rows_.clear();
  }

  // Counts a written row; false when it turned out a bad row (a conflict), its problem added
  // to `problems`.
  bool TakeSettled(int64_t line, const Settled& s, std::vector<Problem>* problems) {
    if (s.outcome == WriteOutcome::kRepeated || s.outcome == WriteOutcome::kConflict) {
      const bool conflict = s.outcome == WriteOutcome::kConflict;
      QualityFinding* finding = conflict ? &report_.conflicting_ids : &report_.repeated_ids;
      ++finding->count;
      std::string where;
      if (conflict || finding->examples.size() < 5) {
        where = fmt::format("line {} of {}", s.other_line, FilePath(s.other_file));
      }
      if (finding->examples.size() < 5) {
        finding->examples.push_back(
            fmt::format("{}:{} same {} as {}", file_->path, line, IdFields(kind_), where));
      }
      if (conflict) {
        if (!options_.skip_bad_rows) {
          // Both versions are bad rows; the earlier one was already taken, so it is
          // reported here, naming this line.
          ++report_.bad_rows;
          AddProblem(
              MakeProblem(ProblemCode::kConflict,
                          fmt::format("the same id is on line {} of {} with different content",
                                      line, file_->path),
                          {}, Place{FilePath(s.other_file), s.other_line, 0, IdFields(kind_)}));
        }
        problems->push_back(
            MakeProblem(ProblemCode::kConflict,
                        fmt::format("the same id is on {} with different content", where), {},
                        Place{file_->path, line, 0, IdFields(kind_)}));
        return false;
      }
    }
    Count(s.outcome, counts_);
    return true;
  }

  void Reject(int64_t /*line*/, std::string_view raw, std::vector<Problem>* problems) {
    ++counts_->rejected;
    ++report_.bad_rows;
    std::string reasons;
    for (Problem& p : *problems) {
      if (!reasons.empty()) reasons += "; ";
      reasons += p.ToString();
      AddProblem(std::move(p));
    }
    if (options_.skip_bad_rows) rejected_.push_back(std::string(raw) + "," + CsvEscape(reasons));
  }

  void AddProblem(Problem p) {
    ++report_.problem_count;
    if (report_.problems.size() < options_.report_limit) report_.problems.push_back(std::move(p));
  }

  std::string FilePath(int64_t file_id) {
    std::string path = tx_->FilePath(file_id);
    return path.empty() ? std::string("an earlier file") : path;
  }

  // Each file with bad rows gets <name>.rejected.csv: its header, an error column, and the
  // bad rows exactly as they stood, so they can be fixed and imported again.
  bool WriteRejects() {
    if (pending_rejects_.empty()) return true;
    Status folder = env_.files->CreateFolders(options_.rejects_dir);
    if (!folder.ok()) {
      report_.refusal = folder.problem();
      return false;
    }
    std::set<std::string> used;
    for (const PendingRejects& r : pending_rejects_) {
      // Two inputs may share a name (a/orders.csv, b/orders.csv): number the later ones.
      std::string stem = std::filesystem::path(r.file.name).stem().string();
      std::string name = stem + ".rejected.csv";
      for (int n = 2; !used.insert(name).second; ++n) {
        name = fmt::format("{}-{}.rejected.csv", stem, n);
      }
      const std::string out = (std::filesystem::path(options_.rejects_dir) / name).string();
      std::string text = r.header + ",csperf_error\n";
      for (const std::string& line : r.rows) text += line + "\n";
      Status written = env_.files->WriteAll(out, text);
      if (!written.ok()) {
        report_.refusal =
            MakeProblem(ProblemCode::kUnavailable, "cannot write the reject file", {}, Place{out});
        return false;
      }
      report_.reject_files.push_back(out);
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
  const Env& env_;
  ImportObserver* observer_;
  std::shared_ptr<const TimeZone> zone_;
  std::unique_ptr<ImportTransaction> tx_;
  std::unique_ptr<RecordWriter> writer_;
  ImportReport report_;
  int64_t rows_written_ = 0;
  std::vector<PendingRejects> pending_rejects_;
  // The file being read.
  Kind kind_ = Kind::kAgents;
  const SourceFile* file_ = nullptr;
  int64_t file_id_ = 0;
  RowCounts* counts_ = nullptr;
  std::vector<Row> rows_;
  std::vector<std::vector<Problem>> bad_rows_;  // the problems of the bad rows of rows_
  std::vector<std::string> rejected_;
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
                       const Env& env, ImportObserver* observer) {
  Importer importer(store, settings, options, env, observer);
  return importer.Run(paths);
}

}  // namespace csperf
