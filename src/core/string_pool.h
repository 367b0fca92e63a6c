// Interning: each distinct string kept once and numbered in order of first sight, for the
// strings a month repeats millions of times (shops, customers, accounts, conversation ids).
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace csperf {

// A string's number in its pool; kNone for none.
using Id = int32_t;
inline constexpr Id kNone = -1;

// Interned strings: each distinct string is kept once, in large blocks, and found again
// through an open-addressing table of hashes (millions of lookups a month). A lookup touches
// two places, both fetched ahead where many lookups are coming: the table's slot and the
// string's entry (its id, its length and its characters together).
class StringPool {
 public:
  StringPool() = default;
  StringPool(StringPool&&) = default;
  StringPool& operator=(StringPool&&) = default;

  Id Intern(std::string_view s);
  Id Find(std::string_view s) const;  // kNone when absent
  // Room for `n` strings without growing the table.
  void Reserve(size_t n);
  // The same with the string's XXH3 hash at hand, and its slot fetched ahead.
  Id Intern(std::string_view s, uint64_t hash);
  // What of a string's place to fetch ahead: its slot, or its entry (the slot fetched before).
  enum Ahead { kSlot, kEntry };
  void Prefetch(uint64_t hash, Ahead what = kSlot) const;
  // Interns every string of `other` in its order and returns their ids here. Looks a batch
  // of slots up ahead of use: a month's customers make a table far larger than the cache.
  std::vector<Id> InternAll(const StringPool& other);
  std::vector<Id> InternAll(std::span<const std::string_view> strings);
  std::string_view Get(Id id) const { return View(entries_[static_cast<size_t>(id)]); }
  size_t size() const { return entries_.size(); }
  // Lets the lookup table go, for a pool only Get reads from now on (Intern and Find would
  // no longer know its strings): a month's customers' table takes tens of megabytes.
  void DropIndex() { std::vector<Slot>().swap(slots_); }

 private:
  // An entry's place: its block (the high bits) and its offset there in eight bytes.
  using Place = uint32_t;
  static constexpr uint32_t kOffsetBits = 17;  // blocks of 1 MiB; a longer string its own
  static constexpr Place kEmpty = UINT32_MAX;
  // Eight bytes: the hash's low half (the slot's index comes from it, so tables up to 2^32
  // slots can be rebuilt without the strings) and the entry's place.
  struct Slot {
    uint32_t hash = 0;
    Place place = kEmpty;
  };
  // Where each string is kept: this header, then its characters, eight-byte aligned.
  struct Entry {
    Id id;
    uint32_t size;
  };
  const uint64_t* WordsAt(Place p) const {
    return blocks_[p >> kOffsetBits].get() + (p & ((1u << kOffsetBits) - 1));
  }
  Entry EntryAt(Place p) const {  // copied out: the blocks hold words, not Entry objects
    Entry e;
    std::memcpy(&e, WordsAt(p), sizeof e);
    return e;
  }
  std::string_view View(Place p) const {
    return {reinterpret_cast<const char*>(WordsAt(p) + 1), EntryAt(p).size};
  }
  size_t SlotOf(std::string_view s, uint64_t hash) const;  // its slot, or the empty one
  Id InternHashed(std::string_view s, uint64_t hash);
  Place Keep(std::string_view s, Id id);
  void Grow();
  void Rehash(size_t slots);

  std::vector<Place> entries_;                       // per id
  std::vector<std::unique_ptr<uint64_t[]>> blocks_;  // eight-byte words, never moved
  size_t block_used_ = 0;                            // words
  size_t block_size_ = 0;
  std::vector<Slot> slots_;  // a power of two long, at most half full
};

// The string interned last and its id: exports write a chat's messages (and a customer's
// orders) together, so most rows repeat the row before and need not ask the table.
class LastSeen {
 public:
  Id Intern(StringPool& pool, std::string_view s) {
    if (!Holds(s)) Remember(s, pool.Intern(s));
    return id_;
  }
  bool Holds(std::string_view s) const { return id_ != kNone && SameText(s, text_); }
  Id id() const { return id_; }
  void Remember(std::string_view s, Id id) {
    text_.assign(s);
    id_ = id;
  }

 private:
  std::string text_;
  Id id_ = kNone;
};

}  // namespace csperf
