#include "scoring/rules.h"

#include <gtest/gtest.h>

#include "scoring/rational.h"

namespace csperf::scoring {
namespace {

using metrics::MetricValue;

constexpr Micros U(int64_t units) { return units * kMicrosPerUnit; }
Rational R(Wide num, Wide den = 1) { return Rational::Of(num, den); }
Points Apply(const Rule& rule, Wide num, Wide den = 1) {
  return ApplyRule(rule, MetricValue::Ratio(num, den, 100));
}

TEST(ScoringRational, ReducesAndComparesExactly) {
  EXPECT_EQ(R(2, 4), R(1, 2));
  EXPECT_EQ(R(-3, -6), R(1, 2));
  EXPECT_EQ(R(3, -6), -R(1, 2));
  EXPECT_LT(R(1, 3), R(334, 1000));
  EXPECT_GT(R(1, 3), R(333, 1000));
  EXPECT_EQ(R(1, 3) + R(1, 6), R(1, 2));
  EXPECT_EQ(R(1, 3) * R(3, 7), R(1, 7));
  EXPECT_EQ(R(1, 3) / R(2, 3), R(1, 2));
  EXPECT_EQ(R(0, 5).ToFraction(), "0");
  EXPECT_EQ(R(175, 2).ToFraction(), "175/2");
}

TEST(ScoringRational, RoundsHalfAwayFromZero) {
  EXPECT_EQ(R(1, 200).ToString(2), "0.01");    // 0.005
  EXPECT_EQ(R(-1, 200).ToString(2), "-0.01");  // −0.005
  EXPECT_EQ(R(4999, 1000000).ToString(2), "0.00");
  EXPECT_EQ(R(-1, 1000).ToString(2), "0.00");  // rounds to zero: no "-0.00"
  EXPECT_EQ(R(200, 3).ToString(2), "66.67");
  EXPECT_EQ(R(5, 2).RoundScaled(1), BigInt(3));
  EXPECT_EQ(R(-5, 2).RoundScaled(1), BigInt(-3));
  EXPECT_EQ(R(1, 3).ToMicros(), 333333);
  EXPECT_EQ(R(2, 3).ToMicros(), 666667);
}

TEST(ScoringRational, NeverOverflowsOnManyCoprimeDenominators) {
  // Σ 1/p over 20 primes near 10^9: the common denominator has ~180 digits, far beyond
  // __int128; multiplying back by each p must still be exact.
  std::vector<Wide> primes = {1000000007, 1000000009, 1000000021, 1000000033, 1000000087,
                              1000000093, 1000000097, 1000000103, 1000000123, 1000000181,
                              1000000207, 1000000223, 1000000241, 1000000271, 1000000289,
                              1000000297, 1000000321, 1000000349, 1000000363, 1000000403};
  Rational sum;
  for (Wide p : primes) sum += R(1, p);
  Rational back = sum;
  for (Wide p : primes) back -= R(1, p);
  EXPECT_TRUE(back.IsZero());
  EXPECT_GT(sum.den().ToString().size(), 170u);
  EXPECT_EQ(sum.ToString(9), "0.000000020");  // ≈ 20 / 1.0000002e9
  BigInt big = BigInt(Wide{1} << 100) * BigInt(Wide{1} << 100);
  EXPECT_EQ(big.ToString(), "1606938044258990275541962092341162602522202993782792835301376");
  EXPECT_EQ(big / BigInt(Wide{1} << 100), BigInt(Wide{1} << 100));
  EXPECT_EQ((big + BigInt(7)) % BigInt(Wide{1} << 100), BigInt(7));
}

TEST(ScoringRules, LinearHigherIsBetter) {
  const Rule rule = LinearRule{950000, 800000};      // best 0.95, worst 0.80 (a rate)
  EXPECT_EQ(Apply(rule, 95, 100), R(100));           // at best
  EXPECT_EQ(Apply(rule, 1), R(100));                 // beyond best
  EXPECT_EQ(Apply(rule, 80, 100), R(0));             // at worst
  EXPECT_EQ(Apply(rule, 70, 100), R(0));             // beyond worst
  EXPECT_EQ(Apply(rule, 875, 1000), R(50));          // (0.875 − 0.80) / 0.15 = 1/2
  EXPECT_EQ(Apply(rule, 9, 10), R(200, 3));          // (0.90 − 0.80) / 0.15 = 2/3 → 66.67
  EXPECT_EQ(Apply(rule, 9499, 10000), R(1499, 15));  // 0.1499 / 0.15 × 100 = 99.933…
}

TEST(ScoringRules, LinearLowerIsBetterResponseTime) {
  const Rule rule = LinearRule{U(15), U(60)};  // FRT: best 15 s, worst 60 s
  EXPECT_EQ(Apply(rule, 15), R(100));
  EXPECT_EQ(Apply(rule, 10), R(100));
  EXPECT_EQ(Apply(rule, 60), R(0));
  EXPECT_EQ(Apply(rule, 75), R(0));
  EXPECT_EQ(Apply(rule, 3000, 80), R(50));  // 37.5 s: (37.5 − 60) / (15 − 60) = 1/2
  EXPECT_EQ(Apply(rule, 30), R(200, 3));    // (30 − 60) / (−45) = 2/3
  EXPECT_EQ(Apply(rule, 1501, 100), R(100) - R(1, 45));  // 15.01 s: 100 − 0.01×100/45
}

TEST(ScoringRules, LinearWithBestEqualToWorstIsAThreshold) {
  const Rule rule = LinearRule{U(5), U(5)};
  EXPECT_EQ(Apply(rule, 5), R(100));
  EXPECT_EQ(Apply(rule, 6), R(100));
  EXPECT_EQ(Apply(rule, 4), R(0));
}

TEST(ScoringRules, TiersHigherIsBetter) {
  // ≥ 60 % → 100, ≥ 50 % → 85, ≥ 40 % → 60, else 20.
  const Rule rule = TiersRule{true, {{600000, U(100)}, {500000, U(85)}, {400000, U(60)}}, U(20)};
  EXPECT_EQ(Apply(rule, 3, 5), R(100));            // exactly 0.6
  EXPECT_EQ(Apply(rule, 2999, 5000), R(85));       // 0.5998: just short of 0.6
  EXPECT_EQ(Apply(rule, 1, 2), R(85));             // exactly 0.5
  EXPECT_EQ(Apply(rule, 9, 20), R(60));            // 0.45
  EXPECT_EQ(Apply(rule, 399999, 1000000), R(20));  // below every tier
  EXPECT_EQ(Apply(rule, 1), R(100));
}

TEST(ScoringRules, TiersLowerIsBetter) {
  // complaints: ≤ 0 → 100, ≤ 1 → 80, ≤ 3 → 50, else 0.
  const Rule rule = TiersRule{false, {{0, U(100)}, {U(1), U(80)}, {U(3), U(50)}}, 0};
  EXPECT_EQ(Apply(rule, 0), R(100));
  EXPECT_EQ(Apply(rule, 1), R(80));
  EXPECT_EQ(Apply(rule, 2), R(50));
  EXPECT_EQ(Apply(rule, 3), R(50));
  EXPECT_EQ(Apply(rule, 4), R(0));
  // Tier points are clamped to 0–100.
  EXPECT_EQ(ApplyRule(TiersRule{true, {{0, U(130)}}, -U(5)}, R(1)), R(100));
  EXPECT_EQ(ApplyRule(TiersRule{true, {{U(2), U(130)}}, -U(5)}, R(1)), R(0));
}

TEST(ScoringRules, TargetCappedAtItsCap) {
  const Rule rule = TargetRule{U(200), U(100)};
  EXPECT_EQ(Apply(rule, 150), R(75));   // 100 × 150 / 200
  EXPECT_EQ(Apply(rule, 200), R(100));  // at target
  EXPECT_EQ(Apply(rule, 300), R(100));  // 150 % capped at 100
  EXPECT_EQ(Apply(rule, 1, 3), R(1, 6));
  EXPECT_EQ(Apply(rule, -50), R(0));  // floored at 0
  const Rule generous = TargetRule{U(200), U(120)};
  EXPECT_EQ(Apply(generous, 220), R(110));
  EXPECT_EQ(Apply(generous, 240), R(120));
  EXPECT_EQ(Apply(generous, 300), R(120));
  EXPECT_EQ(Apply(TargetRule{0, U(100)}, 10), R(0));  // a target of 0 scores nothing
}

TEST(ScoringRules, DeductFlooredAtZero) {
  const Rule rule = DeductRule{U(10)};
  EXPECT_EQ(Apply(rule, 0), R(100));
  EXPECT_EQ(Apply(rule, 3), R(70));                      // 100 − 3 × 10
  EXPECT_EQ(Apply(rule, 10), R(0));                      // exactly 0
  EXPECT_EQ(Apply(rule, 12), R(0));                      // would be −20
  EXPECT_EQ(Apply(DeductRule{2500000}, 3), R(925, 10));  // 100 − 3 × 2.5 = 92.5
}

TEST(ScoringRules, RatingClampedTo0To100) {
  EXPECT_EQ(Apply(RatingRule{}, 875, 10), R(175, 2));
  EXPECT_EQ(Apply(RatingRule{}, 100), R(100));
  EXPECT_EQ(Apply(RatingRule{}, 105), R(100));
  EXPECT_EQ(Apply(RatingRule{}, -3), R(0));
  EXPECT_EQ(ApplyRule(RatingRule{}, MetricValue::Empty()), R(0));
}

TEST(ScoringRules, ReadsMoneyInYuanAndHoursInHours) {
  // net_sales_amount holds cents; a template writes yuan.
  EXPECT_EQ(ValueInRuleUnits("net_sales_amount", MetricValue::Ratio(1234567, 1, 3)),
            R(1234567, 100));
  EXPECT_EQ(ValueInRuleUnits("handling_avg_h", MetricValue::Ratio(5400, 1, 2)), R(3, 2));
  EXPECT_EQ(ValueInRuleUnits("frt_avg_s", MetricValue::Ratio(3000, 80)), R(75, 2));
  EXPECT_EQ(ValueInRuleUnits("reply_rate", MetricValue::Ratio(9, 10)), R(9, 10));
  // target ¥50,000: ¥40,000 of net sales (4,000,000 cents) is 80 points.
  EXPECT_EQ(ApplyRule(TargetRule{U(50000), U(100)},
                      ValueInRuleUnits("net_sales_amount", MetricValue::Ratio(4000000, 1, 9))),
            R(80));
}

TEST(ScoringRules, NamesAndDescribesRules) {
  EXPECT_EQ(KindOf(Rule{DeductRule{}}), RuleKind::kDeduct);
  EXPECT_STREQ(RuleKindName(KindOf(Rule{LinearRule{}})), "linear");
  EXPECT_EQ(DescribeRule(LinearRule{U(15), U(60)}), "linear best 15 worst 60");
  EXPECT_EQ(DescribeRule(TiersRule{true, {{600000, U(100)}}, U(20)}), "tiers ≥0.6→100 else 20");
  EXPECT_EQ(DescribeRule(TargetRule{U(200), U(100)}), "target 200 cap 100");
  EXPECT_EQ(DescribeRule(RatingRule{}), "rating");
}

}  // namespace
}  // namespace csperf::scoring
