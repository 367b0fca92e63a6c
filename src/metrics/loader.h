// Filling a Dataset: from a store (`--db`), or from CSV files (`--data`). Files are read
// straight into the Dataset where direct_reader.h can (messages and orders, the bulk of a
// month), and otherwise imported into a private in-memory store first; either way both read
// exactly the same records with the same duplicate rules and input order.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/problem.h"
#include "core/settings.h"
#include "import/importer.h"
#include "metrics/chat_stream.h"
#include "metrics/dataset.h"
#include "metrics/store_reader.h"
#include "store/store.h"

namespace csperf::metrics {

Result<Dataset> LoadDataset(Store& store, const TimeZone& zone,
                            const StoreReadOptions& options = {});

// Reads `paths` (all or nothing). Bad rows refuse the whole read with the import report, as
// `csperf import` would.
Result<Dataset> LoadDatasetFromFiles(const std::vector<std::string>& paths,
                                     const Settings& settings, const ImportOptions& options,
                                     ImportReport* report, const Env& env = DefaultEnv());

// What a report reads: the records, and when the messages were streamed past instead of held
// (chat_stream.h, grouped_chat.h), the columns computed from them.
struct ReportInput {
  Dataset data;  // without messages and orders when `streamed` is set
  std::optional<StreamedChat> streamed;
};

// LoadDataset for the report rows of `groupings` over `period` only: a store whose messages
// come one customer after another (in storage order) is read a customer at a time on every
// core (grouped_chat.h) and not held; any other store, or one found otherwise on the way, is
// loaded as LoadDataset loads it.
Result<ReportInput> LoadReportInputFromStore(Store& store, const Settings& settings,
                                             const Period& period,
                                             std::span<const Grouping> groupings,
                                             const StoreReadOptions& options = {});

// LoadDatasetFromFiles for the report rows of `groupings` over `period` only: one plain
// messages file whose messages are in time order is streamed (chat_stream.h), one in runs of
// one customer's rows read a run at a time on every core (grouped_chat.h), everything else
// read as LoadDatasetFromFiles reads it. Any other messages file, or one found otherwise (or
// with a row only the general path reads) on the way, is read the usual way, from the start.
Result<ReportInput> LoadReportInputFromFiles(const std::vector<std::string>& paths,
                                             const Settings& settings, const ImportOptions& options,
                                             ImportReport* report, const Period& period,
                                             std::span<const Grouping> groupings,
                                             const Env& env = DefaultEnv());

}  // namespace csperf::metrics
