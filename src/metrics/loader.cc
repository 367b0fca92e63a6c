#include "metrics/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "import/file_records.h"
#include "import/source_reader.h"
#include "metrics/chat_report.h"
#include "metrics/direct_reader.h"
#include "store/memory/memory_store.h"

namespace csperf::metrics {
namespace {

// Records settled at a time by an import into a store in memory: its keys are a hash table,
// so a batch need not be large to be quick, and a small one keeps what settling it uses in
// the cache and off fresh memory.
constexpr size_t kMemoryBatch = size_t{1} << 15;

// Reads what it can of `paths` straight into `d` (direct_reader.h) and returns the files
// left for the general path. Messages come before orders, as in the store, so that strings
// are interned in the same order; orders are read directly only after messages were.
std::vector<std::string> ReadDirectly(const std::vector<std::string>& paths,
                                      const std::shared_ptr<const TimeZone>& zone,
                                      const ImportOptions& options, const Env& env,
                                      const DirectReadOptions& direct, Dataset* d) {
  if (options.profile != nullptr || !options.default_shop.empty()) return paths;
  auto sources = DiscoverSources(paths, *env.files);
  if (!sources.ok() || sources->empty()) return paths;
  std::map<Kind, std::vector<std::string>> files;
  for (const SourceFile& source : *sources) {
    if (source.qa_form) continue;
    std::optional<Kind> kind = KindFromFileName(source.path, nullptr);
    // A file known only by its header might be one more file of a kind read directly.
    if (!kind) return paths;
    files[*kind].push_back(source.path);
  }
  std::set<std::string> read;
  for (Kind kind : {Kind::kMessages, Kind::kOrders}) {
    const std::vector<std::string>& of_kind = files[kind];
    if (of_kind.empty()) continue;
    if (of_kind.size() != 1 || !ReadDirect(of_kind[0], kind, zone, direct, d)) break;
    read.insert(of_kind[0]);
  }
  if (read.empty()) return paths;
  std::vector<std::string> rest;
  for (const SourceFile& source : *sources) {
    if (!read.count(source.path)) rest.push_back(source.path);
  }
  return rest;
}

// The files of every kind but agents, messages and orders (ratings, cases and their events,
// follow-ups, assessments and QA, incidents, attendance, supervisors' records): each kind
// imported into a store of its own and read back by a background task of the executor while
// the messages are read, and added to the Dataset after the messages and orders. Each kind's
// records keep their input order, and the kinds their order, as when every file is imported
// together. Nothing is split off when a file's kind is told by its header only (it might be
// one of them) or a profile maps the files.
class OtherKinds {
 public:
  OtherKinds(std::vector<std::string>* paths, const ImportOptions& options, const Env& env) {
    if (options.profile != nullptr || !options.default_shop.empty()) return;
    auto sources = DiscoverSources(*paths, *env.files);
    if (!sources.ok()) return;
    std::vector<std::string> kept;
    std::map<Kind, std::vector<std::string>> files;
    for (const SourceFile& source : *sources) {
      const std::optional<Kind> kind = KindFromFileName(source.path, nullptr);
      if (!source.qa_form && !kind) return;
      // QA forms go with the QA items they score.
      const Kind of = source.qa_form ? Kind::kQaItems : *kind;
      (IsOther(of) ? files[of] : kept).push_back(source.path);
    }
    if (files.empty()) return;
    *paths = std::move(kept);
    for (auto& [kind, of_kind] : files) {
      parts_.push_back(std::make_unique<Part>());
      parts_.back()->files = std::move(of_kind);
    }
  }
  ~OtherKinds() {
    for (auto& part : parts_) {
      if (part->task.valid()) part->task.Wait();
    }
  }

  // Starts reading the kinds split off, in the background (once; again does nothing).
  void Start(const Settings& settings, const ImportOptions& options, const Env& env) {
    if (started_) return;
    started_ = true;
    for (auto& p : parts_) {
      Part& part = *p;
      part.task = env.executor->Schedule(
          [&part, &settings, &options, &env] {
            auto zone = TimeZone::Load(settings.timezone);
            if (!zone.ok()) return;
            const StoreReadOptions read{1, 1 << 20, env.executor};
            // One file of the kind: its rows are its records, read as they are parsed.
            auto sources = DiscoverSources(part.files, *env.files);
            if (sources.ok() &&
                std::count_if(sources->begin(), sources->end(),
                              [](const SourceFile& f) { return !f.qa_form; }) == 1) {
              FileRecords records(*sources, *zone, *env.files);
              ReadStoreInto(records, **zone, read, &part.data);
              if (!records.failed()) {
                part.committed = true;
                return;
              }
              part.data = Dataset();
            }
            // Else through the importer's rules into a store in memory.
            std::unique_ptr<Store> store = NewMemoryStore("--data");
            ImportOptions strict = options;
            strict.skip_bad_rows = false;
            strict.batch_rows = kMemoryBatch;
            part.committed = RunImport(*store, settings, part.files, strict, env).committed;
            if (part.committed) ReadStoreInto(*store, **zone, read, &part.data);
          },
          Executor::Priority::kBackground);
    }
  }

