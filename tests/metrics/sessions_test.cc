// Sessions cut in ranges of customers on every core (metrics.md, "Chat: sessions and waits"):
// the result is the same whatever the number of ranges, down to the order and the index
// fields.
#include "metrics/sessions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

#include "core/period.h"
#include "core/settings.h"
#include "core/time_zone.h"

namespace csperf::metrics {
namespace {

auto Fields(const Session& s) {
  return std::tuple(s.shop, s.customer, s.conversation, s.first_at, s.last_at, s.first_message,
                    s.customer_opened, s.in_period, s.customer_messages, s.lines_begin, s.lines_end,
                    s.waits_begin, s.waits_end);
}
auto Fields(const AgentLine& l) { return std::tuple(l.at, l.actor); }
auto Fields(const Wait& w) {
  return std::tuple(w.opened, w.closed, w.seconds, w.actor, w.answered, w.first, w.within);
}

template <class T>
void ExpectSameColumn(const std::vector<T>& expected, const std::vector<T>& actual,
                      const char* column) {
  ASSERT_EQ(expected.size(), actual.size()) << column;
  for (size_t i = 0; i < expected.size(); ++i)
    ASSERT_EQ(Fields(expected[i]), Fields(actual[i])) << column << " " << i;
}

void ExpectSameSessions(const Sessions& expected, const Sessions& actual) {
  ExpectSameColumn(expected.sessions, actual.sessions, "session");
  ExpectSameColumn(expected.lines, actual.lines, "line");
  ExpectSameColumn(expected.waits, actual.waits, "wait");
}

template <class T, class Pred>
ptrdiff_t Count(const std::vector<T>& column, Pred pred) {
  return std::count_if(column.begin(), column.end(), pred);
}

// A dataset with its settings, zone and period: what a Context reads.
class SessionsTest : public ::testing::Test {
 protected:
  SessionsTest()
      : settings_(DefaultSettings()),
        zone_(TimeZone::FixedOffset(8 * 3600)),
        period_(*ParsePeriod("2024-01")) {}

  Context MakeContext() {
    data_.chats = Chats::FromMessages(messages_, data_.customers.size());
    data_.IndexAgents();
    return Context{data_, settings_, *zone_, period_, period_.begin(*zone_), period_.end(*zone_)};
  }

  // An instant of January 2024 (UTC+8): day, then seconds into the day.
  Instant At(int day, int64_t seconds) const {
    return zone_->FromLocal(CivilTime{CivilDate{2024, 1, day}, 0, 0, 0}) + seconds;
  }
  static int64_t Clock(int hour, int minute, int second = 0) {
    return hour * 3600 + minute * 60 + second;
  }

  Id AddAgent(const std::string& id, const std::string& account) {
    Agent a;
    a.id = id;
    a.accounts = {account};
    data_.agents.push_back(a);
    return static_cast<Id>(data_.agents.size() - 1);
  }

  void AddMessage(Instant at, Id customer, Sender sender, const std::string& account = "",
                  const std::string& conversation = "") {
    messages_.push_back({at, customer, account.empty() ? kNone : data_.accounts.Intern(account),
                         conversation.empty() ? kNone : data_.conversations.Intern(conversation),
                         sender});
  }

