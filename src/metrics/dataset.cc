#include "metrics/dataset.h"

namespace csperf::metrics {

Id StringPool::Intern(std::string_view s) {
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  const Id id = static_cast<Id>(strings_.size());
  strings_.emplace_back(s);
  index_.emplace(strings_.back(), id);
  return id;
}

Id StringPool::Find(std::string_view s) const {
  auto it = index_.find(s);
  return it == index_.end() ? kNone : it->second;
}

void Dataset::IndexAccounts() {
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
}

Id Dataset::AgentIndex(const std::string& agent_id) const {
  for (size_t a = 0; a < agents.size(); ++a) {
    if (agents[a].id == agent_id) return static_cast<Id>(a);
  }
  return kNone;
}

Id Dataset::CustomerOf(Id shop, std::string_view customer_id) {
  std::string key = shops.Get(shop);
  key += '\x1F';
  key += customer_id;
  return customers.Intern(key);
}

std::string_view Dataset::CustomerIdOf(Id customer) const {
  std::string_view key = customers.Get(customer);
  return key.substr(key.find('\x1F') + 1);
}

}  // namespace csperf::metrics
