// The report from time-sorted messages streamed past (metrics/chat_stream.h) is the batch
// report, byte for byte; messages out of time order (or anything else the stream does not
// read) fall back to the batch path and give the same report.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/period.h"
#include "core/settings.h"
#include "demo/demo_data.h"
#include "io/csv_reader.h"
#include "metrics/loader.h"
#include "metrics/report.h"
#include "report_reads.h"
#include "support/test_util.h"

namespace csperf::metrics {
namespace {

using csperf::testing::ReadFile;
using csperf::testing::ScratchDir;
using csperf::testing::SourceDir;

using report_reads::BothReports;
using report_reads::ContextOf;
using report_reads::ExpectSameReports;
using report_reads::kAllGroupings;
using report_reads::Reports;
using report_reads::SortedByTime;

// The edge cases of bench/fixtures/metrics-edge: same-second replies, a reply after the
// gap, unmapped, shared and routed accounts, conversation ids beside plain messages,
// sessions across the period's ends, orders on the window edges, one customer id at two
// shops. Its repeated message id is blanked here (a repeat sends the file to the batch path).
class ChatStreamEdgeTest : public ::testing::Test {
 protected:
  ChatStreamEdgeTest() : settings_(DefaultSettings()) {
    const std::string fixture = SourceDir() + "/bench/fixtures/metrics-edge/";
    dir_.Write("in/agents.csv", ReadFile(fixture + "agents.csv"));
    dir_.Write("in/orders.csv", ReadFile(fixture + "orders.csv"));
    messages_ = ReadFile(fixture + "messages.csv");
  }
  std::string Folder() const { return dir_ / "in"; }
  void WriteMessages(const std::string& csv) { dir_.Write("in/messages.csv", csv); }
  static std::string WithoutMessageIds(std::string csv) {
    for (const char* id : {",m1,", ",m2,"}) {
      for (size_t at = csv.find(id); at != std::string::npos; at = csv.find(id))
        csv.replace(at, std::string(id).size(), ",,");
    }
    return csv;
  }

