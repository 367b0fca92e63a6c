// A store's messages handed over a run of one customer's at a time (grouped_chat.h), read in
// ranges of rowids, one connection and thread each: each range starts where a customer's
// rows begin and runs on past its end to finish its last customer. Rows are in input order
// unless an import replaced a record; then the read gives up.
#pragma once

#include <memory>
#include <vector>

#include "metrics/direct_reader.h"
#include "metrics/loader.h"

namespace csperf::metrics {

// Whether the first `rows` messages of the store come in runs of one customer's
// (message_order.h's CustomerRuns).
bool StoreStartsByCustomer(Store& store, size_t rows);

// ReadCustomerRuns for the messages of the store at `path` (a file another connection can
// open): true when they were read so, the rows in input order.
bool ReadStoreCustomerRuns(const std::string& path, const StoreReadOptions& options,
                           const RunSinkMaker& make_sink,
                           std::vector<std::unique_ptr<RunSink>>* sinks);

// The store's orders as a streamed report keeps them (direct_reader.h's KeyedOrders), read
// in ranges of rowids on every core, their shops interned in `d`. False (and `out` as it
// was) when the store is not a file another connection can open.
bool ReadStoreKeyedOrders(const std::string& path, const StoreReadOptions& options, Dataset* d,
                          KeyedOrders* out);

}  // namespace csperf::metrics
