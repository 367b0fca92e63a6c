// Chat columns on hand-worked conversations (metrics.md, "Chat: sessions and waits").
#include "files_fixture.h"

namespace csperf::metrics {
namespace {

const char kHeader[] = "shop,customer_id,sender,sent_at,account,conversation_id,content\n";

class ChatTest : public MetricsFilesTest {};

TEST_F(ChatTest, WaitsBurstsBotsAndEqualTimestamps) {
  Write("messages.csv",
        std::string(kHeader) +
            "店,c1,customer,2024-01-10 10:00:00,,,q1\n"
            "店,c1,bot,2024-01-10 10:00:01,店:bot,,auto\n"  // never counts
            "店,c1,customer,2024-01-10 10:00:05,,,q1b\n"    // burst: wait unchanged
            "店,c1,agent,2024-01-10 10:00:30,店:a1,,a\n"    // closes: 30 s, the FRT
            "店,c1,system,2024-01-10 10:00:30,,,sys\n"      // never counts
            "店,c1,customer,2024-01-10 10:01:00,,,q2\n"     // opens a wait
            "店,c1,agent,2024-01-10 10:01:00,店:a1,,b\n"    // same second, later row: 0 s
            "店,c1,agent,2024-01-10 10:02:00,店:a1,,c\n"    // no wait open
            "店,c1,customer,2024-01-10 10:05:00,,,q3\n");   // never answered
  Run();
  // A1: one session with 3 agent and 4 customer messages; responses 30 s and 0 s; the last
  // wait is unanswered and charged to A1, the last agent who spoke before it opened.
  EXPECT_EQ(Cell("A1", "sessions"), "1");
  EXPECT_EQ(Cell("A1", "agent_messages"), "3");
  EXPECT_EQ(Cell("A1", "customer_messages"), "4");
  EXPECT_EQ(Cell("A1", "frt_count"), "1");
  EXPECT_EQ(Cell("A1", "frt_avg_s"), "30.000");
  EXPECT_EQ(Cell("A1", "responses"), "2");
  EXPECT_EQ(Cell("A1", "art_avg_s"), "15.000");
  EXPECT_EQ(Cell("A1", "art_median_s"), "0");  // lower median of {0, 30}
  EXPECT_EQ(Cell("A1", "art_p90_s"), "30");    // ⌈0.9·2⌉ = 2nd smallest
  EXPECT_EQ(Cell("A1", "responses_within_s"), "2");
  EXPECT_EQ(Cell("A1", "response_within_rate"), "1.000000");
  EXPECT_EQ(Cell("A1", "unanswered_waits"), "1");
  EXPECT_EQ(Cell("A1", "first_waits"), "1");
  EXPECT_EQ(Cell("A1", "frt_within_rate"), "1.000000");
  EXPECT_EQ(Cell("A1", "reply_rate"), "0.666667");  // 2 / (2 + 1)
  EXPECT_EQ(Cell("A1", "inquiries"), "1");
  EXPECT_EQ(Cell("A1", "answer_ratio"), "0.750000");       // 3 / 4
  EXPECT_EQ(Cell("A1", "messages_per_session"), "7.000");  // (3 + 4) / 1
  // Zero denominators print empty, never 0.
  EXPECT_EQ(Cell("A2", "art_avg_s"), "");
  EXPECT_EQ(Cell("A2", "reply_rate"), "");
  EXPECT_EQ(Cell("A2", "sessions"), "0");
}

TEST_F(ChatTest, MessagesPerSessionCountsTheAgentsAndTheCustomersMessagesOfItsSessions) {
  Write("messages.csv",
        std::string(kHeader) +
            "店,c1,customer,2024-01-10 10:00:00,,,q1\n"
            "店,c1,agent,2024-01-10 10:00:20,店:a1,,a\n"
            "店,c1,customer,2024-01-10 10:01:00,,,q2\n"
            "店,c1,agent,2024-01-10 10:01:30,店:a1,,b\n"
            "店,c1,bot,2024-01-10 10:01:31,店:bot,,auto\n"  // not a message of the session
            // 2 hours later: a second session, served by A1 and A2.
            "店,c1,customer,2024-01-10 12:00:00,,,q3\n"
            "店,c1,agent,2024-01-10 12:00:10,店:a1,,c\n"
            "店,c1,agent,2024-01-10 12:00:40,店:a2,,d\n");
  Run();
  // A1: sessions 2; its own messages 2 + 1, the customer's 2 + 1: (3 + 3) / 2 = 3.
  EXPECT_EQ(Cell("A1", "messages_per_session"), "3.000");
  // A2: the second session only, its 1 message and the customer's 1: (1 + 1) / 1 = 2.
  EXPECT_EQ(Cell("A2", "messages_per_session"), "2.000");
  // No sessions: empty, never 0.
  EXPECT_EQ(Cell("A3", "messages_per_session"), "");
}

TEST_F(ChatTest, AReplyAfterTheGapAnswersNothingAndOpensANewSession) {
  Write("messages.csv", std::string(kHeader) +
                            "店,c2,customer,2024-01-10 10:00:00,,,在吗\n"
                            "店,c2,agent,2024-01-10 10:31:00,店:a1,,在的\n"  // 31 min later
                            "店,c2,customer,2024-01-10 10:31:30,,,好\n"
                            "店,c2,agent,2024-01-10 10:32:00,店:a1,,嗯\n");
  Run();
  // Session 1 is the customer's line alone: unanswered, no agent spoke and no routing, so
  // the shop is charged. Session 2 is opened by A1: served, not an inquiry; its first wait
  // (10:31:30 → 10:32:00) is A1's FRT of 30 s.
  EXPECT_EQ(Cell("A1", "sessions"), "1");
  EXPECT_EQ(Cell("A1", "inquiries"), "0");
  EXPECT_EQ(Cell("A1", "unanswered_waits"), "0");
  EXPECT_EQ(Cell("A1", "first_waits"), "1");
  EXPECT_EQ(Cell("A1", "frt_avg_s"), "30.000");
  Run(Grouping::kShop);
  EXPECT_EQ(Cell("店", "sessions"), "1");
  EXPECT_EQ(Cell("店", "unanswered_waits"), "1");
  EXPECT_EQ(Cell("店", "first_waits"), "2");
  EXPECT_EQ(Cell("店", "reply_rate"), "0.500000");
}

TEST_F(ChatTest, AnUnansweredCustomerIsChargedToTheAccountRoutedTo) {
  Write("messages.csv", std::string(kHeader) +
                            "店,c3,customer,2024-01-10 10:00:00,店:a2b,,在吗\n"
                            "店,c3,customer,2024-01-10 10:03:00,店:a2b,,有人吗\n");
  Run();
  EXPECT_EQ(Cell("A2", "unanswered_waits"), "1");
  EXPECT_EQ(Cell("A2", "first_waits"), "1");
  EXPECT_EQ(Cell("A2", "sessions"), "0");  // charged, but not served
  EXPECT_EQ(Cell("A2", "frt_within_rate"), "0.000000");
}

TEST_F(ChatTest, ATransferredSessionCountsOnceForTheTeam) {
  Write("messages.csv", std::string(kHeader) +
                            "店,c4,customer,2024-01-10 10:00:00,,,q\n"
                            "店,c4,agent,2024-01-10 10:00:20,店:a1,,a\n"
                            "店,c4,customer,2024-01-10 10:01:00,,,q\n"
                            "店,c4,agent,2024-01-10 10:02:00,店:a2,,b\n");
  Run();
  EXPECT_EQ(Cell("A1", "sessions"), "1");
  EXPECT_EQ(Cell("A2", "sessions"), "1");
  EXPECT_EQ(Cell("A1", "customer_messages"), "2");  // a shared session counts whole for each
  EXPECT_EQ(Cell("A2", "customer_messages"), "2");
  EXPECT_EQ(Cell("A1", "frt_count"), "1");
  EXPECT_EQ(Cell("A2", "frt_count"), "0");
  EXPECT_EQ(Cell("A2", "art_avg_s"), "60.000");
  Run(Grouping::kTeam);
  EXPECT_EQ(Cell("T1", "sessions"), "1");
  EXPECT_EQ(Cell("T1", "customer_messages"), "2");
  EXPECT_EQ(Cell("T1", "agent_messages"), "2");
  EXPECT_EQ(Cell("T1", "responses"), "2");
  EXPECT_EQ(Cell("T1", "art_median_s"), "20");  // pooled {20, 60}: the lower median
  EXPECT_EQ(Cell("T2", "sessions"), "0");
  Run(Grouping::kManager);
  EXPECT_EQ(Cell("M1", "sessions"), "1");
}

TEST_F(ChatTest, AnUnmappedAccountServesForTheShop) {
  Write("messages.csv", std::string(kHeader) +
                            "店,c5,customer,2024-01-10 10:00:00,,,q\n"
                            "店,c5,agent,2024-01-10 10:00:50,店:temp,,a\n"
                            "店,c5,customer,2024-01-10 10:01:00,,,q\n");
  Run();
  for (const char* agent : {"A1", "A2", "A3", "M1"}) {
    EXPECT_EQ(Cell(agent, "sessions"), "0") << agent;
    EXPECT_EQ(Cell(agent, "unanswered_waits"), "0") << agent;
  }
  Run(Grouping::kShop);
  // The temp account closed the first wait (50 s) and, as the last to speak, is charged
  // with the second: both land in the shop's row.
  EXPECT_EQ(Cell("店", "sessions"), "1");
  EXPECT_EQ(Cell("店", "frt_avg_s"), "50.000");
  EXPECT_EQ(Cell("店", "unanswered_waits"), "1");
  EXPECT_EQ(Cell("店", "inquiries"), "1");
}

TEST_F(ChatTest, ConversationIdsMakeTheirOwnSessionsBesideRowsWithout) {
  Write("messages.csv", std::string(kHeader) +
                            "店,c6,customer,2024-01-10 10:00:00,,X,q\n"
                            "店,c6,customer,2024-01-10 10:02:00,,,plain\n"
                            "店,c6,agent,2024-01-10 10:03:00,店:a1,,plain answer\n"
                            "店,c6,agent,2024-01-10 11:00:00,店:a2,X,late but same conversation\n");
  Run();
  // Session X: the customer at 10:00, A2 at 11:00 (no gap rule inside a conversation):
  // 3600 s. The plain session: 10:02 → 10:03, 60 s, A1.
  EXPECT_EQ(Cell("A2", "frt_avg_s"), "3600.000");
  EXPECT_EQ(Cell("A1", "frt_avg_s"), "60.000");
  EXPECT_EQ(Cell("A1", "sessions"), "1");
  EXPECT_EQ(Cell("A2", "sessions"), "1");
}

TEST_F(ChatTest, ASessionBelongsToThePeriodOfItsFirstMessage) {
  Write("messages.csv", std::string(kHeader) +
                            "店,c7,customer,2024-01-31 23:50:00,,,q\n"
                            "店,c7,agent,2024-02-01 00:10:00,店:a1,,a\n"
                            "店,c8,customer,2023-12-31 23:55:00,,,q\n"
                            "店,c8,agent,2024-01-01 00:01:00,店:a1,,a\n");
  Run();
  EXPECT_EQ(Cell("A1", "sessions"), "1");
  EXPECT_EQ(Cell("A1", "frt_avg_s"), "1200.000");
  Run(Grouping::kAgent, "2024-02");
  EXPECT_EQ(Cell("A1", "sessions"), "0");
}

TEST_F(ChatTest, ServiceHoursCountOnlyServiceTimeAcrossMidnight) {
  auto parsed = ParseSettings("[shops.\"店\"]\nservice_hours = \"08:00-24:00\"\n", "s.toml");
  ASSERT_TRUE(parsed.ok());
  settings_ = *parsed;
  Write("messages.csv", std::string(kHeader) +
                            "店,c9,customer,2024-01-10 23:50:00,,,q\n"
                            "店,c9,agent,2024-01-11 08:05:00,店:a1,,a\n");
  Run();
  // 23:50 → 24:00 is 600 s and 08:00 → 08:05 is 300 s: one session (15 min of service
  // time is within the gap) and a 900-second response.
  EXPECT_EQ(Cell("A1", "sessions"), "1");
  EXPECT_EQ(Cell("A1", "frt_avg_s"), "900.000");
  EXPECT_EQ(Cell("A1", "inquiries"), "1");
}

TEST_F(ChatTest, DuplicateMessagesAcrossFilesCountOnce) {
  const std::string rows =
      "店,c10,customer,2024-01-10 10:00:00,,,q\n"
      "店,c10,agent,2024-01-10 10:00:10,店:a1,,a\n";
  Write("messages_a.csv", std::string(kHeader) + rows);
  Write("messages_b.csv", std::string(kHeader) + rows);
  Run();
  EXPECT_EQ(Cell("A1", "agent_messages"), "1");
  EXPECT_EQ(Cell("A1", "customer_messages"), "1");
}

}  // namespace
}  // namespace csperf::metrics

