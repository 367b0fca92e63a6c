#include "scoring/template_loader.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace csperf::scoring {
namespace {

constexpr Micros U = kMicrosPerUnit;

// A complete template using every part of the format.
constexpr char kFull[] = R"(id = "presales_v2"
name_zh = "售前客服考核"
name_en = "Pre-sales agent"
version = 2
applies_to = { position = "售前" }
dimensions = ["live_streaming"]
max_total = 110

[[sections]]
id = "results"
name_zh = "业绩"
name_en = "Results"
weight = 70

  [[sections.indicators]]
  id = "conversion"
  name_zh = "询单转化率"
  name_en = "Inquiry conversion"
  metric = "inquiry_conversion"
  weight = 40
  min_sample = 30
  rule = { type = "tiers", tiers = [ { at = 0.6, points = 100 }, { at = 0.5, points = 85 }, { at = 0.4, points = 70 } ], below = 20 }

  [[sections.indicators]]
  id = "frt"
  metric = "frt_avg_s"
  weight = 30
  missing = "zero"
  rule = { type = "linear", best = 15, worst = 90 }

  [[sections.indicators]]
  id = "sales"
  metric = "net_sales_amount"
  weight = 20
  missing = 60
  rule = { type = "target", target = 150000, cap = 120 }

  [[sections.indicators]]
  id = "slow"
  metric = "art_avg_s"
  weight = 10
  rule = { type = "tiers", tiers = [ { at = 30, points = 100 }, { at = 60, points = 60 } ] }

[[sections]]
id = "attitude"
name_zh = "态度"
weight = 30

  [[sections.indicators]]
  id = "complaints"
  metric = "complaints"
  weight = 50
  rule = { type = "deduct", per = 12.5 }

  [[sections.indicators]]
  id = "live"
  metric = "live_streaming"
  scope = "team"
  weight = 50
  rule = { type = "rating" }

[[bonus]]
id = "praise"
name_zh = "表扬"
metric = "praises"
points = 2
cap = 10

[[penalties]]
id = "late"
metric = "late"
points = 1.5
cap = 6

[[veto]]
condition = "complaints_critical > 0"
reason_zh = "重大投诉"
reason_en = "Critical complaint"
grade = "D"

[[veto]]
condition = "absent>=2"
reason_zh = "旷工两次及以上"

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
coefficient = 1

[[grades]]
grade = "C"
min = 60
coefficient = 0.8

[[grades]]
grade = "D"
min = 0
coefficient = 0

[distribution]
min_group = 8
split_by_team = true
caps = [ { grades = ["S"], share = 0.10 }, { grades = ["S", "A"], share = 0.30 } ]
floors = [ { grades = ["D"], share = 0.05 } ]

[pay]
mode = "score"
prorate = true
commission = [ { up_to = 100000.00, rate = 0.005 }, { up_to = "¥200,000.50", rate = 0.006 }, { rate = 0.008 } ]
)";