  // Appends the other kinds' records to `d` (once started); false when they could not be
  // read (a bad row: the caller reads every file again the usual way, which reports it).
  bool AddTo(Dataset* d) {
    for (auto& part : parts_) {
      part->task.Wait();
      if (!part->committed) return false;
    }
    for (auto& part : parts_) d->AppendRecords(std::move(part->data));
    if (!parts_.empty()) d->IndexAgents();
    return true;
  }

 private:
  // A kind's files, imported and read on their own.
  struct Part {
    std::vector<std::string> files;
    bool committed = false;
    Dataset data;  // the records read, in pools of their own
    Executor::Task task;
  };
  static bool IsOther(Kind kind) {
    switch (kind) {
      case Kind::kAgents:
      case Kind::kMessages:
      case Kind::kOrders:
        return false;
      default:
        return true;
    }
  }
  std::vector<std::unique_ptr<Part>> parts_;  // in the order of their kinds
  bool started_ = false;
};

// `data` with the chat columns of `groupings` computed in one cut of its chats.
Result<ReportInput> WithChatColumns(Dataset data, const Settings& settings, const Period& period,
                                    std::span<const Grouping> groupings, Executor* executor) {
  auto zone = TimeZone::Load(settings.timezone);
  if (!zone.ok()) return zone.problem();
  ReportInput input{std::move(data), std::nullopt};
  if (!groupings.empty()) {
    const Context c{input.data,           settings,           **zone,  period,
                    period.begin(**zone), period.end(**zone), nullptr, executor};
    input.chat_columns = ComputeChatColumns(c, groupings);
  }
  return input;
}

}  // namespace

Result<Dataset> LoadDataset(Store& store, const TimeZone& zone, const StoreReadOptions& options) {
  Dataset d;
  ReadStoreInto(store, zone, options, &d);
  d.IndexAgents();
  return d;
}

Result<Dataset> LoadDatasetFromFiles(const std::vector<std::string>& paths,
                                     const Settings& settings, const ImportOptions& options,
                                     ImportReport* report, const Env& env,
                                     DirectReadOptions direct) {
  if (direct.executor == nullptr) direct.executor = env.executor;
  auto zone = TimeZone::Load(settings.timezone);
  if (!zone.ok()) return zone.problem();
  ImportOptions strict = options;
  strict.skip_bad_rows = false;
  strict.batch_rows = kMemoryBatch;
  // What was refused, as `csperf import` of every file would report it: the report names
  // every file and every bad row.
  auto refused = [&]() -> Problem {
    std::unique_ptr<Store> store = NewMemoryStore("--data");
    *report = RunImport(*store, settings, paths, strict, env);
    if (report->refusal) return *report->refusal;
    return MakeProblem(fmt::format(
        "{0} bad rows (listed above): nothing was read; fix them, or import with "
        "--skip-bad-rows into a store and use --db / {0} 行数据有误（见上）：未读取任何数据；"
        "请修正，或用 --skip-bad-rows 导入数据库后用 --db",
        report->bad_rows));
  };
  std::vector<std::string> rest = paths;
  OtherKinds others(&rest, options, env);
  others.Start(settings, options, env);
  Dataset d;
  rest = ReadDirectly(rest, *zone, options, env, direct, &d);
  if (!rest.empty()) {
    // The rest through the importer's rules into a store in memory, then read as a store is.
    std::unique_ptr<Store> store = NewMemoryStore("--data");
    *report = RunImport(*store, settings, rest, strict, env);
    if (!report->committed) return refused();
    ReadStoreInto(*store, **zone, StoreReadOptions{0, 1 << 20, env.executor}, &d);
  }
  if (!others.AddTo(&d)) return refused();
  d.IndexAgents();
  return d;
}

Result<ReportInput> LoadReportInputFromFiles(const std::vector<std::string>& paths,
                                             const Settings& settings, const ImportOptions& options,
                                             ImportReport* report, const Period& period,
                                             std::span<const Grouping> groupings, const Env& env) {
  auto data = LoadDatasetFromFiles(paths, settings, options, report, env);
  if (!data.ok()) return data.problem();
  return WithChatColumns(std::move(*data), settings, period, groupings, env.executor);
}

Result<ReportInput> LoadReportInputFromStore(Store& store, const Settings& settings,
                                             const Period& period,
                                             std::span<const Grouping> groupings,
                                             const StoreReadOptions& options) {
  auto zone = TimeZone::Load(settings.timezone);
  if (!zone.ok()) return zone.problem();
  auto data = LoadDataset(store, **zone, options);
  if (!data.ok()) return data.problem();
  return WithChatColumns(std::move(*data), settings, period, groupings, &ExecutorOf(options));
}

}  // namespace csperf::metrics
