// Filling a Dataset: from a store (`--db`), or from CSV files (`--data`). Files are read
// straight into the Dataset where direct_reader.h can (messages and orders, the bulk of a
// month), and otherwise imported into a private in-memory store first; either way both read
// exactly the same records with the same duplicate rules and input order. The messages are
// held as chats (chats.h), whatever their order.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/problem.h"
#include "core/settings.h"
#include "import/importer.h"
#include "metrics/chat_report.h"
#include "metrics/dataset.h"
#include "metrics/direct_reader.h"
#include "metrics/store_reader.h"
#include "store/store.h"

namespace csperf::metrics {

Result<Dataset> LoadDataset(Store& store, const TimeZone& zone,
                            const StoreReadOptions& options = {});

// Reads `paths` (all or nothing). Bad rows refuse the whole read with the import report, as
// `csperf import` would. `direct`: how the files read straight are split (its executor
// none: the Env's).
Result<Dataset> LoadDatasetFromFiles(const std::vector<std::string>& paths,
                                     const Settings& settings, const ImportOptions& options,
                                     ImportReport* report, const Env& env = DefaultEnv(),
                                     DirectReadOptions direct = {});

// What a report reads: the records, and the chat columns of some groupings computed ahead in
// one cut of the chats (chat_report.h).
struct ReportInput {
  Dataset data;
  std::optional<ChatColumns> chat_columns;
};

// LoadDataset, with the chat columns of `groupings` over `period` computed.
Result<ReportInput> LoadReportInputFromStore(Store& store, const Settings& settings,
                                             const Period& period,
                                             std::span<const Grouping> groupings,
                                             const StoreReadOptions& options = {});

// LoadDatasetFromFiles, with the chat columns of `groupings` over `period` computed.
Result<ReportInput> LoadReportInputFromFiles(const std::vector<std::string>& paths,
                                             const Settings& settings, const ImportOptions& options,
                                             ImportReport* report, const Period& period,
                                             std::span<const Grouping> groupings,
                                             const Env& env = DefaultEnv());

}  // namespace csperf::metrics
