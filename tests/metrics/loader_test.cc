// The metrics engine on a generated month: the numbers match what the generator planted,
// the store and the files give byte-identical reports, and reordering the input rows (each
// customer's rows keeping their order) changes nothing.
#include "metrics/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "demo/demo_data.h"
#include "io/csv_reader.h"
#include "metrics/report.h"
#include "store/open_store.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf::metrics {
namespace {

using csperf::testing::ReadFile;
using csperf::testing::ScratchDir;

class MetricsDemoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    demo::DemoOptions options;
    options.out_dir = (*dir_) / "demo";
    options.agents = 14;
    options.messages = 40000;
    options.seed = 5;
    ASSERT_TRUE(demo::GenerateDemoData(options).ok());
    settings_ = new Settings(*LoadSettingsFile((*dir_) / "demo/settings.toml"));
    manifest_ = new nlohmann::json(nlohmann::json::parse(ReadFile((*dir_) / "demo/manifest.json")));
  }
  static void TearDownTestSuite() {
    delete manifest_;
    delete settings_;
    delete dir_;
  }

  static Report ReportOf(const Dataset& data, Grouping grouping = Grouping::kAgent) {
    auto zone = *TimeZone::Load(settings_->timezone);
    Period p = *ParsePeriod("2024-01");
    Context c{data, *settings_, *zone, p, p.begin(*zone), p.end(*zone)};
    return BuildReport(c, grouping);
  }

  static Dataset FromFiles(const std::string& folder) {
    ImportReport report;
    auto data = LoadDatasetFromFiles({folder}, *settings_, ImportOptions{}, &report);
    EXPECT_TRUE(data.ok()) << data.problem().ToString();
    return std::move(*data);
  }

  static ScratchDir* dir_;
  static Settings* settings_;
  static nlohmann::json* manifest_;
};

ScratchDir* MetricsDemoTest::dir_ = nullptr;
Settings* MetricsDemoTest::settings_ = nullptr;
nlohmann::json* MetricsDemoTest::manifest_ = nullptr;

const MetricValue& ValueOf(const ReportRow& row, const std::string& column) {
  for (const auto& [name, value] : row.columns) {
    if (name == column) return value;
  }
  static const MetricValue none = MetricValue::Empty();
  ADD_FAILURE() << "no column " << column;
  return none;
}

int64_t AsCount(const MetricValue& v) { return v.empty ? 0 : static_cast<int64_t>(v.num / v.den); }

TEST_F(MetricsDemoTest, TheComputedNumbersAreThePlantedOnes) {
  Dataset data = FromFiles((*dir_) / "demo");
  Report report = ReportOf(data);
  // planted key → metric column; counts compare directly.
  const std::map<std::string, std::string> counts = {
      {"sessions", "sessions"},
      {"agent_messages", "agent_messages"},
      {"customer_messages", "customer_messages"},
      {"responses", "responses"},
      {"frt_count", "frt_count"},
      {"first_waits", "first_waits"},
      {"unanswered_waits", "unanswered_waits"},
      {"inquiries", "inquiries"},
      {"orders", "orders"},
      {"ratings", "ratings"},
      {"ratings_satisfied", "satisfied"},
      {"cases_closed", "cases_closed"},
      {"cases_reopened", "reopened"},
      {"open_overdue", "open_overdue"},
      {"followups_planned", "followups_planned"},
      {"followups_done_on_time", "followups_done_on_time"},
      {"shifts", "shifts"},
      {"late", "late"},
      {"early_leave", "early_leave"},
      {"leave_days", "leave_days"},
      {"absent", "absent"},
      {"incidents_error", "errors"},
      {"incidents_complaint_critical", "complaints_critical"},
      {"records", "records"},
      {"coaching_records", "coaching_records"}};
  int checked = 0;
  for (const ReportRow& row : report.rows) {
    SCOPED_TRACE(row.key);
    const auto& planted = (*manifest_)["agents"][row.key]["planted"];
    auto get = [&](const std::string& key) -> int64_t {
      return planted.contains(key) ? planted[key].get<int64_t>() : 0;
    };
    for (const auto& [key, column] : counts) {
      EXPECT_EQ(AsCount(ValueOf(row, column)), get(key)) << key;
      ++checked;
    }
    // Money: cents exactly.
    EXPECT_TRUE(ValueOf(row, "sales_amount") == MetricValue::Count(get("sales_amount_cents")));
    EXPECT_TRUE(ValueOf(row, "net_sales_amount") ==
                MetricValue::Count(get("net_sales_amount_cents")));
    // Rates of the closed cases.
    const int64_t closed = get("cases_closed");
    if (closed > 0) {
      EXPECT_TRUE(ValueOf(row, "sla_met_rate") == MetricValue::Ratio(get("cases_sla_met"), closed));
      EXPECT_TRUE(ValueOf(row, "sop_compliance_rate") ==
                  MetricValue::Ratio(get("cases_sop_compliant"), closed));
      EXPECT_TRUE(ValueOf(row, "step_sla_met_rate") ==
                  MetricValue::Ratio(get("cases_step_sla_met"), closed));
    }
    if (get("direct_reports") > 0) {
      EXPECT_TRUE(ValueOf(row, "coaching_coverage") ==
                  MetricValue::Ratio(get("direct_reports_coached"), get("direct_reports")));
    }
  }
  EXPECT_GT(checked, 300);
  // The month is not trivial: the planted shapes are there to be found.
  int64_t unanswered = 0, orders = 0, overdue = 0;
  for (const ReportRow& row : report.rows) {
    unanswered += AsCount(ValueOf(row, "unanswered_waits"));
    orders += AsCount(ValueOf(row, "orders"));
    overdue += AsCount(ValueOf(row, "open_overdue"));
  }
  EXPECT_GT(unanswered, 10);
  EXPECT_GT(orders, 100);
  EXPECT_GT(overdue, 0);
}

