// The records the metrics engine reads, in typed form, in input order. Filled from the store
// (`--db`) or straight from CSV files (`--data`); both fill it identically, so every report
// is the same whichever way the records came. Strings that repeat millions of times (shops,
// customers, accounts, conversation ids) are interned to small integers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/civil_time.h"
#include "core/money.h"
#include "core/problem.h"
#include "core/string_pool.h"
#include "core/text.h"
#include "domain/qa_form.h"
#include "metrics/chats.h"

namespace csperf::metrics {

struct Agent {
  std::string id;
  std::string name;
  std::string team;
  std::string role;      // agent / manager / admin
  std::string position;  // presales / aftersales / supervisor, or empty
  std::string manager_id;
  std::vector<std::string> accounts;
  std::optional<CivilDate> hire_date;
  std::optional<CivilDate> leave_date;
  bool probation = false;
  std::optional<Cents> base_bonus;
};

struct Order {
  std::string order_id;
  Id shop;
  Id customer;
  Instant created_at;
  std::optional<Instant> paid_at;
  Cents amount;
  bool refunded;
  Id account;  // shown beside the credit, never used for it
};

struct Rating {
  Instant rated_at;
  int score;
  Id account;
  Id conversation;
  std::string customer_id;  // as written; may be empty
  Id shop;                  // kNone when empty
  bool is_void;
};

struct Case {
  std::string case_id;
  std::string type;
  Id account;
  Instant opened_at;
  std::optional<Instant> closed_at;
  Id shop;
};

struct CaseEvent {
  std::string case_id;
  std::string step;
  Instant at;
};

struct Followup {
  std::string followup_id;
  std::string agent_id;
  std::string customer_id;
  Instant due_at;
  CivilDate due_date;  // the period it belongs to: the local date of due_at, or the date written
  std::optional<Instant> done_at;
  std::optional<int> quality;
  Id agent = kNone;  // agent_id's index into Dataset::agents (Dataset::IndexAgents)
};

struct Assessment {
  std::string agent_id;
  CivilDate date;
  std::string dimension;
  std::string source;
  Micros score;
  Micros max_score;
  bool is_void;
};

struct QaItem {
  std::string review_id;
  std::string agent_id;
  CivilDate date;
  std::string form;
  std::string item;
  std::optional<Micros> result;  // empty: not applicable
};

struct Incident {
  std::string incident_id;
  std::string agent_id;
  Instant occurred_at;
  std::string kind;
  std::string severity;
  Cents loss_amount;
  bool recovered;
  bool is_void;
};

struct Shift {
  std::string agent_id;
  CivilDate date;
  Instant scheduled_start;
  Instant scheduled_end;
  std::optional<Instant> clock_in;
  std::optional<Instant> clock_out;
  std::string status;  // present / leave / absent
};

struct WorkRecord {
  std::string manager_id;
  std::string agent_id;
  CivilDate date;
  std::string kind;  // observation / coaching / feedback
};

struct Dataset {
  std::vector<Agent> agents;  // in input order
  StringPool shops;
  StringPool customers;
  std::vector<Id> customer_shop;  // per customer: its shop
  StringPool accounts;
  StringPool conversations;
  Chats chats;  // the chat messages, each customer's found again
  std::vector<Order> orders;
  std::vector<Rating> ratings;
  std::vector<Case> cases;
  std::vector<CaseEvent> case_events;
  std::vector<Followup> followups;
  std::vector<Assessment> assessments;
  std::vector<QaItem> qa_items;
  std::vector<Incident> incidents;
  std::vector<Shift> shifts;
  std::vector<WorkRecord> work_records;
  std::map<std::string, QaForm> qa_forms;

  // The agent owning each account (index into agents), or kNone for an unmapped account.
  std::vector<Id> account_owner;
  // Appends every record of `part` but agents, messages and orders, its pooled strings
  // (ratings' and cases' accounts, conversations and shops) interned here after this
  // Dataset's own.
  void AppendRecords(Dataset&& part);
  // Fills account_owner and each follow-up's agent (the report reads them once per group:
  // resolved here, an id is looked up once, not once per row of the report); call after
  // loading.
  void IndexAgents();
  Id AgentIndex(const std::string& agent_id) const;
  // The agent a command's --agent names, or the problem to show when the agents file has
  // none of that id.
  Result<Id> FindAgent(const std::string& agent_id) const;
  Id CustomerOf(Id shop, std::string_view customer_id);
  Id CustomerOf(Id shop, std::string_view customer_id, std::string* scratch);
  Id ShopOf(Id customer) const { return customer_shop[static_cast<size_t>(customer)]; }
  std::string_view CustomerIdOf(Id customer) const;  // the customer_id part
};

}  // namespace csperf::metrics
