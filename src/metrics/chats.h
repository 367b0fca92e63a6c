// The month's chat messages — customers' and agents'; bots' and the system's count nowhere —
// held compactly as their source read them, and each customer's found again: the one input
// of the cut (sessions.h), whatever order the messages came in. A source hands them over a
// run of one customer's rows at a time (chat_keeper.h): a file whose customers come one
// after another (a chat export, the demo data) gives each customer a run or a few, a file in
// time order a run per row or two. Either way each customer's messages are found again by
// their positions, and nothing is read twice.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "metrics/message.h"

namespace csperf::metrics {

// Whether a message counts in the chat rules (metrics.md: bots and the system count nowhere).
inline bool IsChat(Sender s) { return s == Sender::kCustomer || s == Sender::kAgent; }

// Messages in pages that never move: a month's messages are written once, each into memory
// fresh to it, never copied as a growing vector would be. A message's position (page, place)
// is one number; positions grow with input order once the pages are put in input order
// (chat_keeper.h), so a position also tells which of two messages came first.
class ChatPages {
 public:
  static constexpr uint32_t kPageBits = 16;
  static constexpr uint32_t kPage = uint32_t{1} << kPageBits;  // messages a page

  // A new page; returns its number.
  uint32_t NewPage();
  ChatMessage* page(uint32_t p) { return pages_[p].get(); }
  const ChatMessage& at(uint32_t position) const {
    return pages_[position >> kPageBits][position & (kPage - 1)];
  }
  // The messages from `position` on, as far as its page goes.
  std::span<const ChatMessage> Rest(uint32_t position) const {
    return {&at(position), kPage - (position & (kPage - 1))};
  }
  size_t size() const { return pages_.size(); }
  // The pages in the order `order` gives (a permutation of their numbers).
  void Reorder(const std::vector<uint32_t>& order);
  // Moves `other`'s pages after these; returns the number the first of them gets.
  uint32_t Append(ChatPages&& other);

 private:
  std::vector<std::unique_ptr<ChatMessage[]>> pages_;
};

// One customer's chat messages in input order, and each one's position (ties in time go by
// it: metrics.md's "then input order").
struct CustomerChat {
  Id customer = kNone;
  Id shop = kNone;
  std::span<const ChatMessage> messages;
  std::span<const uint32_t> index;
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
  size_t messages() const { return positions_.size(); }
  // Customer `c`'s messages' positions, in input order.
  std::span<const uint32_t> PositionsOf(size_t c) const {
    return {positions_.data() + start_[c], positions_.data() + start_[c + 1]};
  }
  // How many messages the customers before `c` have.
  uint64_t MessagesBefore(size_t c) const { return start_[c]; }

  // Customer `c`'s messages together: a view of them when they lie one after another in a
  // page (a customer whose rows came together), else copied into `out`. The chat's shop is
  // left for the caller.
  CustomerChat Gather(size_t c, std::vector<ChatMessage>* out) const;

 private:
  friend class ChatJoiner;
  ChatPages pages_;
  std::vector<uint32_t> positions_;  // grouped by customer, each customer's in input order
  std::vector<uint32_t> start_;      // customer c's are positions_[start_[c], start_[c + 1])
};

}  // namespace csperf::metrics