TEST(TemplateLoader, ReadsAFullTemplate) {
  auto t = ParseTemplate(kFull, "presales.toml");
  ASSERT_TRUE(t.ok()) << t.problem().ToString();
  EXPECT_EQ(t->id, "presales_v2");
  EXPECT_EQ(t->name_zh, "售前客服考核");
  EXPECT_EQ(t->name_en, "Pre-sales agent");
  EXPECT_EQ(t->version, 2);
  EXPECT_EQ(t->position, "presales");
  EXPECT_TRUE(t->teams.empty());
  EXPECT_EQ(t->dimensions, std::vector<std::string>{"live_streaming"});
  EXPECT_EQ(t->max_total, 110 * U);
  EXPECT_EQ(t->file, "presales.toml");

  ASSERT_EQ(t->sections.size(), 2u);
  const Section& results = t->sections[0];
  EXPECT_EQ(results.id, "results");
  EXPECT_EQ(results.name_zh, "业绩");
  EXPECT_EQ(results.name_en, "Results");
  EXPECT_EQ(results.weight, 70 * U);
  ASSERT_EQ(results.indicators.size(), 4u);

  const Indicator& conversion = results.indicators[0];
  EXPECT_EQ(conversion.id, "conversion");
  EXPECT_EQ(conversion.name_zh, "询单转化率");
  EXPECT_EQ(conversion.name_en, "Inquiry conversion");
  EXPECT_EQ(conversion.metric, "inquiry_conversion");
  EXPECT_EQ(conversion.scope, Scope::kSelf);
  EXPECT_EQ(conversion.weight, 40 * U);
  EXPECT_EQ(conversion.min_sample, 30);
  EXPECT_EQ(conversion.missing.kind, MissingPolicy::Kind::kExclude);
  EXPECT_EQ(conversion.line, 15);
  const auto* tiers = std::get_if<TiersRule>(&conversion.rule);
  ASSERT_NE(tiers, nullptr);
  EXPECT_TRUE(tiers->higher_is_better);
  ASSERT_EQ(tiers->tiers.size(), 3u);
  EXPECT_EQ(tiers->tiers[0].threshold, 600'000);
  EXPECT_EQ(tiers->tiers[0].points, 100 * U);
  EXPECT_EQ(tiers->tiers[1].threshold, 500'000);
  EXPECT_EQ(tiers->tiers[1].points, 85 * U);
  EXPECT_EQ(tiers->tiers[2].threshold, 400'000);
  EXPECT_EQ(tiers->tiers[2].points, 70 * U);
  EXPECT_EQ(tiers->below, 20 * U);

  const Indicator& frt = results.indicators[1];
  EXPECT_EQ(frt.missing.kind, MissingPolicy::Kind::kZero);
  const auto* linear = std::get_if<LinearRule>(&frt.rule);
  ASSERT_NE(linear, nullptr);
  EXPECT_EQ(linear->best, 15 * U);
  EXPECT_EQ(linear->worst, 90 * U);

  const Indicator& sales = results.indicators[2];
  EXPECT_EQ(sales.missing.kind, MissingPolicy::Kind::kFixed);
  EXPECT_EQ(sales.missing.points, 60 * U);
  const auto* target = std::get_if<TargetRule>(&sales.rule);
  ASSERT_NE(target, nullptr);
  EXPECT_EQ(target->target, 150000 * U);
  EXPECT_EQ(target->cap, 120 * U);

  const auto* slow = std::get_if<TiersRule>(&results.indicators[3].rule);
  ASSERT_NE(slow, nullptr);
  EXPECT_FALSE(slow->higher_is_better);  // thresholds ascending: lower is better
  EXPECT_EQ(slow->tiers[1].threshold, 60 * U);
  EXPECT_EQ(slow->below, 0);

  const Section& attitude = t->sections[1];
  EXPECT_EQ(attitude.id, "attitude");
  EXPECT_EQ(attitude.name_en, "");
  EXPECT_EQ(attitude.weight, 30 * U);
  ASSERT_EQ(attitude.indicators.size(), 2u);
  const auto* deduct = std::get_if<DeductRule>(&attitude.indicators[0].rule);
  ASSERT_NE(deduct, nullptr);
  EXPECT_EQ(deduct->per, 12'500'000);
  EXPECT_EQ(attitude.indicators[1].metric, "live_streaming");
  EXPECT_EQ(attitude.indicators[1].scope, Scope::kTeam);
  EXPECT_TRUE(std::holds_alternative<RatingRule>(attitude.indicators[1].rule));

  ASSERT_EQ(t->bonuses.size(), 1u);
  EXPECT_EQ(t->bonuses[0].id, "praise");
  EXPECT_EQ(t->bonuses[0].name_zh, "表扬");
  EXPECT_EQ(t->bonuses[0].metric, "praises");
  EXPECT_EQ(t->bonuses[0].points_per, 2 * U);
  EXPECT_EQ(t->bonuses[0].cap, 10 * U);
  ASSERT_EQ(t->penalties.size(), 1u);
  EXPECT_EQ(t->penalties[0].metric, "late");
  EXPECT_EQ(t->penalties[0].points_per, 1'500'000);
  EXPECT_EQ(t->penalties[0].cap, 6 * U);

  ASSERT_EQ(t->vetoes.size(), 2u);
  EXPECT_EQ(t->vetoes[0].metric, "complaints_critical");
  EXPECT_EQ(t->vetoes[0].op, Comparison::kGreater);
  EXPECT_EQ(t->vetoes[0].value, 0);
  EXPECT_EQ(t->vetoes[0].condition_text, "complaints_critical > 0");
  EXPECT_EQ(t->vetoes[0].reason_zh, "重大投诉");
  EXPECT_EQ(t->vetoes[0].reason_en, "Critical complaint");
  EXPECT_EQ(t->vetoes[0].grade, "D");
  EXPECT_EQ(t->vetoes[1].metric, "absent");
  EXPECT_EQ(t->vetoes[1].op, Comparison::kGreaterEqual);
  EXPECT_EQ(t->vetoes[1].value, 2 * U);
  EXPECT_EQ(t->vetoes[1].grade, std::nullopt);  // the total becomes 0

  ASSERT_EQ(t->grades.size(), 5u);
  EXPECT_EQ(t->grades[0].grade, "S");
  EXPECT_EQ(t->grades[0].min_total, 95 * U);
  EXPECT_EQ(t->grades[0].coefficient, 1'300'000);
  EXPECT_EQ(t->grades[3].grade, "C");
  EXPECT_EQ(t->grades[3].coefficient, 800'000);
  EXPECT_EQ(t->grades[4].min_total, 0);

  ASSERT_TRUE(t->distribution.has_value());
  EXPECT_EQ(t->distribution->min_group, 8);
  EXPECT_TRUE(t->distribution->split_by_team);
  ASSERT_EQ(t->distribution->caps.size(), 2u);
  EXPECT_EQ(t->distribution->caps[1].grades, (std::vector<std::string>{"S", "A"}));
  EXPECT_EQ(t->distribution->caps[1].share, 300'000);
  ASSERT_EQ(t->distribution->floors.size(), 1u);
  EXPECT_EQ(t->distribution->floors[0].grades, std::vector<std::string>{"D"});
  EXPECT_EQ(t->distribution->floors[0].share, 50'000);

  EXPECT_EQ(t->pay.mode, Pay::Mode::kScore);
  EXPECT_TRUE(t->pay.prorate);
  ASSERT_EQ(t->pay.commission.size(), 3u);
  EXPECT_EQ(t->pay.commission[0].up_to, Cents{10'000'000});
  EXPECT_EQ(t->pay.commission[0].rate, 5'000);
  EXPECT_EQ(t->pay.commission[1].up_to, Cents{20'000'050});
  EXPECT_EQ(t->pay.commission[2].up_to, std::nullopt);
  EXPECT_EQ(t->pay.commission[2].rate, 8'000);
}

TEST(TemplateLoader, TopLevelIndicatorsAreOneSectionAndDefaultsApply) {
  auto t = ParseTemplate(R"(id = "team_a"
applies_to = { teams = ["A组", "B组"] }
grades = [ { grade = "合格", min = 60, coefficient = 1 }, { grade = "不合格", min = 0, coefficient = 0.5 } ]

[[indicators]]
id = "knowledge"
metric = "product_knowledge"
weight = 60
rule = { type = "rating" }

[[indicators]]
id = "coaching"
metric = "coaching_coverage"
weight = 40
rule = { type = "tiers", tiers = [ { at = 0.8, points = 100 } ] }
)",
                         "team_a.toml");
  ASSERT_TRUE(t.ok()) << t.problem().ToString();
  EXPECT_EQ(t->version, 1);
  EXPECT_EQ(t->position, std::nullopt);
  EXPECT_EQ(t->teams, (std::vector<std::string>{"A组", "B组"}));
  EXPECT_EQ(t->max_total, 120 * U);
  ASSERT_EQ(t->sections.size(), 1u);
  EXPECT_EQ(t->sections[0].weight, 100 * U);
  ASSERT_EQ(t->sections[0].indicators.size(), 2u);
  EXPECT_EQ(t->sections[0].indicators[1].line, 11);
  EXPECT_TRUE(std::get<TiersRule>(t->sections[0].indicators[1].rule).higher_is_better);
  EXPECT_TRUE(t->bonuses.empty());
  EXPECT_TRUE(t->vetoes.empty());
  EXPECT_FALSE(t->distribution.has_value());
  EXPECT_EQ(t->pay.mode, Pay::Mode::kCoefficient);
  EXPECT_FALSE(t->pay.prorate);
  EXPECT_TRUE(t->pay.commission.empty());
}

TEST(TemplateLoader, LoadsAFileAndNamesItInProblems) {
  csperf::testing::ScratchDir dir;
  std::string path = dir.Write("presales.toml", kFull);
  auto t = LoadTemplateFile(path);
  ASSERT_TRUE(t.ok()) << t.problem().ToString();
  EXPECT_EQ(t->file, path);
  auto missing = LoadTemplateFile(dir / "nope.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.problem().place.file, dir / "nope.toml");
  auto bad = ParseTemplate("id = \n", "bad.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.problem().place.line, 1);
}

TEST(TemplateLoader, PositionWords) {
  EXPECT_EQ(CanonicalPosition("售后"), "aftersales");
  EXPECT_EQ(CanonicalPosition("Pre-Sales"), "presales");
  EXPECT_EQ(CanonicalPosition("supervisor"), "supervisor");
  EXPECT_EQ(CanonicalPosition("主管"), "supervisor");
  EXPECT_EQ(CanonicalPosition("boss"), std::nullopt);
}

TEST(TemplateLoader, VetoConditions) {
  auto c = ParseVetoCondition("  absent >= 2 ");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->metric, "absent");
  EXPECT_EQ(c->op, Comparison::kGreaterEqual);
  EXPECT_EQ(c->value, 2 * U);
  c = ParseVetoCondition("attendance_rate<0.9");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->op, Comparison::kLess);
  EXPECT_EQ(c->value, 900'000);
  c = ParseVetoCondition("errors != -1");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->op, Comparison::kNotEqual);
  EXPECT_EQ(c->value, -1 * U);
  EXPECT_FALSE(ParseVetoCondition("absent = 2").ok());
  EXPECT_FALSE(ParseVetoCondition("absent => 2").ok());
  EXPECT_FALSE(ParseVetoCondition("absent 2").ok());
  EXPECT_FALSE(ParseVetoCondition("> 2").ok());
  EXPECT_FALSE(ParseVetoCondition("absent > two").ok());
  EXPECT_FALSE(ParseVetoCondition("absent >").ok());
  EXPECT_STREQ(ComparisonText(Comparison::kLessEqual), "<=");
}

// The refusals. Each TOML below starts with kHead (lines 1–3), so the line under test is
// counted from there.
constexpr char kHead[] =
    "id = \"t\"\n"
    "applies_to = { position = \"presales\" }\n"
    "grades = [ { grade = \"A\", min = 60, coefficient = 1 }, "
    "{ grade = \"B\", min = 0, coefficient = 0.5 } ]\n";

// One indicator worth 100, on lines 4–8, for tests about other parts.
constexpr char kOneIndicator[] =
    "[[indicators]]\n"
    "id = \"i\"\n"
    "metric = \"sessions\"\n"
    "weight = 100\n"
    "rule = { type = \"rating\" }\n";

void ExpectRefused(const std::string& text, int64_t line, const std::string& field) {
  auto t = ParseTemplate(text, "t.toml");
  ASSERT_FALSE(t.ok()) << "accepted:\n" << text;
  EXPECT_EQ(t.problem().place.file, "t.toml");
  EXPECT_EQ(t.problem().place.line, line) << t.problem().ToString();
  EXPECT_EQ(t.problem().place.field, field) << t.problem().ToString();
  EXPECT_FALSE(t.problem().reason.empty());
}

TEST(TemplateLoader, TheHeadIsValid) {
  auto t = ParseTemplate(std::string(kHead) + kOneIndicator, "t.toml");
  ASSERT_TRUE(t.ok()) << t.problem().ToString();
}

TEST(TemplateLoader, RefusesIndicatorWeightsNotTotalling100) {
  ExpectRefused(std::string(kHead) + R"([[sections]]
id = "s"
weight = 100
  [[sections.indicators]]
  id = "a"
  metric = "sessions"
  weight = 60
  rule = { type = "rating" }
  [[sections.indicators]]
  id = "b"
  metric = "orders"
  weight = 30
  rule = { type = "rating" }
)",
                7, "sections[0].indicators");
}

TEST(TemplateLoader, RefusesSectionWeightsNotTotalling100) {
  ExpectRefused(std::string(kHead) + R"([[sections]]
id = "s1"
weight = 60
  [[sections.indicators]]
  id = "a"
  metric = "sessions"
  weight = 100
  rule = { type = "rating" }
[[sections]]
id = "s2"
weight = 30
  [[sections.indicators]]
  id = "b"
  metric = "orders"
  weight = 100
  rule = { type = "rating" }
)",
                4, "sections");
}

TEST(TemplateLoader, RefusesAnUnknownMetric) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "frt_average"
weight = 100
rule = { type = "rating" }
)",
                6, "indicators[0].metric");
}

TEST(TemplateLoader, RefusesAnUnknownDimensionUnlessTheTemplateDefinesIt) {
  const std::string body = R"([[indicators]]
id = "i"
metric = "live_streaming"
weight = 100
rule = { type = "rating" }
)";
  ExpectRefused(std::string(kHead) + body, 6, "indicators[0].metric");
  auto ok = ParseTemplate(std::string(kHead) + "dimensions = [\"live_streaming\"]\n" + body, "t");
  EXPECT_TRUE(ok.ok()) << ok.problem().ToString();
}

TEST(TemplateLoader, RefusesAnUnknownMetricInABonus) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([[bonus]]
id = "b"
metric = "praise"
points = 1
cap = 5
)",
                11, "bonus[0].metric");
}

