#include "core/string_pool.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace csperf {

namespace {
constexpr size_t kBlockBytes = 1 << 20;
}  // namespace

size_t StringPool::SlotOf(std::string_view s, uint64_t hash) const {
  const size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    const Slot& slot = slots_[i];
    if (slot.id == kNone) return i;
    if (slot.hash == static_cast<uint32_t>(hash) && strings_[static_cast<size_t>(slot.id)] == s) {
      return i;
    }
  }
}

std::string_view StringPool::Keep(std::string_view s) {
  if (s.empty()) return {};
  if (block_used_ + s.size() > block_size_) {
    block_size_ = std::max(kBlockBytes, s.size());
    blocks_.push_back(std::make_unique<char[]>(block_size_));
    block_used_ = 0;
  }
  char* at = blocks_.back().get() + block_used_;
  std::memcpy(at, s.data(), s.size());
  block_used_ += s.size();
  return {at, s.size()};
}

void StringPool::Grow() { Rehash(slots_.empty() ? 1024 : slots_.size() * 2); }

void StringPool::Rehash(size_t slots) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slots, Slot{});
  const size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == kNone) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].id != kNone) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

Id StringPool::Intern(std::string_view s) {
  if ((strings_.size() + 1) * 2 > slots_.size()) Grow();
  return InternHashed(s, XXH3_64bits(s.data(), s.size()));
}

std::vector<Id> StringPool::InternAll(const StringPool& other) {
  return InternAll(std::span<const std::string_view>(other.strings_));
}

std::vector<Id> StringPool::InternAll(std::span<const std::string_view> strings) {
  const size_t n = strings.size();
  size_t slots = std::max<size_t>(slots_.size(), 1024);
  while ((strings_.size() + n + 1) * 2 > slots) slots *= 2;
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
  if (slots_[i].id != kNone) return slots_[i].id;
  const Id id = static_cast<Id>(strings_.size());
  strings_.push_back(Keep(s));
  slots_[i] = {static_cast<uint32_t>(hash), id};
  return id;
}

Id StringPool::Intern(std::string_view s, uint64_t hash) {
  if ((strings_.size() + 1) * 2 > slots_.size()) Grow();
  return InternHashed(s, hash);
}

void StringPool::Reserve(size_t n) {
  size_t slots = std::max<size_t>(slots_.size(), 1024);
  while ((n + 1) * 2 > slots) slots *= 2;
  if (slots != slots_.size()) Rehash(slots);
  strings_.reserve(n);
}

void StringPool::Prefetch(uint64_t hash) const {
  if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
}

Id StringPool::Find(std::string_view s) const {
  if (slots_.empty()) return kNone;
  return slots_[SlotOf(s, XXH3_64bits(s.data(), s.size()))].id;
}

}  // namespace csperf
