// Periods are whole local days (metrics.md, "Time"). Instants from `date -u -d`:
// 2024-02-01 00:00 +0800 = 1706716800, 2024-03-01 00:00 +0800 = 1709222400.
#include "core/period.h"

#include <gtest/gtest.h>

#include <string>

namespace csperf {
namespace {

std::shared_ptr<const TimeZone> MustLoad(std::string_view name) {
  auto zone = TimeZone::Load(name);
  if (!zone.ok()) {
    ADD_FAILURE() << zone.problem().ToString();
    return TimeZone::FixedOffset(0);
  }
  return *zone;
}

std::string ReasonOf(const Result<Period>& result) {
  return result.ok() ? "(parsed without a problem)" : result.problem().reason;
}

TEST(PeriodTest, MonthOfALeapYear) {
  auto period = ParsePeriod("2024-02");
  ASSERT_TRUE(period.ok()) << period.problem().reason;
  EXPECT_EQ(period->first, (CivilDate{2024, 2, 1}));
  EXPECT_EQ(period->last, (CivilDate{2024, 2, 29}));
  EXPECT_EQ(period->days(), 29);
  auto zone = MustLoad("Asia/Shanghai");
  EXPECT_EQ(period->begin(*zone), 1706716800);
  EXPECT_EQ(period->end(*zone), 1709222400);
  EXPECT_EQ(period->end(*zone) - period->begin(*zone), 29 * 86400);
  EXPECT_EQ(period->ToString(), "2024-02");
  EXPECT_EQ(ParsePeriod("2023-02")->days(), 28);
  EXPECT_EQ(*ParsePeriod("2024/2"), *period);
  EXPECT_EQ(*ParsePeriod("2024-12"), MonthPeriod(2024, 12));
}

TEST(PeriodTest, SingleDay) {
  auto period = ParsePeriod(" 2024-01-15 ");
  ASSERT_TRUE(period.ok()) << period.problem().reason;
  EXPECT_EQ(period->first, (CivilDate{2024, 1, 15}));
  EXPECT_EQ(period->last, (CivilDate{2024, 1, 15}));
  EXPECT_EQ(period->days(), 1);
  EXPECT_EQ(period->ToString(), "2024-01-15");
  EXPECT_TRUE(period->Contains({2024, 1, 15}));
  EXPECT_FALSE(period->Contains({2024, 1, 16}));
}

TEST(PeriodTest, RangeOfDaysIncludesBothEnds) {
  auto period = ParsePeriod("2024-01-01..2024-01-15");
  ASSERT_TRUE(period.ok()) << period.problem().reason;
  EXPECT_EQ(period->days(), 15);
  auto zone = MustLoad("Asia/Shanghai");
  EXPECT_EQ(period->begin(*zone), 1704038400);  // 2024-01-01 00:00 +0800
  EXPECT_EQ(period->end(*zone), 1705334400);    // 2024-01-16 00:00 +0800
  EXPECT_TRUE(period->Contains({2024, 1, 1}));
  EXPECT_TRUE(period->Contains({2024, 1, 15}));
  EXPECT_FALSE(period->Contains({2023, 12, 31}));
  EXPECT_EQ(period->ToString(), "2024-01-01..2024-01-15");
  EXPECT_EQ(ParsePeriod("2024-01-15..2024-01-15")->days(), 1);
  // A range that is exactly a month prints as the month.
  EXPECT_EQ(ParsePeriod("2024-02-01..2024-02-29")->ToString(), "2024-02");
}

TEST(PeriodTest, DaysOfAClockChangeAreNot24Hours) {
  auto zone = MustLoad("America/New_York");
  auto spring = ParsePeriod("2024-03-10");
  ASSERT_TRUE(spring.ok());
  EXPECT_EQ(spring->begin(*zone), 1710046800);  // 2024-03-10 05:00Z
  EXPECT_EQ(spring->end(*zone), 1710129600);    // 2024-03-11 04:00Z: 23 hours
  auto autumn = ParsePeriod("2024-11-03");
  ASSERT_TRUE(autumn.ok());
  EXPECT_EQ(autumn->end(*zone) - autumn->begin(*zone), 25 * 3600);
}

TEST(PeriodTest, BadPeriodsAreRefused) {
  EXPECT_PRED_FORMAT2(testing::IsSubstring,
                      "the period ends (2024-01-01) before it begins (2024-01-15)",
                      ReasonOf(ParsePeriod("2024-01-15..2024-01-01")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "month 13 is not a month",
                      ReasonOf(ParsePeriod("2024-13")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "day 30 is not a day of February",
                      ReasonOf(ParsePeriod("2024-02-01..2024-02-30")));
  for (const char* text :
       {"", "2024", "January", "2024-01..", "..2024-01-15", "2024-01-01...2024-01-15",
        "2024-01-01..2024-01-15..2024-01-20", "2024-01..2024-03", "2024-01-01 00:00"}) {
    EXPECT_PRED_FORMAT2(testing::IsSubstring, "not a period", ReasonOf(ParsePeriod(text))) << text;
  }
}

}  // namespace
}  // namespace csperf