TEST(TemplateLoader, RefusesTierThresholdsOutOfOrder) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "inquiry_conversion"
weight = 100
rule = { type = "tiers", tiers = [
  { at = 0.6, points = 100 },
  { at = 0.5, points = 85 },
  { at = 0.55, points = 70 },
] }
)",
                11, "indicators[0].rule.tiers[2].at");
}

TEST(TemplateLoader, RefusesEqualTierThresholds) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "frt_avg_s"
weight = 100
rule = { type = "tiers", tiers = [ { at = 30, points = 100 }, { at = 30, points = 50 } ] }
)",
                8, "indicators[0].rule.tiers[1].at");
}

TEST(TemplateLoader, RefusesTierPointsRisingTowardsWorse) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "frt_avg_s"
weight = 100
rule = { type = "tiers", tiers = [
  { at = 30, points = 80 },
  { at = 60, points = 90 },
] }
)",
                10, "indicators[0].rule.tiers[1].points");
}

TEST(TemplateLoader, RefusesALinearRuleWithBestEqualToWorst) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "frt_avg_s"
weight = 100
rule = { type = "linear", best = 30, worst = 30 }
)",
                8, "indicators[0].rule.worst");
}

TEST(TemplateLoader, RefusesATargetNotAboveZero) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "net_sales_amount"
weight = 100
rule = { type = "target", target = 0 }
)",
                8, "indicators[0].rule.target");
}

