// The demo month: deterministic, importable as is, and its manifest tells the truth about
// what was planted (checked here with plain SQL over the imported store).
#include "demo/demo_data.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "import/importer.h"
#include "store/open_store.h"
#include "store/quality_report.h"
#include "support/sqlite_query.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::ReadFile;
using csperf::testing::ScratchDir;

constexpr const char* kFiles[] = {"agents.csv",    "messages.csv",    "orders.csv",
                                  "ratings.csv",   "cases.csv",       "case_events.csv",
                                  "followups.csv", "assessments.csv", "qa_items.csv",
                                  "incidents.csv", "attendance.csv",  "work_records.csv",
                                  "manifest.json", "settings.toml",   "qa_forms/chat_qa_v1.toml"};

class DemoDataTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    demo::DemoOptions options;
    options.out_dir = (*dir_) / "demo";
    options.agents = 14;
    options.messages = 30000;
    options.seed = 42;
    auto result = demo::GenerateDemoData(options);
    ASSERT_TRUE(result.ok()) << result.problem().ToString();
    manifest_ = new nlohmann::json(nlohmann::json::parse(ReadFile((*dir_) / "demo/manifest.json")));
    auto settings = LoadSettingsFile((*dir_) / "demo/settings.toml");
    ASSERT_TRUE(settings.ok());
    auto store = OpenStore((*dir_) / "demo.db", OpenMode::kCreate);
    ASSERT_TRUE(store.ok());
    store_ = store->release();
    FixedClock clock(1709251200);  // 2024-03-01: the month and its follow-ups are over
    ImportOptions import_options;
    report_ = new ImportReport(RunImport(*store_, *settings, {(*dir_) / "demo"}, import_options,
                                         csperf::testing::EnvAt(clock)));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete store_;
    delete manifest_;
    delete dir_;
  }

  // The demo month's shape reads best as SQL over the store's file.
  int64_t Count(const std::string& sql) {
    return csperf::testing::SqliteInt((*dir_) / "demo.db", sql);
  }
  int64_t Planted(const std::string& agent, const std::string& what) {
    const auto& planted = (*manifest_)["agents"][agent]["planted"];
    return planted.contains(what) ? planted[what].get<int64_t>() : 0;
  }

  static ScratchDir* dir_;
  static nlohmann::json* manifest_;
  static Store* store_;
  static ImportReport* report_;
};

ScratchDir* DemoDataTest::dir_ = nullptr;
nlohmann::json* DemoDataTest::manifest_ = nullptr;
Store* DemoDataTest::store_ = nullptr;
ImportReport* DemoDataTest::report_ = nullptr;

TEST_F(DemoDataTest, TheSameSeedWritesTheSameBytes) {
  demo::DemoOptions options;
  options.out_dir = (*dir_) / "again";
  options.agents = 14;
  options.messages = 30000;
  options.seed = 42;
  ASSERT_TRUE(demo::GenerateDemoData(options).ok());
  for (const char* f : kFiles) {
    EXPECT_TRUE(ReadFile((*dir_) / (std::string("demo/") + f)) ==
                ReadFile((*dir_) / (std::string("again/") + f)))
        << f;
  }
  options.out_dir = (*dir_) / "other";
  options.seed = 43;
  ASSERT_TRUE(demo::GenerateDemoData(options).ok());
  EXPECT_FALSE(ReadFile((*dir_) / "demo/messages.csv") == ReadFile((*dir_) / "other/messages.csv"));
}

TEST_F(DemoDataTest, ImportsWithoutABadRow) {
  ASSERT_FALSE(report_->refusal) << report_->refusal->ToString();
  EXPECT_TRUE(report_->committed);
  EXPECT_EQ(report_->bad_rows, 0);
  for (const FileReport& f : report_->files) {
    EXPECT_EQ(
        f.counts.rows,
        (*manifest_)["rows"][std::filesystem::path(f.path).filename().string()].get<int64_t>())
        << f.path;
  }
  int64_t messages = (*manifest_)["messages"].get<int64_t>();
  EXPECT_GE(messages, 30000);
  EXPECT_LT(messages, 30100);
  EXPECT_EQ(Count("SELECT sum(copies) FROM messages"), messages);
}

