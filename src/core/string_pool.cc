#include "core/string_pool.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace csperf {

namespace {
constexpr size_t kBlockWords = size_t{1} << 17;  // 1 MiB
}  // namespace

size_t StringPool::SlotOf(std::string_view s, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.place == kEmpty) return i;
    if (slot.hash == static_cast<uint32_t>(hash) && View(slot.place) == s) return i;
  }
}

StringPool::Place StringPool::Keep(std::string_view s, Id id) {
  const size_t words = 1 + (s.size() + 7) / 8;  // the header, then the characters
  if (blocks_.empty() || block_used_ + words > block_size_) {
    if (blocks_.size() >> (32 - kOffsetBits) != 0)  // 32,768 blocks: 32 GiB of text
      throw std::length_error("string pool: more than 32 GiB of text");
    block_size_ = std::max(kBlockWords, words);
    blocks_.push_back(std::make_unique<uint64_t[]>(block_size_));
    block_used_ = 0;
  }
  uint64_t* at = blocks_.back().get() + block_used_;
  const Entry entry{id, static_cast<uint32_t>(s.size())};
  std::memcpy(at, &entry, sizeof entry);
  if (!s.empty()) std::memcpy(at + 1, s.data(), s.size());
  const auto place = static_cast<Place>(((blocks_.size() - 1) << kOffsetBits) | block_used_);
  block_used_ += words;
  return place;
}

void StringPool::Grow() { Rehash(slots_.empty() ? 1024 : slots_.size() * 2); }

void StringPool::Rehash(size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.place == kEmpty) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].place != kEmpty) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

Id StringPool::Intern(std::string_view s) {
  if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
  return InternHashed(s, XXH3_64bits(s.data(), s.size()));
}

std::vector<Id> StringPool::InternAll(const StringPool& other) {
  std::vector<std::string_view> strings(other.size());
  for (size_t i = 0; i < strings.size(); ++i) strings[i] = other.View(other.entries_[i]);
  return InternAll(strings);
}

std::vector<Id> StringPool::InternAll(std::span<const std::string_view> strings) {
  const size_t n = strings.size();
  size_t slots = std::max<size_t>(slots_.size(), 1024);
  while ((entries_.size() + n + 1) * 2 > slots) slots *= 2;
  if (slots != slots_.size()) Rehash(slots);
  std::vector<Id> ids(n);
  constexpr size_t kAhead = 16;
  uint64_t hashes[kAhead];
  const size_t mask = slots_.size() - 1;
  for (size_t base = 0; base < n; base += kAhead) {
    const size_t count = std::min(kAhead, n - base);
    for (size_t k = 0; k < count; ++k) {
      const std::string_view s = strings[base + k];
      hashes[k] = XXH3_64bits(s.data(), s.size());
      __builtin_prefetch(&slots_[hashes[k] & mask]);
    }
    for (size_t k = 0; k < count; ++k) {
      ids[base + k] = InternHashed(strings[base + k], hashes[k]);
    }
  }
  return ids;
}

Id StringPool::InternHashed(std::string_view s, uint64_t hash) {
  const size_t i = SlotOf(s, hash);
  if (slots_[i].place != kEmpty) return EntryAt(slots_[i].place).id;
  const Id id = static_cast<Id>(entries_.size());
  entries_.push_back(Keep(s, id));
  slots_[i] = {static_cast<uint32_t>(hash), entries_.back()};
  return id;
}

Id StringPool::Intern(std::string_view s, uint64_t hash) {
  if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
  return InternHashed(s, hash);
}

void StringPool::Reserve(size_t n) {
  size_t slots = std::max<size_t>(slots_.size(), 1024);
  while ((n + 1) * 2 > slots) slots *= 2;
  if (slots != slots_.size()) Rehash(slots);
  entries_.reserve(n);
}

void StringPool::Prefetch(uint64_t hash, Ahead what) const {
  if (slots_.empty()) return;
  const Slot& slot = slots_[hash & (slots_.size() - 1)];
  if (what == kSlot) {
    __builtin_prefetch(&slot);
  } else if (slot.place != kEmpty && slot.hash == static_cast<uint32_t>(hash)) {
    __builtin_prefetch(WordsAt(slot.place));  // a string met before
  }
}

Id StringPool::Find(std::string_view s) const {
  if (slots_.empty()) return kNone;
  const Slot& slot = slots_[SlotOf(s, XXH3_64bits(s.data(), s.size()))];
  return slot.place == kEmpty ? kNone : EntryAt(slot.place).id;
}

}  // namespace csperf
