// Scoring a period: template selection, inputs from the metrics, a hand-worked total.
#include "scoring/appraisal.h"

#include <gtest/gtest.h>

#include "metrics/loader.h"
#include "scoring/scorecard_render.h"
#include "scoring/template_loader.h"
#include "scoring/whatif.h"
#include "support/test_util.h"

namespace csperf::scoring {
namespace {

constexpr char kTemplate[] = R"(id = "presales_sample"
name_zh = "售前样例"
name_en = "Pre-sales sample"
applies_to = { position = "presales" }

[[indicators]]
id = "frt"
name_zh = "首次响应"
name_en = "First response"
metric = "frt_avg_s"
weight = 50
rule = { type = "linear", best = 30, worst = 90 }

[[indicators]]
id = "communication"
name_zh = "沟通"
name_en = "Communication"
metric = "communication"
weight = 50
rule = { type = "rating" }

[[grades]]
grade = "S"
min = 95
coefficient = 1.3

[[grades]]
grade = "A"
min = 85
coefficient = 1.1

[[grades]]
grade = "B"
min = 75
coefficient = 1.0

[[grades]]
grade = "C"
min = 60
coefficient = 0.8

[[grades]]
grade = "D"
min = 0
coefficient = 0.5
)";

class AppraisalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImportReport import;
    auto data = metrics::LoadDatasetFromFiles({csperf::testing::SourceDir() + "/samples/basic"},
                                              settings_, ImportOptions{}, &import);
    ASSERT_TRUE(data.ok());
    data_ = std::make_unique<metrics::Dataset>(std::move(*data));
    zone_ = *TimeZone::Load("Asia/Shanghai");
    period_ = *ParsePeriod("2024-01");
  }
  metrics::Context Context() const {
    return {*data_, settings_, *zone_, period_, period_.begin(*zone_), period_.end(*zone_)};
  }
  Settings settings_ = DefaultSettings();
  std::unique_ptr<metrics::Dataset> data_;
  std::shared_ptr<const TimeZone> zone_;
  Period period_;
};

TEST_F(AppraisalTest, ScoresEachAgentOfThePositionByHand) {
  auto t = ParseTemplate(kTemplate, "presales.toml");
  ASSERT_TRUE(t.ok()) << t.problem().ToString();
  auto cards = ScorePeriod(Context(), {*t});
  ASSERT_TRUE(cards.ok()) << cards.problem().ToString();
  ASSERT_EQ(cards->size(), 2u);  // A01 and A02 are pre-sales; A03 after-sales; M01 supervisor
  const Scorecard& a01 = (*cards)[0];
  EXPECT_EQ(a01.agent_id, "A01");
  // frt_avg_s 40 → 100 × (90 − 40) / (90 − 30) = 83.333…; communication 94 (docs/metrics.md);
  // total = 0.5 × 83.333… + 0.5 × 94 = 88.666… → 88.67, grade A (≥ 85), coefficient 1.1,
  // bonus = ¥2,000.00 × 1.1 = ¥2,200.00.
  ASSERT_TRUE(a01.total.has_value());
  EXPECT_EQ(a01.total->ToString(2), "88.67");
  EXPECT_EQ(a01.grade, "A");
  EXPECT_EQ(a01.rank, 1);
  EXPECT_EQ(a01.bonus_amount, 220000);
  // A02: frt 270 s → 0 points; communication: one peer score 80 → 80; total 40 → D, 0.5.
  const Scorecard& a02 = (*cards)[1];
  EXPECT_EQ(a02.total->ToString(2), "40.00");
  EXPECT_EQ(a02.grade, "D");
  EXPECT_EQ(a02.rank, 2);
  EXPECT_EQ(a02.bonus_amount, 100000);
  std::string csv = RenderScorecardsCsv(*cards, {*t});
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "agent_id,name,template,total,grade,rank,coefficient,bonus_points,penalty_points,veto,"
            "moved_by_distribution,base_bonus,bonus_amount,commission,pay_total,points_frt,"
            "points_communication");
  EXPECT_NE(csv.find("A01,李娜,presales_sample,88.67,A,1,1.1,0.00,0.00,,no,2000.00,2200.00,0.00,"
                     "2200.00,83.33,94.00"),
            std::string::npos)
      << csv;
}

