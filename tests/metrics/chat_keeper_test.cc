// Keeping a source's runs and joining them (metrics/chat_keeper.h): ids numbered in order of
// first appearance in the input whichever core read what, each customer's runs in input
// order; and the report is the same whatever order a file or a store holds its messages in,
// however the reading is split.
#include "metrics/chat_keeper.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/settings.h"
#include "demo/demo_data.h"
#include "metrics/loader.h"
#include "metrics/report.h"
#include "metrics/sessions.h"
#include "report_reads.h"
#include "store/open_store.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf::metrics {
namespace {

using csperf::testing::ReadFile;
using csperf::testing::ScratchDir;
using csperf::testing::SourceDir;
using report_reads::AllReports;
using report_reads::CellsOf;
using report_reads::ContextOf;
using report_reads::CopyWithMessages;
using report_reads::FolderReports;
using report_reads::kAllGroupings;
using report_reads::SortedByCustomer;
using report_reads::SortedByTime;

const char kHeader[] =
    "shop,customer_id,sender,sent_at,account,conversation_id,message_id,content\n";

// Two cores of a source: core 0 read chunk 1, core 1 chunk 0 (cores take chunks as they
// come free). In input order, chunk 0 then chunk 1, the chat messages are:
//   0: 店/c1 customer 50      (chunk 0; its bot message at 60 counts nowhere)
//   1: 店/c1 agent 店:a2 70
//   2: 店B/c3 customer 80, conversation X
//   3: 店/c2 customer 100     (chunk 1)
//   4: 店/c2 agent 店:a1 110
//   5: 店/c1 customer 300
// So the Dataset numbers shops 店 0, 店B 1; customers c1 0, c3 1, c2 2; accounts 店:a2 0,
// 店:a1 1; conversation X 0. c1 has two runs (core 1's and core 0's), in input order. Each
// chunk starts a page of 65,536 messages, the pages put in input order: chunk 0's messages
// are at positions 0, 1, 2, chunk 1's at 65536, 65537, 65538.
TEST(ChatKeeperTest, JoinedInOrderOfFirstAppearanceWhicheverCoreReadWhat) {
  std::vector<std::unique_ptr<ChatKeeper>> keepers;
  keepers.push_back(std::make_unique<ChatKeeper>());
  keepers.push_back(std::make_unique<ChatKeeper>());
  ChatKeeper& core0 = *keepers[0];
  ChatKeeper& core1 = *keepers[1];
  core0.BeginChunk(1);
  core0.Add("店", "c2", Sender::kCustomer, 100, "", "");
  core0.Add("店", "c2", Sender::kAgent, 110, "店:a1", "");
  core0.Add("店", "c1", Sender::kCustomer, 300, "", "");
  core0.End();
  core1.BeginChunk(0);
  core1.Add("店", "c1", Sender::kCustomer, 50, "", "");
  core1.Add("店", "c1", Sender::kBot, 60, "店:机器人", "");
  core1.Add("店", "c1", Sender::kAgent, 70, "店:a2", "");
  core1.Add("店B", "c3", Sender::kCustomer, 80, "", "X");
  core1.End();

  Dataset d;
  d.chats = JoinChats(keepers, &d, *DefaultEnv().executor);
  ASSERT_EQ(d.shops.size(), 2u);
  EXPECT_EQ(d.shops.Get(0), "店");
  EXPECT_EQ(d.shops.Get(1), "店B");
  ASSERT_EQ(d.customers.size(), 3u);
  EXPECT_EQ(d.customers.Get(0),
            "店\x1F"
            "c1");
  EXPECT_EQ(d.customers.Get(1),
            "店B\x1F"
            "c3");
  EXPECT_EQ(d.customers.Get(2),
            "店\x1F"
            "c2");
  EXPECT_EQ(d.customer_shop, (std::vector<Id>{0, 1, 0}));
  ASSERT_EQ(d.accounts.size(), 2u);  // the bot's account is on no chat message
  EXPECT_EQ(d.accounts.Get(0), "店:a2");
  EXPECT_EQ(d.accounts.Get(1), "店:a1");
  ASSERT_EQ(d.conversations.size(), 1u);
  EXPECT_EQ(d.conversations.Get(0), "X");

  const Chats& chats = d.chats;
  EXPECT_EQ(chats.messages(), 6u);
  std::vector<ChatMessage> scratch;
  const CustomerChat c1 = chats.Gather(0, &scratch);
  ASSERT_EQ(c1.messages.size(), 3u);
  EXPECT_EQ(c1.messages[0].at, 50);
  EXPECT_EQ(c1.messages[1].at, 70);
  EXPECT_EQ(c1.messages[1].account(), 0);  // 店:a2 in the Dataset's numbering
  EXPECT_EQ(c1.messages[2].at, 300);
  EXPECT_EQ(std::vector<uint32_t>(c1.index.begin(), c1.index.end()),
            (std::vector<uint32_t>{0, 1, 65538}));
  const CustomerChat c3 = chats.Gather(1, &scratch);
  ASSERT_EQ(c3.messages.size(), 1u);
  EXPECT_EQ(c3.messages[0].conversation, 0);
  EXPECT_EQ(c3.index[0], 2u);
  const CustomerChat c2 = chats.Gather(2, &scratch);
  ASSERT_EQ(c2.messages.size(), 2u);
  EXPECT_EQ(c2.messages[1].account(), 1);  // 店:a1
  EXPECT_EQ(std::vector<uint32_t>(c2.index.begin(), c2.index.end()),
            (std::vector<uint32_t>{65536, 65537}));
}

// Rows in no order make every row a run of its own, numbered some runs later (its table
// entries fetched meanwhile); a run longer than a page goes on in the next page. Core 0 reads
// 40 customers taking turns, three rounds: row r is customer r % 40 in conversation
// "V<r % 40>", so customers and conversations are numbered 0..39 in order, and customer c's
// messages are at positions c, c + 40, c + 80. Then customer "big" in conversation "B": 70,000
// rows one after another, positions 120 to 70,119, across the first page's end (65,536): it
// is customer 40, conversation 40, every message of it.
TEST(ChatKeeperTest, RowsInNoOrderAndARunLongerThanAPage) {
  std::vector<std::unique_ptr<ChatKeeper>> keepers;
  keepers.push_back(std::make_unique<ChatKeeper>());
  ChatKeeper& core = *keepers[0];
  for (int r = 0; r < 120; ++r) {
    const std::string c = std::to_string(r % 40);
    core.Add("店", "c" + c, Sender::kCustomer, r, "", "V" + c);
  }
  for (int r = 0; r < 70000; ++r) core.Add("店", "big", Sender::kCustomer, 1000 + r, "", "B");
  core.End();

  Dataset d;
  d.chats = JoinChats(keepers, &d, *DefaultEnv().executor);
  ASSERT_EQ(d.customers.size(), 41u);
  ASSERT_EQ(d.conversations.size(), 41u);
  std::vector<ChatMessage> scratch;
  for (int c = 0; c < 40; ++c) {
    const std::string name = std::to_string(c);
    EXPECT_EQ(d.customers.Get(c),
              "店\x1F"
              "c" +
                  name);
    EXPECT_EQ(d.conversations.Get(c), "V" + name);
    const CustomerChat chat = d.chats.Gather(static_cast<size_t>(c), &scratch);
    ASSERT_EQ(chat.messages.size(), 3u);
    const auto at = static_cast<uint32_t>(c);
    EXPECT_EQ(std::vector<uint32_t>(chat.index.begin(), chat.index.end()),
              (std::vector<uint32_t>{at, at + 40, at + 80}));
    for (const ChatMessage& m : chat.messages) EXPECT_EQ(m.conversation, c);
  }
  EXPECT_EQ(d.customers.Get(40),
            "店\x1F"
            "big");
  EXPECT_EQ(d.conversations.Get(40), "B");
  const CustomerChat big = d.chats.Gather(40, &scratch);
  ASSERT_EQ(big.messages.size(), 70000u);
  EXPECT_EQ(big.index.front(), 120u);
  EXPECT_EQ(big.index.back(), 70119u);  // page 1, place 70,119 - 65,536 = 4,583
  EXPECT_EQ(big.messages.back().at, 1000 + 69999);
  EXPECT_TRUE(std::all_of(big.messages.begin(), big.messages.end(),
                          [](const ChatMessage& m) { return m.conversation == 40; }));
}

// The rows of `csv` in the opposite order (its header first). Only for rows without two
// messages of a customer in the same second: equal times keep input order (metrics.md).
std::string Reversed(const std::string& csv) {
  std::vector<std::string> lines;
  size_t at = 0;
  while (at < csv.size()) {
    const size_t end = csv.find('\n', at);
    lines.push_back(csv.substr(at, end - at));
    at = end == std::string::npos ? csv.size() : end + 1;
  }
  std::string out = lines[0] + "\n";
  for (size_t i = lines.size(); i-- > 1;) {
    if (!lines[i].empty()) out += lines[i] + "\n";
  }
  return out;
}

// The rows of `csv` a customer at a time, the customer met last first, each customer's rows
// in their order: a customer's messages keep their input order among themselves, which is
// all the rules read of it.
std::string LastCustomerFirst(const std::string& csv) {
  const std::string by_customer = SortedByCustomer(csv);
  std::vector<std::string> lines;
  size_t at = by_customer.find('\n') + 1;
  while (at < by_customer.size()) {
    const size_t end = by_customer.find('\n', at);
    lines.push_back(by_customer.substr(at, end - at));
    at = end + 1;
  }
  auto customer = [](const std::string& line) {
    const size_t second = line.find(',', line.find(',') + 1);
    return line.substr(0, second);
  };
  std::vector<std::vector<std::string>> groups;
  for (const std::string& line : lines) {
    if (groups.empty() || customer(groups.back().back()) != customer(line)) groups.emplace_back();
    groups.back().push_back(line);
  }
  std::string out = by_customer.substr(0, by_customer.find('\n') + 1);
  for (size_t g = groups.size(); g-- > 0;) {
    for (const std::string& line : groups[g]) out += line + "\n";
  }
  return out;
}

// A case worked by hand. Default settings: gap 30 min, fast response 180 s, windows 72 h.
//   c1: customer 10:00:00, a1 10:01:00 (wait 60 s, first, within): session S1; customer
//       11:00:00 (59 min later: a new session S2), a2 11:05:00 (300 s, first, not within).
//   c2, conversation CV9: customer 10:00:30, a1 10:00:40 (10 s, first, within), customer
//       10:50:00 never answered (same conversation, so the same session S3): charged to
//       a1, the last agent who spoke before it opened.
//   Order O1 of c1 at 11:30, paid: S1 and S2 are both inquiries in the window; the latest,
//   S2, earns it, credited to a2 (the last agent at or before 11:30).
//   A rating of 5 on CV9: the last agent of S3, a1.
// The same numbers whatever order the rows come in.
TEST(ChatKeeperHandWorkedTest, TheNumbersWorkedByHandInEveryOrder) {
  const std::string messages = std::string(kHeader) +
                               "店,c1,customer,2024-01-10 10:00:00,,,,q\n"
                               "店,c1,agent,2024-01-10 10:01:00,店:a1,,,a\n"
                               "店,c2,customer,2024-01-10 10:00:30,,CV9,,q\n"
                               "店,c2,agent,2024-01-10 10:00:40,店:a1,CV9,,a\n"
                               "店,c2,customer,2024-01-10 10:50:00,,CV9,,q\n"
                               "店,c1,customer,2024-01-10 11:00:00,,,,q\n"
                               "店,c1,agent,2024-01-10 11:05:00,店:a2,,,a\n";
  for (const std::string& order :
       {messages, SortedByTime(messages), SortedByCustomer(messages), Reversed(messages)}) {
    SCOPED_TRACE(order);
    ScratchDir dir;
    dir.Write("in/agents.csv",
              "agent_id,name,team,manager_id,accounts\nA1,甲,T1,M1,店:a1\nA2,乙,T1,M1,店:a2\n"
              "M1,主管,T1,,\n");
    dir.Write("in/messages.csv", order);
    dir.Write("in/orders.csv",
              "order_id,shop,customer_id,created_at,paid_at,amount,status,account\n"
              "O1,店,c1,2024-01-10 11:30:00,2024-01-10 11:40:00,50.00,paid,\n");
    dir.Write("in/ratings.csv",
              "rated_at,score,account,conversation_id,customer_id,shop,comment,void\n"
              "2024-01-10 12:00:00,5,,CV9,c2,店,,no\n");
    const Settings settings = DefaultSettings();
    auto zone = *TimeZone::Load(settings.timezone);
    const Period p = *ParsePeriod("2024-01");
    ImportReport import;
    const std::vector<Grouping> groupings = {Grouping::kAgent, Grouping::kTeam};
    auto read =
        LoadReportInputFromFiles({dir / "in"}, settings, ImportOptions{}, &import, p, groupings);
    ASSERT_TRUE(read.ok()) << read.problem().ToString();
    ASSERT_TRUE(read->chat_columns.has_value());
    std::map<std::string, std::map<std::string, std::string>> cells;
    for (Grouping g : groupings) {
      cells.merge(
          CellsOf(BuildReport(ContextOf(read->data, settings, *zone, p, &*read->chat_columns), g)));
    }
    // A1: S1 and S3.
    EXPECT_EQ(cells["A1"]["sessions"], "2");
    EXPECT_EQ(cells["A1"]["agent_messages"], "2");
    EXPECT_EQ(cells["A1"]["customer_messages"], "3");
    EXPECT_EQ(cells["A1"]["responses"], "2");  // 60 s and 10 s
    EXPECT_EQ(cells["A1"]["art_avg_s"], "35.000");
    EXPECT_EQ(cells["A1"]["art_median_s"], "10");
    EXPECT_EQ(cells["A1"]["art_p90_s"], "60");
    EXPECT_EQ(cells["A1"]["frt_count"], "2");
    EXPECT_EQ(cells["A1"]["frt_within_s"], "2");
    EXPECT_EQ(cells["A1"]["unanswered_waits"], "1");
    EXPECT_EQ(cells["A1"]["reply_rate"], "0.666667");  // 2 of 3
    EXPECT_EQ(cells["A1"]["inquiries"], "2");
    EXPECT_EQ(cells["A1"]["inquirers"], "2");
    EXPECT_EQ(cells["A1"]["orders"], "0");
    EXPECT_EQ(cells["A1"]["ratings"], "1");
    EXPECT_EQ(cells["A1"]["satisfied"], "1");
    EXPECT_EQ(cells["A1"]["rating_avg"], "5.000");
    EXPECT_EQ(cells["A1"]["rating_invite_rate"], "0.500000");  // 1 rating, 2 inquiries
    // A2: S2.
    EXPECT_EQ(cells["A2"]["sessions"], "1");
    EXPECT_EQ(cells["A2"]["art_avg_s"], "300.000");
    EXPECT_EQ(cells["A2"]["responses_within_s"], "0");
    EXPECT_EQ(cells["A2"]["frt_within_s"], "0");
    EXPECT_EQ(cells["A2"]["first_waits"], "1");
    EXPECT_EQ(cells["A2"]["orders"], "1");
    EXPECT_EQ(cells["A2"]["buyers"], "1");
    EXPECT_EQ(cells["A2"]["sales_amount"], "50.00");
    EXPECT_EQ(cells["A2"]["inquiry_conversion"], "1.000000");
    // The team: the three sessions, c1 and c2 asking, c1 buying.
    EXPECT_EQ(cells["T1"]["sessions"], "3");
    EXPECT_EQ(cells["T1"]["inquirers"], "2");
    EXPECT_EQ(cells["T1"]["buyers"], "1");
    EXPECT_EQ(cells["T1"]["inquiry_conversion"], "0.500000");
  }
}

// The edge cases of bench/fixtures/metrics-edge: same-second replies, a reply after the
// gap, unmapped, shared and routed accounts, conversation ids beside plain messages,
// sessions across the period's ends, orders on the window edges, one customer id at two
// shops, a repeated message id.
class ChatKeeperEdgeTest : public ::testing::Test {
 protected:
  ChatKeeperEdgeTest() : settings_(DefaultSettings()) {
    const std::string fixture = SourceDir() + "/bench/fixtures/metrics-edge/";
    dir_.Write("in/agents.csv", ReadFile(fixture + "agents.csv"));
    dir_.Write("in/orders.csv", ReadFile(fixture + "orders.csv"));
    messages_ = ReadFile(fixture + "messages.csv");
  }
  std::string Folder() const { return dir_ / "in"; }
  void WriteMessages(const std::string& csv) { dir_.Write("in/messages.csv", csv); }
  // Without its repeated message id (which the direct reader hands to the importer).
  static std::string WithoutMessageIds(std::string csv) {
    for (const char* id : {",m1,", ",m2,"}) {
      for (size_t at = csv.find(id); at != std::string::npos; at = csv.find(id))
        csv.replace(at, std::string(id).size(), ",,");
    }
    return csv;
  }
  // Every grouping's report of the folder from a store it was imported into, read in
  // ranges as `options` says.
  std::vector<std::string> StoreReports(const std::string& db, const std::string& period,
                                        const StoreReadOptions& options = {}) {
    auto store = OpenStore(db, OpenMode::kCreate);
    EXPECT_TRUE(store.ok());
    if (!store.ok()) return {};
    FixedClock clock(0);
    const ImportReport imported =
        RunImport(**store, settings_, {Folder()}, ImportOptions{}, csperf::testing::EnvAt(clock));
    EXPECT_TRUE(imported.committed);
    auto zone = *TimeZone::Load(settings_.timezone);
    auto data = LoadDataset(**store, *zone, options);
    EXPECT_TRUE(data.ok());
    if (!data.ok()) return {};
    return AllReports(*data, settings_, period);
  }

