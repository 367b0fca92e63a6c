#include "metrics/loader.h"

#include <fmt/format.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "import/source_reader.h"
#include "metrics/direct_reader.h"
#include "metrics/grouped_chat.h"
#include "metrics/message_order.h"
#include "metrics/store_runs.h"
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
                                      const ImportOptions& options, const Env& env, Dataset* d) {
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
  std::set<std::string> direct;
  for (Kind kind : {Kind::kMessages, Kind::kOrders}) {
    const std::vector<std::string>& of_kind = files[kind];
    if (of_kind.empty()) continue;
    if (of_kind.size() != 1 ||
        !ReadDirect(of_kind[0], kind, zone, DirectReadOptions{0, 1 << 20, env.executor}, d))
      break;
    direct.insert(of_kind[0]);
  }
  if (direct.empty()) return paths;
  std::vector<std::string> rest;
  for (const SourceFile& source : *sources) {
    if (!direct.count(source.path)) rest.push_back(source.path);
  }
  return rest;
}

// The one messages file of `paths` when it could be streamed (the conditions of
// ReadDirectly), and every other file of them.
struct StreamSplit {
  std::string messages;
  std::vector<std::string> rest;
};
std::optional<StreamSplit> SplitStreamable(const std::vector<std::string>& paths,
                                           const ImportOptions& options, const Env& env) {
  if (options.profile != nullptr || !options.default_shop.empty()) return std::nullopt;
  auto sources = DiscoverSources(paths, *env.files);
  if (!sources.ok() || sources->empty()) return std::nullopt;
  StreamSplit split;
  for (const SourceFile& source : *sources) {
    if (!source.qa_form) {
      std::optional<Kind> kind = KindFromFileName(source.path, nullptr);
      if (!kind) return std::nullopt;
      if (*kind == Kind::kMessages) {
        if (!split.messages.empty()) return std::nullopt;
        split.messages = source.path;
        continue;
      }
    }
    split.rest.push_back(source.path);
  }
  if (split.messages.empty()) return std::nullopt;
  return split;
}

// The files of the kinds the chat columns read nothing of (cases and their events,
// follow-ups, assessments and QA, incidents, attendance, supervisors' records): each kind
// imported into a store of its own and read back by a background task of the executor, on a
// core the messages' reading leaves idle (once started), and added to the Dataset after the
// messages. Each kind's records keep their input order, and the kinds their order (after the
// ratings, as when every file is imported together). Nothing is split off when a file's kind is
// told by its header only (it might be one of them) or a profile maps the files.
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
            std::unique_ptr<Store> store = NewMemoryStore("--data");
            ImportOptions strict = options;
            strict.skip_bad_rows = false;
            strict.batch_rows = kMemoryBatch;
            part.committed = RunImport(*store, settings, part.files, strict, env).committed;
            auto zone = TimeZone::Load(settings.timezone);
            if (part.committed && zone.ok()) {
              ReadStoreInto(*store, **zone, StoreReadOptions{1, 1 << 20, env.executor}, &part.data);
            }
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
    for (auto& part : parts_) {
      Dataset& p = part->data;
      // Of these kinds only cases name pooled strings: they join the Dataset's pools now.
      for (Case& c : p.cases) {
        if (c.account != kNone) c.account = d->accounts.Intern(p.accounts.Get(c.account));
        if (c.shop != kNone) c.shop = d->shops.Intern(p.shops.Get(c.shop));
      }
      Append(&p.cases, &d->cases);
      Append(&p.case_events, &d->case_events);
      Append(&p.followups, &d->followups);
      Append(&p.assessments, &d->assessments);
      Append(&p.qa_items, &d->qa_items);
      Append(&p.incidents, &d->incidents);
      Append(&p.shifts, &d->shifts);
      Append(&p.work_records, &d->work_records);
      d->qa_forms.merge(p.qa_forms);
    }
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
      case Kind::kRatings:
        return false;
      default:
        return true;
    }
  }
  template <class T>
  static void Append(std::vector<T>* from, std::vector<T>* to) {
    to->insert(to->end(), std::make_move_iterator(from->begin()),
               std::make_move_iterator(from->end()));
  }

  std::vector<std::unique_ptr<Part>> parts_;  // in the order of their kinds
  bool started_ = false;
};

