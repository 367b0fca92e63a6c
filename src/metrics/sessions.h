// Chats cut into sessions and waits (metrics.md, "Chat: sessions and waits"). Every chat,
// conversion and satisfaction figure is read off this one pass over the messages.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "metrics/chats.h"
#include "metrics/context.h"

namespace csperf::metrics {

// Who serves chats and earns credit: an agent (its index in Dataset::agents), or a shop's
// unmapped accounts acting together as one more agent named after the shop.
using Actor = int32_t;
inline Actor ShopActor(Id shop) { return -2 - shop; }
inline bool IsShopActor(Actor a) { return a <= -2; }
inline Id ShopOfActor(Actor a) { return -2 - a; }

struct AgentLine {
  Instant at;
  Actor actor;
};

struct Wait {
  Instant opened;
  Instant closed;   // when answered
  int64_t seconds;  // the response time (in service hours when they are set)
  Actor actor;      // who closed it, or who is charged with it when unanswered
  bool answered;
  bool first;   // the session's first wait
  bool within;  // answered within fast_response
};

struct Session {
  Id shop;
  Id customer;
  Id conversation;  // kNone for sessions cut by the gap
  Instant first_at;
  Instant last_at;
  uint32_t first_message;  // index of its first message: ties in time go by input order
  bool customer_opened;
  bool in_period;  // its first message lies in the period
  int32_t customer_messages;
  uint32_t lines_begin, lines_end;  // its agents' messages in Sessions::lines, in time order
  uint32_t waits_begin, waits_end;  // its waits in Sessions::waits

  bool served() const { return lines_end > lines_begin; }
  bool inquiry() const { return customer_opened && served(); }
};

struct Sessions {
  std::vector<Session> sessions;  // grouped by customer, in time order within a customer
  std::vector<AgentLine> lines;
  std::vector<Wait> waits;
};

// One session built a message at a time, in time order then input order: the rules of
// waits, first responses and charges live here once. Lines and waits are appended to the
// vectors given at Begin; the Session's ranges index them.
class SessionBuilder {
 public:
  // `shop`: the settings of the session's shop, which outlive the builder.
  void Begin(const Context& c, const ShopSettings& shop, Id shop_id, Id customer, Id conversation,
             Instant at, uint32_t index, bool customer_first, std::vector<AgentLine>* lines,
             std::vector<Wait>* waits);
  // Whether the next customer message would be charged, if never answered, to the account
  // it was routed to: only then need its caller find that account's actor.
  bool NeedsRouted() const { return !wait_open_ && last_speaker_ == kNone; }
  // A customer's message; `routed` is the actor of the account it was routed to, or the
  // shop's when it names none (anything when NeedsRouted() is false).
  void AddCustomer(Instant at, Actor routed) {
    s_.last_at = at;
    ++s_.customer_messages;
    if (wait_open_) return;  // customer messages while a wait is open do not change it
    wait_open_ = true;
    opened_ = at;
    // Charged, if never answered, to the last agent who spoke before the wait opened; else
    // to the agent the customer was routed to; else to the shop.
    charge_ = last_speaker_ != kNone ? last_speaker_ : routed;
  }
  void AddAgent(Instant at, Actor actor) {
    s_.last_at = at;
    lines_->push_back({at, actor});
    if (wait_open_) CloseWait(at, actor);
    last_speaker_ = actor;
  }
  // Closes the session at its last message: a wait still open is unanswered.
  Session End();

  const Session& session() const { return s_; }
  Instant last_at() const { return s_.last_at; }

 private:
  void CloseWait(Instant at, Actor actor);

  const Context* c_ = nullptr;
  const ShopSettings* shop_ = nullptr;
  std::vector<AgentLine>* lines_ = nullptr;
  std::vector<Wait>* waits_ = nullptr;
  Session s_{};
  bool wait_open_ = false;
  bool first_wait_ = true;
  Instant opened_ = 0;
  Actor last_speaker_ = kNone;  // the last agent who sent a message, kNone before any
  Actor charge_ = kNone;        // who an unanswered wait is charged to
};

// How a cutter reads ids: the agent owning each account id (kNone, or past the end: the
// shop's unmapped accounts), and the settings of each shop id.
struct CutTerms {
  std::span<const Id> account_owner;
  std::span<const ShopSettings* const> shop_settings;
};

// Cuts one customer's chat messages into sessions (metrics.md's rules): those without a
// conversation id by the gap, then one per conversation id in ascending id. Sessions, lines
// and waits are appended to `out`.
class CustomerCutter {
 public:
  CustomerCutter(const Context& c, CutTerms terms, Sessions* out);
  // `chat`: the customer's chat messages in input order (sorted here by time; equal times
  // keep input order). A session's first_message is its first message's place in input order.
  void Cut(const CustomerChat& chat);

 private:
  void AddConversations();
  // `order`: one session's messages (positions in chat_), in time order then input order.
  void Add(std::span<const uint32_t> order, Id conversation);
  Actor ActorOf(Id account) const;

  const Context& c_;
  CutTerms terms_;
  Sessions* out_;
  SessionBuilder builder_;
  const CustomerChat* chat_ = nullptr;
  const ShopSettings* settings_ = nullptr;
  std::vector<uint32_t> order_;      // reused: the chat's positions in time order
  std::vector<uint32_t> plain_;      // reused: the messages of the session being cut by the gap
  std::vector<uint32_t> conversed_;  // reused: the customer's messages with a conversation id
};

// Takes the sessions cut from the chats, a customer at a time.
class SessionSink {
 public:
  virtual ~SessionSink() = default;
  // One customer's sessions: `s` holds that customer's only, with its lines and waits.
  virtual void Take(const CustomerChat& chat, const Sessions& s) = 0;
};

// Cuts every customer of c.data.chats on every core: the customers are split into `ranges`
// contiguous ranges of about as many messages each (0: a few per core), each range's
// sessions handed, customer by customer in order, to sink_of(range).
void CutChats(const Context& c, size_t ranges, const std::function<SessionSink*(size_t)>& sink_of);
// How many ranges CutChats makes of c.data.chats when asked for 0.
size_t CutRanges(const Context& c);

// Seconds between two instants as the rules count them: wall-clock seconds, or only those
// inside the shop's service hours when it has them. Never more than `to - from`, and
// growing with `to`: a session idle past its gap at some instant stays so.
int64_t Span(const Context& c, const ShopSettings& shop, Instant from, Instant to);

// Every session of c.data.chats, grouped by customer in the order of their ids, in time order
// within a customer. `ranges` as CutChats takes them: the result does not depend on it.
Sessions BuildSessions(const Context& c, size_t ranges = 0);

// The actor of an account on a message of `shop`: its agent, or the shop's unmapped accounts.
Actor ActorOfAccount(const Dataset& data, Id account, Id shop);

}  // namespace csperf::metrics
