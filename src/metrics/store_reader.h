// Reading a store's records into a Dataset, through the store's scans (store/store.h): the
// same for every store. A large store's messages are read in ranges of input order on every
// core, each into pools of its own, and joined in order (the same Dataset as one read).
#pragma once

#include <cstdint>

#include "core/executor.h"
#include "core/time_zone.h"
#include "metrics/dataset.h"
#include "store/store.h"

namespace csperf::metrics {

struct StoreReadOptions {
  int parts = 0;                         // ranges read at once; 0: as many as the executor runs
  int64_t min_rows_per_range = 1 << 20;  // fewer are not worth a range
  Executor* executor = nullptr;          // none: the process's pool (DefaultEnv)
};
Executor& ExecutorOf(const StoreReadOptions& options);
// How many ranges of `rows` records to read at once.
int64_t RangesFor(const Store& store, int64_t rows, const StoreReadOptions& options,
                  int64_t min_rows);

// Appends the store's records to `d`, in input order, interning strings as the direct
// readers do: agents, then messages (as chats: chat_keeper.h), then orders, then the rest.
void ReadStoreInto(Store& store, const TimeZone& zone, const StoreReadOptions& options, Dataset* d);

}  // namespace csperf::metrics
