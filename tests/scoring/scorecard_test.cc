#include "scoring/scorecard.h"

#include <gtest/gtest.h>

namespace csperf::scoring {
namespace {

using metrics::MetricValue;

constexpr Micros U(int64_t units) { return units * kMicrosPerUnit; }
Rational R(Wide num, Wide den = 1) { return Rational::Of(num, den); }
MetricValue V(Wide num, Wide den = 1, int64_t sample = 100) {
  return MetricValue::Ratio(num, den, sample);
}

Indicator Ind(const std::string& id, const std::string& metric, int64_t weight, Rule rule,
              MissingPolicy missing = {}, int64_t min_sample = 0, Scope scope = Scope::kSelf) {
  Indicator ind;
  ind.id = id;
  ind.name_zh = id + "（中）";
  ind.name_en = id;
  ind.metric = metric;
  ind.scope = scope;
  ind.weight = U(weight);
  ind.rule = std::move(rule);
  ind.min_sample = min_sample;
  ind.missing = missing;
  return ind;
}

Section Sec(const std::string& id, int64_t weight, std::vector<Indicator> indicators) {
  Section s;
  s.id = id;
  s.name_en = id;
  s.weight = U(weight);
  s.indicators = std::move(indicators);
  return s;
}

std::vector<GradeBand> Bands() {
  return {{"S", U(95), 1500000},
          {"A", U(85), 1200000},
          {"B", U(75), U(1)},
          {"C", U(60), 800000},
          {"D", 0, 500000}};
}

// One section, one indicator: the total is the rating value of `metric` ("score").
Template RatingTemplate() {
  Template t;
  t.id = "rating";
  t.sections = {Sec("all", 100, {Ind("score", "score", 100, RatingRule{})})};
  t.grades = Bands();
  return t;
}

AgentInputs Agent(const std::string& id, std::map<std::string, MetricValue> self) {
  AgentInputs in;
  in.agent_id = id;
  in.self = std::move(self);
  return in;
}

const MissingPolicy kExclude{MissingPolicy::Kind::kExclude, 0};
const MissingPolicy kZero{MissingPolicy::Kind::kZero, 0};
MissingPolicy Fixed(int64_t points) { return {MissingPolicy::Kind::kFixed, U(points)}; }

TEST(ScoringScorecard, HandWorkedExample) {
  Template t;
  t.id = "presale";
  t.version = 3;
  t.sections = {Sec("performance", 60,
                    {Ind("frt", "frt_avg_s", 40, LinearRule{U(15), U(60)}, kExclude, 30),
                     Ind("conversion", "inquiry_conversion", 60,
                         TiersRule{true, {{600000, U(100)}, {500000, U(85)}}, U(50)})}),
                Sec("attitude", 40, {Ind("attitude", "attitude", 100, RatingRule{})})};
  t.grades = Bands();
  AgentInputs in = Agent("a01", {{"frt_avg_s", V(2400, 80, 80)},         // 30 s
                                 {"inquiry_conversion", V(11, 20, 20)},  // 0.55
                                 {"attitude", V(90, 1, 3)}});
  in.base_bonus = 150000;
  const Scorecard c = ScoreAgent(t, in);

  ASSERT_EQ(c.sections.size(), 2u);
  const IndicatorScore& frt = c.sections[0].indicators[0];
  // FRT 30 s on best 15 / worst 60: (30 − 60) / (15 − 60) × 100 = 200/3 ≈ 66.67.
  EXPECT_EQ(frt.rule_value, R(30));
  EXPECT_EQ(frt.sample, 80);
  EXPECT_EQ(frt.points, R(200, 3));
  EXPECT_EQ(frt.effective_weight, R(40));
  EXPECT_EQ(frt.weighted_points, R(80, 3));  // 200/3 × 40 %
  EXPECT_EQ(frt.contribution, R(16));        // 80/3 × 60 %
  EXPECT_EQ(frt.rule, RuleKind::kLinear);
  EXPECT_EQ(frt.status, IndicatorStatus::kScored);
  // Conversion 0.55 reaches the ≥ 0.5 tier: 85; × 60 % = 51.
  EXPECT_EQ(c.sections[0].indicators[1].points, R(85));
  EXPECT_EQ(c.sections[0].indicators[1].weighted_points, R(51));
  // Performance = 80/3 + 51 = 233/3 ≈ 77.67; × 60 % = 46.6.
  EXPECT_EQ(*c.sections[0].score, R(233, 3));
  EXPECT_EQ(c.sections[0].contribution, R(233, 5));
  // Attitude 90 × 40 % = 36. Total = 46.6 + 36 = 82.6 → B.
  EXPECT_EQ(c.sections[1].contribution, R(36));
  EXPECT_EQ(*c.weighted_total, R(413, 5));
  EXPECT_EQ(*c.total, R(413, 5));
  EXPECT_EQ(*c.total_rounded, 82600000);
  EXPECT_EQ(c.earned_grade, "B");
  EXPECT_EQ(c.grade, "B");
  EXPECT_EQ(c.coefficient, U(1));
  EXPECT_EQ(c.bonus_amount, 150000);  // ¥1,500 × 1.0
  EXPECT_EQ(c.pay_total, 150000);
  EXPECT_EQ(c.template_version, 3);
  EXPECT_FALSE(c.vetoed());
}

Template TwoIndicators(MissingPolicy missing, int64_t min_sample = 0) {
  Template t;
  t.sections = {
      Sec("s", 100,
          {Ind("a", "a", 40, RatingRule{}, missing, min_sample), Ind("b", "b", 60, RatingRule{})})};
  t.grades = Bands();
  return t;
}

TEST(ScoringScorecard, ExcludeReweightsTheRestOfTheSection) {
  const Scorecard c =
      ScoreAgent(TwoIndicators(kExclude), Agent("x", {{"a", MetricValue::Empty()}, {"b", V(80)}}));
  const IndicatorScore& a = c.sections[0].indicators[0];
  const IndicatorScore& b = c.sections[0].indicators[1];
  EXPECT_TRUE(a.missing);
  EXPECT_TRUE(a.excluded());
  EXPECT_EQ(a.effective_weight, R(0));
  EXPECT_EQ(b.effective_weight, R(100));  // 60 of the 60 kept
  EXPECT_EQ(*c.total, R(80));
  // A metric absent from the inputs is missing too.
  const Scorecard absent = ScoreAgent(TwoIndicators(kExclude), Agent("x", {{"b", V(80)}}));
  EXPECT_TRUE(absent.sections[0].indicators[0].missing);
  EXPECT_EQ(*absent.total, R(80));
}

TEST(ScoringScorecard, ZeroAndFixedPoliciesKeepTheWeight) {
  const auto in = Agent("x", {{"b", V(80)}});
  const Scorecard zero = ScoreAgent(TwoIndicators(kZero), in);
  EXPECT_EQ(zero.sections[0].indicators[0].status, IndicatorStatus::kZero);
  EXPECT_EQ(zero.sections[0].indicators[0].effective_weight, R(40));
  EXPECT_EQ(*zero.total, R(48));  // 0 × 40 % + 80 × 60 %
  const Scorecard fixed = ScoreAgent(TwoIndicators(Fixed(60)), in);
  EXPECT_EQ(fixed.sections[0].indicators[0].status, IndicatorStatus::kFixed);
  EXPECT_EQ(fixed.sections[0].indicators[0].points, R(60));
  EXPECT_EQ(*fixed.total, R(72));  // 60 × 40 % + 80 × 60 %
  EXPECT_STREQ(IndicatorStatusName(IndicatorStatus::kFixed), "fixed");
}

TEST(ScoringScorecard, TooSmallASampleFollowsThePolicy) {
  // a = 95 over 20 values; min_sample 30.
  const auto in = Agent("x", {{"a", V(95, 1, 20)}, {"b", V(80)}});
  const Scorecard excluded = ScoreAgent(TwoIndicators(kExclude, 30), in);
  const IndicatorScore& a = excluded.sections[0].indicators[0];
  EXPECT_FALSE(a.missing);
  EXPECT_TRUE(a.insufficient_sample);
  EXPECT_TRUE(a.excluded());
  EXPECT_EQ(a.sample, 20);
  EXPECT_EQ(a.rule_value, R(95));  // shown, not scored
  EXPECT_EQ(*excluded.total, R(80));
  EXPECT_EQ(*ScoreAgent(TwoIndicators(kZero, 30), in).total, R(48));
  // A sample of exactly min_sample is enough: 95 × 40 % + 80 × 60 % = 86.
  EXPECT_EQ(*ScoreAgent(TwoIndicators(kZero, 20), in).total, R(86));
}

TEST(ScoringScorecard, AnExcludedSectionReweightsTheOthers) {
  Template t;
  t.sections = {Sec("s1", 50, {Ind("a", "a", 100, RatingRule{})}),
                Sec("s2", 30, {Ind("b", "b", 100, RatingRule{})}),
                Sec("s3", 20, {Ind("c", "c", 100, RatingRule{})})};
  t.grades = Bands();
  const Scorecard c = ScoreAgent(t, Agent("x", {{"b", V(70)}, {"c", V(40)}}));
  EXPECT_TRUE(c.sections[0].excluded);
  EXPECT_FALSE(c.sections[0].score.has_value());
  EXPECT_EQ(c.sections[0].effective_weight, R(0));
  EXPECT_EQ(c.sections[1].effective_weight, R(60));  // 30 / (30 + 20)
  EXPECT_EQ(c.sections[2].effective_weight, R(40));
  EXPECT_EQ(*c.total, R(58));  // 70 × 60 % + 40 × 40 %
  EXPECT_EQ(c.grade, "D");
}

TEST(ScoringScorecard, EverythingExcludedLeavesTheAgentUnscored) {
  Template t = RatingTemplate();
  t.bonuses = {{"praise", "表扬", "praise", "praises", U(1), U(5)}};
  t.pay.commission = {{std::nullopt, 10000}};  // flat 1 %
  t.vetoes = {{"complaints_critical", Comparison::kGreater, 0, "complaints_critical > 0",
               "重大投诉", "critical complaint", std::nullopt}};
  AgentInputs in =
      Agent("x", {{"praises", MetricValue::Count(3)}, {"net_sales_amount", V(1000000, 1, 4)}});
  in.base_bonus = 100000;
  const Scorecard c = ScoreAgent(t, in);
  EXPECT_TRUE(c.unscored());
  EXPECT_TRUE(c.sections[0].excluded);
  EXPECT_FALSE(c.total.has_value());
  EXPECT_FALSE(c.total_rounded.has_value());
  EXPECT_EQ(c.grade, "");
  EXPECT_EQ(c.coefficient, 0);
  EXPECT_EQ(c.bonuses[0].points, R(3));  // shown, not applied
  EXPECT_EQ(c.bonus_amount, 0);
  EXPECT_EQ(c.commission, 10000);  // 1 % of ¥10,000 is still paid
  EXPECT_EQ(c.pay_total, 10000);
  // A total-0 veto still applies: total 0, the lowest band.
  in.self["complaints_critical"] = MetricValue::Count(1);
  const Scorecard vetoed = ScoreAgent(t, in);
  EXPECT_EQ(*vetoed.total, R(0));
  EXPECT_EQ(vetoed.grade, "D");
  EXPECT_EQ(vetoed.bonus_amount, 50000);  // ¥1,000 × 0.5
}

TEST(ScoringScorecard, BonusAndPenaltyItemsAreCappedOneByOne) {
  Template t = RatingTemplate();
  t.bonuses = {{"praise", "表扬", "praise", "praises", U(1), U(5)},
               {"adopted", "建议采纳", "adopted", "suggestions_adopted", U(2), U(3)}};
  t.penalties = {{"complaint", "投诉", "complaint", "complaints", U(2), U(10)},
                 {"late", "迟到", "late", "late", 500000, U(4)},
                 {"early", "早退", "early leave", "early_leave", U(1), U(4)}};
  const Scorecard c = ScoreAgent(t, Agent("x", {{"score", V(80)},
                                                {"praises", MetricValue::Count(3)},
                                                {"suggestions_adopted", MetricValue::Count(4)},
                                                {"complaints", MetricValue::Count(7)},
                                                {"late", MetricValue::Count(3)}}));
  EXPECT_EQ(c.bonuses[0].points, R(3));  // 3 × 1, under the cap of 5
  EXPECT_FALSE(c.bonuses[0].capped);
  EXPECT_EQ(c.bonuses[1].uncapped, R(8));  // 4 × 2 …
  EXPECT_EQ(c.bonuses[1].points, R(3));    // … capped at 3
  EXPECT_TRUE(c.bonuses[1].capped);
  EXPECT_EQ(c.penalties[0].uncapped, R(14));  // 7 × 2 …
  EXPECT_EQ(c.penalties[0].points, R(10));    // … capped at 10
  EXPECT_EQ(c.penalties[1].points, R(3, 2));  // 3 × 0.5
  EXPECT_TRUE(c.penalties[2].missing);
  EXPECT_EQ(c.penalties[2].points, R(0));
  EXPECT_EQ(c.bonus_points, R(6));
  EXPECT_EQ(c.penalty_points, R(23, 2));
  EXPECT_EQ(*c.weighted_total, R(80));
  EXPECT_EQ(*c.total, R(149, 2));  // 80 + 6 − 11.5 = 74.5
  EXPECT_EQ(c.grade, "C");         // 74.50 < 75
}

TEST(ScoringScorecard, TotalCappedAtMaxTotalAndFlooredAtZero) {
  Template t = RatingTemplate();
  t.bonuses = {{"praise", "表扬", "praise", "praises", U(5), U(30)}};
  t.penalties = {{"complaint", "投诉", "complaint", "complaints", U(10), U(50)}};
  // 100 + 5 × 5 = 125 → capped at the default max_total 120.
  const Scorecard high =
      ScoreAgent(t, Agent("x", {{"score", V(100)}, {"praises", MetricValue::Count(5)}}));
  EXPECT_EQ(*high.total, R(120));
  EXPECT_TRUE(high.capped_at_max_total);
  EXPECT_EQ(high.grade, "S");
  t.max_total = U(110);
  EXPECT_EQ(
      *ScoreAgent(t, Agent("x", {{"score", V(100)}, {"praises", MetricValue::Count(5)}})).total,
      R(110));
  // 5 − 2 × 10 = −15 → 0.
  const Scorecard low =
      ScoreAgent(t, Agent("x", {{"score", V(5)}, {"complaints", MetricValue::Count(2)}}));
  EXPECT_EQ(*low.total, R(0));
  EXPECT_TRUE(low.floored_at_zero);
  EXPECT_FALSE(low.capped_at_max_total);
}

TEST(ScoringScorecard, VetoesZeroTheTotalOrCapTheGrade) {
  Template t = RatingTemplate();
  t.vetoes = {{"complaints_critical", Comparison::kGreater, 0, "complaints_critical > 0",
               "重大投诉", "critical complaint", std::nullopt},
              {"absent", Comparison::kGreaterEqual, U(2), "absent >= 2", "旷工两次及以上",
               "absent twice or more", "C"}};
  // A critical complaint: the total becomes 0 whatever was earned.
  const Scorecard zeroed =
      ScoreAgent(t, Agent("x", {{"score", V(92)}, {"complaints_critical", MetricValue::Count(1)}}));
  EXPECT_EQ(*zeroed.weighted_total, R(92));
  EXPECT_EQ(*zeroed.total, R(0));
  EXPECT_TRUE(zeroed.total_zeroed_by_veto);
  EXPECT_EQ(zeroed.grade, "D");
  EXPECT_EQ(zeroed.coefficient, 500000);
  ASSERT_EQ(zeroed.vetoes.size(), 1u);
  EXPECT_EQ(zeroed.vetoes[0].reason_zh, "重大投诉");
  EXPECT_EQ(zeroed.vetoes[0].condition_text, "complaints_critical > 0");
  // Absent twice: the earned A becomes C; the total stays.
  const Scorecard forced =
      ScoreAgent(t, Agent("x", {{"score", V(92)}, {"absent", MetricValue::Count(2)}}));
  EXPECT_EQ(*forced.total, R(92));
  EXPECT_EQ(forced.earned_grade, "A");
  EXPECT_EQ(forced.grade, "C");
  EXPECT_TRUE(forced.grade_forced_by_veto);
  EXPECT_EQ(forced.coefficient, 800000);
  // A veto never improves a grade: D stays D.
  const Scorecard poor =
      ScoreAgent(t, Agent("x", {{"score", V(50)}, {"absent", MetricValue::Count(3)}}));
  EXPECT_TRUE(poor.vetoed());
  EXPECT_EQ(poor.grade, "D");
  EXPECT_FALSE(poor.grade_forced_by_veto);
  // Under the threshold, or an empty value: no veto.
  const Scorecard clean =
      ScoreAgent(t, Agent("x", {{"score", V(92)},
                                {"absent", MetricValue::Count(1)},
                                {"complaints_critical", MetricValue::Empty()}}));
  EXPECT_FALSE(clean.vetoed());
  EXPECT_EQ(clean.grade, "A");
  // Both: total 0 and the worst grade.
  const Scorecard both =
      ScoreAgent(t, Agent("x", {{"score", V(92)},
                                {"absent", MetricValue::Count(2)},
                                {"complaints_critical", MetricValue::Count(1)}}));
  EXPECT_EQ(both.vetoes.size(), 2u);
  EXPECT_EQ(*both.total, R(0));
  EXPECT_EQ(both.grade, "D");
}

TEST(ScoringScorecard, VetoesCompareTheExactValue) {
  Template t = RatingTemplate();
  t.vetoes = {{"reply_rate", Comparison::kLess, 900000, "reply_rate < 0.9", "回复率过低",
               "reply rate too low", std::nullopt}};
  // 0.8999999 prints as 0.900000 with 6 decimals, but is below 0.9.
  const Scorecard c =
      ScoreAgent(t, Agent("x", {{"score", V(90)}, {"reply_rate", V(8999999, 10000000)}}));
  EXPECT_TRUE(c.vetoed());
  EXPECT_EQ(*c.total, R(0));
  EXPECT_FALSE(ScoreAgent(t, Agent("x", {{"score", V(90)}, {"reply_rate", V(9, 10)}})).vetoed());
}

TEST(ScoringScorecard, GradesOnTheTotalRoundedToTwoDecimals) {
  const Template t = RatingTemplate();
  // 84.995 rounds half away from zero to 85.00: A.
  const Scorecard up = ScoreAgent(t, Agent("x", {{"score", V(84995, 1000)}}));
  EXPECT_EQ(*up.total_rounded, U(85));
  EXPECT_EQ(up.grade, "A");
  // 84.994999 rounds to 84.99: B.
  const Scorecard down = ScoreAgent(t, Agent("x", {{"score", V(84994999, 1000000)}}));
  EXPECT_EQ(*down.total_rounded, 84990000);
  EXPECT_EQ(down.grade, "B");
  // Without bands: no grade, coefficient 0.
  Template bare = t;
  bare.grades.clear();
  const Scorecard none = ScoreAgent(bare, Agent("x", {{"score", V(90)}}));
  EXPECT_EQ(none.grade, "");
  EXPECT_EQ(none.coefficient, 0);
}

TEST(ScoringScorecard, SupervisorReadsTheTeamScope) {
  Template t;
  t.sections = {Sec("team", 70,
                    {Ind("team_frt", "frt_avg_s", 100, LinearRule{U(15), U(60)}, kExclude, 30,
                         Scope::kTeam)}),
                Sec("self", 30, {Ind("leadership", "leadership", 100, RatingRule{})})};
  t.grades = Bands();
  AgentInputs in = Agent("sup1", {{"frt_avg_s", V(60, 1, 40)}, {"leadership", V(90, 1, 2)}});
  in.team = {{"frt_avg_s", V(12000, 400, 400)}};  // 30 s over the team's 400 first responses
  const Scorecard c = ScoreAgent(t, in);
  const IndicatorScore& frt = c.sections[0].indicators[0];
  EXPECT_EQ(frt.scope, Scope::kTeam);
  EXPECT_EQ(frt.rule_value, R(30));  // the team's, not the supervisor's own 60 s
  EXPECT_EQ(frt.sample, 400);
  EXPECT_EQ(frt.points, R(200, 3));
  // 200/3 × 70 % + 90 × 30 % = 140/3 + 27 = 221/3 ≈ 73.67 → C.
  EXPECT_EQ(*c.total, R(221, 3));
  EXPECT_EQ(*c.total_rounded, 73670000);
  EXPECT_EQ(c.grade, "C");
  // No team values (no direct reports): the team indicator is missing, its section excluded.
  in.team.clear();
  const Scorecard alone = ScoreAgent(t, in);
  EXPECT_TRUE(alone.sections[0].indicators[0].missing);
  EXPECT_TRUE(alone.sections[0].excluded);
  EXPECT_EQ(*alone.total, R(90));
}

TEST(ScoringPay, CoefficientModeRoundsHalfAwayOnceToTheCent) {
  Template t = RatingTemplate();
  t.grades[1].coefficient = 1100000;  // A: 1.1
  AgentInputs in = Agent("x", {{"score", V(90)}});
  in.base_bonus = 123455;  // ¥1,234.55 × 1.1 = ¥1,358.005 → ¥1,358.01
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 135801);
  in.base_bonus = 12345;  // D: ¥123.45 × 0.5 = ¥61.725 → ¥61.73
  in.self["score"] = V(10);
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 6173);
  in.base_bonus.reset();  // no base bonus: nothing
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 0);
}

