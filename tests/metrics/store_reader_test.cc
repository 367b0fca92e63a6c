// Reading a store into a Dataset (store_reader.h): the same on every store, and the same
// whether the messages are read in one range of input order or in several joined in order.
// Strings are numbered in order of first appearance (messages, then orders, then the rest),
// each customer's messages listed in input order.
#include "metrics/store_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/settings.h"
#include "import/importer.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf::metrics {
namespace {

using csperf::testing::Backend;

const char kAgents[] =
    "agent_id,name,team,manager_id,accounts\n"
    "A2,乙,T1,M1,店:a2\n"
    "A1,甲,T1,M1,店:a1;二店:a3\n";

// Three customers, their rows interleaved: 店/c2 (customer 0), 店/c1 (1), 二店/c1 (2).
// Accounts first met: 店:a1 (row 3), 店:a2 (row 4), 二店:a3 (row 8); the conversation K
// (row 4). The bot's row counts in no chat.
const char kMessages[] =
    "shop,customer_id,sender,sent_at,account,conversation_id,message_id,content\n"
    "店,c2,customer,2024-01-10 10:00:00,,,,q\n"           // 1: customer 0
    "店,c2,customer,2024-01-10 10:00:05,,,,q2\n"          // 2
    "店,c1,customer,2024-01-10 10:00:10,店:a1,,,q\n"      // 3: customer 1, routed to a1
    "店,c2,agent,2024-01-10 10:00:20,店:a2,K,,a\n"        // 4
    "二店,c1,customer,2024-01-10 10:00:30,,,,q\n"         // 5: customer 2
    "店,c1,bot,2024-01-10 10:00:31,店:bot,,,auto\n"       // 6: a bot: no chat message
    "店,c1,agent,2024-01-10 10:00:40,店:a1,,,a\n"         // 7
    "二店,c1,agent,2024-01-10 10:01:00,二店:a3,,m-8,a\n"  // 8
    "店,c2,customer,2024-01-10 10:02:00,,K,,q3\n";        // 9

// An order of a known customer, one of a new shop and customer, one with a new account.
const char kOrders[] =
    "order_id,shop,customer_id,created_at,paid_at,amount,status,account\n"
    "O1,店,c1,2024-01-10 10:30:00,2024-01-10 10:31:00,12.50,paid,店:a1\n"
    "O2,三店,c7,2024-01-11 09:00:00,,8,退款成功,\n"
    "O3,店,c2,2024-01-11 09:00:00,,1.00,paid,店:a9\n";

const char kRatings[] =
    "rated_at,score,account,shop\n"
    "2024-01-10 11:00:00,5,店:a1,店\n"
    "2024-01-10 12:00:00,非常不满意,四店:x,四店\n";

// 2024-01-10 10:00:00 +08:00 = 2024-01-10 02:00:00Z: date -ud "2024-01-10 02:00:00" +%s.
constexpr Instant kTen = 1704852000;

// A chat message as the Dataset holds it: time, account, conversation, sender.
using ChatRow = std::tuple<Instant, Id, Id, int>;
// Each customer's chat messages, in the order the Dataset lists them.
std::vector<std::vector<ChatRow>> CustomerChats(const Dataset& d) {
  std::vector<std::vector<ChatRow>> out;
  std::vector<ChatMessage> scratch;
  for (size_t c = 0; c < d.chats.customers(); ++c) {
    const CustomerChat chat = d.chats.Gather(c, &scratch);
    EXPECT_EQ(chat.customer, static_cast<Id>(c));
    auto& rows = out.emplace_back();
    for (const ChatMessage& m : chat.messages)
      rows.emplace_back(m.at, m.account(), m.conversation, static_cast<int>(m.sender()));
  }
  return out;
}

// Every chat message in input order (by position): its customer and time.
std::vector<std::pair<Id, Instant>> InputOrder(const Dataset& d) {
  std::vector<std::tuple<uint32_t, Id, Instant>> placed;
  std::vector<ChatMessage> scratch;
  for (size_t c = 0; c < d.chats.customers(); ++c) {
    const CustomerChat chat = d.chats.Gather(c, &scratch);
    for (size_t i = 0; i < chat.messages.size(); ++i)
      placed.emplace_back(chat.index[i], static_cast<Id>(c), chat.messages[i].at);
  }
  std::sort(placed.begin(), placed.end());
  std::vector<std::pair<Id, Instant>> out;
  for (const auto& [position, customer, at] : placed) out.emplace_back(customer, at);
  return out;
}

std::vector<std::string> Strings(const StringPool& pool) {
  std::vector<std::string> out;
  for (size_t i = 0; i < pool.size(); ++i) out.emplace_back(pool.Get(static_cast<Id>(i)));
  return out;
}

using AgentRow =
    std::tuple<std::string, std::string, std::string, std::string, std::vector<std::string>>;
std::vector<AgentRow> Agents(const Dataset& d) {
  std::vector<AgentRow> out;
  for (const Agent& a : d.agents) out.emplace_back(a.id, a.name, a.team, a.manager_id, a.accounts);
  return out;
}

using OrderRow = std::tuple<std::string, Id, Id, Instant, std::optional<Instant>, Cents, bool, Id>;
std::vector<OrderRow> Orders(const Dataset& d) {
  std::vector<OrderRow> out;
  for (const Order& o : d.orders) {
    out.emplace_back(o.order_id, o.shop, o.customer, o.created_at, o.paid_at, o.amount, o.refunded,
                     o.account);
  }
  return out;
}

using RatingRow = std::tuple<Instant, int, Id, Id, Id>;
std::vector<RatingRow> Ratings(const Dataset& d) {
  std::vector<RatingRow> out;
  for (const Rating& r : d.ratings)
    out.emplace_back(r.rated_at, r.score, r.account, r.conversation, r.shop);
  return out;
}

void ExpectSameDataset(const Dataset& a, const Dataset& b) {
  EXPECT_EQ(Agents(a), Agents(b));
  EXPECT_EQ(Strings(a.shops), Strings(b.shops));
  EXPECT_EQ(Strings(a.customers), Strings(b.customers));
  EXPECT_EQ(a.customer_shop, b.customer_shop);
  EXPECT_EQ(Strings(a.accounts), Strings(b.accounts));
  EXPECT_EQ(Strings(a.conversations), Strings(b.conversations));
  EXPECT_EQ(CustomerChats(a), CustomerChats(b));
  EXPECT_EQ(InputOrder(a), InputOrder(b));
  EXPECT_EQ(Orders(a), Orders(b));
  EXPECT_EQ(Ratings(a), Ratings(b));
}

class StoreReaderTest : public ::testing::TestWithParam<Backend> {
 protected:
  StoreReaderTest() : clock_(1735689600) /* 2025-01-01T00:00:00Z */ {
    store_ = csperf::testing::MakeStore(GetParam(), dir_ / "store.db");
  }

