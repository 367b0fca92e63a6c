#include "metrics/chats.h"

#include <numeric>
#include <utility>

namespace csperf::metrics {

uint32_t ChatPages::NewPage() {
  // Not value-initialised: a page's memory is first touched where a message is written.
  pages_.push_back(std::unique_ptr<ChatMessage[]>(new ChatMessage[kPage]));
  return static_cast<uint32_t>(pages_.size() - 1);
}

void ChatPages::Reorder(const std::vector<uint32_t>& order) {
  std::vector<std::unique_ptr<ChatMessage[]>> reordered;
  reordered.reserve(order.size());
  for (uint32_t p : order) reordered.push_back(std::move(pages_[p]));
  pages_ = std::move(reordered);
}

uint32_t ChatPages::Append(ChatPages&& other) {
  const auto first = static_cast<uint32_t>(pages_.size());
  for (auto& p : other.pages_) pages_.push_back(std::move(p));
  other.pages_.clear();
  return first;
}

Chats Chats::FromMessages(std::span<const Message> messages, size_t customers) {
  Chats out;
  out.start_.assign(customers + 1, 0);
  // Each chat message a run of its own: the customers' runs are then its messages.
  std::vector<std::pair<Id, ChatRun>> runs;
  uint32_t position = 0;
  for (const Message& m : messages) {
    if (!IsChat(m.sender)) continue;
    if ((position & (ChatPages::kPage - 1)) == 0) out.pages_.NewPage();
    out.pages_.page(position >> ChatPages::kPageBits)[position & (ChatPages::kPage - 1)] =
        ChatMessage::Of(m.at, m.sender, m.account, m.conversation);
    runs.push_back({m.customer, {position++, 1}});
    ++out.start_[static_cast<size_t>(m.customer) + 1];
  }
  std::partial_sum(out.start_.begin(), out.start_.end(), out.start_.begin());
  out.before_ = {out.start_.begin(), out.start_.end()};
  out.runs_.resize(runs.size());
  std::vector<uint32_t> fill(out.start_.begin(), out.start_.end() - 1);
  for (const auto& [customer, run] : runs) out.runs_[fill[static_cast<size_t>(customer)]++] = run;
  out.messages_ = runs.size();
  return out;
}

CustomerChat Chats::Gather(size_t c, std::vector<ChatMessage>* out,
                           std::vector<uint32_t>* index) const {
  const std::span<const ChatRun> runs = RunsOf(c);
  CustomerChat chat;
  chat.customer = static_cast<Id>(c);
  index->clear();
  for (const ChatRun& r : runs) {
    for (uint32_t i = 0; i < r.count; ++i) index->push_back(r.position + i);
  }
  if (runs.size() == 1 && pages_.Rest(runs[0].position).size() >= runs[0].count) {
    chat.messages = pages_.Rest(runs[0].position).first(runs[0].count);
  } else {
    out->clear();
    for (const ChatRun& r : runs) {
      for (uint32_t i = 0; i < r.count; ++i) out->push_back(pages_.at(r.position + i));
    }
    chat.messages = *out;
  }
  chat.index = *index;
  return chat;
}

}  // namespace csperf::metrics