// The orders a report read by customer keeps: those read by key when there are (`keyed`),
// else the Dataset's.
StreamOrders OrdersForStream(const Context& c, Dataset* d, KeyedOrders* keyed) {
  if (keyed != nullptr) return StreamOrders(c, *d, std::move(*keyed));
  StreamOrders orders(c, d);
  orders.IndexKeys(*d);
  return orders;
}

// Loads `paths` into a Dataset, or nothing when that fails (the usual path reports why).
std::optional<Dataset> LoadRest(const std::vector<std::string>& paths, const Settings& settings,
                                const ImportOptions& options, ImportReport* report,
                                const Env& env) {
  if (paths.empty()) return Dataset();
  Result<Dataset> data = LoadDatasetFromFiles(paths, settings, options, report, env);
  if (!data.ok()) return std::nullopt;
  return std::move(*data);
}

// The report's input with the messages of `split` read in runs of one customer's
// (grouped_chat.h). The one plain orders file is read straight as the report keeps orders;
// any other orders are loaded with the rest. Nothing when the messages cannot be read so.
std::optional<ReportInput> ReadByCustomer(const StreamSplit& split, const Settings& settings,
                                          const ImportOptions& options, ImportReport* report,
                                          const std::shared_ptr<const TimeZone>& zone,
                                          const Period& period, std::span<const Grouping> groupings,
                                          const Env& env) {
  std::vector<std::string> all_rest = split.rest;
  OtherKinds others(&all_rest, options, env);
  std::vector<std::string> rest;
  std::vector<std::string> orders_files;
  for (const std::string& path : all_rest) {
    const std::optional<Kind> kind = KindFromFileName(path, nullptr);
    (kind == Kind::kOrders ? orders_files : rest).push_back(path);
  }
  const DirectReadOptions direct{0, 1 << 20, env.executor};
  std::optional<Dataset> data;
  KeyedOrders keyed;
  bool by_key = orders_files.size() == 1;
  if (by_key) {
    // The agents and ratings load on another core while the orders are read on this one;
    // the orders then take their shops' ids in the loaded Dataset, as if read after it.
    Executor::Task loading =
        env.executor->Schedule([&] { data = LoadRest(rest, settings, options, report, env); });
    others.Start(settings, options, env);
    by_key = ReadKeyedOrders(
        orders_files[0], zone, direct,
        [&]() -> Dataset* {
          loading.Wait();
          return data ? &*data : nullptr;
        },
        &keyed);
    loading.Wait();
    if (!data) return std::nullopt;
  }
  if (!by_key) {
    others.Start(settings, options, env);
    data = LoadRest(all_rest, settings, options, report, env);
  }
  if (!data) return std::nullopt;
  ReportInput input{std::move(*data), std::nullopt};
  input.data.IndexAgents();
  const Context c{input.data,          settings,          *zone,   period,
                  period.begin(*zone), period.end(*zone), nullptr, env.executor};
  const std::string& path = split.messages;
  input.streamed = GroupedChat(
      [&](const RunSinkMaker& make_sink, std::vector<std::unique_ptr<RunSink>>* sinks) {
        return ReadCustomerRuns(path, zone, direct, make_sink, sinks);
      },
      c, groupings, OrdersForStream(c, &input.data, by_key ? &keyed : nullptr), &input.data);
  if (!input.streamed || !others.AddTo(&input.data)) return std::nullopt;
  return input;
}

}  // namespace