  void Import(const std::string& messages) {
    dir_.Write("in/agents.csv", kAgents);
    dir_.Write("in/messages.csv", messages);
    dir_.Write("in/orders.csv", kOrders);
    dir_.Write("in/ratings.csv", kRatings);
    const ImportReport report = RunImport(*store_, DefaultSettings(), {dir_ / "in"},
                                          ImportOptions{}, csperf::testing::EnvAt(clock_));
    ASSERT_TRUE(report.committed) << (report.problems.empty() ? "" : report.problems[0].ToString());
  }

  Dataset Read(const StoreReadOptions& options) {
    auto zone = TimeZone::Load(DefaultSettings().timezone);
    EXPECT_TRUE(zone.ok());
    Dataset d;
    ReadStoreInto(*store_, **zone, options, &d);
    return d;
  }

  csperf::testing::ScratchDir dir_;
  FixedClock clock_;
  std::unique_ptr<Store> store_;
};

// One range: min_rows_per_range far above the store's 9 messages.
const StoreReadOptions kOneRange{1, 1 << 20};

TEST_P(StoreReaderTest, ThreeCustomersNumberedInOrderOfFirstAppearance) {
  Import(kMessages);
  const Dataset d = Read(kOneRange);
  EXPECT_EQ(Agents(d), (std::vector<AgentRow>{{"A2", "乙", "T1", "M1", {"店:a2"}},
                                              {"A1", "甲", "T1", "M1", {"店:a1", "二店:a3"}}}));
  // Shops: 店, 二店 from the messages, 三店 from the orders, 四店 from the ratings.
  EXPECT_EQ(Strings(d.shops), (std::vector<std::string>{"店", "二店", "三店", "四店"}));
  // Customers: the messages' three in order of first appearance, then the orders' new one.
  EXPECT_EQ(Strings(d.customers), (std::vector<std::string>{"店\x1F"
                                                            "c2",
                                                            "店\x1F"
                                                            "c1",
                                                            "二店\x1F"
                                                            "c1",
                                                            "三店\x1F"
                                                            "c7"}));
  EXPECT_EQ(d.customer_shop, (std::vector<Id>{0, 0, 1, 2}));
  EXPECT_EQ(d.CustomerIdOf(2), "c1");
  EXPECT_EQ(d.ShopOf(2), 1);
  // Accounts: the messages' (店:a1, 店:a2, 二店:a3; the bot's counts in no chat and is not
  // kept), then the orders' new 店:a9, then the ratings' 四店:x.
  EXPECT_EQ(Strings(d.accounts),
            (std::vector<std::string>{"店:a1", "店:a2", "二店:a3", "店:a9", "四店:x"}));
  const Id a1 = 0, a2 = 1, a3 = 2, a9 = 3, x = 4;
  EXPECT_EQ(Strings(d.conversations), (std::vector<std::string>{"K"}));

  // Each customer's chat messages in input order (rows 1, 2, 4, 9; 3, 7; 5, 8), the bot's
  // left out. Times: 10:00:00 + the seconds.
  const int customer = static_cast<int>(Sender::kCustomer);
  const int agent = static_cast<int>(Sender::kAgent);
  EXPECT_EQ(d.chats.customers(), 3u);
  EXPECT_EQ(d.chats.messages(), 8u);
  EXPECT_EQ(CustomerChats(d),
            (std::vector<std::vector<ChatRow>>{
                {{kTen, kNone, kNone, customer},
                 {kTen + 5, kNone, kNone, customer},
                 {kTen + 20, a2, 0, agent},
                 {kTen + 120, kNone, 0, customer}},
                {{kTen + 10, a1, kNone, customer}, {kTen + 40, a1, kNone, agent}},
                {{kTen + 30, kNone, kNone, customer}, {kTen + 60, a3, kNone, agent}}}));
  // Across customers, the input order of the rows: 1 2 3 4 5 (6 is the bot's) 7 8 9.
  EXPECT_EQ(InputOrder(d), (std::vector<std::pair<Id, Instant>>{{0, kTen},
                                                                {0, kTen + 5},
                                                                {1, kTen + 10},
                                                                {0, kTen + 20},
                                                                {2, kTen + 30},
                                                                {1, kTen + 40},
                                                                {2, kTen + 60},
                                                                {0, kTen + 120}}));

  // Orders in input order: 12.50 = 1250 cents, paid a minute later; 8 = 800 cents, 退款成功
  // is refunded; 1.00 = 100 cents. 2024-01-11 09:00:00 +08 = kTen + 86400 - 3600.
  EXPECT_EQ(Orders(d),
            (std::vector<OrderRow>{{"O1", 0, 1, kTen + 1800, kTen + 1860, 1250, false, a1},
                                   {"O2", 2, 3, kTen + 82800, std::nullopt, 800, true, kNone},
                                   {"O3", 0, 0, kTen + 82800, std::nullopt, 100, false, a9}}));
  // Ratings: 5 by 店:a1 of 店; 非常不满意 = 1 by 四店:x of 四店.
  EXPECT_EQ(Ratings(d), (std::vector<RatingRow>{{kTen + 3600, 5, a1, kNone, 0},
                                                {kTen + 7200, 1, x, kNone, 3}}));
}

TEST_P(StoreReaderTest, SeveralRangesGiveTheSameDatasetAsOne) {
  Import(kMessages);
  const Dataset one = Read(kOneRange);
  // min_rows_per_range 1: the messages in up to 4 ranges a part (here one row or so each),
  // so customers' runs are cut across ranges everywhere.
  for (const StoreReadOptions& options :
       {StoreReadOptions{2, 1}, StoreReadOptions{3, 1}, StoreReadOptions{1, 1}}) {
    SCOPED_TRACE(options.parts);
    ExpectSameDataset(Read(options), one);
  }
}

TEST_P(StoreReaderTest, ACustomersLongRunAcrossRangesStaysInInputOrder) {
  // Customer c1 of 店 speaks twelve times in a row between the others' rows, so that the
  // ranges (one or two rows each) begin and end inside its run.
  std::string messages =
      "shop,customer_id,sender,sent_at,account,conversation_id,message_id,content\n"
      "店,c0,customer,2024-01-10 10:00:00,,,,q\n";
  for (int i = 0; i < 12; ++i) {
    messages += "店,c1," + std::string(i % 3 == 2 ? "agent" : "customer") +
                ",2024-01-10 10:01:" + (i < 10 ? "0" : "") + std::to_string(i) + "," +
                (i % 3 == 2 ? "店:a1" : "") + ",,,m\n";
  }
  messages += "二店,c0,customer,2024-01-10 10:02:00,,,,q\n";
  messages += "店,c0,agent,2024-01-10 10:03:00,店:a2,,,a\n";
  Import(messages);
  const Dataset one = Read(kOneRange);
  ASSERT_EQ(one.chats.customers(), 3u);
  // c1 at 10:01:00 … 10:01:11, one a second, in that order.
  const std::vector<std::vector<ChatRow>> chats = CustomerChats(one);
  ASSERT_EQ(chats[1].size(), 12u);
  for (int i = 0; i < 12; ++i) EXPECT_EQ(std::get<0>(chats[1][i]), kTen + 60 + i) << i;
  for (const StoreReadOptions& options : {StoreReadOptions{2, 1}, StoreReadOptions{3, 1}}) {
    SCOPED_TRACE(options.parts);
    ExpectSameDataset(Read(options), one);
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreReaderTest, csperf::testing::AllBackends(),
                         csperf::testing::BackendName);

}  // namespace
}  // namespace csperf::metrics
