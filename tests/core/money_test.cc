#include "core/money.h"

#include <gtest/gtest.h>

namespace csperf {
namespace {

TEST(Money, ParsesTheSpecExamplesToExactCents) {
  EXPECT_EQ(*ParseMoney("1,299.00"), 129900);
  EXPECT_EQ(*ParseMoney("¥1299"), 129900);
  EXPECT_EQ(*ParseMoney("￥1,299.5"), 129950);
  EXPECT_EQ(*ParseMoney("1299.5"), 129950);
  EXPECT_EQ(*ParseMoney(" 0.01 "), 1);
  EXPECT_EQ(*ParseMoney("1,234,567.89"), 123456789);
  EXPECT_EQ(*ParseMoney("-12.30"), -1230);
  EXPECT_EQ(*ParseMoney("¥-5"), -500);
  EXPECT_EQ(*ParseMoney(".5"), 50);
}

TEST(Money, NeverGoesThroughBinaryFloatingPoint) {
  // 0.29 * 100 is 28.999999999999996 in binary floating point.
  EXPECT_EQ(*ParseMoney("0.29"), 29);
  EXPECT_EQ(*ParseMoney("1.15"), 115);
  EXPECT_EQ(*ParseMoney("9007199254740.99"), 900719925474099);
}

TEST(Money, RefusesWhatIsNotExact) {
  EXPECT_FALSE(ParseMoney("1.005").ok());     // three decimals
  EXPECT_FALSE(ParseMoney("12,99.00").ok());  // misplaced separator
  EXPECT_FALSE(ParseMoney("1,2999").ok());
  EXPECT_FALSE(ParseMoney("abc").ok());
  EXPECT_FALSE(ParseMoney("").ok());
  EXPECT_FALSE(ParseMoney("¥").ok());
  EXPECT_FALSE(ParseMoney("1.2.3").ok());
  EXPECT_FALSE(ParseMoney("99999999999999999999").ok());
  EXPECT_NE(ParseMoney("1.005").problem().reason.find("decimal places"), std::string::npos);
}

TEST(Money, FormatsCents) {
  EXPECT_EQ(FormatCents(129950), "1299.50");
  EXPECT_EQ(FormatCents(5), "0.05");
  EXPECT_EQ(FormatCents(-1230), "-12.30");
  EXPECT_EQ(FormatCents(0), "0.00");
}

TEST(Decimal, ParsesAndFormatsExactly) {
  EXPECT_EQ(*ParseDecimal("87.5"), 87'500'000);
  EXPECT_EQ(*ParseDecimal("0.6"), 600'000);
  EXPECT_EQ(*ParseDecimal("100"), 100'000'000);
  EXPECT_EQ(FormatMicros(87'500'000), "87.5");
  EXPECT_EQ(FormatMicros(250'000), "0.25");
  EXPECT_EQ(FormatMicros(-1'000'000), "-1");
  EXPECT_FALSE(ParseDecimal("0.1234567").ok());
  EXPECT_FALSE(ParseDecimal("4,5").ok());
}

}  // namespace
}  // namespace csperf
