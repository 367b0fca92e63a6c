// Service hours (metrics.md, "Time"): hand-worked waits in Shanghai (UTC+8 all year) and across
// New York's clock changes. Instants from `date -u -d`, e.g. 2024-01-25 23:50 +0800 = 1706197800.
#include "core/service_hours.h"

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

ServiceHours Hours(std::string_view text) {
  auto hours = ParseServiceHours(text);
  if (!hours.ok()) {
    ADD_FAILURE() << text << ": " << hours.problem().reason;
    return ServiceHours{};
  }
  return *hours;
}

std::string ReasonOf(const Result<ServiceHours>& result) {
  return result.ok() ? "(parsed without a problem)" : result.problem().reason;
}

constexpr Instant kJan25 = 1706112000;  // 2024-01-25 00:00 +0800
constexpr Instant kHour = 3600;
constexpr Instant kMinute = 60;

TEST(ServiceHoursTest, Parsing) {
  EXPECT_EQ(Hours("08:00-24:00"), (ServiceHours{8 * 3600, 86400}));
  EXPECT_EQ(Hours("08:00-02:00"), (ServiceHours{8 * 3600, 2 * 3600}));
  EXPECT_EQ(Hours(" 8:30 - 17:30:15 "), (ServiceHours{8 * 3600 + 1800, 17 * 3600 + 1815}));
  EXPECT_EQ(Hours("00:00-24:00").window_s(), 86400);
  EXPECT_EQ(Hours("08:00-08:00").window_s(), 86400);
  EXPECT_EQ(Hours("08:00-02:00").window_s(), 18 * 3600);
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "hour 24", ReasonOf(ParseServiceHours("24:00-08:00")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "hour 25", ReasonOf(ParseServiceHours("08:00-25:00")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "minute 61",
                      ReasonOf(ParseServiceHours("08:61-20:00")));
  for (const char* text : {"", "08:00", "08:00-", "8-20", "08:00-20:00 daily", "08:00/20:00"}) {
    EXPECT_PRED_FORMAT2(testing::IsSubstring, "expected service hours such as 08:00-24:00",
                        ReasonOf(ParseServiceHours(text)))
        << text;
  }
}

// The spec's example: asked at 23:50, answered at 08:05 the next morning.
TEST(ServiceHoursTest, OvernightQuestionCountsOnlyOpenMinutes) {
  auto zone = MustLoad("Asia/Shanghai");
  const Instant asked = kJan25 + 23 * kHour + 50 * kMinute;
  ASSERT_EQ(asked, 1706197800);
  const Instant answered = kJan25 + 24 * kHour + 8 * kHour + 5 * kMinute;
  ASSERT_EQ(answered, 1706227500);
  // 23:50→24:00 is 600 s, 08:00→08:05 is 300 s.
  EXPECT_EQ(SecondsInServiceHours(asked, answered, Hours("08:00-24:00"), *zone), 900);
}

TEST(ServiceHoursTest, HoursPastMidnight) {
  auto zone = MustLoad("Asia/Shanghai");
  const ServiceHours hours = Hours("08:00-02:00");
  const Instant night = kJan25 + 23 * kHour;
  // 23:00→01:00 lies wholly inside the window that runs to 02:00.
  EXPECT_EQ(SecondsInServiceHours(night, night + 2 * kHour, hours, *zone), 2 * kHour);
  // 01:50→08:10: 01:50→02:00 and 08:00→08:10.
  const Instant late = kJan25 + kHour + 50 * kMinute;
  EXPECT_EQ(SecondsInServiceHours(late, kJan25 + 8 * kHour + 10 * kMinute, hours, *zone),
            20 * kMinute);
  // 03:00→07:00 is closed.
  EXPECT_EQ(SecondsInServiceHours(kJan25 + 3 * kHour, kJan25 + 7 * kHour, hours, *zone), 0);
}

TEST(ServiceHoursTest, SeveralDays) {
  auto zone = MustLoad("Asia/Shanghai");
  // Two whole days of 09:00-18:00.
  EXPECT_EQ(SecondsInServiceHours(kJan25, kJan25 + 2 * 86400, Hours("09:00-18:00"), *zone),
            2 * 9 * kHour);
  // From 17:00 on the 25th to 10:00 on the 27th: 1 h + 9 h + 1 h.
  EXPECT_EQ(SecondsInServiceHours(kJan25 + 17 * kHour, kJan25 + 2 * 86400 + 10 * kHour,
                                  Hours("09:00-18:00"), *zone),
            11 * kHour);
  // A week of 08:00-02:00: 18 hours a day.
  EXPECT_EQ(SecondsInServiceHours(kJan25, kJan25 + 7 * 86400, Hours("08:00-02:00"), *zone),
            7 * 18 * kHour);
}

TEST(ServiceHoursTest, AllDayAndEmptySpans) {
  auto zone = MustLoad("Asia/Shanghai");
  EXPECT_EQ(SecondsInServiceHours(kJan25 + 100, kJan25 + 100000, Hours("00:00-24:00"), *zone),
            99900);
  EXPECT_EQ(SecondsInServiceHours(kJan25 + 100, kJan25 + 100000, Hours("06:00-06:00"), *zone),
            99900);
  EXPECT_EQ(
      SecondsInServiceHours(kJan25 + 10 * kHour, kJan25 + 10 * kHour, Hours("08:00-24:00"), *zone),
      0);
  EXPECT_EQ(
      SecondsInServiceHours(kJan25 + 11 * kHour, kJan25 + 10 * kHour, Hours("08:00-24:00"), *zone),
      0);
  // Inside the hours, a wait counts in full.
  EXPECT_EQ(SecondsInServiceHours(kJan25 + 10 * kHour, kJan25 + 10 * kHour + 95,
                                  Hours("08:00-24:00"), *zone),
            95);
}

TEST(ServiceHoursTest, ClockChangesGiveTheRealLength) {
  auto zone = MustLoad("America/New_York");
  const ServiceHours morning = Hours("00:00-12:00");
  // 2024-03-10: 00:00 EST (05:00Z) to 12:00 EDT (16:00Z) is 11 real hours.
  EXPECT_EQ(SecondsInServiceHours(1710046800, 1710129600, morning, *zone), 11 * kHour);
  // 2024-11-03: 00:00 EDT (04:00Z) to 12:00 EST (17:00Z) is 13 real hours.
  EXPECT_EQ(SecondsInServiceHours(1730606400, 1730696400, morning, *zone), 13 * kHour);
  // A window that opens inside the gap moves forward by the gap like any local time: 02:30
  // opens at 03:30 EDT (07:30Z) and closes at 04:00 EDT (08:00Z).
  EXPECT_EQ(SecondsInServiceHours(1710046800, 1710129600, Hours("02:30-04:00"), *zone),
            30 * kMinute);
}

}  // namespace
}  // namespace csperf
