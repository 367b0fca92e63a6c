// The month's chat messages — customers' and agents'; bots' and the system's count nowhere —
// held compactly as their source read them, and each customer's found again: the one input
// of the cut (sessions.h), whatever order the messages came in. A source hands them over a
// run of one customer's rows at a time (chat_keeper.h): a file whose customers come one
// after another (a chat export, the demo data) gives each customer a run or a few, a file in
// time order a run per row or two. Either way a customer's messages are its runs put
// together, and nothing is read twice.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "metrics/message.h"

namespace csperf::metrics {

// Whether a message counts in the chat rules (metrics.md: bots and the system count nowhere).
inline bool IsChat(Sender s) { return s == Sender::kCustomer || s == Sender::kAgent; }

// Part of one customer's messages that came together in the input.
struct ChatRun {
  uint32_t block;        // which block of messages
  uint32_t begin;        // where in it
  uint32_t count;        // how many
  uint32_t first_index;  // the place of its first message in input order (of chat messages)
};

// One customer's chat messages in input order, and each one's place in input order.
struct CustomerChat {
  Id customer = kNone;
  Id shop = kNone;
  std::span<const ChatMessage> messages;
  std::span<const uint32_t> index;
};

// Messages kept in blocks that never move or grow once full: a month's messages are
// written once, each into memory fresh to it, never copied as a growing vector would.
class ChatBlocks {
 public:
  static constexpr size_t kBlock = size_t{1} << 20;  // messages a block
  // Room for `n` more messages in one block; returns where they go (block, place).
  std::pair<uint32_t, uint32_t> MakeRoom(size_t n);
  void push_back(const ChatMessage& m) { blocks_.back().push_back(m); }
  std::vector<ChatMessage>& block(uint32_t b) { return blocks_[b]; }
  const std::vector<ChatMessage>& block(uint32_t b) const { return blocks_[b]; }
  size_t size() const { return blocks_.size(); }
  // Moves `other`'s blocks after these; returns the index the first of them gets.
  uint32_t Append(ChatBlocks&& other);

 private:
  std::vector<std::vector<ChatMessage>> blocks_;
};

class Chats {
 public:
  Chats() = default;
  Chats(Chats&&) = default;
  Chats& operator=(Chats&&) = default;

  // The chat messages of `messages` (in input order, the Dataset's ids; bots' and the
  // system's left out), as one source would hand them over: for tests and small inputs.
  static Chats FromMessages(std::span<const Message> messages, size_t customers);

  size_t customers() const { return start_.empty() ? 0 : start_.size() - 1; }
  size_t messages() const { return messages_; }
  // Customer `c`'s runs, in input order.
  std::span<const ChatRun> RunsOf(size_t c) const {
    return {runs_.data() + start_[c], runs_.data() + start_[c + 1]};
  }
  // How many messages the customers before `c` have.
  uint64_t MessagesBefore(size_t c) const { return before_[c]; }

  // Puts customer `c`'s messages together into `out` (their places in input order into
  // `index`): a view of its one run, or its runs copied one after another. The chat's shop
  // is left for the caller.
  CustomerChat Gather(size_t c, std::vector<ChatMessage>* out, std::vector<uint32_t>* index) const;

 private:
  friend class ChatJoiner;
  ChatBlocks blocks_;
  std::vector<ChatRun> runs_;           // grouped by customer, each customer's in input order
  std::vector<uint32_t> start_;         // customer c's runs are runs_[start_[c], start_[c + 1])
  std::vector<uint64_t> before_;        // per customer, the messages of those before it
  size_t messages_ = 0;
};

}  // namespace csperf::metrics
