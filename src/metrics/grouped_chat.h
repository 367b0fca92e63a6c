// The chat, conversion and satisfaction columns of a report computed while messages that
// come in runs of one customer's rows (as a chat export lists each chat's rows together, and
// the demo generator writes them) are read on every core. Each part of the file (or of the
// store), cut between two customers, cuts a run's sessions as soon as the run ends (the
// batch's CustomerCutter) and tallies them (tallies.h); at the end the parts' tallies are
// added up, each order keeps the best inquiry offered to it and ratings are matched. Memory
// holds a run per part and each customer's name, never the month's messages.
//
// Cutting runs apart gives the batch's sessions when a customer's runs are apart by more
// than the session gap and share no conversation id; that is checked for every customer met
// more than once. Nothing comes back, and the caller reads the messages the usual way, when
// it fails, a message id repeats, or a row is one only the general path reads: the columns
// are then exactly those of the batch report, or none.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "metrics/direct_reader.h"
#include "metrics/stream_tallies.h"

namespace csperf::metrics {

struct GroupedChatOptions {
  int parts = 0;                    // parts read at once; 0: as many as the executor runs
  size_t min_part_bytes = 1 << 20;  // smaller parts are not worth a thread
};

// Reads messages in parts, each part's customers a run at a time into its own sink (made
// in part order); false when they could not be read so (ReadCustomerRuns for a file,
// ReadStoreCustomerRuns for a store).
using CustomerRunReader =
    std::function<bool(const RunSinkMaker& make_sink, std::vector<std::unique_ptr<RunSink>>*)>;

// The columns of `groupings` from the messages `read` hands over and `orders` (made from
// the month's orders, which `data` need not hold); the rest as below.
std::optional<StreamedChat> GroupedChat(const CustomerRunReader& read, const Context& c,
                                        std::span<const Grouping> groupings, StreamOrders orders,
                                        Dataset* data);

// The columns of `groupings` from the messages of `path`. `data` is c.data, with every
// record but the messages loaded and its accounts indexed; the messages' shops are added to
// it and its orders let go (the tallies keep what they need). Nothing when the read gave up
// (above): `data` should then be loaded again.
std::optional<StreamedChat> GroupedChat(const std::string& path, const Context& c,
                                        std::shared_ptr<const TimeZone> zone,
                                        std::span<const Grouping> groupings, Dataset* data,
                                        const GroupedChatOptions& options = {});

}  // namespace csperf::metrics