TEST(TemplateLoader, RefusesANegativeDeduction) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "complaints"
weight = 100
rule = { type = "deduct", per = -5 }
)",
                8, "indicators[0].rule.per");
}

// Grades: written out here instead of kHead.
constexpr char kApplies[] = "id = \"t\"\napplies_to = { position = \"售后\" }\n";  // lines 1–2

TEST(TemplateLoader, RefusesOverlappingGrades) {
  ExpectRefused(std::string(kApplies) + kOneIndicator + R"([[grades]]
grade = "A"
min = 80
coefficient = 1.2
[[grades]]
grade = "B"
min = 85
coefficient = 1
[[grades]]
grade = "C"
min = 0
coefficient = 0.5
)",
                14, "grades[1].min");
}

TEST(TemplateLoader, RefusesGradesLeavingAGapAtTheBottom) {
  ExpectRefused(std::string(kApplies) + kOneIndicator + R"([[grades]]
grade = "A"
min = 80
coefficient = 1.2
[[grades]]
grade = "B"
min = 60
coefficient = 1
)",
                14, "grades[1].min");
}

TEST(TemplateLoader, RefusesADuplicateGrade) {
  ExpectRefused(std::string(kApplies) + kOneIndicator + R"([[grades]]
grade = "A"
min = 80
coefficient = 1.2
[[grades]]
grade = "A"
min = 0
coefficient = 1
)",
                13, "grades[1].grade");
}