  ScratchDir dir_;
  Settings settings_;
  std::string messages_;
};

TEST_F(ChatStreamEdgeTest, SortedByTimeTheStreamGivesTheBatchReport) {
  WriteMessages(SortedByTime(WithoutMessageIds(messages_)));
  for (const char* period : {"2024-01", "2024-01-10", "2023-12", "2024-02"}) {
    const Reports r = BothReports(Folder(), settings_, period);
    EXPECT_TRUE(r.streamed) << period;
    EXPECT_EQ(r.order, MessageOrder::kByTime) << period;
    ExpectSameReports(r);
  }
}

TEST_F(ChatStreamEdgeTest, WithServiceHoursAndPerShopWindowsToo) {
  auto parsed = ParseSettings(
      "[shops.\"店\"]\nservice_hours = \"08:00-24:00\"\nattribution_window = \"48h\"\n"
      "[shops.\"店B\"]\nservice_hours = \"22:00-06:00\"\nsession_gap = \"10m\"\n"
      "fast_response = \"60s\"\n",
      "s.toml");
  ASSERT_TRUE(parsed.ok()) << parsed.problem().ToString();
  settings_ = *parsed;
  WriteMessages(SortedByTime(WithoutMessageIds(messages_)));
  const Reports r = BothReports(Folder(), settings_, "2024-01");
  EXPECT_TRUE(r.streamed);
  ExpectSameReports(r);
}

TEST_F(ChatStreamEdgeTest, MessagesOutOfTimeOrderFallBackToTheBatch) {
  // Customers' rows first, then agents': in neither time nor customer order.
  WriteMessages(report_reads::SortedBy(WithoutMessageIds(messages_), {"sender"}));
  const Reports r = BothReports(Folder(), settings_, "2024-01");
  EXPECT_FALSE(r.streamed);
  ExpectSameReports(r);
}

TEST_F(ChatStreamEdgeTest, ARepeatedMessageIdFallsBackToTheBatch) {
  WriteMessages(SortedByTime(messages_));
  const Reports r = BothReports(Folder(), settings_, "2024-01");
  EXPECT_FALSE(r.streamed);
  ExpectSameReports(r);
}

TEST_F(ChatStreamEdgeTest, DisorderPastTheFirstRowsIsFoundOnTheWay) {
  // Thousands of sorted rows (more than the first rows looked at before streaming), then
  // one earlier than the row before it.
  std::string csv = "shop,customer_id,sender,sent_at,account,conversation_id,message_id,content\n";
  for (int i = 0; i < 6000; ++i) {
    const int minute = i / 60, second = i % 60;
    char line[160];
    std::snprintf(line, sizeof line, "店,k%d,%s,2024-01-05 %02d:%02d:%02d,%s,,,x\n", i % 97,
                  i % 3 == 0 ? "agent" : "customer", 8 + minute / 60, minute % 60, second,
                  i % 3 == 0 ? "店:a1" : "");
    csv += line;
  }
  csv += "店,k1,customer,2024-01-05 08:00:00,,,,back in time\n";
  WriteMessages(csv);
  const Reports r = BothReports(Folder(), settings_, "2024-01");
  EXPECT_FALSE(r.streamed);
  ExpectSameReports(r);
}

TEST_F(ChatStreamEdgeTest, AConversationBackAfterADayOfSilenceFallsBackToTheBatch) {
  // The stream closes a conversation silent for a day; one that comes back after that is
  // left to the batch path.
  std::string csv = SortedByTime(WithoutMessageIds(messages_));
  csv += "店,c4,agent,2024-02-03 09:00:00,店:a1,CV1,,days later in the same conversation\n";
  WriteMessages(csv);
  const Reports r = BothReports(Folder(), settings_, "2024-01");
  EXPECT_FALSE(r.streamed);
  ExpectSameReports(r);
}

TEST_F(ChatStreamEdgeTest, BadRowsAreReportedAsTheBatchReportsThem) {
  WriteMessages(SortedByTime(WithoutMessageIds(messages_)) +
                "店,c9,customer,2024-02-05 10:00:00,,,,fine\n"
                "店,c9,customer,not a time,,,,bad\n");
  ImportReport streamed_report, batch_report;
  auto zone = *TimeZone::Load(settings_.timezone);
  const Period p = *ParsePeriod("2024-01");
  auto read = LoadReportInputFromFiles({Folder()}, settings_, ImportOptions{}, &streamed_report, p,
                                       kAllGroupings);
  auto batch = LoadDatasetFromFiles({Folder()}, settings_, ImportOptions{}, &batch_report);
  ASSERT_FALSE(read.ok());
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(read.problem().ToString(), batch.problem().ToString());
  EXPECT_EQ(streamed_report.bad_rows, batch_report.bad_rows);
}

TEST_F(ChatStreamEdgeTest, TheCommandsPrintTheSameForEitherOrder) {
  // `metrics` (each grouping) and `score` stream the sorted folder and hold the other.
  dir_.Write("sorted/agents.csv", ReadFile(Folder() + "/agents.csv"));
  dir_.Write("sorted/orders.csv", ReadFile(Folder() + "/orders.csv"));
  dir_.Write("sorted/messages.csv", SortedByTime(WithoutMessageIds(messages_)));
  WriteMessages(WithoutMessageIds(messages_));
  for (const char* group : {"agent", "team", "shop", "manager"}) {
    auto sorted = csperf::testing::RunCsperf(
        {"metrics", "--data", dir_ / "sorted", "--period", "2024-01", "--group", group});
    auto held = csperf::testing::RunCsperf(
        {"metrics", "--data", Folder(), "--period", "2024-01", "--group", group});
    EXPECT_EQ(sorted.exit_code, 0) << sorted.out;
    EXPECT_EQ(sorted.out, held.out) << group;
  }
  const std::string presales = SourceDir() + "/templates/presales.toml";
  auto sorted = csperf::testing::RunCsperf({"score", "--data", dir_ / "sorted", "--period",
                                            "2024-01", "--template", presales, "--format", "csv"});
  auto held = csperf::testing::RunCsperf({"score", "--data", Folder(), "--period", "2024-01",
                                          "--template", presales, "--format", "csv"});
  EXPECT_EQ(sorted.exit_code, held.exit_code) << sorted.out;
  EXPECT_EQ(sorted.out, held.out);
}

// A case worked by hand. Default settings: gap 30 min, fast response 180 s, windows 72 h.
//   c1: customer 10:00:00, a1 10:02:00 (wait 120 s, first, within), customer 10:03:00,
//       customer 10:04:00, a2 10:10:00 (wait 420 s, not within), then idle; customer
//       11:00:00 opens a second session (gap 50 min) that nobody answers: unanswered,
//       charged to the last agent before it opened, none in that session, so to the
//       routed account: none, so to the shop (no agent row).
//   c2: a1 opens at 10:30:00 (not an inquiry), customer 10:31:00, a1 10:31:30 (30 s, first).
//   Order O1 of c1 at 11:00:00, paid: the latest inquiry in [08:00, 11:00] is the session
//   opened at 11:00:00 — not served, so not an inquiry — hence the one at 10:00:00; the
//   last agent there at or before 11:00 is a2.
TEST(ChatStreamHandWorkedTest, TheNumbersWorkedByHand) {
  ScratchDir dir;
  dir.Write("in/agents.csv",
            "agent_id,name,team,manager_id,accounts\nA1,甲,T1,M1,店:a1\nA2,乙,T1,M1,店:a2\n"
            "M1,主管,T1,,\n");
  dir.Write("in/messages.csv",
            "shop,customer_id,sender,sent_at,account,conversation_id,message_id,content\n"
            "店,c1,customer,2024-01-10 10:00:00,,,,q\n"
            "店,c1,agent,2024-01-10 10:02:00,店:a1,,,a\n"
            "店,c1,customer,2024-01-10 10:03:00,,,,q\n"
            "店,c1,customer,2024-01-10 10:04:00,,,,q\n"
            "店,c1,agent,2024-01-10 10:10:00,店:a2,,,a\n"
            "店,c2,agent,2024-01-10 10:30:00,店:a1,,,hello\n"
            "店,c2,customer,2024-01-10 10:31:00,,,,q\n"
            "店,c2,agent,2024-01-10 10:31:30,店:a1,,,a\n"
            "店,c1,customer,2024-01-10 11:00:00,,,,again\n");
  dir.Write("in/orders.csv",
            "order_id,shop,customer_id,created_at,paid_at,amount,status,account\n"
            "O1,店,c1,2024-01-10 11:00:00,2024-01-10 11:05:00,99.50,paid,\n");
  const Settings settings = DefaultSettings();
  auto zone = *TimeZone::Load(settings.timezone);
  const Period p = *ParsePeriod("2024-01");
  ImportReport import;
  const std::vector<Grouping> groupings = {Grouping::kAgent};
  auto read =
      LoadReportInputFromFiles({dir / "in"}, settings, ImportOptions{}, &import, p, groupings);
  ASSERT_TRUE(read.ok()) << read.problem().ToString();
  ASSERT_TRUE(read->streamed.has_value());
  const Report report =
      BuildReport(ContextOf(read->data, settings, *zone, p, &*read->streamed), Grouping::kAgent);
  auto cells = report_reads::CellsOf(report);
  // A1: served c1's first session (1 line) and c2's (2 lines).
  EXPECT_EQ(cells["A1"]["sessions"], "2");
  EXPECT_EQ(cells["A1"]["agent_messages"], "3");
  EXPECT_EQ(cells["A1"]["customer_messages"], "4");  // 3 of c1's first session, 1 of c2's
  EXPECT_EQ(cells["A1"]["responses"], "2");          // 120 s and 30 s
  EXPECT_EQ(cells["A1"]["art_avg_s"], "75.000");
  EXPECT_EQ(cells["A1"]["art_median_s"], "30");
  EXPECT_EQ(cells["A1"]["art_p90_s"], "120");
  EXPECT_EQ(cells["A1"]["frt_count"], "2");
  EXPECT_EQ(cells["A1"]["frt_within_s"], "2");
  EXPECT_EQ(cells["A1"]["inquiries"], "1");  // c2's session was opened by the agent
  EXPECT_EQ(cells["A1"]["inquirers"], "1");
  EXPECT_EQ(cells["A1"]["orders"], "0");
  // A2: c1's first session, one response of 420 s, not a first response; the order.
  EXPECT_EQ(cells["A2"]["sessions"], "1");
  EXPECT_EQ(cells["A2"]["responses"], "1");
  EXPECT_EQ(cells["A2"]["art_avg_s"], "420.000");
  EXPECT_EQ(cells["A2"]["responses_within_s"], "0");
  EXPECT_EQ(cells["A2"]["frt_count"], "0");
  EXPECT_EQ(cells["A2"]["first_waits"], "0");
  EXPECT_EQ(cells["A2"]["unanswered_waits"], "0");
  EXPECT_EQ(cells["A2"]["orders"], "1");
  EXPECT_EQ(cells["A2"]["buyers"], "1");
  EXPECT_EQ(cells["A2"]["sales_amount"], "99.50");
  EXPECT_EQ(cells["A2"]["inquiry_conversion"], "1.000000");
  // Nobody is charged with the unanswered wait of c1's second session: it went to the shop.
  EXPECT_EQ(cells["A1"]["unanswered_waits"], "0");
  EXPECT_EQ(cells["M1"]["sessions"], "0");
}

// A generated month: thousands of customers whose sessions interleave, ratings by
// conversation id, orders of many customers.
class ChatStreamDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    demo::DemoOptions options;
    options.out_dir = (*dir_) / "demo";
    options.agents = 12;
    options.messages = 30000;
    options.seed = 11;
    ASSERT_TRUE(demo::GenerateDemoData(options).ok());
    settings_ = new Settings(*LoadSettingsFile((*dir_) / "demo/settings.toml"));
  }
  static void TearDownTestSuite() {
    delete settings_;
    delete dir_;
  }
  static ScratchDir* dir_;
  static Settings* settings_;
};

ScratchDir* ChatStreamDemoTest::dir_ = nullptr;
Settings* ChatStreamDemoTest::settings_ = nullptr;

TEST_F(ChatStreamDemoTest, InGeneratedOrderTheMessagesAreReadByCustomer) {
  // The generator writes a chat's rows together, chats in the order they start (customers
  // come back days later): not in time order, in runs of one customer's rows.
  const Reports r = BothReports((*dir_) / "demo", *settings_, "2024-01");
  EXPECT_EQ(r.order, MessageOrder::kByCustomer);
  ExpectSameReports(r);
}

TEST_F(ChatStreamDemoTest, SortedByTimeTheStreamGivesTheBatchReport) {
  const std::string sorted = (*dir_) / "sorted";
  report_reads::CopyWithMessages((*dir_) / "demo", sorted,
                                 SortedByTime(ReadFile((*dir_) / "demo/messages.csv")));
  for (const char* period : {"2024-01", "2024-01-15"}) {
    const Reports r = BothReports(sorted, *settings_, period);
    EXPECT_TRUE(r.streamed) << period;
    EXPECT_EQ(r.order, MessageOrder::kByTime) << period;
    ExpectSameReports(r);
  }
}

}  // namespace
}  // namespace csperf::metrics