TEST_F(MetricsDemoTest, TheStoreAndTheFilesGiveByteIdenticalReports) {
  auto store = OpenStore((*dir_) / "demo.db", OpenMode::kCreate);
  ASSERT_TRUE(store.ok());
  FixedClock clock(1709251200);
  ASSERT_TRUE(RunImport(**store, *settings_, {(*dir_) / "demo"}, ImportOptions{},
                        csperf::testing::EnvAt(clock))
                  .committed);
  auto zone = *TimeZone::Load(settings_->timezone);
  Dataset from_store = *LoadDataset(**store, *zone);
  Dataset from_files = FromFiles((*dir_) / "demo");
  for (Grouping g : {Grouping::kAgent, Grouping::kTeam, Grouping::kShop, Grouping::kManager}) {
    EXPECT_EQ(RenderCsv(ReportOf(from_store, g)), RenderCsv(ReportOf(from_files, g)));
  }
}

// Rewrites messages.csv with its data rows in another order.
void ReorderMessages(const std::string& from_dir, const std::string& to_dir,
                     bool by_time_then_customer_reversed) {
  std::filesystem::create_directories(to_dir);
  for (const auto& entry : std::filesystem::directory_iterator(from_dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "messages.csv") {
      std::filesystem::copy(entry.path(), std::filesystem::path(to_dir) / entry.path().filename());
    }
  }
  std::filesystem::copy(std::filesystem::path(from_dir) / "qa_forms",
                        std::filesystem::path(to_dir) / "qa_forms");
  std::string text = ReadFile(from_dir + "/messages.csv");
  CsvReader reader(text);
  CsvRecord record;
  reader.Next(&record);
  std::string header(record.raw);
  struct Row {
    std::string customer, at, raw;
    size_t index;
  };
  std::vector<Row> rows;
  while (reader.Next(&record)) {
    rows.push_back({std::string(record.fields[0]) + "/" + std::string(record.fields[1]),
                    std::string(record.fields[3]), std::string(record.raw), rows.size()});
  }
  if (by_time_then_customer_reversed) {
    // Sorted by time: each customer's rows keep their relative order (stable on time).
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return a.at < b.at; });
  } else {
    // Grouped by customer, customers in reverse order, rows in their original order.
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row& a, const Row& b) { return a.customer > b.customer; });
  }
  std::ofstream out(to_dir + "/messages.csv", std::ios::binary);
  out << header << "\n";
  for (const Row& r : rows) out << r.raw << "\n";
}

TEST_F(MetricsDemoTest, ReorderingRowsWithinCustomersChangesNothing) {
  const std::string base = RenderCsv(ReportOf(FromFiles((*dir_) / "demo")));
  ReorderMessages((*dir_) / "demo", (*dir_) / "by_time", true);
  ReorderMessages((*dir_) / "demo", (*dir_) / "by_customer", false);
  EXPECT_EQ(RenderCsv(ReportOf(FromFiles((*dir_) / "by_time"))), base);
  EXPECT_EQ(RenderCsv(ReportOf(FromFiles((*dir_) / "by_customer"))), base);
}

// A bad row in a kind read straight from its file (ratings) and an id given twice in
// another (cases): the folder is refused, nothing is read, and the report names every file
// and each bad row's file, line and field, as `csperf import` would.
TEST(LoaderRefusalTest, ABadRowAnywhereRefusesTheFolderWithItsPlace) {
  csperf::testing::ScratchDir dir;
  dir.Write("in/agents.csv", "agent_id,name,accounts\nA1,甲,店:a\n");
  dir.Write("in/messages.csv",
            "shop,customer_id,sender,sent_at,account\n"
            "店,b1,customer,2024-01-05 10:00:00,\n"
            "店,b1,agent,2024-01-05 10:00:20,店:a\n");
  dir.Write("in/ratings.csv",
            "rated_at,score,account\n"
            "2024-01-05 10:10:00,5,店:a\n"
            "2024-01-05 10:11:00,9,店:a\n");  // line 3: no score 9
  dir.Write("in/cases.csv",
            "case_id,type,account,opened_at\n"
            "K1,return,店:a,2024-01-05 10:00:00\n"
            "K1,exchange,店:a,2024-01-05 10:00:00\n");  // K1 again, other content: both bad
  ImportReport report;
  auto data = LoadDatasetFromFiles({dir / "in"}, DefaultSettings(), ImportOptions{}, &report);
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(report.bad_rows, 3);  // ratings line 3; cases lines 2 and 3 (inputs.md)
  EXPECT_FALSE(report.committed);
  EXPECT_EQ(report.files.size(), 4u);  // every file, the good ones too
  std::vector<std::string> places;
  for (const Problem& p : report.problems)
    places.push_back(std::filesystem::path(p.place.file).filename().string() + ":" +
                     std::to_string(p.place.line));
  std::sort(places.begin(), places.end());
  EXPECT_EQ(places, (std::vector<std::string>{"cases.csv:2", "cases.csv:3", "ratings.csv:3"}));
  for (const Problem& p : report.problems) {
    if (p.place.file.ends_with("ratings.csv")) EXPECT_EQ(p.place.field, "score") << p.ToString();
  }
  const std::string& message = data.problem().reason;
  EXPECT_NE(message.find("3 bad rows"), std::string::npos) << message;
  EXPECT_NE(message.find("3 行数据有误"), std::string::npos) << message;
  EXPECT_NE(message.find("--skip-bad-rows"), std::string::npos) << message;
}

}  // namespace
}  // namespace csperf::metrics