TEST_F(DemoDataTest, TheQualityReportFindsExactlyWhatWasPlanted) {
  auto zone = *TimeZone::Load("Asia/Shanghai");
  QualityReport q = CheckStore(*store_, 1709251200, *zone, *DefaultEnv().executor).quality;
  for (const auto& [code, planted] : (*manifest_)["quality"].items()) {
    const QualityFinding* f = q.Find(code);
    EXPECT_EQ(f ? f->count : 0, planted.get<int64_t>()) << code;
  }
  EXPECT_GT((*manifest_)["quality"]["order_of_unseen_customer"].get<int64_t>(), 0);
  EXPECT_EQ((*manifest_)["quality"]["unmapped_account"].get<int64_t>(), 1);
}

TEST_F(DemoDataTest, TheTeamHasEveryKindOfMember) {
  EXPECT_GE(Count("SELECT count(*) FROM agents WHERE position = 'supervisor'"), 1);
  EXPECT_GE(Count("SELECT count(*) FROM agents WHERE position = 'presales'"), 3);
  EXPECT_GE(Count("SELECT count(*) FROM agents WHERE position = 'aftersales'"), 2);
  EXPECT_GE(Count("SELECT count(*) FROM agents WHERE probation = 1"), 1);
  EXPECT_EQ(
      Count("SELECT count(*) FROM agents WHERE hire_date BETWEEN '2024-01-02' AND '2024-01-31'"),
      1);
  EXPECT_EQ(
      Count("SELECT count(*) FROM agents WHERE leave_date BETWEEN '2024-01-01' AND '2024-01-30'"),
      1);
  EXPECT_GE(Count("SELECT count(*) FROM agents WHERE accounts LIKE '%;%'"), 3);
}

