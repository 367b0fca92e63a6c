// Durations of the settings file (metrics.md: session_gap, fast_response, windows, SLAs).
#include "core/duration.h"

#include <gtest/gtest.h>

#include <string>

namespace csperf {
namespace {

std::string ReasonOf(const Result<int64_t>& result) {
  return result.ok() ? "(parsed without a problem)" : result.problem().reason;
}

TEST(DurationTest, UnitsAndCombinations) {
  EXPECT_EQ(*ParseDurationSeconds("30m"), 1800);
  EXPECT_EQ(*ParseDurationSeconds("72h"), 259200);
  EXPECT_EQ(*ParseDurationSeconds("180s"), 180);
  EXPECT_EQ(*ParseDurationSeconds("1h30m"), 5400);
  EXPECT_EQ(*ParseDurationSeconds("2d"), 172800);
  EXPECT_EQ(*ParseDurationSeconds("1d12h"), 129600);
  EXPECT_EQ(*ParseDurationSeconds("1h 30m 15s"), 5415);
  EXPECT_EQ(*ParseDurationSeconds(" 5 m "), 300);
  EXPECT_EQ(*ParseDurationSeconds("24H"), 86400);
  EXPECT_EQ(*ParseDurationSeconds("0m"), 0);
}

TEST(DurationTest, PlainNumberIsSeconds) {
  EXPECT_EQ(*ParseDurationSeconds("180"), 180);
  EXPECT_EQ(*ParseDurationSeconds("0"), 0);
}

TEST(DurationTest, BadDurationsAreRefused) {
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "cannot be negative",
                      ReasonOf(ParseDurationSeconds("-5m")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "cannot be empty", ReasonOf(ParseDurationSeconds("")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "cannot be empty",
                      ReasonOf(ParseDurationSeconds("  ")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "unknown unit 'x'",
                      ReasonOf(ParseDurationSeconds("5x")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "whole units", ReasonOf(ParseDurationSeconds("1.5h")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "has no unit", ReasonOf(ParseDurationSeconds("1h30")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "from days to seconds",
                      ReasonOf(ParseDurationSeconds("30m1h")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "from days to seconds",
                      ReasonOf(ParseDurationSeconds("1h1h")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "not a duration", ReasonOf(ParseDurationSeconds("h")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "too long",
                      ReasonOf(ParseDurationSeconds("99999999999999999999d")));
}

TEST(DurationTest, FormatReadsBack) {
  EXPECT_EQ(FormatDuration(0), "0s");
  EXPECT_EQ(FormatDuration(5400), "1h30m");
  EXPECT_EQ(FormatDuration(172800), "2d");
  EXPECT_EQ(FormatDuration(90061), "1d1h1m1s");
  for (int64_t seconds : {1, 59, 60, 3599, 3600, 86399, 86400, 259200, 1234567}) {
    EXPECT_EQ(*ParseDurationSeconds(FormatDuration(seconds)), seconds);
  }
}

}  // namespace
}  // namespace csperf
