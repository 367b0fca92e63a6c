#include "metrics/dataset.h"

#include <algorithm>

#include "metrics/agent_lookup.h"

namespace csperf::metrics {

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
