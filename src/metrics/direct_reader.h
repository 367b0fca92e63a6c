// `--data` without a store, for the two kinds that hold nearly all of a month's bytes:
// messages and orders are read straight from their file into the Dataset, on every core
// (the messages kept as chats by a keeper per core: chat_keeper.h).
//
// Only the plain case is taken: one file of the kind, UTF-8 without stray control
// characters, a header the importer maps with no profile and no unknown columns. Cells in
// their usual form (a trimmed text, a canonical word, "2024-01-05 10:00:00", "1299.00") are
// decoded on a fast path; any other cell sends its row through the importer's own RowParser,
// so every value is the importer's. A row the importer would refuse, or an id seen twice,
// hands the whole file back to the general path, which reads and reports it exactly as
// `csperf import` would. Records land in file order and strings are interned in order of
// first appearance, as the general path does, so the Dataset is the same either way.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/executor.h"
#include "core/time_zone.h"
#include "domain/kinds.h"
#include "metrics/chat_keeper.h"
#include "metrics/dataset.h"

namespace csperf::metrics {

struct DirectReadOptions {
  int parts = 0;                    // parts read at once; 0: as many as the executor runs
  size_t min_part_bytes = 1 << 20;  // smaller parts are not worth a thread
  Executor* executor = nullptr;     // none: the process's pool (DefaultEnv)
};
Executor& ExecutorOf(const DirectReadOptions& options);

// Appends the file's records to `data` and returns true, or returns false and leaves `data`
// as it was. Messages come first, into a Dataset that holds none yet.
bool ReadDirect(const std::string& path, Kind kind, const std::shared_ptr<const TimeZone>& zone,
                const DirectReadOptions& options, Dataset* data);

// Reads a plain messages file (what ReadDirect reads) in chunks on every core, each core's
// keeper taking the chunks that core reads, the next chunk going to the core that is free
// first. True when the file was read so with no message id twice; otherwise false and no
// keepers.
bool ReadChats(const std::string& path, const std::shared_ptr<const TimeZone>& zone,
               const DirectReadOptions& options, std::vector<std::unique_ptr<ChatKeeper>>* keepers);

}  // namespace csperf::metrics
