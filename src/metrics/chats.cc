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
  std::vector<Id> customer_of;  // per position
  for (const Message& m : messages) {
    if (!IsChat(m.sender)) continue;
    const auto position = static_cast<uint32_t>(customer_of.size());
    if ((position & (ChatPages::kPage - 1)) == 0) out.pages_.NewPage();
    out.pages_.page(position >> ChatPages::kPageBits)[position & (ChatPages::kPage - 1)] =
        ChatMessage::Of(m.at, m.sender, m.account, m.conversation);
    customer_of.push_back(m.customer);
    ++out.start_[static_cast<size_t>(m.customer) + 1];
  }
  std::partial_sum(out.start_.begin(), out.start_.end(), out.start_.begin());
  out.positions_.resize(customer_of.size());
  std::vector<uint32_t> fill(out.start_.begin(), out.start_.end() - 1);
  for (uint32_t p = 0; p < customer_of.size(); ++p)
    out.positions_[fill[static_cast<size_t>(customer_of[p])]++] = p;
  return out;
}

CustomerChat Chats::Gather(size_t c, std::vector<ChatMessage>* out) const {
  const std::span<const uint32_t> positions = PositionsOf(c);
  CustomerChat chat;
  chat.customer = static_cast<Id>(c);
  chat.index = positions;
  if (positions.empty()) return chat;
  const auto n = static_cast<uint32_t>(positions.size());
  const std::span<const ChatMessage> rest = pages_.Rest(positions.front());
  if (positions.back() - positions.front() == n - 1 && rest.size() >= n) {
    chat.messages = rest.first(n);  // one after another in one page
  } else {
    out->clear();
    for (uint32_t p : positions) out->push_back(pages_.at(p));
    chat.messages = *out;
  }
  return chat;
}

}  // namespace csperf::metrics