Result<ReportInput> LoadReportInputFromFiles(const std::vector<std::string>& paths,
                                             const Settings& settings, const ImportOptions& options,
                                             ImportReport* report, const Period& period,
                                             std::span<const Grouping> groupings, const Env& env) {
  auto zone = TimeZone::Load(settings.timezone);
  if (!zone.ok()) return zone.problem();
  // A file in time order, or in customer order, shows it within its first rows.
  constexpr size_t kProbeRows = 4096;
  const std::optional<StreamSplit> split = SplitStreamable(paths, options, env);
  const MessageOrder order =
      split ? FirstRowsOrder(split->messages, kProbeRows) : MessageOrder::kOther;
  if (order == MessageOrder::kByCustomer) {
    std::optional<ReportInput> input =
        ReadByCustomer(*split, settings, options, report, *zone, period, groupings, env);
    if (input) return std::move(*input);
    *report = ImportReport{};
  } else if (order == MessageOrder::kByTime) {
    std::vector<std::string> chat_rest = split->rest;
    OtherKinds others(&chat_rest, options, env);
    others.Start(settings, options, env);
    Result<Dataset> rest = chat_rest.empty()
                               ? Result<Dataset>(Dataset())
                               : LoadDatasetFromFiles(chat_rest, settings, options, report, env);
    // Any problem with the rest is reported as the usual path reports it, below.
    if (rest.ok()) {
      ReportInput input{std::move(*rest), std::nullopt};
      input.data.IndexAgents();
      // Reading the rest freed much of what it used on the way: give it back before the
      // stream, whose peak is the one that counts.
#ifdef __GLIBC__
      malloc_trim(0);
#endif
      const Context c{input.data,           settings,           **zone,  period,
                      period.begin(**zone), period.end(**zone), nullptr, env.executor};
      input.streamed = StreamChat(split->messages, c, *zone, groupings, &input.data);
      if (input.streamed && others.AddTo(&input.data)) return input;
    }
    *report = ImportReport{};
  }
  auto data = LoadDatasetFromFiles(paths, settings, options, report, env);
  if (!data.ok()) return data.problem();
  return ReportInput{std::move(*data), std::nullopt};
}

Result<ReportInput> LoadReportInputFromStore(Store& store, const Settings& settings,
                                             const Period& period,
                                             std::span<const Grouping> groupings,
                                             const StoreReadOptions& options) {
  auto zone = TimeZone::Load(settings.timezone);
  if (!zone.ok()) return zone.problem();
  // A store in customer order shows it within its first rows.
  constexpr size_t kProbeRows = 4096;
  if (StoreStartsByCustomer(store, kProbeRows)) {
    ReportInput input;
    ReadStoreInto(store, **zone, options, &input.data, {.messages = false, .orders = false});
    KeyedOrders keyed;
    ReadStoreKeyedOrders(store, options, &input.data, &keyed);
    input.data.IndexAgents();
    const Context c{input.data,           settings,           **zone,  period,
                    period.begin(**zone), period.end(**zone), nullptr, &ExecutorOf(options)};
    input.streamed = GroupedChat(
        [&](const RunSinkMaker& make_sink, std::vector<std::unique_ptr<RunSink>>* sinks) {
          return ReadStoreCustomerRuns(store, options, make_sink, sinks);
        },
        c, groupings, OrdersForStream(c, &input.data, &keyed), &input.data);
    if (input.streamed) return input;
  }
  auto data = LoadDataset(store, **zone, options);
  if (!data.ok()) return data.problem();
  return ReportInput{std::move(*data), std::nullopt};
}

Result<Dataset> LoadDataset(Store& store, const TimeZone& zone, const StoreReadOptions& options) {
  Dataset d;
  ReadStoreInto(store, zone, options, &d);
  d.IndexAgents();
  return d;
}

Result<Dataset> LoadDatasetFromFiles(const std::vector<std::string>& paths,
                                     const Settings& settings, const ImportOptions& options,
                                     ImportReport* report, const Env& env) {
  auto zone = TimeZone::Load(settings.timezone);
  if (!zone.ok()) return zone.problem();
  Dataset d;
  const std::vector<std::string> rest = ReadDirectly(paths, *zone, options, env, &d);
  if (!rest.empty()) {
    // The rest through the importer's rules into a store in memory, then read as a store is.
    std::unique_ptr<Store> store = NewMemoryStore("--data");
    ImportOptions strict = options;
    strict.skip_bad_rows = false;
    strict.batch_rows = kMemoryBatch;
    *report = RunImport(*store, settings, rest, strict, env);
    if (report->refusal) return *report->refusal;
    if (!report->committed) {
      return MakeProblem(
          fmt::format("{} bad rows: nothing was read (fix them, or import with "
                      "--skip-bad-rows into a store and use --db)",
                      report->bad_rows));
    }
    ReadStoreInto(*store, **zone, StoreReadOptions{0, 1 << 20, env.executor}, &d);
  }
  d.IndexAgents();
  return d;
}

}  // namespace csperf::metrics
