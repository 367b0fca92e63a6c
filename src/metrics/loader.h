// Filling a Dataset: from a store (`--db`), or from CSV files (`--data`), which are imported
// into a private in-memory store first, so that both read exactly the same records with the
// same duplicate rules and input order.
#pragma once

#include <string>
#include <vector>

#include "core/problem.h"
#include "core/settings.h"
#include "import/importer.h"
#include "metrics/dataset.h"
#include "store/store.h"

namespace csperf::metrics {

Result<Dataset> LoadDataset(Store& store, const TimeZone& zone);

// Imports `paths` (all or nothing) into an in-memory store and loads it. Bad rows refuse the
// whole read with the import report, as `csperf import` would.
Result<Dataset> LoadDatasetFromFiles(const std::vector<std::string>& paths,
                                     const Settings& settings, const ImportOptions& options,
                                     ImportReport* report);

}  // namespace csperf::metrics