TEST(TemplateLoader, RefusesADistributionNamingAnUnknownGrade) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([distribution]
caps = [ { grades = ["S"], share = 0.1 } ]
)",
                10, "distribution.caps[0].grades[0]");
}

TEST(TemplateLoader, RefusesADistributionShareOutside0To1) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([distribution]
floors = [
  { grades = ["B"], share = 5 },
]
)",
                11, "distribution.floors[0].share");
}

TEST(TemplateLoader, RefusesFloorsAskingForMoreThanTheGroup) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([distribution]
min_group = 5
floors = [ { grades = ["A"], share = 0.6 }, { grades = ["B"], share = 0.5 } ]
)",
                11, "distribution.floors");
  // Nested floors do not add up: at least 60 % B and at least 70 % A or B can both be met.
  auto nested = ParseTemplate(std::string(kHead) + kOneIndicator + R"([distribution]
floors = [ { grades = ["B"], share = 0.6 }, { grades = ["A", "B"], share = 0.7 } ]
)",
                              "t.toml");
  EXPECT_TRUE(nested.ok()) << nested.problem().ToString();
}

TEST(TemplateLoader, RefusesAFloorThatACapForbids) {
  ExpectRefused(std::string(kApplies) + kOneIndicator + R"([[grades]]
grade = "S"
min = 95
coefficient = 1.5
[[grades]]
grade = "A"
min = 85
coefficient = 1.2
[[grades]]
grade = "B"
min = 0
coefficient = 1
[distribution]
caps = [ { grades = ["S"], share = 0.10 }, { grades = ["S", "A"], share = 0.30 } ]
floors = [
  { grades = ["S"], share = 0.20 },
]
)",
                23, "distribution.floors[0].share");
}

