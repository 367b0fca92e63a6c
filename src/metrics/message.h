// A chat message as the metrics engine holds it: a month has tens of millions, so each is a
// few machine words, its strings (shop, customer, account, conversation) numbered in pools.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/civil_time.h"
#include "core/string_pool.h"

namespace csperf::metrics {

using csperf::Id;
using csperf::kNone;

enum class Sender : uint8_t { kCustomer, kAgent, kBot, kSystem };
// The sender of an importer's canonical word (customer, agent, bot, system); none otherwise.
std::optional<Sender> SenderOfWord(std::string_view word);

// One message; copies of an id-less message kept more than once appear as separate entries.
// Its shop is its customer's (Dataset::ShopOf): a month holds tens of millions of these, so
// nothing is kept twice.
struct Message {
  Instant at;
  Id customer;      // a (shop, customer_id) pair: Dataset::customers holds "shop\x1Fid"
  Id account;       // kNone when empty
  Id conversation;  // kNone when empty
  Sender sender;
};

// An allocator that default-initialises what it constructs without arguments, so that a
// column of plain structs grows by resize() without writing every new element first: the
// direct reader sizes the message column once and fills its parts on every core.
template <class T>
struct NoInitAllocator : std::allocator<T> {
  template <class U>
  struct rebind {
    using other = NoInitAllocator<U>;
  };
  NoInitAllocator() = default;
  template <class U>
  explicit NoInitAllocator(const NoInitAllocator<U>&) noexcept {}
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
using MessageColumn = std::vector<Message, NoInitAllocator<Message>>;

// A chat message (a customer's or an agent's) as the cut reads it: sixteen bytes, as a month
// holds tens of millions. Its customer is known from where it is kept (chats.h).
struct ChatMessage {
  Instant at;
  Id conversation;  // kNone when empty
  uint32_t from;    // (account + 1) * 2, plus 1 when an agent sent it: both in one word

  static ChatMessage Of(Instant at, Sender sender, Id account, Id conversation) {
    return {at, conversation,
            static_cast<uint32_t>(account + 1) * 2 + (sender == Sender::kAgent ? 1u : 0u)};
  }
  Sender sender() const { return (from & 1) != 0 ? Sender::kAgent : Sender::kCustomer; }
  Id account() const { return static_cast<Id>(from >> 1) - 1; }  // kNone when empty
  void set_account(Id account) { from = static_cast<uint32_t>(account + 1) * 2 + (from & 1); }
};
static_assert(sizeof(ChatMessage) == 16);

}  // namespace csperf::metrics
