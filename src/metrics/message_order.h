// The order a messages file's first rows come in, to choose how a report reads the file:
// streamed by time (chat_stream.h), by customer on every core (grouped_chat.h), or all at
// once. A gate only: each way gives the same report, and falls back to reading all at once
// when the rest of the file is not in the order its first rows promised.
#pragma once

#include <cstddef>
#include <string>

namespace csperf::metrics {

enum class MessageOrder {
  kByTime,      // every row no earlier than the row before
  kByCustomer,  // each customer's rows together
  kOther,
};

// The order of the first `rows` rows of `path` (a file whose first rows are not all in the
// usual form, or cannot be read, goes to the time stream, which checks every row). Rows in
// both orders count as time-sorted.
MessageOrder FirstRowsOrder(const std::string& path, size_t rows);

}  // namespace csperf::metrics
