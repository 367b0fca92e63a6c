#include "metrics/chats.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace csperf::metrics {

std::pair<uint32_t, uint32_t> ChatBlocks::MakeRoom(size_t n) {
  if (blocks_.empty() || blocks_.back().capacity() - blocks_.back().size() < n) {
    blocks_.emplace_back().reserve(std::max(kBlock, n));
  }
  return {static_cast<uint32_t>(blocks_.size() - 1), static_cast<uint32_t>(blocks_.back().size())};
}

uint32_t ChatBlocks::Append(ChatBlocks&& other) {
  const auto first = static_cast<uint32_t>(blocks_.size());
  for (auto& b : other.blocks_) blocks_.push_back(std::move(b));
  other.blocks_.clear();
  return first;
}

Chats Chats::FromMessages(std::span<const Message> messages, size_t customers) {
  Chats out;
  out.start_.assign(customers + 1, 0);
  out.before_.assign(customers + 1, 0);
  // Each chat message a run of its own: the customers' runs are then its messages.
  std::vector<std::pair<Id, ChatRun>> runs;
  for (const Message& m : messages) {
    if (!IsChat(m.sender)) continue;
    const auto [block, at] = out.blocks_.MakeRoom(1);
    out.blocks_.push_back(ChatMessage::Of(m.at, m.sender, m.account, m.conversation));
    runs.push_back({m.customer, {block, at, 1, static_cast<uint32_t>(runs.size())}});
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
  if (runs.size() == 1) {
    const ChatRun& r = runs[0];
    chat.messages = {blocks_.block(r.block).data() + r.begin, r.count};
    for (uint32_t i = 0; i < r.count; ++i) index->push_back(r.first_index + i);
  } else {
    out->clear();
    for (const ChatRun& r : runs) {
      const ChatMessage* from = blocks_.block(r.block).data() + r.begin;
      out->insert(out->end(), from, from + r.count);
      for (uint32_t i = 0; i < r.count; ++i) index->push_back(r.first_index + i);
    }
    chat.messages = *out;
  }
  chat.index = *index;
  return chat;
}

}  // namespace csperf::metrics
