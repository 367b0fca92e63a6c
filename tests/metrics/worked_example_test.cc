// docs/worked-example.md walks agent A01 (孙小美) of the demo month through the pre-sales
// template by hand. This test reproduces every number of that page: the demo month is the one
// the README's demo command makes (20 agents, 200,000 messages, seed 1, 2024-01), and each
// expected value below was worked out by hand in the document from the raw counts.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/period.h"
#include "core/settings.h"
#include "demo/demo_data.h"
#include "metrics/loader.h"
#include "metrics/report.h"
#include "scoring/appraisal.h"
#include "scoring/template_loader.h"
#include "support/test_util.h"

namespace csperf::scoring {
namespace {

using metrics::MetricValue;

class WorkedExampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    demo::DemoOptions options;
    options.out_dir = dir_ / "demo";
    options.agents = 20;
    options.messages = 200'000;
    options.seed = 1;
    options.month = "2024-01";
    ASSERT_TRUE(demo::GenerateDemoData(options).ok());
    auto settings = LoadSettingsFile(dir_ / "demo/settings.toml");
    ASSERT_TRUE(settings.ok());
    settings_ = *settings;
    ImportReport report;
    auto data = metrics::LoadDatasetFromFiles({dir_ / "demo"}, settings_, ImportOptions{}, &report);
    ASSERT_TRUE(data.ok());
    data_ = std::move(*data);
    zone_ = *TimeZone::Load(settings_.timezone);
    period_ = *ParsePeriod("2024-01");
    for (const char* name : {"presales", "aftersales", "supervisor"}) {
      auto t = LoadTemplateFile(csperf::testing::SourceDir() + "/templates/" + name + ".toml");
      ASSERT_TRUE(t.ok()) << t.problem().ToString();
      templates_.push_back(std::move(*t));
    }
  }
  metrics::Context context() const {
    return {data_, settings_, *zone_, period_, period_.begin(*zone_), period_.end(*zone_)};
  }

  csperf::testing::ScratchDir dir_;
  Settings settings_;
  metrics::Dataset data_;
  std::shared_ptr<const TimeZone> zone_;
  Period period_;
  std::vector<Template> templates_;
};

const IndicatorScore& Indicator(const Scorecard& card, const std::string& id) {
  for (const SectionScore& s : card.sections) {
    for (const IndicatorScore& i : s.indicators) {
      if (i.id == id) return i;
    }
  }
  throw std::runtime_error("no indicator " + id);
}

TEST_F(WorkedExampleTest, TheRawCountsOfStep1) {
  metrics::Report report = metrics::BuildReport(context(), metrics::Grouping::kAgent);
  auto row = std::find_if(report.rows.begin(), report.rows.end(),
                          [](const metrics::ReportRow& r) { return r.key == "A01"; });
  ASSERT_NE(row, report.rows.end());
  std::map<std::string, MetricValue> v(row->columns.begin(), row->columns.end());
  EXPECT_EQ(v["inquirers"], MetricValue::Count(2526));
  EXPECT_EQ(v["buyers"], MetricValue::Count(1443));
  EXPECT_EQ(v["net_sales_amount"].num, 111296720);  // cents
  EXPECT_EQ(v["frt_avg_s"], MetricValue::Ratio(90987, 2575));
  EXPECT_EQ(v["frt_within_rate"], MetricValue::Ratio(2494, 2579));
  EXPECT_EQ(v["satisfaction_rate"], MetricValue::Ratio(599, 696));
  EXPECT_EQ(v["praises"], MetricValue::Count(1));
  EXPECT_EQ(v["suggestions_adopted"], MetricValue::Count(0));
  EXPECT_EQ(v["complaints"], MetricValue::Count(0));
  EXPECT_EQ(v["late"], MetricValue::Count(1));
  EXPECT_EQ(v["complaints_critical"], MetricValue::Count(0));
  EXPECT_EQ(v["absent"], MetricValue::Count(0));
}

TEST_F(WorkedExampleTest, ThePointsTotalGradeAndPayOfSteps2To7) {
  auto cards = ScorePeriod(context(), templates_);
  ASSERT_TRUE(cards.ok());
  auto a01 = std::find_if(cards->begin(), cards->end(),
                          [](const Scorecard& c) { return c.agent_id == "A01"; });
  ASSERT_NE(a01, cards->end());
  const Scorecard& c = *a01;
  EXPECT_EQ(c.template_id, "presales");

  // Step 2: points per rule.
  EXPECT_EQ(Indicator(c, "conversion").points, Rational(90));  // 0.5713 ≥ 0.5
  EXPECT_EQ(Indicator(c, "sales").points, Rational(120));      // 742 % of target, capped
  EXPECT_EQ(Indicator(c, "frt").points, Rational::Of(187684, 2575));
  EXPECT_EQ(Indicator(c, "fast_response").points, Rational::Of(1721750, 18053));
  EXPECT_EQ(Indicator(c, "satisfaction").points, Rational::Of(26375, 783));
  EXPECT_EQ(Indicator(c, "product_knowledge").points, Rational(88));
  EXPECT_EQ(Indicator(c, "communication").points, Rational(97));
  EXPECT_EQ(Indicator(c, "error_handling").points, Rational::Of(444, 5));  // 88.8
  EXPECT_EQ(Indicator(c, "teamwork").points, Rational::Of(479, 5));        // 95.8
  EXPECT_EQ(Indicator(c, "innovation").points, Rational(100));
  EXPECT_EQ(Indicator(c, "attendance").points, Rational(100));

  // Step 3: sections and the weighted total.
  ASSERT_EQ(c.sections.size(), 3u);
  EXPECT_EQ(*c.sections[0].score, Rational::Of(20610488205463, 242659399500));  // 84.9359
  EXPECT_EQ(*c.sections[1].score, Rational::Of(2294, 25));                      // 91.76
  EXPECT_EQ(*c.sections[2].score, Rational::Of(2458, 25));                      // 98.32
  EXPECT_EQ(*c.weighted_total, Rational::Of(35852733952723, 404432332500));     // 88.6495

  // Step 4: one praise (+1), one late arrival (−0.5). Step 5: no veto.
  EXPECT_EQ(c.bonus_points, Rational(1));
  EXPECT_EQ(c.penalty_points, Rational::Of(1, 2));
  EXPECT_TRUE(c.vetoes.empty());
  EXPECT_EQ(*c.total_rounded, 89'150'000);  // 89.1495… → 89.15

  // Step 6: grade A; the pre-sales group has 9 agents in the count (< 10): exempt.
  EXPECT_EQ(c.grade, "A");
  EXPECT_EQ(c.coefficient, 1'150'000);
  EXPECT_FALSE(c.moved_by_distribution);
  EXPECT_TRUE(c.distribution_exempt);
  EXPECT_EQ(c.rank, 2);

  // Step 7: pay in cents.
  EXPECT_EQ(c.bonus_amount, 230000);  // ¥2,000.00 × 1.15
  EXPECT_EQ(c.commission, 860374);    // ¥500 + ¥1,012,967.20 × 0.8 % = ¥8,603.7376
  EXPECT_EQ(c.pay_total, 1090374);
}

}  // namespace
}  // namespace csperf::scoring
