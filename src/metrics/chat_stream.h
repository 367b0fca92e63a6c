// The chat, conversion and satisfaction columns of a report computed while the messages of
// one plain, time-sorted file stream past, for `metrics`, `score` and `export` on a month
// that would not fit in memory otherwise. Messages are cut into sessions as they come
// (SessionBuilder, as the batch cut does): a plain session closes once the customer writes
// again past the gap, or once the stream's time has run past its last message by the gap (no
// later message can join it then: the gap is measured by Span, which only grows with its
// end), and is tallied at once (tallies.h); a session by conversation id is closed once it
// has been silent for a day, on the wager that the conversation is over. An order keeps the
// best inquiry offered to it as its customer's sessions close (attribution.h's rules);
// ratings are matched at the end. Memory holds the open sessions, the customers' names and
// the orders, not the month.
//
// The stream gives up, and the caller reads the messages the usual way, at the first
// message earlier than the one before it, at a conversation that comes back after the
// stream closed it, at a row only the general path reads, or when a message id repeats:
// the columns are then exactly those of the batch report, or none.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "metrics/report.h"
#include "metrics/stream_tallies.h"

namespace csperf::metrics {

// Streams the messages of `path` for the report rows of `groupings`. `data` is c.data, with
// every record but the messages loaded and its accounts indexed. The shops and customers of
// the messages are added to it, and its orders let go (the stream keeps what it needs of
// them). Nothing when the stream gave up (above): `data` should then be loaded again.
std::optional<StreamedChat> StreamChat(const std::string& path, const Context& c,
                                       std::shared_ptr<const TimeZone> zone,
                                       std::span<const Grouping> groupings, Dataset* data);

}  // namespace csperf::metrics