TEST(TemplateLoader, RefusesAFloorThatAContainingCapForbids) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([distribution]
caps = [ { grades = ["A", "B"], share = 0.5 } ]
floors = [ { grades = ["A"], share = 0.3 },
           { grades = ["B"], share = 0.3 } ]
)",
                12, "distribution.floors[1].share");
}

TEST(TemplateLoader, RefusesCapsThatLeaveNoRoomForEveryone) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([distribution]
caps = [ { grades = ["A"], share = 0.3 },
         { grades = ["B"], share = 0.5 } ]
)",
                11, "distribution.caps[1].share");
}

TEST(TemplateLoader, RefusesAVetoWithABadOperator) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([[veto]]
condition = "absent => 2"
reason_zh = "旷工"
)",
                10, "veto[0].condition");
}

TEST(TemplateLoader, RefusesAVetoOnAnUnknownMetric) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([[veto]]
reason_zh = "旷工"
condition = "absence >= 2"
)",
                11, "veto[0].condition");
}

TEST(TemplateLoader, RefusesAVetoWithoutANumber) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([[veto]]
condition = "absent >= twice"
reason_zh = "旷工"
)",
                10, "veto[0].condition");
}

TEST(TemplateLoader, RefusesAVetoGradeThatIsNotABand) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([[veto]]
condition = "complaints_critical > 0"
reason_zh = "重大投诉"
grade = "D"
)",
                12, "veto[0].grade");
}

TEST(TemplateLoader, RefusesAVetoWithoutAReason) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([[veto]]
condition = "complaints_critical > 0"
)",
                9, "veto[0].reason_zh");
}

TEST(TemplateLoader, RefusesADuplicateIndicatorId) {
  ExpectRefused(std::string(kHead) + R"([[sections]]
id = "s1"
weight = 50
  [[sections.indicators]]
  id = "speed"
  metric = "frt_avg_s"
  weight = 100
  rule = { type = "linear", best = 15, worst = 90 }
[[sections]]
id = "s2"
weight = 50
  [[sections.indicators]]
  id = "speed"
  metric = "art_avg_s"
  weight = 100
  rule = { type = "linear", best = 15, worst = 90 }
)",
                16, "sections[1].indicators[0].id");
}

