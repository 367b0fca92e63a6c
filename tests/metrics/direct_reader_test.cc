// The direct reader (`--data` for messages and orders) must give exactly the Dataset the
// general path gives through an import: the same records, values, order and interned ids.
// Every test reads small files in many parts (a part may be one byte long) so that cuts land
// everywhere, including inside quoted fields that span lines.
#include "metrics/direct_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/settings.h"
#include "import/importer.h"
#include "metrics/loader.h"
#include "store/memory/memory_store.h"
#include "store/open_store.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf::metrics {
namespace {

using csperf::testing::ScratchDir;

constexpr const char* kMessagesHeader =
    "shop,customer_id,sender,sent_at,account,conversation_id,message_id,content\n";
constexpr const char* kOrdersHeader =
    "order_id,shop,customer_id,created_at,paid_at,amount,status,account\n";

// The general path: an import into a store in memory, then the store's loader.
Dataset ThroughImport(const std::string& dir) {
  auto store = NewMemoryStore();
  FixedClock clock(0);
  ImportReport report =
      RunImport(*store, DefaultSettings(), {dir}, ImportOptions{}, csperf::testing::EnvAt(clock));
  EXPECT_TRUE(report.committed) << (report.problems.empty() ? "" : report.problems[0].ToString());
  auto zone = TimeZone::Load(DefaultSettings().timezone);
  auto data = LoadDataset(*store, **zone);
  EXPECT_TRUE(data.ok());
  return std::move(*data);
}

bool Direct(const std::string& file, Kind kind, Dataset* d, int threads = 4) {
  auto zone = TimeZone::Load(DefaultSettings().timezone);
  return ReadDirect(file, kind, *zone, DirectReadOptions{threads, 1}, d);
}

std::vector<std::string> Strings(const StringPool& pool) {
  std::vector<std::string> out;
  for (size_t i = 0; i < pool.size(); ++i) out.emplace_back(pool.Get(static_cast<Id>(i)));
  return out;
}

// The chat messages of `d`, in input order: time, customer, account, conversation, sender.
using MessageRow = std::tuple<Instant, Id, Id, Id, int>;
std::vector<MessageRow> ChatRows(const Dataset& d) {
  std::vector<std::pair<uint32_t, MessageRow>> placed;
  std::vector<ChatMessage> scratch;
  for (size_t c = 0; c < d.chats.customers(); ++c) {
    const CustomerChat chat = d.chats.Gather(c, &scratch);
    for (size_t i = 0; i < chat.messages.size(); ++i) {
      const ChatMessage& m = chat.messages[i];
      placed.push_back(
          {chat.index[i],
           {m.at, chat.customer, m.account(), m.conversation, static_cast<int>(m.sender())}});
    }
  }
  std::sort(placed.begin(), placed.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<MessageRow> out;
  for (size_t i = 0; i < placed.size(); ++i) {
    if (i > 0) EXPECT_LT(placed[i - 1].first, placed[i].first) << "one position a message";
    out.push_back(placed[i].second);
  }
  return out;
}

using OrderRow = std::tuple<std::string, Id, Id, Instant, std::optional<Instant>, Cents, bool, Id>;
std::vector<OrderRow> Rows(const std::vector<Order>& orders) {
  std::vector<OrderRow> out;
  for (const Order& o : orders) {
    out.emplace_back(o.order_id, o.shop, o.customer, o.created_at, o.paid_at, o.amount, o.refunded,
                     o.account);
  }
  return out;
}

void ExpectSameDataset(const Dataset& direct, const Dataset& general) {
  EXPECT_EQ(Strings(direct.shops), Strings(general.shops));
  EXPECT_EQ(Strings(direct.customers), Strings(general.customers));
  EXPECT_EQ(direct.customer_shop, general.customer_shop);
  EXPECT_EQ(Strings(direct.accounts), Strings(general.accounts));
  EXPECT_EQ(Strings(direct.conversations), Strings(general.conversations));
  EXPECT_EQ(ChatRows(direct), ChatRows(general));
  EXPECT_EQ(Rows(direct.orders), Rows(general.orders));
}

class DirectReaderTest : public ::testing::Test {
 protected:
  ScratchDir dir_;
};

TEST_F(DirectReaderTest, UsualAndUnusualCellsGiveTheImportersValues) {
  std::string messages = std::string("\xEF\xBB\xBF") + kMessagesHeader;
  for (int i = 0; i < 40; ++i) {
    messages += "旗舰店,buyer" + std::to_string(i % 7) +
                ",customer,2024-01-05 10:" + (i < 10 ? "0" : "") + std::to_string(i) + ":00,,c" +
                std::to_string(i % 3) + ",,在吗\r\n";
    messages += "旗舰店,buyer" + std::to_string(i % 7) +
                ",agent,2024-01-05 10:" + (i < 10 ? "0" : "") + std::to_string(i) +
                ":30,旗舰店:小美,,,\"有的,亲\n请稍等\"\r\n";
  }
  // Cells only the importer's parser reads: padded text, an alias word, other time forms.
  messages += " 二店 ,buyer9,买家,2024/01/06 08:00,,,,hi\r\n";
  messages += "二店,buyer9,客服,2024-01-06T08:01:05,二店:阿明,,m-1,\"引号\"\"里\"\r\n";
  messages += "二店,buyer9,system,1704499300,,,,\r\n";
  dir_.Write("in/messages.csv", messages);
  Dataset direct;
  ASSERT_TRUE(Direct(dir_ / "in/messages.csv", Kind::kMessages, &direct));
  EXPECT_EQ(direct.chats.messages(), 82u);  // the system's message counts nowhere
  ExpectSameDataset(direct, ThroughImport(dir_ / "in"));
}

TEST_F(DirectReaderTest, OrdersInEveryFormOfAmountAndStatus) {
  std::string orders = kOrdersHeader;
  for (int i = 0; i < 30; ++i) {
    orders += "T" + std::to_string(i) + ",旗舰店,buyer" + std::to_string(i % 4) +
              ",2024-01-05 10:00:00,2024-01-05 10:01:00," + std::to_string(100 + i) + ".5,paid,\n";
  }
  orders += "T100,旗舰店,buyer1,2024-01-06 21:00:00,,\"¥1,299.00\",退款成功,旗舰店:小美\n";
  orders += "T101,旗舰店,buyer2,2024-01-06 21:00:00,2024-01-06 21:00:00,0.07,refunded,\n";
  orders += "T102,二店,buyer2,2024-01-07 09:00:00,,19,等待买家付款,\n";
  orders += "T103,二店,buyer3,2024-01-07 09:00:00,,007.50,Shipped,\n";
  dir_.Write("in/orders.csv", orders);
  Dataset direct;
  ASSERT_TRUE(Direct(dir_ / "in/orders.csv", Kind::kOrders, &direct));
  ASSERT_EQ(direct.orders.size(), 34u);
  // Worked by hand: "¥1,299.00" is 129900 cents, refunded; "0.07" is 7 cents; "007.50" 750.
  EXPECT_EQ(direct.orders[30].amount, 129900);
  EXPECT_TRUE(direct.orders[30].refunded);
  EXPECT_EQ(direct.orders[31].amount, 7);
  EXPECT_EQ(direct.orders[33].amount, 750);
  EXPECT_EQ(direct.orders[0].amount, 10050);
  ExpectSameDataset(direct, ThroughImport(dir_ / "in"));
}

TEST_F(DirectReaderTest, AQuotedFieldAcrossEveryCutFallsBackToOnePart) {
  std::string long_text;
  for (int i = 0; i < 200; ++i) long_text += "第" + std::to_string(i) + "行\n";
  std::string messages = kMessagesHeader;
  messages += "店,b1,customer,2024-01-05 10:00:00,,,,\"" + long_text + "\"\n";
  messages += "店,b1,agent,2024-01-05 10:00:09,店:a,,,ok\n";
  dir_.Write("in/messages.csv", messages);
  Dataset direct;
  ASSERT_TRUE(Direct(dir_ / "in/messages.csv", Kind::kMessages, &direct));
  ASSERT_EQ(direct.chats.messages(), 2u);
  EXPECT_EQ(std::get<4>(ChatRows(direct)[1]), static_cast<int>(Sender::kAgent));
  ExpectSameDataset(direct, ThroughImport(dir_ / "in"));
}

// Each part writes its messages straight into the column, sized by its line ends: blank
// lines and quoted line breaks leave room that is closed up afterwards, in every part.
TEST_F(DirectReaderTest, BlankLinesAndQuotedLineBreaksInEveryPartAreClosedUp) {
  std::string messages = kMessagesHeader;
  for (int i = 0; i < 60; ++i) {
    const std::string at = "2024-01-05 10:" + std::string(i < 10 ? "0" : "") + std::to_string(i);
    messages += "店,b" + std::to_string(i % 5) + ",customer," + at + ":00,,,,\"两\n行\"\n";
    if (i % 3 == 0) messages += "\n\n";
    messages += "店,b" + std::to_string(i % 5) + ",agent," + at + ":30,店:a,,,ok\n";
  }
  dir_.Write("in/messages.csv", messages);
  for (int threads : {1, 2, 4, 16}) {
    Dataset direct;
    ASSERT_TRUE(Direct(dir_ / "in/messages.csv", Kind::kMessages, &direct, threads));
    ASSERT_EQ(direct.chats.messages(), 120u) << threads;
    ExpectSameDataset(direct, ThroughImport(dir_ / "in"));
  }
}

// New customers are interned a batch of 4,096 at a time; rows the importer's parser reads
// intern theirs at once. Across several batches, with such rows among them and customers
// coming back after others, the ids must still follow first appearance.
TEST_F(DirectReaderTest, ManyNewCustomersAcrossBatchesKeepTheImportersIds) {
  std::string messages = kMessagesHeader;
  for (int i = 0; i < 12000; ++i) {
    const int customer = i % 3 == 2 ? i / 7 : i;  // every third row a customer seen before
    const std::string shop = i % 1000 == 0 ? " 二店 " : "店";  // padded: the parser's row
    messages += shop + ",b" + std::to_string(customer) + ",customer,2024-01-05 10:00:00,,,,x\n";
  }
  dir_.Write("in/messages.csv", messages);
  for (int threads : {1, 3}) {
    Dataset direct;
    ASSERT_TRUE(Direct(dir_ / "in/messages.csv", Kind::kMessages, &direct, threads));
    ASSERT_EQ(direct.chats.messages(), 12000u);
    ExpectSameDataset(direct, ThroughImport(dir_ / "in"));
  }
}

// Messages sorted by time interleave chats: customers come back after others, found in a
// small cache of recent ones, which must tell one customer id at two shops apart and pass
// over ids too long for it.
TEST_F(DirectReaderTest, InterleavedCustomersKeepTheImportersIds) {
  const std::string long_id(30, 'L');
  std::string messages = kMessagesHeader;
  for (int i = 0; i < 9000; ++i) {
    const int pick = (i * 7919) % 11;
    const std::string shop = pick % 2 == 0 ? "店" : "二店";
    const std::string customer = pick < 4   ? "same"
                                 : pick < 6 ? long_id
                                            : "c" + std::to_string(i % 5003);
    messages += shop + "," + customer + ",customer,2024-01-05 10:00:00,,,,x\n";
  }
  dir_.Write("in/messages.csv", messages);
  const Dataset general = ThroughImport(dir_ / "in");
  for (int threads : {1, 2}) {
    Dataset direct;
    ASSERT_TRUE(Direct(dir_ / "in/messages.csv", Kind::kMessages, &direct, threads));
    ExpectSameDataset(direct, general);
  }
}

// Orders come after the messages: a customer the messages brought keeps its id, looked up
// while the parts read; one first seen in an order gets the next id, in order of first
// appearance, whichever part its order lies in.
TEST_F(DirectReaderTest, OrdersKeepTheMessagesCustomersAndAddNewOnesInOrder) {
  dir_.Write("in/messages.csv", std::string(kMessagesHeader) +
                                    "店,b1,customer,2024-01-05 10:00:00,,,,hi\n"
                                    "店,b2,customer,2024-01-05 10:00:05,,,,hi\n");
  std::string orders = kOrdersHeader;
  const char* customers[] = {"b2", "b9", "b1", "b8", "b9", "b2", "b7"};
  for (int i = 0; i < 35; ++i) {
    orders += "T" + std::to_string(i) + ",店," + customers[i % 7] +
              ",2024-01-05 11:00:00,2024-01-05 11:01:00,10.00,paid,\n";
  }
  dir_.Write("in/orders.csv", orders);
  const Dataset general = ThroughImport(dir_ / "in");
  for (int threads : {1, 3, 8}) {
    Dataset direct;
    ASSERT_TRUE(Direct(dir_ / "in/messages.csv", Kind::kMessages, &direct, threads));
    ASSERT_TRUE(Direct(dir_ / "in/orders.csv", Kind::kOrders, &direct, threads));
    // By hand: b1 0 and b2 1 from the messages, then b9 2, b8 3, b7 4 from the orders.
    ASSERT_EQ(direct.customers.size(), 5u);
    EXPECT_EQ(direct.CustomerIdOf(2), "b9");
    EXPECT_EQ(direct.CustomerIdOf(4), "b7");
    EXPECT_EQ(direct.orders[0].customer, 1);
    EXPECT_EQ(direct.orders[3].customer, 3);
    ExpectSameDataset(direct, general);
  }
}

// Times in the usual form are read with the date of the row before reused: runs of one
// date, a leap day, month and year ends, and a date that comes back after another.
TEST_F(DirectReaderTest, TimesAcrossDaysMonthsAndYearsGiveTheImportersInstants) {
  std::string messages = kMessagesHeader;
  for (const char* at : {"2023-12-31 23:59:59", "2024-01-01 00:00:00", "2024-01-01 08:30:05",
                         "2024-02-28 23:59:59", "2024-02-29 00:00:00", "2024-02-29 12:00:00",
                         "2024-03-01 00:00:00", "2024-01-01 23:59:59"}) {
    messages += std::string("店,b1,customer,") + at + ",,,,hi\n";
  }
  dir_.Write("in/messages.csv", messages);
  Dataset direct;
  ASSERT_TRUE(Direct(dir_ / "in/messages.csv", Kind::kMessages, &direct, 1));
  ASSERT_EQ(direct.chats.messages(), 8u);
  // By hand: 2024-02-29 00:00:00 in Asia/Shanghai (UTC+8) is 2024-02-28 16:00:00 UTC,
  // 1,709,136,000 s after the epoch; the leap day's noon is 12 hours later.
  const std::vector<MessageRow> rows = ChatRows(direct);
  EXPECT_EQ(std::get<0>(rows[4]), 1709136000);
  EXPECT_EQ(std::get<0>(rows[5]), 1709136000 + 12 * 3600);
  EXPECT_EQ(std::get<0>(rows[6]), 1709136000 + 24 * 3600);
  ExpectSameDataset(direct, ThroughImport(dir_ / "in"));
}

TEST_F(DirectReaderTest, WhatOnlyTheGeneralPathHandlesIsHandedBack) {
  const std::string ok_row = "店,b1,customer,2024-01-05 10:00:00,,,,hi\n";
  struct Case {
    const char* what;
    std::string content;
  };
  const std::vector<Case> cases = {
      {"an id twice", std::string(kMessagesHeader) + "店,b1,customer,2024-01-05 10:00:00,,,m1,a\n" +
                          "店,b1,customer,2024-01-05 10:00:01,,,m1,a\n"},
      {"a bad row",
       std::string(kMessagesHeader) + ok_row + "店,b1,agent,2024-01-05 10:00:09,,,,x\n"},
      {"an unknown column",
       "shop,customer_id,sender,sent_at,mood\n店,b1,customer,2024-01-05 10:00:00,ok\n"},
      {"GB18030", std::string(kMessagesHeader) + "\xB5\xEA,b1,customer,2024-01-05 10:00:00,,,,\n"},
      {"a control character",
       std::string(kMessagesHeader) + "店,b1,customer,2024-01-05 10:00:00,,,,\x01\n"},
      {"a row too short", std::string(kMessagesHeader) + ok_row + "店,b1\n"},
      {"an id again in a later part", std::string(kMessagesHeader) +
                                          "店,b1,customer,2024-01-05 10:00:00,,,m1,a\n" +
                                          [&] {
                                            std::string rows;
                                            for (int i = 0; i < 40; ++i) rows += ok_row;
                                            return rows;
                                          }() +
                                          "店,b1,customer,2024-01-05 10:00:01,,,m1,a\n"},
      {"a day no month has",
       std::string(kMessagesHeader) + ok_row + "店,b1,customer,2024-02-30 10:00:00,,,,x\n"},
  };
  for (const Case& c : cases) {
    dir_.Write("messages.csv", c.content);
    Dataset d;
    d.shops.Intern("already here");
    EXPECT_FALSE(Direct(dir_ / "messages.csv", Kind::kMessages, &d)) << c.what;
    EXPECT_EQ(d.shops.size(), 1u) << c.what;
    EXPECT_EQ(d.chats.messages(), 0u) << c.what;
  }
}

TEST_F(DirectReaderTest, FilesReadDirectlyAndTheRestTogetherEqualTheImport) {
  // Two rating files and one of each direct kind: messages and orders are read directly, the
  // rest through the general path, and the whole Dataset equals the import's.
  dir_.Write("in/agents.csv", "agent_id,name,team,accounts\nA1,甲,T1,店:a\n");
  dir_.Write("in/messages.csv", std::string(kMessagesHeader) +
                                    "店,b1,customer,2024-01-05 10:00:00,,,,hi\n"
                                    "店,b1,agent,2024-01-05 10:00:20,店:a,,,hello\n");
  dir_.Write("in/orders.csv",
             std::string(kOrdersHeader) + "T1,店,b1,2024-01-05 10:05:00,,88.00,paid,\n");
  dir_.Write("in/ratings_1.csv",
             "rated_at,score,account,shop,customer_id\n"
             "2024-01-05 10:10:00,5,店:a,店,b1\n");
  dir_.Write("in/ratings_2.csv",
             "rated_at,score,account,shop,customer_id\n"
             "2024-01-05 10:10:00,5,店:a,店,b1\n");
  ImportReport report;
  auto files = LoadDatasetFromFiles({dir_ / "in"}, DefaultSettings(), ImportOptions{}, &report);
  ASSERT_TRUE(files.ok());
  const Dataset general = ThroughImport(dir_ / "in");
  ExpectSameDataset(*files, general);
  EXPECT_EQ(files->ratings.size(), 1u);  // the same rating in two files is one rating
  EXPECT_EQ(files->account_owner, general.account_owner);
}

}  // namespace
}  // namespace csperf::metrics