TEST_F(AppraisalTest, ATeamListTemplateWinsAndTwoOfAKindAreAProblem) {
  auto by_position = ParseTemplate(kTemplate, "presales.toml");
  std::string team_text = kTemplate;
  team_text.replace(team_text.find("applies_to = { position = \"presales\" }"),
                    std::string("applies_to = { position = \"presales\" }").size(),
                    "applies_to = { teams = [\"A组\"] }");
  team_text.replace(team_text.find("presales_sample"), 15, "team_a_template");
  auto by_team = ParseTemplate(team_text, "team_a.toml");
  ASSERT_TRUE(by_position.ok() && by_team.ok()) << by_team.problem().ToString();
  auto assigned = AssignTemplates(*data_, {*by_position, *by_team});
  ASSERT_TRUE(assigned.ok());
  // Every agent of the sample is in A组: the team template wins for all of them.
  for (int t : *assigned) EXPECT_EQ(t, 1);
  auto clash = AssignTemplates(*data_, {*by_position, *by_position});
  ASSERT_FALSE(clash.ok());
  EXPECT_NE(clash.problem().reason.find("two position templates"), std::string::npos);
}

}  // namespace
}  // namespace csperf::scoring

namespace csperf::scoring {
namespace {

TEST_F(AppraisalTest, WhatIfSortsAgentsByTheChange) {
  auto baseline = ParseTemplate(kTemplate, "presales.toml");
  std::string draft_text = kTemplate;
  draft_text.replace(draft_text.find("worst = 90"), 10, "worst = 300");
  auto draft = ParseTemplate(draft_text, "draft.toml");
  ASSERT_TRUE(baseline.ok() && draft.ok());
  auto rows = CompareTemplates(Context(), *baseline, *draft);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  // A01: frt 40 s now scores 100 × (300 − 40) / 270 = 96.296…; total (96.296… + 94) / 2 =
  // 95.148… (was 88.666…): +6.48, grade S. A02: frt 270 s scores 100 × 30 / 270 = 11.111…;
  // total (11.111… + 80) / 2 = 45.555… (was 40): +5.56.
  EXPECT_EQ((*rows)[0].agent_id, "A01");
  EXPECT_EQ((*rows)[0].change.ToString(2), "6.48");
  EXPECT_EQ((*rows)[0].draft_grade, "S");
  EXPECT_EQ((*rows)[1].agent_id, "A02");
  EXPECT_EQ((*rows)[1].change.ToString(2), "5.56");
  EXPECT_EQ(RenderWhatIfCsv(*rows).substr(0, 36), "agent_id,name,baseline_total,draft_t");
}

}  // namespace
}  // namespace csperf::scoring

namespace csperf::scoring {
namespace {

constexpr char kSupervisorTemplate[] = R"(id = "supervisor_sample"
applies_to = { position = "supervisor" }

[[indicators]]
id = "team_frt"
metric = "frt_avg_s"
scope = "team"
weight = 50
rule = { type = "linear", best = 30, worst = 300 }

[[indicators]]
id = "coaching"
metric = "coaching_coverage"
weight = 50
rule = { type = "target", target = 1, cap = 100 }

[[grades]]
grade = "A"
min = 80
coefficient = 1.1

[[grades]]
grade = "B"
min = 60
coefficient = 1.0

[[grades]]
grade = "C"
min = 0
coefficient = 0.8
)";

TEST_F(AppraisalTest, ASupervisorIsScoredOnTheTeamsPooledResults) {
  auto t = ParseTemplate(kSupervisorTemplate, "supervisor.toml");
  ASSERT_TRUE(t.ok()) << t.problem().ToString();
  auto cards = ScorePeriod(Context(), {*t});
  ASSERT_TRUE(cards.ok());
  ASSERT_EQ(cards->size(), 1u);
  const Scorecard& m01 = cards->front();
  EXPECT_EQ(m01.agent_id, "M01");
  // Team FRTs of A01, A02, A03 pooled: (40 + 270 + 120) / 3 = 143.333… s →
  // 100 × (300 − 143.333…) / 270 = 58.024…; coaching: 1 of 3 direct reports coached →
  // 33.333…; total (58.024… + 33.333…) / 2 = 45.679… → 45.68, grade C.
  const IndicatorScore& team_frt = m01.sections[0].indicators[0];
  EXPECT_EQ(team_frt.rule_value.ToString(3), "143.333");
  EXPECT_EQ(team_frt.points.ToString(3), "58.025");
  EXPECT_EQ(m01.total->ToString(2), "45.68");
  EXPECT_EQ(m01.grade, "C");
}

}  // namespace
}  // namespace csperf::scoring