TEST(TemplateLoader, RefusesATemplateWithoutId) {
  ExpectRefused(std::string("applies_to = { position = \"主管\" }\n"
                            "grades = [ { grade = \"A\", min = 0, coefficient = 1 } ]\n") +
                    kOneIndicator,
                1, "id");
}

TEST(TemplateLoader, RefusesAnIndicatorWithoutId) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
metric = "sessions"
weight = 100
rule = { type = "rating" }
)",
                4, "indicators[0].id");
}

TEST(TemplateLoader, RefusesAnIndicatorWithoutMetric) {
  ExpectRefused(std::string(kHead) + R"([[sections]]
id = "s"
weight = 100
  [[sections.indicators]]
  id = "a"
  metric = "sessions"
  weight = 50
  rule = { type = "rating" }
  [[sections.indicators]]
  id = "b"
  weight = 50
  rule = { type = "rating" }
)",
                12, "sections[0].indicators[1].metric");
}

TEST(TemplateLoader, RefusesAnIndicatorWithoutWeight) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "sessions"
rule = { type = "rating" }
)",
                4, "indicators[0].weight");
}

TEST(TemplateLoader, RefusesAnIndicatorWithoutRule) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "sessions"
weight = 100
)",
                4, "indicators[0].rule");
}

TEST(TemplateLoader, RefusesCommissionTiersNotIncreasing) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([pay]
commission = [
  { up_to = 100000, rate = 0.005 },
  { up_to = 50000.5, rate = 0.006 },
  { rate = 0.008 },
]
)",
                12, "pay.commission[1].up_to");
}

TEST(TemplateLoader, RefusesANonFinalCommissionTierWithoutUpTo) {
  ExpectRefused(std::string(kHead) + kOneIndicator + R"([pay]
mode = "coefficient"
commission = [
  { rate = 0.005 },
  { rate = 0.008 },
]
)",
                12, "pay.commission[0].up_to");
}

TEST(TemplateLoader, RefusesUnknownKeysWithTheirPath) {
  ExpectRefused(std::string(kHead) + R"([[indicators]]
id = "i"
metric = "sessions"
weight = 100
rule = { type = "linear", best = 1, worst = 0, step = 2 }
)",
                8, "indicators[0].rule.step");
  ExpectRefused(std::string(kHead) + kOneIndicator + "[pay]\nmode = \"score\"\nrounding = 2\n", 11,
                "pay.rounding");
  ExpectRefused(std::string("templat_id = 1\n") + kHead + kOneIndicator, 1, "templat_id");
}

}  // namespace
}  // namespace csperf::scoring

namespace csperf::scoring {
namespace {

// The complete example of docs/templates.md loads, and so does every rule shown there.
TEST(TemplateLoader, TheDocumentedExamplesLoad) {
  const std::string doc =
      csperf::testing::ReadFile(csperf::testing::SourceDir() + "/docs/templates.md");
  const size_t begin = doc.find("```toml\n");
  ASSERT_NE(begin, std::string::npos);
  const size_t end = doc.find("```", begin + 8);
  auto t = ParseTemplate(doc.substr(begin + 8, end - begin - 8), "templates.md");
  ASSERT_TRUE(t.ok()) << t.problem().ToString();
  EXPECT_EQ(t->sections.size(), 2u);
  EXPECT_EQ(t->grades.size(), 5u);
  size_t rules = 0;
  for (size_t at = doc.find("\nrule = {"); at != std::string::npos;
       at = doc.find("\nrule = {", at + 1)) {
    const std::string line = doc.substr(at + 1, doc.find('\n', at + 1) - at - 1);
    auto one = ParseTemplate(std::string(kHead) +
                                 "[[indicators]]\nid = \"i\"\n"
                                 "metric = \"sessions\"\nweight = 100\n" +
                                 line + "\n",
                             "t.toml");
    EXPECT_TRUE(one.ok()) << line << ": " << one.problem().ToString();
    ++rules;
  }
  EXPECT_GE(rules, 7u);
}

}  // namespace
}  // namespace csperf::scoring