  ScratchDir dir_;
  Settings settings_;
  std::string messages_;
};

TEST_F(ChatKeeperEdgeTest, EveryOrderOfTheRowsGivesTheSameReports) {
  for (const char* period : {"2024-01", "2024-01-10", "2023-12", "2024-02"}) {
    SCOPED_TRACE(period);
    WriteMessages(messages_);
    const std::vector<std::string> reference = FolderReports(Folder(), settings_, period);
    ASSERT_EQ(reference.size(), kAllGroupings.size());
    for (const std::string& order :
         {SortedByTime(messages_), SortedByCustomer(messages_), LastCustomerFirst(messages_)}) {
      WriteMessages(order);
      EXPECT_EQ(FolderReports(Folder(), settings_, period), reference);
    }
  }
}

TEST_F(ChatKeeperEdgeTest, WithServiceHoursAndPerShopWindowsToo) {
  auto parsed = ParseSettings(
      "[shops.\"店\"]\nservice_hours = \"08:00-24:00\"\nattribution_window = \"48h\"\n"
      "[shops.\"店B\"]\nservice_hours = \"22:00-06:00\"\nsession_gap = \"10m\"\n"
      "fast_response = \"60s\"\n",
      "s.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.problem().ToString();
  settings_ = *parsed;
  const std::string plain = WithoutMessageIds(messages_);
  WriteMessages(plain);
  const std::vector<std::string> reference = FolderReports(Folder(), settings_, "2024-01");
  for (const std::string& order :
       {SortedByTime(plain), SortedByCustomer(plain), LastCustomerFirst(plain)}) {
    WriteMessages(order);
    EXPECT_EQ(FolderReports(Folder(), settings_, "2024-01"), reference);
  }
}

TEST_F(ChatKeeperEdgeTest, InChunksOfAFewBytesTheReportIsTheSame) {
  // Chunks cut wherever, every customer's rows split among them: the same report.
  const std::string plain = WithoutMessageIds(messages_);
  for (const std::string& order : {plain, SortedByTime(plain), SortedByCustomer(plain)}) {
    WriteMessages(order);
    const std::vector<std::string> reference = FolderReports(Folder(), settings_, "2024-01");
    for (int threads : {2, 3, 7}) {
      SCOPED_TRACE(threads);
      EXPECT_EQ(FolderReports(Folder(), settings_, "2024-01", {threads, 1}), reference);
    }
  }
}

TEST_F(ChatKeeperEdgeTest, AStoreReadInRangesGivesTheFilesReports) {
  int n = 0;
  for (const std::string& order : {messages_, SortedByTime(messages_)}) {
    WriteMessages(order);
    const std::vector<std::string> files = FolderReports(Folder(), settings_, "2024-01");
    for (StoreReadOptions options : {StoreReadOptions{}, StoreReadOptions{2, 1},
                                     StoreReadOptions{3, 1}, StoreReadOptions{7, 1}}) {
      SCOPED_TRACE(options.parts);
      EXPECT_EQ(StoreReports(dir_ / ("s" + std::to_string(n++) + ".db"), "2024-01", options),
                files);
    }
  }
}

// Thousands of customers one after another, each asking at 10:00:00 and answered by a1 at
// 10:00:30, then `tail`.
std::string ManyCustomersThen(const std::string& tail) {
  std::string csv = kHeader;
  for (int i = 0; i < 3000; ++i) {
    csv += "店,k" + std::to_string(i) + ",customer,2024-01-05 10:00:00,,,,q\n";
    csv += "店,k" + std::to_string(i) + ",agent,2024-01-05 10:00:30,店:a1,,,a\n";
  }
  return csv + tail;
}

// Each customer's sessions, cut from the folder's messages.
Sessions SessionsOf(const std::string& folder, const Settings& settings, Dataset* data) {
  ImportReport import;
  auto read = LoadDatasetFromFiles({folder}, settings, ImportOptions{}, &import, DefaultEnv(),
                                   DirectReadOptions{3, 1});
  EXPECT_TRUE(read.ok()) << read.problem().ToString();
  *data = std::move(*read);
  auto zone = *TimeZone::Load(settings.timezone);
  const Period p = *ParsePeriod("2024-01");
  return BuildSessions(ContextOf(*data, settings, *zone, p));
}

TEST_F(ChatKeeperEdgeTest, ACustomerBackWithinTheGapIsStillInItsSession) {
  // k0 writes again at 10:10, after 2,999 other customers' rows: 9.5 minutes after a1's
  // reply, so the same session, whose new wait is never answered (charged to a1). Cut in
  // three chunks, k0's rows lie in two.
  WriteMessages(ManyCustomersThen("店,k0,customer,2024-01-05 10:10:00,,,,back\n"));
  Dataset data;
  const Sessions s = SessionsOf(Folder(), settings_, &data);
  EXPECT_EQ(s.sessions.size(), 3000u);
  const Id k0 = data.customers.Find(
      "店\x1F"
      "k0");
  const auto of_k0 = std::count_if(s.sessions.begin(), s.sessions.end(),
                                   [&](const Session& x) { return x.customer == k0; });
  EXPECT_EQ(of_k0, 1);
  const auto unanswered =
      std::count_if(s.waits.begin(), s.waits.end(), [](const Wait& w) { return !w.answered; });
  EXPECT_EQ(unanswered, 1);
}

TEST_F(ChatKeeperEdgeTest, AConversationInTwoPlacesOfTheFileIsOneSession) {
  // k0's conversation CV1 goes on days later, after the other customers: one session of two
  // customer messages, served by no one.
  std::string csv = kHeader;
  csv += "店,k0,customer,2024-01-05 09:00:00,,CV1,,q\n";
  csv += ManyCustomersThen("店,k0,customer,2024-01-20 10:00:00,,CV1,,back\n")
             .substr(std::string(kHeader).size());
  WriteMessages(csv);
  Dataset data;
  const Sessions s = SessionsOf(Folder(), settings_, &data);
  const Id cv1 = data.conversations.Find("CV1");
  ASSERT_NE(cv1, kNone);
  std::vector<Session> conversed;
  std::copy_if(s.sessions.begin(), s.sessions.end(), std::back_inserter(conversed),
               [&](const Session& x) { return x.conversation == cv1; });
  ASSERT_EQ(conversed.size(), 1u);
  EXPECT_EQ(conversed[0].customer_messages, 2);
  EXPECT_FALSE(conversed[0].served());
}

TEST_F(ChatKeeperEdgeTest, QuotedLineBreaksWhereverAChunkIsCut) {
  // Chunks cut at line starts may start inside a quoted line break: such a reading is
  // noticed and the file read again in one chunk, with the same report.
  std::string csv = kHeader;
  for (int i = 0; i < 300; ++i) {
    const std::string k = "k" + std::to_string(i);
    csv += "店," + k + ",customer,2024-01-05 10:00:00,,,,\"line one\nline two\"\n";
    csv += "店," + k + ",agent,2024-01-05 10:00:30,店:a1,,,\"a\n\nb\"\n";
  }
  WriteMessages(csv);
  const std::vector<std::string> reference = FolderReports(Folder(), settings_, "2024-01");
  for (int threads : {2, 5}) {
    SCOPED_TRACE(threads);
    EXPECT_EQ(FolderReports(Folder(), settings_, "2024-01", {threads, 1}), reference);
  }
}

// A generated month: thousands of customers coming back, two shops, conversation ids,
// ratings by conversation id, orders of many customers.
class ChatKeeperDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    demo::DemoOptions options;
    options.out_dir = (*dir_) / "demo";
    options.agents = 12;
    options.messages = 30000;
    options.seed = 5;
    ASSERT_TRUE(demo::GenerateDemoData(options).ok());
    settings_ = new Settings(*LoadSettingsFile((*dir_) / "demo/settings.toml"));
    const std::string messages = ReadFile((*dir_) / "demo/messages.csv");
    CopyWithMessages((*dir_) / "demo", (*dir_) / "by-customer", SortedByCustomer(messages));
    CopyWithMessages((*dir_) / "demo", (*dir_) / "by-time", SortedByTime(messages));
  }
  static void TearDownTestSuite() {
    delete settings_;
    delete dir_;
  }
  static ScratchDir* dir_;
  static Settings* settings_;
};

ScratchDir* ChatKeeperDemoTest::dir_ = nullptr;
Settings* ChatKeeperDemoTest::settings_ = nullptr;

TEST_F(ChatKeeperDemoTest, AsGeneratedByCustomerOrByTimeInManyChunksTheSameReports) {
  const std::vector<std::string> reference = FolderReports((*dir_) / "demo", *settings_, "2024-01");
  for (const char* folder : {"by-customer", "by-time"}) {
    SCOPED_TRACE(folder);
    EXPECT_EQ(FolderReports((*dir_) / folder, *settings_, "2024-01"), reference);
    EXPECT_EQ(FolderReports((*dir_) / folder, *settings_, "2024-01", {5, 4096}), reference);
  }
}

}  // namespace
}  // namespace csperf::metrics
