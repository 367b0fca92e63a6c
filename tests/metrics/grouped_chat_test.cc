// The report read from a messages file in customer order (metrics/grouped_chat.h), on one
// part or several, is the batch report byte for byte; a customer whose rows come back after
// another's, or a repeated message id, sends the file to the batch path with the same report.
#include "metrics/grouped_chat.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/period.h"
#include "core/settings.h"
#include "demo/demo_data.h"
#include "metrics/loader.h"
#include "metrics/message_order.h"
#include "metrics/report.h"
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
using report_reads::BothReports;
using report_reads::CellsOf;
using report_reads::ContextOf;
using report_reads::CopyWithMessages;
using report_reads::ExpectSameReports;
using report_reads::kAllGroupings;
using report_reads::Reports;
using report_reads::SortedByCustomer;

const char kHeader[] =
    "shop,customer_id,sender,sent_at,account,conversation_id,message_id,content\n";

// GroupedChat called directly on `folder`'s messages.csv with the options given, every
// other file loaded first as the loader does; beside it the batch report of the folder.
struct DirectReports {
  bool read = false;
  std::vector<std::string> batch, grouped;
};

DirectReports ReadInParts(const std::string& folder, const Settings& settings,
                          const std::string& period, const GroupedChatOptions& options) {
  DirectReports out;
  auto zone = *TimeZone::Load(settings.timezone);
  const Period p = *ParsePeriod(period);
  ImportReport import;
  auto batch = LoadDatasetFromFiles({folder}, settings, ImportOptions{}, &import);
  EXPECT_TRUE(batch.ok()) << batch.problem().ToString();
  std::vector<std::string> rest;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    // The record files and the QA forms' folder, as the folder would be read.
    const bool records = entry.path().extension() == ".csv" || entry.is_directory();
    if (records && entry.path().filename() != "messages.csv") rest.push_back(entry.path().string());
  }
  auto data = LoadDatasetFromFiles(rest, settings, ImportOptions{}, &import);
  EXPECT_TRUE(data.ok()) << data.problem().ToString();
  if (!batch.ok() || !data.ok()) return out;
  data->IndexAgents();
  const Context c = ContextOf(*data, settings, *zone, p, nullptr);
  auto streamed = GroupedChat(folder + "/messages.csv", c, zone, kAllGroupings, &*data, options);
  out.read = streamed.has_value();
  if (!streamed) return out;
  out.batch = AllReports(*batch, settings, *zone, p, nullptr);
  out.grouped = AllReports(*data, settings, *zone, p, &*streamed);
  return out;
}

void ExpectSame(const DirectReports& r) {
  ASSERT_TRUE(r.read);
  for (size_t i = 0; i < r.batch.size(); ++i)
    EXPECT_EQ(r.grouped[i], r.batch[i]) << "grouping " << GroupingKeyColumn(kAllGroupings[i]);
}

// A folder imported into a store at `db`, then the batch report (LoadDataset) and the
// report read for streaming (LoadReportInputFromStore) of every grouping.
Reports StoreReports(const std::string& folder, const std::string& db, const Settings& settings,
                     const std::string& period, const StoreReadOptions& options = {}) {
  Reports out;
  auto store = OpenStore(db, OpenMode::kCreate);
  EXPECT_TRUE(store.ok());
  if (!store.ok()) return out;
  FixedClock clock(0);
  const ImportReport imported =
      RunImport(**store, settings, {folder}, ImportOptions{}, csperf::testing::EnvAt(clock));
  EXPECT_TRUE(imported.committed);
  auto zone = *TimeZone::Load(settings.timezone);
  const Period p = *ParsePeriod(period);
  auto batch = LoadDataset(**store, *zone, options);
  auto read = LoadReportInputFromStore(**store, settings, p, kAllGroupings, options);
  EXPECT_TRUE(batch.ok() && read.ok());
  if (!batch.ok() || !read.ok()) return out;
  out.streamed = read->streamed.has_value();
  if (out.streamed) out.order = read->streamed->order;
  out.batch = AllReports(*batch, settings, *zone, p, nullptr);
  out.stream =
      AllReports(read->data, settings, *zone, p, read->streamed ? &*read->streamed : nullptr);
  return out;
}

