// The order a messages file's first rows come in, to choose how a report reads the file:
// streamed by time (chat_stream.h), by customer on every core (grouped_chat.h), or all at
// once. A gate only: each way gives the same report, and falls back to reading all at once
// when the rest of the file is not in the order its first rows promised.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace csperf::metrics {

enum class MessageOrder {
  kByTime,      // every row no earlier than the row before
  kByCustomer,  // a customer's rows in runs (as a chat export lists each chat's together)
  kOther,
};

// Counts the runs of rows of one customer among the first rows: they come in runs when the
// rows are at least twice the runs (a file sorted by time, or shuffled, has runs of one or
// two rows; a chat export's are a chat long).
class CustomerRuns {
 public:
  void Add(std::string_view shop, std::string_view customer);
  bool InRuns() const { return rows_ > 0 && rows_ >= 2 * runs_; }

 private:
  std::string key_;  // the customer of the row before
  size_t rows_ = 0;
  size_t runs_ = 0;
};

// The order of the first `rows` rows of `path` (a file whose first rows are not all in the
// usual form, or cannot be read, goes to the time stream, which checks every row). Rows in
// both orders count as time-sorted.
MessageOrder FirstRowsOrder(const std::string& path, size_t rows);

}  // namespace csperf::metrics