TEST_F(DemoDataTest, ChatsHoldEveryPlantedShape) {
  EXPECT_GT(Count("SELECT count(*) FROM messages WHERE sender = 'bot'"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM messages WHERE sender = 'system'"), 0);
  EXPECT_GT(
      Count("SELECT count(*) FROM messages WHERE sender = 'customer' AND account IS NOT NULL"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM messages WHERE conversation_id IS NOT NULL"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM messages WHERE conversation_id IS NULL"), 0);
  // Equal timestamps: an agent's answer stamped with the customer's second.
  EXPECT_GT(Count("SELECT count(*) FROM messages a JOIN messages b ON a.shop = b.shop AND "
                  "a.customer_id = b.customer_id AND a.sent_at = b.sent_at AND "
                  "a.sender = 'customer' AND b.sender = 'agent'"),
            0);
  // A reply later than the session gap: an agent line 30+ minutes after the customer's.
  EXPECT_GT(Count("SELECT count(*) FROM (SELECT sender, sent_at - lag(sent_at) OVER w AS gap, "
                  "lag(sender) OVER w AS before FROM messages "
                  "WINDOW w AS (PARTITION BY shop, customer_id ORDER BY sent_at, ord)) "
                  "WHERE sender = 'agent' AND before = 'customer' AND gap > 1800"),
            0);
  // The spike day is the busiest day of the month.
  EXPECT_EQ(Count("SELECT CAST(strftime('%d', sent_at + 28800, 'unixepoch') AS INTEGER) AS d "
                  "FROM messages GROUP BY d ORDER BY count(*) DESC LIMIT 1"),
            11);
}

TEST_F(DemoDataTest, OrdersCasesAndFollowupsCoverEveryCase) {
  EXPECT_GT(Count("SELECT count(*) FROM orders WHERE paid_at IS NULL"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM orders WHERE status = 'refunded'"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM orders WHERE paid_at - created_at > 72 * 3600"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM (SELECT customer_id FROM orders GROUP BY shop, customer_id "
                  "HAVING count(*) > 1)"),
            0);
  EXPECT_EQ(Count("SELECT count(DISTINCT type) FROM cases"), 4);
  EXPECT_GT(Count("SELECT count(*) FROM cases WHERE closed_at IS NULL"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM case_events e JOIN cases c USING (case_id) "
                  "WHERE e.at > c.closed_at"),
            0);
  EXPECT_GT(Count("SELECT count(*) FROM ratings WHERE void = 1"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM followups WHERE done_at IS NULL"), 0);
  EXPECT_GT(Count("SELECT count(*) FROM followups WHERE done_at > due_at + 86400"), 0);
  EXPECT_EQ(Count("SELECT count(DISTINCT kind || severity) FROM incidents WHERE void = 0 AND "
                  "kind IN ('error', 'complaint')"),
            5);  // error minor/major/critical, complaint minor/critical
  EXPECT_EQ(Count("SELECT count(DISTINCT kind) FROM incidents"), 6);
  EXPECT_EQ(Count("SELECT count(DISTINCT source) FROM assessments"),
            3 + 1);  // test, manager, peer, self
  EXPECT_EQ(Count("SELECT count(DISTINCT status) FROM attendance"), 3);
  EXPECT_EQ(Count("SELECT count(*) FROM attendance WHERE status = 'absent'"), 1);
}

// Per-agent plants that plain SQL can recount without the metrics engine.
TEST_F(DemoDataTest, PlantedCountsAgreeWithTheStore) {
  for (const auto& [agent, _] : (*manifest_)["agents"].items()) {
    SCOPED_TRACE(agent);
    const std::string a = "'" + agent + "'";
    EXPECT_EQ(Count("SELECT count(*) FROM attendance WHERE agent_id = " + a),
              Planted(agent, "shifts"));
    EXPECT_EQ(Count("SELECT count(*) FROM attendance WHERE agent_id = " + a +
                    " AND status = 'present' AND clock_in > scheduled_start + 300"),
              Planted(agent, "late"));
    EXPECT_EQ(Count("SELECT count(*) FROM attendance WHERE agent_id = " + a +
                    " AND status = 'present' AND clock_out < scheduled_end"),
              Planted(agent, "early_leave"));
    EXPECT_EQ(
        Count("SELECT count(*) FROM attendance WHERE agent_id = " + a + " AND status = 'leave'"),
        Planted(agent, "leave_days"));
    EXPECT_EQ(
        Count("SELECT count(*) FROM attendance WHERE agent_id = " + a + " AND status = 'absent'"),
        Planted(agent, "absent"));
    EXPECT_EQ(Count("SELECT count(DISTINCT review_id) FROM qa_items WHERE form = 'chat_qa_v1' AND "
                    "agent_id = " +
                    a),
              Planted(agent, "qa_reviews"));
    EXPECT_EQ(
        Count("SELECT count(*) FROM incidents WHERE void = 0 AND kind = 'error' AND agent_id = " +
              a),
        Planted(agent, "incidents_error"));
    EXPECT_EQ(Count("SELECT count(*) FROM incidents WHERE void = 0 AND kind = 'complaint' AND "
                    "severity = 'critical' AND agent_id = " +
                    a),
              Planted(agent, "incidents_complaint_critical"));
    EXPECT_EQ(
        Count("SELECT count(*) FROM work_records WHERE kind = 'coaching' AND manager_id = " + a),
        Planted(agent, "coaching_records"));
    EXPECT_EQ(Count("SELECT count(DISTINCT agent_id) FROM work_records WHERE kind = 'coaching' AND "
                    "manager_id = " +
                    a),
              Planted(agent, "direct_reports_coached"));
  }
}

}  // namespace
}  // namespace csperf
