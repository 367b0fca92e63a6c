#include "metrics/dataset.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>

#include "metrics/agent_lookup.h"

namespace csperf::metrics {

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

std::optional<Sender> SenderOfWord(std::string_view word) {
  if (word == "customer") return Sender::kCustomer;
  if (word == "agent") return Sender::kAgent;
  if (word == "bot") return Sender::kBot;
  if (word == "system") return Sender::kSystem;
  return std::nullopt;
}

namespace {
template <class T>
void Append(std::vector<T>* from, std::vector<T>* to) {
  if (to->empty()) {
    to->swap(*from);
    return;
  }
  to->insert(to->end(), std::make_move_iterator(from->begin()),
             std::make_move_iterator(from->end()));
  from->clear();
}
}  // namespace

void Dataset::AppendRecords(Dataset&& p) {
  auto interned = [](StringPool& to, const StringPool& from, Id id) {
    return id == kNone ? kNone : to.Intern(from.Get(id));
  };
  for (Rating& r : p.ratings) {
    r.account = interned(accounts, p.accounts, r.account);
    r.conversation = interned(conversations, p.conversations, r.conversation);
    r.shop = interned(shops, p.shops, r.shop);
  }
  Append(&p.ratings, &ratings);
  for (Case& c : p.cases) {
    c.account = interned(accounts, p.accounts, c.account);
    c.shop = interned(shops, p.shops, c.shop);
  }
  Append(&p.cases, &cases);
  Append(&p.case_events, &case_events);
  Append(&p.followups, &followups);
  Append(&p.assessments, &assessments);
  Append(&p.qa_items, &qa_items);
  Append(&p.incidents, &incidents);
  Append(&p.shifts, &shifts);
  Append(&p.work_records, &work_records);
  qa_forms.merge(p.qa_forms);
}

void Dataset::IndexAgents() {
  account_owner.assign(accounts.size(), kNone);
  for (size_t a = 0; a < agents.size(); ++a) {
    for (const std::string& account : agents[a].accounts) {
      Id id = accounts.Find(account);
      // An account listed by two agents goes to the first in input order (the data-quality
      // report lists such accounts).
      if (id != kNone && account_owner[static_cast<size_t>(id)] == kNone) {
        account_owner[static_cast<size_t>(id)] = static_cast<Id>(a);
      }
    }
  }
  const AgentLookup agent_of(*this);
  for (Followup& f : followups) f.agent = agent_of.Find(f.agent_id);
}

Id Dataset::AgentIndex(const std::string& agent_id) const {
  for (size_t a = 0; a < agents.size(); ++a) {
    if (agents[a].id == agent_id) return static_cast<Id>(a);
  }
  return kNone;
}

Result<Id> Dataset::FindAgent(const std::string& agent_id) const {
  const Id agent = AgentIndex(agent_id);
  if (agent != kNone) return agent;
  return MakeProblem(ProblemCode::kNotFound,
                     "agents 中没有这个客服 / no such agent in the agents file: give an agent_id "
                     "listed there",
                     agent_id, Place{"", 0, 0, "--agent"});
}

Id Dataset::CustomerOf(Id shop, std::string_view customer_id) {
  std::string key;
  return CustomerOf(shop, customer_id, &key);
}

Id Dataset::CustomerOf(Id shop, std::string_view customer_id, std::string* scratch) {
  std::string& key = *scratch;
  key.assign(shops.Get(shop));
  key += '\x1F';
  key += customer_id;
  const Id id = customers.Intern(key);
  if (static_cast<size_t>(id) == customer_shop.size()) customer_shop.push_back(shop);
  return id;
}

std::string_view Dataset::CustomerIdOf(Id customer) const {
  std::string_view key = customers.Get(customer);
  return key.substr(key.find('\x1F') + 1);
}

}  // namespace csperf::metrics
