// Exact metric values and how they print (metrics.md, "Numbers"): rounded once, at output,
// half away from zero; empty values print as nothing. Every expected string below is worked
// by hand from the fraction beside it.
#include "metrics/value.h"

#include <gtest/gtest.h>

namespace csperf::metrics {
namespace {

TEST(ValueFormatRounded, RoundsHalfAwayFromZeroOnPositiveValues) {
  // 20005/10000 = 2.0005: ×1000 = 2000.5, half goes up → 2001 → 2.001.
  EXPECT_EQ(FormatRounded(20005, 10000, 3), "2.001");
  // 20004/10000 = 2.0004: 2000.4 → 2000 → 2.000 (the zeros are printed).
  EXPECT_EQ(FormatRounded(20004, 10000, 3), "2.000");
  // 1/8 = 0.125: ×100 = 12.5 → 13 → 0.13.
  EXPECT_EQ(FormatRounded(1, 8, 2), "0.13");
  // 1/200 = 0.005: ×100 = 0.5 → 1 → 0.01 (a leading "0." is added).
  EXPECT_EQ(FormatRounded(1, 200, 2), "0.01");
  // 1/3 = 0.333333|3 → 0.333333; 2/3 = 0.666666|6 → 0.666667.
  EXPECT_EQ(FormatRounded(1, 3, 6), "0.333333");
  EXPECT_EQ(FormatRounded(2, 3, 6), "0.666667");
  // No decimals: 5/2 = 2.5 → 3, 7/2 = 3.5 → 4 (not to even), 9/4 = 2.25 → 2.
  EXPECT_EQ(FormatRounded(5, 2, 0), "3");
  EXPECT_EQ(FormatRounded(7, 2, 0), "4");
  EXPECT_EQ(FormatRounded(9, 4, 0), "2");
  // 123456/100 = 1234.56 exactly; 0 is 0.000.
  EXPECT_EQ(FormatRounded(123456, 100, 2), "1234.56");
  EXPECT_EQ(FormatRounded(0, 7, 3), "0.000");
}

TEST(ValueFormatRounded, RoundsNegativeValuesOnTheirMagnitude) {
  // -1/8 = -0.125: magnitude 12.5 → 13 → -0.13 (half away from zero, not up).
  EXPECT_EQ(FormatRounded(-1, 8, 2), "-0.13");
  // -20005/10000 = -2.0005 → -2.001.
  EXPECT_EQ(FormatRounded(-20005, 10000, 3), "-2.001");
  // -5/2 = -2.5 → -3; -9/4 = -2.25 → -2.
  EXPECT_EQ(FormatRounded(-5, 2, 0), "-3");
  EXPECT_EQ(FormatRounded(-9, 4, 0), "-2");
  // A negative denominator is the same fraction: 1/-8 = -0.125 → -0.13; -1/-8 → 0.13.
  EXPECT_EQ(FormatRounded(1, -8, 2), "-0.13");
  EXPECT_EQ(FormatRounded(-1, -8, 2), "0.13");
  // -1/1000 = -0.001 rounds to 0.00: no minus sign on a zero.
  EXPECT_EQ(FormatRounded(-1, 1000, 2), "0.00");
  // -1/200 = -0.005: magnitude 0.5 → 1 → -0.01.
  EXPECT_EQ(FormatRounded(-1, 200, 2), "-0.01");
}

TEST(ValueFormatValue, PrintsEachFormat) {
  // kCount: an integer.
  EXPECT_EQ(FormatValue(MetricValue::Count(42), Format::kCount), "42");
  EXPECT_EQ(FormatValue(MetricValue::Count(0), Format::kCount), "0");
  // kAverage: 3 decimals. 45/2 = 22.5; 2/3 = 0.666|6 → 0.667.
  EXPECT_EQ(FormatValue(MetricValue::Ratio(45, 2), Format::kAverage), "22.500");
  EXPECT_EQ(FormatValue(MetricValue::Ratio(2, 3), Format::kAverage), "0.667");
  // kSeconds: an observed whole number.
  EXPECT_EQ(FormatValue(MetricValue::Whole(30, 2), Format::kSeconds), "30");
  // kRate: 6 decimals. 2/3 → 0.666667; 1/1 → 1.000000; 0/4 → 0.000000.
  EXPECT_EQ(FormatValue(MetricValue::Ratio(2, 3), Format::kRate), "0.666667");
  EXPECT_EQ(FormatValue(MetricValue::Ratio(1, 1), Format::kRate), "1.000000");
  EXPECT_EQ(FormatValue(MetricValue::Ratio(0, 4), Format::kRate), "0.000000");
  // kMoney: cents with 2 decimals. 129900 cents = 1299.00; 1001/2 = 500.5 cents = 5.005 yuan
  // → 5.01; -1 cent = -0.01.
  EXPECT_EQ(FormatValue(MetricValue::Ratio(129900, 1), Format::kMoney), "1299.00");
  EXPECT_EQ(FormatValue(MetricValue::Ratio(1001, 2), Format::kMoney), "5.01");
  EXPECT_EQ(FormatValue(MetricValue::Ratio(-1, 1), Format::kMoney), "-0.01");
  // kHours: seconds as hours with 3 decimals. 5400 s = 1.5 h; 9001/2 = 4500.5 s =
  // 1.250138… h → 1.250; 2 s = 0.000555… h → 0.001; 1 s = 0.000277… h → 0.000.
  EXPECT_EQ(FormatValue(MetricValue::Count(5400), Format::kHours), "1.500");
  EXPECT_EQ(FormatValue(MetricValue::Ratio(9001, 2), Format::kHours), "1.250");
  EXPECT_EQ(FormatValue(MetricValue::Count(2), Format::kHours), "0.001");
  EXPECT_EQ(FormatValue(MetricValue::Count(1), Format::kHours), "0.000");
  // kDimension: 3 decimals. 640/7 = 91.428571… → 91.429.
  EXPECT_EQ(FormatValue(MetricValue::Ratio(640, 7), Format::kDimension), "91.429");
}

TEST(ValueFormatValue, EmptyValuesPrintNothingInEveryFormat) {
  for (Format f : {Format::kCount, Format::kAverage, Format::kSeconds, Format::kRate,
                   Format::kMoney, Format::kHours, Format::kDimension}) {
    EXPECT_EQ(FormatValue(MetricValue::Empty(), f), "") << static_cast<int>(f);
    EXPECT_EQ(FormatValue(MetricValue::Ratio(7, 0), f), "") << static_cast<int>(f);
  }
}

TEST(ValueMetricValue, ARatioOverZeroIsEmpty) {
  const MetricValue v = MetricValue::Ratio(3, 0);
  EXPECT_TRUE(v.empty);
  EXPECT_EQ(v.sample, 0);  // the denominator
  EXPECT_TRUE(MetricValue::Ratio(0, 0).empty);
  // A sample given is kept even when empty.
  EXPECT_EQ(MetricValue::Ratio(3, 0, 5).sample, 5);
  EXPECT_FALSE(MetricValue::Ratio(0, 3).empty);  // 0/3 is 0, not empty
}

TEST(ValueMetricValue, EqualityIsExact) {
  EXPECT_EQ(MetricValue::Ratio(1, 2), MetricValue::Ratio(2, 4));
  EXPECT_EQ(MetricValue::Ratio(-1, -2), MetricValue::Ratio(1, 2));
  EXPECT_EQ(MetricValue::Ratio(6, 3), MetricValue::Count(2));
  EXPECT_FALSE(MetricValue::Ratio(1, 3) == MetricValue::Ratio(333333, 1000000));
  // Empty equals empty, and nothing else, not even 0.
  EXPECT_EQ(MetricValue::Empty(), MetricValue::Ratio(1, 0));
  EXPECT_FALSE(MetricValue::Empty() == MetricValue::Count(0));
  EXPECT_FALSE(MetricValue::Count(0) == MetricValue::Empty());
}

TEST(ValueMetricValue, RatiosAreKeptReducedWithTheirSample) {
  // 2/4 is kept as 1/2; its sample is the denominator as given, 4.
  const MetricValue half = MetricValue::Ratio(2, 4);
  EXPECT_FALSE(half.empty);
  EXPECT_EQ(static_cast<int64_t>(half.num), 1);
  EXPECT_EQ(static_cast<int64_t>(half.den), 2);
  EXPECT_EQ(half.sample, 4);
  // A negative denominator moves its sign to the numerator: 3/-6 = -1/2.
  const MetricValue negative = MetricValue::Ratio(3, -6, 1);
  EXPECT_EQ(static_cast<int64_t>(negative.num), -1);
  EXPECT_EQ(static_cast<int64_t>(negative.den), 2);
  EXPECT_EQ(negative.sample, 1);
  // A sample given overrides the denominator (sales_amount: Σ cents over 1, sample orders).
  EXPECT_EQ(MetricValue::Ratio(15050, 1, 2).sample, 2);
  EXPECT_EQ(MetricValue::Count(7).sample, 7);
  EXPECT_EQ(MetricValue::Whole(30, 4).sample, 4);
  EXPECT_DOUBLE_EQ(MetricValue::Ratio(3, 4).ToDouble(), 0.75);
  EXPECT_DOUBLE_EQ(MetricValue::Empty().ToDouble(), 0.0);
}

}  // namespace
}  // namespace csperf::metrics
