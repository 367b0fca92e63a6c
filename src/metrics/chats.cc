#include "metrics/chats.h"

#include <numeric>
#include <utility>

namespace csperf::metrics {

Chats Chats::FromMessages(std::span<const Message> messages, size_t customers) {
  Chats out;
  MessageColumn column;
  out.start_.assign(customers + 1, 0);
  out.before_.assign(customers + 1, 0);
  // Each chat message a run of its own: the customers' runs are then its messages.
  std::vector<std::pair<Id, ChatRun>> runs;
  for (const Message& m : messages) {
    if (!IsChat(m.sender)) continue;
    const auto at = static_cast<uint32_t>(column.size());
    column.push_back(m);
    runs.push_back({m.customer, {0, at, 1, at}});
    ++out.start_[static_cast<size_t>(m.customer) + 1];
  }
  std::partial_sum(out.start_.begin(), out.start_.end(), out.start_.begin());
  out.before_ = {out.start_.begin(), out.start_.end()};
  out.runs_.resize(runs.size());
  std::vector<uint32_t> fill(out.start_.begin(), out.start_.end() - 1);
  for (const auto& [customer, run] : runs) out.runs_[fill[static_cast<size_t>(customer)]++] = run;
  out.messages_ = column.size();
  out.buffers_.push_back(std::move(column));
  return out;
}

CustomerChat Chats::Gather(size_t c, std::vector<Message>* out,
                           std::vector<uint32_t>* index) const {
  const std::span<const ChatRun> runs = RunsOf(c);
  CustomerChat chat;
  chat.customer = static_cast<Id>(c);
  index->clear();
  if (runs.size() == 1) {
    const ChatRun& r = runs[0];
    chat.messages = {buffers_[r.buffer].data() + r.begin, r.count};
    for (uint32_t i = 0; i < r.count; ++i) index->push_back(r.first_index + i);
  } else {
    out->clear();
    for (const ChatRun& r : runs) {
      const Message* from = buffers_[r.buffer].data() + r.begin;
      out->insert(out->end(), from, from + r.count);
      for (uint32_t i = 0; i < r.count; ++i) index->push_back(r.first_index + i);
    }
    chat.messages = *out;
  }
  chat.index = *index;
  return chat;
}

}  // namespace csperf::metrics