TEST(ScoringPay, ScoreModePaysTheExactTotal) {
  Template t = RatingTemplate();
  t.pay.mode = Pay::Mode::kScore;
  AgentInputs in = Agent("x", {{"score", V(165, 2)}});  // 82.5
  in.base_bonus = 100001;                               // 100001 × 0.825 = 82500.825 → 82501
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 82501);
  in.self["score"] = V(50);
  in.base_bonus = 1001;  // 1001 × 0.5 = 500.5 → 501 (half away from zero)
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 501);
  in.self["score"] = V(101, 2);
  in.base_bonus = 999;  // 999 × 0.505 = 504.495 → 504
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 504);
  // The total is never rounded first: 200/3 × 30000 / 100 = 20000 exactly (66.67 would pay
  // 20001).
  in.self["score"] = V(200, 3);
  in.base_bonus = 30000;
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 20000);
}

TEST(ScoringPay, ProratesByDaysEmployedWhenTheTemplateSaysSo) {
  Template t = RatingTemplate();
  AgentInputs in = Agent("x", {{"score", V(80)}});  // B: 1.0
  in.base_bonus = 100001;
  in.days_employed = 15;
  in.days_in_period = 30;
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 100001);  // the template does not pro-rate
  t.pay.prorate = true;
  const Scorecard half = ScoreAgent(t, in);
  EXPECT_EQ(half.prorate, R(1, 2));
  EXPECT_EQ(half.bonus_amount, 50001);  // 50000.5 → 50001
  in.days_employed = 7;                 // 100001 × 7 / 30 = 23333.566… → 23334
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 23334);
  in.days_employed = 40;  // more days than the period: the whole bonus
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 100001);
  in.days_in_period = 0;  // unknown period: no pro-rating
  EXPECT_EQ(ScoreAgent(t, in).bonus_amount, 100001);
}

