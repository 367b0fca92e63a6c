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
                                          const Period& period,
                                          std::span<const Grouping> groupings, const Env& env) {
  std::vector<std::string> rest;
  std::vector<std::string> orders_files;
  for (const std::string& path : split.rest) {
    const std::optional<Kind> kind = KindFromFileName(path, nullptr);
    (kind == Kind::kOrders ? orders_files : rest).push_back(path);
  }
  const DirectReadOptions direct{0, 1 << 20, env.executor};
  std::optional<Dataset> data;
  KeyedOrders keyed;
  bool by_key = orders_files.size() == 1;
  if (by_key) {
    data = LoadRest(rest, settings, options, report, env);
    if (!data) return std::nullopt;
    by_key = ReadKeyedOrders(orders_files[0], zone, direct, &*data, &keyed);
  }
  if (!by_key) data = LoadRest(split.rest, settings, options, report, env);
  if (!data) return std::nullopt;
  ReportInput input{std::move(*data), std::nullopt};
  input.data.IndexAccounts();
  const Context c{input.data, settings,          *zone, period, period.begin(*zone),
                  period.end(*zone), nullptr, env.executor};
  const std::string& path = split.messages;
  input.streamed = GroupedChat(
      [&](const RunSinkMaker& make_sink, std::vector<std::unique_ptr<RunSink>>* sinks) {
        return ReadCustomerRuns(path, zone, direct, make_sink, sinks);
      },
      c, groupings, OrdersForStream(c, &input.data, by_key ? &keyed : nullptr), &input.data);
  if (!input.streamed) return std::nullopt;
  return input;
}

}  // namespace

Result<ReportInput> LoadReportInputFromFiles(const std::vector<std::string>& paths,
                                             const Settings& settings, const ImportOptions& options,
                                             ImportReport* report, const Period& period,
                                             std::span<const Grouping> groupings,
                                             const Env& env) {
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
    Result<Dataset> rest = split->rest.empty()
                               ? Result<Dataset>(Dataset())
                               : LoadDatasetFromFiles(split->rest, settings, options, report, env);
    // Any problem with the rest is reported as the usual path reports it, below.
    if (rest.ok()) {
      ReportInput input{std::move(*rest), std::nullopt};
      input.data.IndexAccounts();
      // Reading the rest freed much of what it used on the way: give it back before the
      // stream, whose peak is the one that counts.
#ifdef __GLIBC__
      malloc_trim(0);
#endif
      const Context c{input.data,        settings, **zone,      period, period.begin(**zone),
                      period.end(**zone), nullptr,  env.executor};
      input.streamed = StreamChat(split->messages, c, *zone, groupings, &input.data);
      if (input.streamed) return input;
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
    input.data.IndexAccounts();
    const Context c{input.data,        settings, **zone,           period, period.begin(**zone),
                    period.end(**zone), nullptr,  &ExecutorOf(options)};
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
  d.IndexAccounts();
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
  d.IndexAccounts();
  return d;
}

}  // namespace csperf::metrics
