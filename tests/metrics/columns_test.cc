// The column registry: one entry per column of the report, in its order, agreeing with the
// report, with docs/metrics.md and with how each column prints.
#include "metrics/columns.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "core/settings.h"
#include "core/time_zone.h"
#include "metrics/report.h"
#include "support/test_util.h"

namespace csperf::metrics {
namespace {

// The cells of a Markdown table row "| a | b |" → {"a", "b"}.
std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '|') {
      const size_t a = cell.find_first_not_of(' ');
      const size_t b = cell.find_last_not_of(' ');
      cells.push_back(a == std::string::npos ? "" : cell.substr(a, b - a + 1));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return cells;
}

TEST(Columns, NamesAreUniqueAndEveryEntryIsLabelledAndExplained) {
  std::set<std::string_view> names;
  for (const ColumnInfo& c : AllColumns()) {
    EXPECT_TRUE(names.insert(c.name).second) << c.name;
    EXPECT_FALSE(c.label_zh.empty()) << c.name;
    EXPECT_FALSE(c.label_en.empty()) << c.name;
    EXPECT_FALSE(c.meaning.empty()) << c.name;
  }
  // A sample that names one column names one of the registry's.
  for (const ColumnInfo& c : AllColumns()) {
    if (c.sample.empty() || c.sample.find(' ') != std::string_view::npos) continue;
    EXPECT_NE(FindColumn(c.sample), nullptr) << c.name << " → " << c.sample;
  }
}

TEST(Columns, AnEmptyReportHasExactlyTheRegistrysColumnsInItsOrder) {
  Dataset data;
  Settings settings = DefaultSettings();
  auto zone = TimeZone::FixedOffset(8 * 3600);
  Period period{CivilDate{2024, 1, 1}, CivilDate{2024, 1, 31}};
  Context c{data, settings, *zone, period, period.begin(*zone), period.end(*zone)};
  const Report report = BuildReport(c, Grouping::kAgent);
  EXPECT_EQ(report.column_names, StandardColumns());
  ASSERT_EQ(report.formats.size(), AllColumns().size());
  for (size_t i = 0; i < report.formats.size(); ++i) {
    EXPECT_EQ(report.formats[i], AllColumns()[i].format) << report.column_names[i];
  }
}

TEST(Columns, DimensionsOfTheDataTakeThePlaceOfTheFiveInReportOrder) {
  const std::vector<std::string> columns =
      ReportColumns({"product_knowledge", "communication", "teamwork", "error_handling",
                     "innovation_learning", "aftersales_policy"});
  ASSERT_EQ(columns.size(), AllColumns().size() + 1);
  // After the follow-up columns, before the incidents.
  auto at = [&](const std::string& name) {
    return std::find(columns.begin(), columns.end(), name) - columns.begin();
  };
  EXPECT_EQ(at("product_knowledge"), at("followup_quality_avg") + 1);
  EXPECT_EQ(at("aftersales_policy"), at("innovation_learning") + 1);
  EXPECT_EQ(at("errors"), at("aftersales_policy") + 1);
  // A dimension of the data prints and adds up as the five do; anything else is no entry.
  EXPECT_EQ(FindColumn("aftersales_policy"), nullptr);
  EXPECT_EQ(ColumnOf("aftersales_policy").format, Format::kDimension);
  EXPECT_EQ(ColumnOf("aftersales_policy").aggregate, Aggregate::kDimension);
  EXPECT_EQ(ColumnOf("aftersales_policy").family, Family::kDimensions);
}

TEST(Columns, FormatsAndUnitsFollowMetricsMdNumbers) {
  // An average of seconds prints with 3 decimals and is seconds; a median is a whole second.
  EXPECT_EQ(FindColumn("art_avg_s")->format, Format::kAverage);
  EXPECT_EQ(FindColumn("art_avg_s")->unit, Unit::kSeconds);
  EXPECT_EQ(FindColumn("art_median_s")->format, Format::kSeconds);
  EXPECT_EQ(FindColumn("art_median_s")->aggregate, Aggregate::kMedian);
  EXPECT_EQ(FindColumn("frt_p90_s")->aggregate, Aggregate::kP90);
  // Counts whose names end in _s are counts, not seconds.
  EXPECT_EQ(FindColumn("responses_within_s")->format, Format::kCount);
  EXPECT_EQ(FindColumn("responses_within_s")->unit, Unit::kCount);
  // A rating average is a score, not seconds.
  EXPECT_EQ(FindColumn("rating_avg")->format, Format::kAverage);
  EXPECT_EQ(FindColumn("rating_avg")->unit, Unit::kScore);
  EXPECT_EQ(FindColumn("aov")->format, Format::kMoney);
  EXPECT_EQ(FindColumn("aov")->sample, "buyers");
  EXPECT_EQ(FindColumn("handling_avg_h")->format, Format::kHours);
  EXPECT_EQ(FindColumn("answer_ratio")->format, Format::kRate);
  EXPECT_EQ(FindColumn("answer_ratio")->unit, Unit::kRatio);
  // 2 / 3 as an average: 0.667; as a rate: 0.666667; 12345 cents: 123.45.
  EXPECT_EQ(FormatValue(MetricValue::Ratio(2, 3), FormatOfColumn("art_avg_s")), "0.667");
  EXPECT_EQ(FormatValue(MetricValue::Ratio(2, 3), FormatOfColumn("reply_rate")), "0.666667");
  EXPECT_EQ(FormatValue(MetricValue::Count(12345), FormatOfColumn("sales_amount")), "123.45");
  // 5400 seconds of handling: 1.500 hours.
  EXPECT_EQ(FormatValue(MetricValue::Count(5400), FormatOfColumn("handling_avg_h")), "1.500");
}

TEST(Columns, DocsMetricsMdListsExactlyTheRegistrysColumns) {
  std::istringstream doc(
      csperf::testing::ReadFile(csperf::testing::SourceDir() + "/docs/metrics.md"));
  std::string line;
  bool in_section = false;
  std::vector<std::vector<std::string>> rows;
  while (std::getline(doc, line)) {
    if (line.starts_with("## ")) in_section = line == "## Columns";
    if (in_section && line.starts_with("| `")) rows.push_back(Cells(line));
  }
  ASSERT_EQ(rows.size(), AllColumns().size());
  for (size_t i = 0; i < rows.size(); ++i) {
    const ColumnInfo& c = AllColumns()[i];
    ASSERT_GE(rows[i].size(), 7u) << i;
    EXPECT_EQ(rows[i][0], "`" + std::string(c.name) + "`");
    EXPECT_EQ(rows[i][1], FamilyName(c.family)) << c.name;
    EXPECT_EQ(rows[i][2], UnitName(c.unit)) << c.name;
    EXPECT_EQ(rows[i][4], c.label_zh) << c.name;
    EXPECT_EQ(rows[i][5], c.label_en) << c.name;
  }
}

}  // namespace
}  // namespace csperf::metrics