TEST(ScoringPay, TieredCommissionLikeTaxBrackets) {
  // 0.5 % of the first ¥100,000 included, 0.8 % of the part above.
  const std::vector<CommissionTier> tiers = {{10000000, 5000}, {std::nullopt, 8000}};
  // ¥150,000: 0.5 % × ¥100,000 + 0.8 % × ¥50,000 = ¥500 + ¥400 = ¥900.
  EXPECT_EQ(CommissionExact(tiers, R(15000000)), R(90000));
  EXPECT_EQ(CommissionExact(tiers, R(10000000)), R(50000));  // exactly the tier's top
  // One cent above: 50000 + 0.008 → 50000.008 → 50000.
  EXPECT_EQ(RoundCents(CommissionExact(tiers, R(10000001))), 50000);
  // 63 cents above: 50000 + 0.504 → 50001.
  EXPECT_EQ(RoundCents(CommissionExact(tiers, R(10000063))), 50001);
  EXPECT_EQ(RoundCents(CommissionExact(tiers, R(100))), 1);  // 0.5 cent → 1
  EXPECT_EQ(RoundCents(CommissionExact(tiers, R(300))), 2);  // 1.5 cents → 2
  EXPECT_EQ(RoundCents(CommissionExact(tiers, R(99))), 0);   // 0.495 cent → 0
  EXPECT_EQ(CommissionExact(tiers, R(-5000)), R(0));
  // Flat: one open tier.
  EXPECT_EQ(RoundCents(CommissionExact({{std::nullopt, 10000}}, R(12345))), 123);
  // A bounded last tier: nothing above it.
  EXPECT_EQ(CommissionExact({{10000000, 5000}}, R(15000000)), R(50000));
  EXPECT_EQ(CommissionExact({}, R(15000000)), R(0));
}

TEST(ScoringPay, PayTotalIsBonusPlusCommission) {
  Template t = RatingTemplate();
  t.pay.commission = {{10000000, 5000}, {std::nullopt, 8000}};
  AgentInputs in = Agent("x", {{"score", V(80)}, {"net_sales_amount", V(15000000, 1, 120)}});
  in.base_bonus = 500000;
  in.days_employed = 10;
  in.days_in_period = 30;
  t.pay.prorate = true;
  const Scorecard c = ScoreAgent(t, in);
  EXPECT_EQ(c.bonus_amount, 166667);  // 500000 × 1.0 × 10/30 = 166666.67 → 166667
  EXPECT_EQ(c.commission, 90000);     // not pro-rated: earned by the days worked
  EXPECT_EQ(c.pay_total, 256667);
  // A negative net (refunds above sales) earns no commission.
  in.self["net_sales_amount"] = V(-1000, 1, 3);
  EXPECT_EQ(ScoreAgent(t, in).commission, 0);
}

}  // namespace
}  // namespace csperf::scoring