  std::vector<Message> messages_;  // in input order
  Dataset data_;
  Settings settings_;
  std::shared_ptr<const TimeZone> zone_;
  Period period_;
};

// Two ranges: the split by messages puts c0 (5 chat messages of 11) in the first range and
// c1, c2 in the second, whose indices into lines and waits shift past c0's; three ranges
// give each customer a range of its own.
TEST_F(SessionsTest, TwoRangesJoinInCustomerOrder) {
  const Id s = data_.shops.Intern("S");
  const Id t = data_.shops.Intern("T");
  const Id c0 = data_.CustomerOf(s, "c0");
  const Id c1 = data_.CustomerOf(s, "c1");
  const Id c2 = data_.CustomerOf(t, "c2");
  const Id a0 = AddAgent("A0", "S:a");
  const int day = 10;
  AddMessage(At(day, Clock(10, 0)), c0, Sender::kCustomer);              // 0
  AddMessage(At(day, Clock(10, 0)), c1, Sender::kCustomer, "", "K");     // 1
  AddMessage(At(day, Clock(10, 1)), c0, Sender::kAgent, "S:a");          // 2
  AddMessage(At(day, Clock(10, 1)), c0, Sender::kBot, "S:bot");          // 3
  AddMessage(At(day, Clock(10, 40)), c0, Sender::kCustomer);             // 4: 39 min gap
  AddMessage(At(day, Clock(10, 41)), c0, Sender::kCustomer);             // 5
  AddMessage(At(day, Clock(10, 5)), c1, Sender::kAgent, "S:temp", "K");  // 6: unmapped
  AddMessage(At(day, Clock(9, 0)), c2, Sender::kAgent, "T:x");           // 7: unmapped
  AddMessage(At(day, Clock(9, 0)), c2, Sender::kCustomer);               // 8: same second
  AddMessage(At(day, Clock(9, 30)), c1, Sender::kCustomer, "S:a");       // 9: routed
  AddMessage(At(day, Clock(9, 31)), c1, Sender::kSystem);                // 10
  AddMessage(At(day, Clock(8, 0)), c1, Sender::kCustomer, "", "J");      // 11: id after K's
  AddMessage(At(day, Clock(10, 42)), c0, Sender::kAgent, "S:a");         // 12
  const Context c = MakeContext();
  const Id k = data_.conversations.Find("K");
  const Id j = data_.conversations.Find("J");
  const Actor shop_s = ShopActor(s);
  const Actor shop_t = ShopActor(t);

  const Sessions two = BuildSessions(c, 2);
  // c0: 10:00 → 10:01 answered by A0 in 60 s; then, past the gap, a wait from 10:40 that A0
  // closes at 10:42 (120 s: within 180 s).
  // c1: its message without a conversation id first (routed to S:a, so charged to A0), then
  // by conversation id, not by time: K, answered after 300 s by the unmapped S:temp acting
  // for shop S; then J, earlier in time but later in id, unanswered and charged to the shop.
  // c2: opened by T's unmapped account; the customer's line in the same second comes later
  // in the input, so it opens a wait that is never answered, charged to the last speaker.
  // A session's first message is its place among the chat messages (the bot's, 3, and the
  // system's, 10, count nowhere): 0 1 2 _ 3 4 5 6 7 8 _ 9 10.
  const std::vector<Session> sessions = {
      {s, c0, kNone, At(day, Clock(10, 0)), At(day, Clock(10, 1)), 0, true, true, 1, 0, 1, 0, 1},
      {s, c0, kNone, At(day, Clock(10, 40)), At(day, Clock(10, 42)), 3, true, true, 2, 1, 2, 1, 2},
      {s, c1, kNone, At(day, Clock(9, 30)), At(day, Clock(9, 30)), 8, true, true, 1, 2, 2, 2, 3},
      {s, c1, k, At(day, Clock(10, 0)), At(day, Clock(10, 5)), 1, true, true, 1, 2, 3, 3, 4},
      {s, c1, j, At(day, Clock(8, 0)), At(day, Clock(8, 0)), 9, true, true, 1, 3, 3, 4, 5},
      {t, c2, kNone, At(day, Clock(9, 0)), At(day, Clock(9, 0)), 6, false, true, 1, 3, 4, 5, 6},
  };
  const std::vector<AgentLine> lines = {{At(day, Clock(10, 1)), a0},
                                        {At(day, Clock(10, 42)), a0},
                                        {At(day, Clock(10, 5)), shop_s},
                                        {At(day, Clock(9, 0)), shop_t}};
  const std::vector<Wait> waits = {
      {At(day, Clock(10, 0)), At(day, Clock(10, 1)), 60, a0, true, true, true},
      {At(day, Clock(10, 40)), At(day, Clock(10, 42)), 120, a0, true, true, true},
      {At(day, Clock(9, 30)), 0, 0, a0, false, true, false},
      {At(day, Clock(10, 0)), At(day, Clock(10, 5)), 300, shop_s, true, true, false},
      {At(day, Clock(8, 0)), 0, 0, shop_s, false, true, false},
      {At(day, Clock(9, 0)), 0, 0, shop_t, false, true, false},
  };
  ExpectSameSessions({sessions, lines, waits}, two);
  ExpectSameSessions(two, BuildSessions(c, 3));
  // One thread, and more threads than customers (empty ranges), give the same.
  ExpectSameSessions(two, BuildSessions(c, 1));
  ExpectSameSessions(two, BuildSessions(c, 8));
}

// "S3", "c17": a prefix and a number.
std::string Name(const char* prefix, int n) {
  std::string name(prefix);
  name += std::to_string(n);
  return name;
}

// A deterministic generator of uneven numbers in [0, n).
class Lcg {
 public:
  explicit Lcg(uint64_t seed) : state_(seed) {}
  uint32_t Below(uint32_t n) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>((state_ >> 33) % n);
  }

