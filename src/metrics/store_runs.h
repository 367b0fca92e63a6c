// A store's messages handed over a run of one customer's at a time (grouped_chat.h), read in
// ranges of input order on every core, one cursor each: each range starts where a customer's
// rows begin and runs on past its end to finish its last customer.
#pragma once

#include <memory>
#include <vector>

#include "metrics/direct_reader.h"
#include "metrics/store_reader.h"

namespace csperf::metrics {

// Whether the first `rows` messages of the store come in runs of one customer's
// (message_order.h's CustomerRuns).
bool StoreStartsByCustomer(Store& store, size_t rows);

// ReadCustomerRuns for the messages of the store: true when they were read so.
bool ReadStoreCustomerRuns(Store& store, const StoreReadOptions& options,
                           const RunSinkMaker& make_sink,
                           std::vector<std::unique_ptr<RunSink>>* sinks);

// The store's orders as a streamed report keeps them (direct_reader.h's KeyedOrders), read
// in ranges on every core, their shops interned in `d`.
void ReadStoreKeyedOrders(Store& store, const StoreReadOptions& options, Dataset* d,
                          KeyedOrders* out);

}  // namespace csperf::metrics