TEST(MessageOrderTest, TheFirstRowsTellTheOrder) {
  ScratchDir dir;
  dir.Write("time.csv", std::string(kHeader) +
                            "店,c1,customer,2024-01-05 10:00:00,,,,q\n"
                            "店,c2,customer,2024-01-05 10:00:01,,,,q\n"
                            "店,c1,agent,2024-01-05 10:00:02,店:a1,,,a\n");
  dir.Write("customer.csv", std::string(kHeader) +
                                "店,c1,customer,2024-01-05 10:00:00,,,,q\n"
                                "店,c1,agent,2024-01-05 10:00:02,店:a1,,,a\n"
                                "店,c2,customer,2024-01-05 09:00:00,,,,q\n"
                                "店,c2,agent,2024-01-05 09:00:05,店:a1,,,a\n"
                                "店B,c2,customer,2024-01-05 08:00:00,,,,another shop's c2\n"
                                "店B,c2,agent,2024-01-05 08:00:09,店B:b1,,,a\n"
                                "店,c1,customer,2024-01-09 10:00:00,,,,back days later\n"
                                "店,c1,agent,2024-01-09 10:00:07,店:a1,,,a\n");
  dir.Write("other.csv", std::string(kHeader) +
                             "店,c1,customer,2024-01-05 10:00:00,,,,q\n"
                             "店,c2,customer,2024-01-05 09:00:00,,,,q\n"
                             "店,c1,agent,2024-01-05 10:00:02,店:a1,,,a\n");
  // Only the usual time form compares as text: anything else is the time stream's to judge.
  dir.Write("odd.csv", std::string(kHeader) + "店,c1,customer,2024/01/05 10:00,,,,q\n");
  EXPECT_EQ(FirstRowsOrder(dir / "time.csv", 100), MessageOrder::kByTime);
  EXPECT_EQ(FirstRowsOrder(dir / "customer.csv", 100), MessageOrder::kByCustomer);
  EXPECT_EQ(FirstRowsOrder(dir / "other.csv", 100), MessageOrder::kOther);
  EXPECT_EQ(FirstRowsOrder(dir / "odd.csv", 100), MessageOrder::kByTime);
  // Only the first rows are looked at.
  EXPECT_EQ(FirstRowsOrder(dir / "customer.csv", 2), MessageOrder::kByTime);
}

// The edge cases of bench/fixtures/metrics-edge (chat_stream_test.cc tells them), with its
// repeated message id blanked.
class GroupedChatEdgeTest : public ::testing::Test {
 protected:
  GroupedChatEdgeTest() : settings_(DefaultSettings()) {
    const std::string fixture = SourceDir() + "/bench/fixtures/metrics-edge/";
    dir_.Write("in/agents.csv", ReadFile(fixture + "agents.csv"));
    dir_.Write("in/orders.csv", ReadFile(fixture + "orders.csv"));
    messages_ = ReadFile(fixture + "messages.csv");
    for (const char* id : {",m1,", ",m2,"}) {
      for (size_t at = messages_.find(id); at != std::string::npos; at = messages_.find(id))
        messages_.replace(at, std::string(id).size(), ",,");
    }
  }
  std::string Folder() const { return dir_ / "in"; }
  void WriteMessages(const std::string& csv) { dir_.Write("in/messages.csv", csv); }

  ScratchDir dir_;
  Settings settings_;
  std::string messages_;
};

TEST_F(GroupedChatEdgeTest, InCustomerOrderTheReportIsTheBatchReport) {
  WriteMessages(SortedByCustomer(messages_));
  for (const char* period : {"2024-01", "2024-01-10", "2023-12", "2024-02"}) {
    const Reports r = BothReports(Folder(), settings_, period);
    EXPECT_TRUE(r.streamed) << period;
    EXPECT_EQ(r.order, MessageOrder::kByCustomer) << period;
    ExpectSameReports(r);
  }
}