namespace csperf::metrics {
namespace {

// A replacement keeps the record's place in input order: the Dataset holds the messages in
// input order, the revised one where the first version stood.
TEST(StoreLoaderTest, MessagesComeInInputOrderAfterAReplacement) {
  csperf::testing::ScratchDir dir;
  auto store = OpenStore(dir / "s.db", OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  FixedClock clock(0);
  const std::string header = kMessagesHeader;
  dir.Write("a/messages.csv", header +
                                  "店,b1,customer,2024-01-05 10:00:00,,,m1,first\n"
                                  "店,b1,customer,2024-01-05 10:00:01,,,m2,second\n"
                                  "店,b2,customer,2024-01-05 10:00:02,,,m3,third\n");
  dir.Write("b/messages.csv",
            header + "店,b9,customer,2024-01-05 09:00:00,,,m1,\"first, revised\"\n");
  for (const char* folder : {"a", "b"}) {
    ImportReport r = RunImport(**store, DefaultSettings(), {dir / folder}, ImportOptions{},
                               csperf::testing::EnvAt(clock));
    ASSERT_TRUE(r.committed);
  }
  auto zone = TimeZone::Load(DefaultSettings().timezone);
  auto data = LoadDataset(**store, **zone);
  ASSERT_TRUE(data.ok());
  std::vector<Instant> got;
  const std::vector<MessageRow> rows = ChatRows(*data);
  for (const MessageRow& m : rows) got.push_back(std::get<0>(m));
  // 2024-01-05 09:00:00 +08 = 1704416400, then 10:00:01 and 10:00:02.
  EXPECT_EQ(got, (std::vector<Instant>{1704416400, 1704420001, 1704420002}));
  // Customers are interned in input order: the revised first message's customer is b9, 0.
  EXPECT_EQ(data->customers.Get(std::get<1>(rows[0])),
            "店\x1F"
            "b9");
  // Read in ranges of input order on several cursors: the same.
  auto ranged = LoadDataset(**store, **zone, StoreReadOptions{3, 1});
  ASSERT_TRUE(ranged.ok());
  ExpectSameDataset(*ranged, *data);
}

// A large store's messages are read in ranges of input order, one cursor each, and joined in
// order: the same Dataset as one read, strings numbered in input order.
TEST(StoreLoaderTest, RangesOfRowsJoinIntoTheSameDataset) {
  csperf::testing::ScratchDir dir;
  auto store = OpenStore(dir / "s.db", OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  FixedClock clock(0);
  std::string messages = kMessagesHeader;
  for (int i = 0; i < 300; ++i) {
    const std::string shop = i % 3 == 0 ? "二店" : "店";
    const std::string at =
        "2024-01-05 10:" + std::string(i % 60 < 10 ? "0" : "") + std::to_string(i % 60) + ":00";
    messages += shop + ",b" + std::to_string((i * 7) % 41) + "," +
                (i % 2 == 0 ? "customer," + at + ",,"
                            : "agent," + at + "," + shop + ":a" + std::to_string(i % 4) + ",") +
                (i % 5 == 0 ? "c" + std::to_string(i % 9) : "") + ",,x\n";
  }
  dir.Write("in/messages.csv", messages);
  ImportReport r = RunImport(**store, DefaultSettings(), {dir / "in"}, ImportOptions{},
                             csperf::testing::EnvAt(clock));
  ASSERT_TRUE(r.committed);
  auto zone = TimeZone::Load(DefaultSettings().timezone);
  auto one = LoadDataset(**store, **zone, StoreReadOptions{1, 1});
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->chats.messages(), 300u);
  for (int threads : {2, 3, 7}) {
    auto ranged = LoadDataset(**store, **zone, StoreReadOptions{threads, 10});
    ASSERT_TRUE(ranged.ok());
    ExpectSameDataset(*ranged, *one);
  }
}

}  // namespace
}  // namespace csperf::metrics
