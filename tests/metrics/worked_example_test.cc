// docs/worked-example.md walks agent A01 (李娜) of the small month in samples/worked through
// the pre-sales template (scaled to a small month: samples/worked/presales-small.toml) by
// hand. This test reproduces every number of that page; each expected value below was worked
// out by hand in the document from the rows of the month's files, not copied from output.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/period.h"
#include "core/settings.h"
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
    settings_ = DefaultSettings();  // the month has no settings file
    ImportReport report;
    auto data = metrics::LoadDatasetFromFiles({Month()}, settings_, ImportOptions{}, &report);
    ASSERT_TRUE(data.ok());
    data_ = std::move(*data);
    zone_ = *TimeZone::Load(settings_.timezone);
    period_ = *ParsePeriod("2024-01");
    for (const std::string& path : {Month() + "/presales-small.toml",
                                    csperf::testing::SourceDir() + "/templates/aftersales.toml",
                                    csperf::testing::SourceDir() + "/templates/supervisor.toml"}) {
      auto t = LoadTemplateFile(path);
      ASSERT_TRUE(t.ok()) << t.problem().ToString();
      templates_.push_back(std::move(*t));
    }
  }
  metrics::Context context() const {
    return {data_, settings_, *zone_, period_, period_.begin(*zone_), period_.end(*zone_)};
  }

  static std::string Month() { return csperf::testing::SourceDir() + "/samples/worked"; }

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
  // Sessions S1–S7 of the page: S4 (buyer04 at 09:00, never answered) is served by no one.
  EXPECT_EQ(v["sessions"], MetricValue::Count(6));
  EXPECT_EQ(v["inquiries"], MetricValue::Count(5));  // not S6, her payment reminder
  EXPECT_EQ(v["inquirers"], MetricValue::Count(5));
  EXPECT_EQ(v["buyers"], MetricValue::Count(3));  // buyer01, buyer02, buyer04; T2004 silent
  EXPECT_EQ(v["inquiry_conversion"], MetricValue::Ratio(3, 5));
  EXPECT_EQ(v["sales_amount"].num, 245000);      // ¥1,200 + ¥800 + ¥450, in cents
  EXPECT_EQ(v["net_sales_amount"].num, 165000);  // less T2002, refunded in full
  EXPECT_EQ(v["frt_count"], MetricValue::Count(6));
  EXPECT_EQ(v["frt_avg_s"], MetricValue::Ratio(210, 6));  // 30+100+20+25+15+20
  EXPECT_EQ(v["first_waits"], MetricValue::Count(7));     // S4's unanswered wait is hers
  EXPECT_EQ(v["frt_within_rate"], MetricValue::Ratio(6, 7));
  EXPECT_EQ(v["unanswered_waits"], MetricValue::Count(1));
  EXPECT_EQ(v["satisfaction_rate"], MetricValue::Ratio(6, 7));  // the void rating left out
  EXPECT_EQ(v["attendance_rate"], MetricValue::Ratio(8, 9));    // 8 present of 10 − 1 leave
  EXPECT_EQ(v["praises"], MetricValue::Count(2));
  EXPECT_EQ(v["suggestions_adopted"], MetricValue::Count(1));
  EXPECT_EQ(v["complaints"], MetricValue::Count(1));
  EXPECT_EQ(v["late"], MetricValue::Count(1));                 // 09:07; 09:05 is within the grace
  EXPECT_EQ(v["complaints_critical"], MetricValue::Count(0));  // the critical one is void
  EXPECT_EQ(v["absent"], MetricValue::Count(1));
}

TEST_F(WorkedExampleTest, ThePointsTotalGradeAndPayOfSteps2To7) {
  auto cards = ScorePeriod(context(), templates_);
  ASSERT_TRUE(cards.ok());
  auto a01 = std::find_if(cards->begin(), cards->end(),
                          [](const Scorecard& c) { return c.agent_id == "A01"; });
  ASSERT_NE(a01, cards->end());
  const Scorecard& c = *a01;
  EXPECT_EQ(c.template_id, "presales-small");

  // Step 2: points per rule.
  EXPECT_EQ(Indicator(c, "conversion").points, Rational(100));    // 0.6 is at the 0.6 tier
  EXPECT_EQ(Indicator(c, "sales").points, Rational::Of(165, 2));  // 1,650 / 2,000 × 100
  EXPECT_EQ(Indicator(c, "frt").points, Rational::Of(220, 3));    // (90 − 35) / 75 × 100
  EXPECT_EQ(Indicator(c, "fast_response").points, Rational::Of(2750, 49));
  EXPECT_EQ(Indicator(c, "satisfaction").points, Rational::Of(2000, 63));
  EXPECT_EQ(Indicator(c, "product_knowledge").points, Rational(88));
  EXPECT_EQ(Indicator(c, "communication").points, Rational::Of(345, 4));  // 86.25
  EXPECT_EQ(Indicator(c, "error_handling").points, Rational(90));
  EXPECT_EQ(Indicator(c, "teamwork").points, Rational(88));
  EXPECT_EQ(Indicator(c, "innovation").points, Rational(60));
  EXPECT_EQ(Indicator(c, "attendance").points, Rational::Of(400, 9));

  // Step 3: sections and the weighted total.
  ASSERT_EQ(c.sections.size(), 3u);
  EXPECT_EQ(*c.sections[0].score, Rational::Of(3643, 49));     // 74.3469
  EXPECT_EQ(*c.sections[1].score, Rational::Of(877, 10));      // 87.7
  EXPECT_EQ(*c.sections[2].score, Rational::Of(2924, 45));     // 64.9778
  EXPECT_EQ(*c.weighted_total, Rational::Of(2242627, 29400));  // 76.2798

  // Step 4: two praises and a suggestion (+4); a complaint and a late arrival (−3.5).
  // Step 5: no veto (the critical complaint is void; one absence is under two).
  EXPECT_EQ(c.bonus_points, Rational(4));
  EXPECT_EQ(c.penalty_points, Rational::Of(7, 2));
  EXPECT_TRUE(c.vetoes.empty());
  EXPECT_EQ(*c.total_rounded, 76'780'000);  // 76.7798… → 76.78

  // Step 6: grade B; the template has one agent (< 10): exempt.
  EXPECT_EQ(c.grade, "B");
  EXPECT_EQ(c.coefficient, 1'000'000);
  EXPECT_FALSE(c.moved_by_distribution);
  EXPECT_TRUE(c.distribution_exempt);
  EXPECT_EQ(c.rank, 1);

  // Step 7: pay in cents.
  EXPECT_EQ(c.bonus_amount, 200000);  // ¥2,000.00 × 1.0
  EXPECT_EQ(c.commission, 825);       // ¥1,650 × 0.5 %
  EXPECT_EQ(c.pay_total, 200825);
}

}  // namespace
}  // namespace csperf::scoring