TEST_F(GroupedChatEdgeTest, WithServiceHoursAndPerShopWindowsToo) {
  auto parsed = ParseSettings(
      "[shops.\"店\"]\nservice_hours = \"08:00-24:00\"\nattribution_window = \"48h\"\n"
      "[shops.\"店B\"]\nservice_hours = \"22:00-06:00\"\nsession_gap = \"10m\"\n"
      "fast_response = \"60s\"\n",
      "s.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.problem().ToString();
  settings_ = *parsed;
  WriteMessages(SortedByCustomer(messages_));
  const Reports r = BothReports(Folder(), settings_, "2024-01");
  EXPECT_EQ(r.order, MessageOrder::kByCustomer);
  ExpectSameReports(r);
}

TEST_F(GroupedChatEdgeTest, EveryCustomerInAPartOfItsOwn) {
  // Parts of a few bytes: each starts where a customer's rows begin, whatever the cut.
  WriteMessages(SortedByCustomer(messages_));
  for (int threads : {2, 3, 7}) {
    SCOPED_TRACE(threads);
    ExpectSame(ReadInParts(Folder(), settings_, "2024-01", {threads, 1}));
  }
}

// Thousands of customers one after another (more than the first rows looked at), the first
// of them answered by a1 at 10:00:30, then `tail`.
std::string ManyCustomersThen(const std::string& tail) {
  std::string csv = kHeader;
  for (int i = 0; i < 3000; ++i) {
    csv += "店,k" + std::to_string(i) + ",customer,2024-01-05 10:00:00,,,,q\n";
    csv += "店,k" + std::to_string(i) + ",agent,2024-01-05 10:00:30,店:a1,,,a\n";
  }
  return csv + tail;
}

TEST_F(GroupedChatEdgeTest, ACustomerBackDaysLaterIsReadByCustomer) {
  // A second chat of k0, days after its first (or days before it, written after it): a
  // session of its own either way; k0 counts once among the inquirers.
  for (const char* day : {"2024-01-20", "2024-01-02"}) {
    SCOPED_TRACE(day);
    const std::string d = day;
    WriteMessages(ManyCustomersThen("店,k0,customer," + d + " 10:00:00,,,,back\n" + "店,k0,agent," +
                                    d + " 10:01:00,店:a1,,,a\n"));
    const Reports r = BothReports(Folder(), settings_, "2024-01");
    EXPECT_EQ(r.order, MessageOrder::kByCustomer);
    ExpectSameReports(r);
    // In parts of their own too, wherever the other run of the customer lies.
    for (int threads : {2, 5}) {
      SCOPED_TRACE(threads);
      ExpectSame(ReadInParts(Folder(), settings_, "2024-01", {threads, 1}));
    }
  }
}

TEST_F(GroupedChatEdgeTest, ACustomerBackWithinTheGapFallsBackToTheBatch) {
  // k0 again 10 minutes after its first chat: the same session, which its two runs cut
  // apart would have split.
  WriteMessages(ManyCustomersThen("店,k0,customer,2024-01-05 10:10:00,,,,back\n"));
  const Reports r = BothReports(Folder(), settings_, "2024-01");
  EXPECT_FALSE(r.streamed);
  ExpectSameReports(r);
  for (int threads : {1, 2, 5})
    EXPECT_FALSE(ReadInParts(Folder(), settings_, "2024-01", {threads, 1}).read) << threads;
}

TEST_F(GroupedChatEdgeTest, AConversationInTwoRunsFallsBackToTheBatch) {
  // k0's conversation CV1 goes on days later, after other customers: one session.
  std::string csv = kHeader;
  csv += "店,k0,customer,2024-01-05 09:00:00,,CV1,,q\n";
  csv += ManyCustomersThen("店,k0,customer,2024-01-20 10:00:00,,CV1,,back\n")
             .substr(std::string(kHeader).size());
  WriteMessages(csv);
  const Reports r = BothReports(Folder(), settings_, "2024-01");
  EXPECT_FALSE(r.streamed);
  ExpectSameReports(r);
  for (int threads : {1, 3})
    EXPECT_FALSE(ReadInParts(Folder(), settings_, "2024-01", {threads, 1}).read) << threads;
}

TEST_F(GroupedChatEdgeTest, QuotedLineBreaksWhereverAChunkIsCut) {
  // Chunks cut at line starts may start inside a quoted line break: such a reading is
  // noticed and the file read again in one chunk, with the same report.
  std::string csv = kHeader;
  for (int i = 0; i < 300; ++i) {
    const std::string k = "k" + std::to_string(i);
    csv += "店," + k + ",customer,2024-01-05 10:00:00,,,,\"line one\nline two\"\n";
    csv += "店," + k + ",agent,2024-01-05 10:00:30,店:a1,,,\"a\n\nb\"\n";
  }
  WriteMessages(csv);
  for (int threads : {1, 2, 5}) {
    SCOPED_TRACE(threads);
    ExpectSame(ReadInParts(Folder(), settings_, "2024-01", {threads, 1}));
  }
}

TEST_F(GroupedChatEdgeTest, ARepeatedMessageIdFallsBackToTheBatch) {
  WriteMessages(SortedByCustomer(ReadFile(SourceDir() + "/bench/fixtures/metrics-edge/"
                                                        "messages.csv")));
  const Reports r = BothReports(Folder(), settings_, "2024-01");
  EXPECT_FALSE(r.streamed);
  ExpectSameReports(r);
  EXPECT_FALSE(ReadInParts(Folder(), settings_, "2024-01", {3, 1}).read);
}

TEST_F(GroupedChatEdgeTest, AStoreInCustomerOrderIsReadACustomerAtATime) {
  WriteMessages(SortedByCustomer(messages_));
  int n = 0;
  for (StoreReadOptions options : {StoreReadOptions{}, StoreReadOptions{2, 1},
                                   StoreReadOptions{3, 1}, StoreReadOptions{7, 1}}) {
    SCOPED_TRACE(options.parts);
    const Reports r = StoreReports(Folder(), dir_ / ("s" + std::to_string(n++) + ".db"), settings_,
                                   "2024-01", options);
    EXPECT_EQ(r.order, MessageOrder::kByCustomer);
    ExpectSameReports(r);
  }
}

TEST_F(GroupedChatEdgeTest, AStoreInAnotherOrderIsHeld) {
  WriteMessages(report_reads::SortedByTime(messages_));
  const Reports r = StoreReports(Folder(), dir_ / "s.db", settings_, "2024-01");
  EXPECT_FALSE(r.streamed);
  ExpectSameReports(r);
}

TEST_F(GroupedChatEdgeTest, AStoreWhoseCustomerComesBackIsReadByCustomerOrHeld) {
  // Days later: read a run at a time; within the gap: held.
  WriteMessages(ManyCustomersThen("店,k0,customer,2024-01-20 10:00:00,,,,back\n"));
  int n = 0;
  for (StoreReadOptions options : {StoreReadOptions{}, StoreReadOptions{3, 1}}) {
    const Reports r = StoreReports(Folder(), dir_ / ("s" + std::to_string(n++) + ".db"), settings_,
                                   "2024-01", options);
    EXPECT_EQ(r.order, MessageOrder::kByCustomer);
    ExpectSameReports(r);
  }
  WriteMessages(ManyCustomersThen("店,k0,customer,2024-01-05 10:10:00,,,,back\n"));
  for (StoreReadOptions options : {StoreReadOptions{}, StoreReadOptions{3, 1}}) {
    const Reports r = StoreReports(Folder(), dir_ / ("s" + std::to_string(n++) + ".db"), settings_,
                                   "2024-01", options);
    EXPECT_FALSE(r.streamed);
    ExpectSameReports(r);
  }
}

// A case worked by hand, in runs of one customer's rows (c1's second chat after c2's).
// Default settings: gap 30 min, fast response 180 s, windows 72 h.
//   c1: customer 10:00:00, a1 10:01:00 (wait 60 s, first, within): session S1; customer
//       11:00:00 (59 min later: a new session S2), a2 11:05:00 (300 s, first, not within).
//   c2, conversation CV9: customer 10:00:30, a1 10:00:40 (10 s, first, within), customer
//       10:50:00 never answered (same conversation, so the same session S3): charged to
//       a1, the last agent who spoke before it opened.
//   Order O1 of c1 at 11:30, paid: S1 and S2 are both inquiries in the window; the latest,
//   S2, earns it, credited to a2 (the last agent at or before 11:30).
//   A rating of 5 on CV9: the last agent of S3, a1.
TEST(GroupedChatHandWorkedTest, TheNumbersWorkedByHand) {
  ScratchDir dir;
  dir.Write("in/agents.csv",
            "agent_id,name,team,manager_id,accounts\nA1,甲,T1,M1,店:a1\nA2,乙,T1,M1,店:a2\n"
            "M1,主管,T1,,\n");
  dir.Write("in/messages.csv", std::string(kHeader) +
                                   "店,c1,customer,2024-01-10 10:00:00,,,,q\n"
                                   "店,c1,agent,2024-01-10 10:01:00,店:a1,,,a\n"
                                   "店,c2,customer,2024-01-10 10:00:30,,CV9,,q\n"
                                   "店,c2,agent,2024-01-10 10:00:40,店:a1,CV9,,a\n"
                                   "店,c2,customer,2024-01-10 10:50:00,,CV9,,q\n"
                                   "店,c1,customer,2024-01-10 11:00:00,,,,q\n"
                                   "店,c1,agent,2024-01-10 11:05:00,店:a2,,,a\n");
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
  ASSERT_TRUE(read->streamed.has_value());
  EXPECT_EQ(read->streamed->order, MessageOrder::kByCustomer);
  std::map<std::string, std::map<std::string, std::string>> cells;
  for (Grouping g : groupings)
    cells.merge(
        CellsOf(BuildReport(ContextOf(read->data, settings, *zone, p, &*read->streamed), g)));
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
  // The team: the three sessions, c1 (in two runs, counted once) and c2 asking, c1 buying.
  EXPECT_EQ(cells["T1"]["sessions"], "3");
  EXPECT_EQ(cells["T1"]["inquirers"], "2");
  EXPECT_EQ(cells["T1"]["buyers"], "1");
  EXPECT_EQ(cells["T1"]["inquiry_conversion"], "0.500000");
}

// A generated month sorted by customer: thousands of customers, two shops, conversation
// ids, ratings by conversation id, orders of many customers.
class GroupedChatDemoTest : public ::testing::Test {
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
    CopyWithMessages((*dir_) / "demo", Sorted(),
                     SortedByCustomer(ReadFile((*dir_) / "demo/messages.csv")));
  }
  static void TearDownTestSuite() {
    delete settings_;
    delete dir_;
  }
  static std::string Sorted() { return (*dir_) / "sorted"; }
  static ScratchDir* dir_;
  static Settings* settings_;
};

ScratchDir* GroupedChatDemoTest::dir_ = nullptr;
Settings* GroupedChatDemoTest::settings_ = nullptr;

TEST_F(GroupedChatDemoTest, SortedByCustomerTheReportIsTheBatchReport) {
  for (const char* period : {"2024-01", "2024-01-15"}) {
    const Reports r = BothReports(Sorted(), *settings_, period);
    EXPECT_EQ(r.order, MessageOrder::kByCustomer) << period;
    ExpectSameReports(r);
  }
}

TEST_F(GroupedChatDemoTest, AStoreOfItIsReadACustomerAtATime) {
  const Reports r =
      StoreReports(Sorted(), (*dir_) / "s.db", *settings_, "2024-01", StoreReadOptions{3, 1000});
  EXPECT_EQ(r.order, MessageOrder::kByCustomer);
  ExpectSameReports(r);
}

TEST_F(GroupedChatDemoTest, InManyPartsTheReportIsTheSame) {
  for (int threads : {2, 5}) {
    SCOPED_TRACE(threads);
    ExpectSame(ReadInParts(Sorted(), *settings_, "2024-01", {threads, 4096}));
  }
}

}  // namespace
}  // namespace csperf::metrics