 private:
  uint64_t state_;
};

// Hundreds of customers in four shops, with every kind of message the rules tell apart: the
// cut must not depend on where the ranges of customers begin and end.
TEST_F(SessionsTest, ManyCustomersGiveTheSameSessionsInOneTwoOrThreeRanges) {
  // S1 counts only its service hours; S2 has a short gap and a strict fast_response.
  settings_.shops["S1"].service_hours = ServiceHours{8 * 3600, 22 * 3600};
  settings_.shops["S2"].session_gap_s = 10 * 60;
  settings_.shops["S2"].fast_response_s = 60;
  Lcg rng(20240110);
  const int kShops = 4;
  for (int shop = 0; shop < kShops; ++shop) data_.shops.Intern(Name("S", shop));
  for (int a = 0; a < 6; ++a) AddAgent(Name("A", a), Name("S", a % 4) + ":a");
  for (int k = 0; k < 40; ++k) data_.conversations.Intern(Name("K", k));

  // Each customer's messages, mostly in time order, then shuffled together into one input.
  std::vector<std::vector<Message>> per_customer;
  for (int n = 0; n < 320; ++n) {
    const Id shop = static_cast<Id>(rng.Below(kShops));
    // The same customer id at two shops is two customers.
    const Id customer = data_.CustomerOf(shop, Name("c", n % 290));
    const std::string prefix = Name("S", shop) + ":";
    std::vector<Message>& messages = per_customer.emplace_back();
    const uint32_t count = rng.Below(8) == 0 ? 0 : rng.Below(rng.Below(4) == 0 ? 120 : 25);
    Instant at = At(1, 0) - 3600 * 6 + rng.Below(31 * 86400);  // from late December on
    for (uint32_t m = 0; m < count; ++m) {
      // Equal times, seconds, minutes, past the gaps, past a night.
      const uint32_t step = rng.Below(10);
      at += step < 2   ? 0
            : step < 5 ? rng.Below(60)
            : step < 8 ? rng.Below(900)
            : step < 9 ? 3600
                       : 40000;
      const uint32_t who = rng.Below(10);
      const Sender sender = who < 5   ? Sender::kCustomer
                            : who < 8 ? Sender::kAgent
                            : who < 9 ? Sender::kBot
                                      : Sender::kSystem;
      std::string account;
      if (sender == Sender::kAgent) account = prefix + (rng.Below(4) == 0 ? "temp" : "a");
      if (sender == Sender::kCustomer && rng.Below(3) == 0) account = prefix + "a";
      if (sender == Sender::kBot) account = prefix + "bot";
      // A third carry one of three conversation ids, whose order is not their time order.
      const Id conversation =
          rng.Below(3) == 0 ? static_cast<Id>(rng.Below(3) + customer % 30) : kNone;
      messages.push_back({at, customer, account.empty() ? kNone : data_.accounts.Intern(account),
                          conversation, sender});
    }
    // Now and then two messages out of time order in the input.
    for (size_t m = 1; m < messages.size(); ++m)
      if (rng.Below(12) == 0) std::swap(messages[m - 1], messages[m]);
  }
  // The input takes the next message of a customer picked at random.
  std::vector<size_t> open(per_customer.size());
  std::iota(open.begin(), open.end(), 0);
  std::vector<size_t> next(per_customer.size(), 0);
  while (!open.empty()) {
    const size_t pick = rng.Below(static_cast<uint32_t>(open.size()));
    const size_t i = open[pick];
    if (next[i] < per_customer[i].size()) {
      messages_.push_back(per_customer[i][next[i]++]);
    } else {
      open.erase(open.begin() + static_cast<ptrdiff_t>(pick));
    }
  }
  const Context c = MakeContext();

  const Sessions one = BuildSessions(c, 1);
  // The data reach every case a split could disturb.
  ASSERT_GT(data_.customers.size(), 250u);
  EXPECT_GT(Count(one.sessions, [](const Session& s) { return s.conversation != kNone; }), 50);
  EXPECT_GT(Count(one.sessions, [](const Session& s) { return s.conversation == kNone; }), 50);
  EXPECT_GT(Count(one.sessions, [](const Session& s) { return !s.in_period; }), 5);
  EXPECT_GT(Count(one.sessions, [](const Session& s) { return !s.customer_opened; }), 20);
  EXPECT_GT(Count(one.waits, [](const Wait& w) { return !w.answered; }), 20);
  EXPECT_GT(Count(one.lines, [](const AgentLine& l) { return IsShopActor(l.actor); }), 20);

  ExpectSameSessions(one, BuildSessions(c, 2));
  ExpectSameSessions(one, BuildSessions(c, 3));
  ExpectSameSessions(one, BuildSessions(c));
}

}  // namespace
}  // namespace csperf::metrics
