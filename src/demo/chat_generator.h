// The month's chats and what follows from them: sessions with a daily and weekly rhythm and
// a spike day, orders, ratings, and the cases after-sales chats open.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "demo/after_sales.h"
#include "demo/context.h"

namespace csperf::demo {

class ChatGenerator {
 public:
  ChatGenerator(DemoContext& context, AfterSales& after_sales);
  void Run();

  int64_t messages() const { return messages_; }
  int64_t sessions() const { return sessions_; }
  int64_t orders() const { return next_order_ - 1; }

 private:
  enum class Sender { kCustomer, kAgent, kBot, kSystem };
  struct Message {
    Instant at;
    Sender sender;
    DemoAgent* agent;     // for agent messages; null for the unmapped account
    std::string account;  // agent's account, or the routed account on customer rows
    std::string_view content;
  };
  struct Session {
    std::string shop;
    std::string customer;
    std::string conversation_id;
    std::vector<Message> messages;
  };
  enum class Plan { kNormal, kUnanswered, kLateReply, kTransfer, kNoAgent, kUnmapped };

  void GenerateDay(const CivilDate& day, int64_t sessions_today);
  void OneSession(Instant start);
  Instant Converse(Session& s, Instant t, DemoAgent* agent, const std::string& account, int rounds,
                   bool customer_first);
  void Emit(const Session& s);
  void Account(const Session& s, bool period_counts);
  void FollowUpSession(Session& s, DemoAgent* agent, bool after_sales);
  void MaybeOrder(const Session& s, DemoAgent* agent);
  void MaybeRating(const Session& s);
  void SilentOrder(Instant at);
  void WriteOrder(const std::string& shop, const std::string& customer, Instant created,
                  DemoAgent* credited);
  DemoAgent& PickAgent(const std::string& position, const CivilDate& day, bool routed);
  std::string NewCustomer(Instant at, bool* returning);
  Instant Delay(DemoAgent* agent);

  DemoContext& c_;
  AfterSales& after_sales_;
  int64_t messages_ = 0;
  int64_t sessions_ = 0;
  int64_t next_order_ = 1;
  int64_t next_customer_ = 1;
  int64_t next_conversation_ = 1;
  int64_t silent_customer_ = 1;
  // Customers who may come back, with the earliest time they may: far enough after their
  // last chat that their chats never merge and never compete for one order's credit.
  struct Returning {
    std::string customer;
    std::string shop;
    Instant not_before;
  };
  std::deque<Returning> returning_;
};

}  // namespace csperf::demo
