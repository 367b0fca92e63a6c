// Every number of a demo month can be rebuilt from its evidence.
#include "metrics/evidence.h"

#include <gtest/gtest.h>

#include "demo/demo_data.h"
#include "metrics/loader.h"
#include "metrics/report.h"
#include "support/test_util.h"

namespace csperf::metrics {
namespace {

TEST(Evidence, ReaggregatingTheEvidenceOfEveryColumnGivesTheNumberBack) {
  csperf::testing::ScratchDir dir;
  demo::DemoOptions options;
  options.out_dir = dir / "demo";
  options.agents = 12;
  options.messages = 15000;
  options.seed = 9;
  ASSERT_TRUE(demo::GenerateDemoData(options).ok());
  Settings settings = *LoadSettingsFile(dir / "demo/settings.toml");
  ImportReport import;
  auto data = LoadDatasetFromFiles({dir / "demo"}, settings, ImportOptions{}, &import);
  ASSERT_TRUE(data.ok());
  auto zone = *TimeZone::Load(settings.timezone);
  Period p = *ParsePeriod("2024-01");
  Context c{*data, settings, *zone, p, p.begin(*zone), p.end(*zone)};
  Report report = BuildReport(c, Grouping::kAgent);
  int checked = 0, nonzero = 0;
  for (const ReportRow& row : report.rows) {
    for (size_t i = 0; i < row.columns.size(); ++i) {
      const auto& [name, value] = row.columns[i];
      SCOPED_TRACE(row.key + " " + name);
      auto evidence = BuildEvidence(c, row.key, name);
      ASSERT_TRUE(evidence.ok()) << evidence.problem().ToString();
      const MetricValue again = Reaggregate(*evidence);
      EXPECT_EQ(FormatValue(again, report.formats[i]), FormatValue(value, report.formats[i]));
      EXPECT_TRUE(again == value);
      ++checked;
      nonzero += !evidence->rows.empty();
    }
  }
  EXPECT_EQ(checked, static_cast<int>(report.rows.size() * report.column_names.size()));
  EXPECT_GT(nonzero, checked / 3);
}

TEST(Evidence, UnknownAgentsAndColumnsAreProblems) {
  Dataset data;
  Settings settings = DefaultSettings();
  auto zone = *TimeZone::Load("Asia/Shanghai");
  Period p = *ParsePeriod("2024-01");
  Context c{data, settings, *zone, p, p.begin(*zone), p.end(*zone)};
  EXPECT_EQ(BuildEvidence(c, "A404", "sessions").problem().place.field, "--agent");
  data.agents.push_back(Agent{"A1"});
  EXPECT_EQ(BuildEvidence(c, "A1", "happiness").problem().place.field, "--metric");
}

}  // namespace
}  // namespace csperf::metrics