namespace csperf::metrics {
namespace {

// The worked example of docs/metrics.md, number by number.
TEST(DocsWorkedExample, AgentA01OfTheSampleMonth) {
  csperf::testing::ScratchDir dir;
  ImportReport import;
  Settings settings = DefaultSettings();
  auto data = LoadDatasetFromFiles({csperf::testing::SourceDir() + "/samples/basic"}, settings,
                                   ImportOptions{}, &import);
  ASSERT_TRUE(data.ok());
  auto zone = *TimeZone::Load("Asia/Shanghai");
  Period p = *ParsePeriod("2024-01");
  Context c{*data, settings, *zone, p, p.begin(*zone), p.end(*zone)};
  Report report = BuildReport(c, Grouping::kAgent);
  std::map<std::string, std::string> a01;
  for (const ReportRow& row : report.rows) {
    if (row.key != "A01") continue;
    for (size_t i = 0; i < row.columns.size(); ++i) {
      a01[row.columns[i].first] = FormatValue(row.columns[i].second, report.formats[i]);
    }
  }
  const std::map<std::string, std::string> expected = {{"sessions", "2"},
                                                       {"agent_messages", "3"},
                                                       {"customer_messages", "2"},
                                                       {"responses", "2"},
                                                       {"art_avg_s", "30.000"},
                                                       {"art_median_s", "20"},
                                                       {"art_p90_s", "40"},
                                                       {"frt_count", "1"},
                                                       {"frt_avg_s", "40.000"},
                                                       {"response_within_rate", "1.000000"},
                                                       {"frt_within_rate", "1.000000"},
                                                       {"inquiries", "1"},
                                                       {"answer_ratio", "1.500000"},
                                                       {"orders", "1"},
                                                       {"sales_amount", "1299.00"},
                                                       {"net_sales_amount", "1299.00"},
                                                       {"buyers", "1"},
                                                       {"inquirers", "1"},
                                                       {"inquiry_conversion", "1.000000"},
                                                       {"aov", "1299.00"},
                                                       {"ratings", "1"},
                                                       {"satisfied", "1"},
                                                       {"rating_avg", "5.000"},
                                                       {"rating_invite_rate", "1.000000"},
                                                       {"product_knowledge", "88.000"},
                                                       {"communication", "94.000"},
                                                       {"teamwork", "91.429"},
                                                       {"followups_planned", "1"},
                                                       {"followups_done_on_time", "0"},
                                                       {"followup_rate", "0.000000"},
                                                       {"shifts", "1"},
                                                       {"late", "0"},
                                                       {"attendance_rate", "1.000000"},
                                                       {"days_employed", "31"}};
  for (const auto& [column, value] : expected) EXPECT_EQ(a01[column], value) << column;
}

}  // namespace
}  // namespace csperf::metrics

namespace csperf::metrics {
namespace {

// Identical rows in one second keep their own places in input order: the customer's
// repeated "ok" after the agent's reply opens a wait of its own.
TEST_F(ChatTest, RepeatedIdenticalRowsKeepTheirPlacesInInputOrder) {
  Write("messages.csv", std::string(kHeader) +
                            "店,c1,customer,2024-01-10 10:00:00,,,ok\n"
                            "店,c1,agent,2024-01-10 10:00:00,店:a1,,hi\n"
                            "店,c1,customer,2024-01-10 10:00:00,,,ok\n");
  Run();
  EXPECT_EQ(Cell("A1", "responses"), "1");
  EXPECT_EQ(Cell("A1", "unanswered_waits"), "1");
  EXPECT_EQ(Cell("A1", "reply_rate"), "0.500000");
  EXPECT_EQ(Cell("A1", "customer_messages"), "2");
}

}  // namespace
}  // namespace csperf::metrics
