// Calendar arithmetic and zones. Expected instants were worked out with `date -d` from the
// system's tzdata, not read off this code.
#include "core/time_zone.h"

#include <gtest/gtest.h>
#include <unicode/basictz.h>
#include <unicode/timezone.h>

#include <memory>
#include <thread>
#include <vector>

#include "core/civil_time.h"

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

CivilTime At(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return CivilTime{CivilDate{y, mo, d}, h, mi, s};
}

TEST(TimeCivilTest, DaysFromCivilKnownDays) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({1969, 12, 31}), -1);
  EXPECT_EQ(DaysFromCivil({2024, 1, 25}), 19747);  // 1706140800 / 86400
  EXPECT_EQ(DaysFromCivil({1900, 1, 1}), -25567);  // -2208988800 / 86400
  EXPECT_EQ(DaysFromCivil({2100, 1, 1}), 47482);   // 4102444800 / 86400
  EXPECT_EQ(CivilFromDays(19747), (CivilDate{2024, 1, 25}));
  EXPECT_EQ(CivilFromDays(-1), (CivilDate{1969, 12, 31}));
}

TEST(TimeCivilTest, DaysRoundTripAndStepByOne) {
  CivilDate previous = CivilFromDays(-800001);
  for (int64_t days = -800000; days <= 800000; ++days) {
    const CivilDate date = CivilFromDays(days);
    ASSERT_TRUE(IsValidDate(date)) << days;
    ASSERT_EQ(DaysFromCivil(date), days);
    ASSERT_LT(previous, date);
    previous = date;
  }
}

TEST(TimeCivilTest, ValidDatesFollowLeapYears) {
  EXPECT_TRUE(IsValidDate({2024, 2, 29}));
  EXPECT_FALSE(IsValidDate({2023, 2, 29}));
  EXPECT_FALSE(IsValidDate({1900, 2, 29}));
  EXPECT_TRUE(IsValidDate({2000, 2, 29}));
  EXPECT_FALSE(IsValidDate({2024, 2, 30}));
  EXPECT_FALSE(IsValidDate({2024, 4, 31}));
  EXPECT_FALSE(IsValidDate({2024, 13, 1}));
  EXPECT_FALSE(IsValidDate({2024, 0, 1}));
  EXPECT_FALSE(IsValidDate({2024, 1, 0}));
}

TEST(TimeCivilTest, AddDaysAndFormat) {
  EXPECT_EQ(AddDays({2023, 12, 31}, 1), (CivilDate{2024, 1, 1}));
  EXPECT_EQ(AddDays({2024, 3, 1}, -1), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(FormatDate({2024, 1, 5}), "2024-01-05");
  EXPECT_EQ(FormatCivilTime(At(2024, 1, 25, 9, 5, 3)), "2024-01-25 09:05:03");
  // Out-of-range fields carry: 24:00 is the next day's midnight.
  EXPECT_EQ(CivilFromLocalSeconds(LocalSeconds(At(2024, 1, 31, 24))), At(2024, 2, 1));
  EXPECT_EQ(CivilFromLocalSeconds(-1), At(1969, 12, 31, 23, 59, 59));
}

TEST(TimeZoneTest, ShanghaiIsUtcPlusEight) {
  auto zone = MustLoad("Asia/Shanghai");
  EXPECT_EQ(zone->name(), "Asia/Shanghai");
  EXPECT_EQ(zone->FromLocal(At(2024, 1, 25, 9, 35, 30)), 1706146530);
  EXPECT_EQ(zone->OffsetAt(1706146530), 8 * 3600);
  EXPECT_EQ(zone->ToLocal(1706146530), At(2024, 1, 25, 9, 35, 30));
  EXPECT_EQ(FormatInstant(1706146530, *zone), "2024-01-25 09:35:30");
  EXPECT_EQ(FormatInstant(946655999, *zone), "1999-12-31 23:59:59");
}

TEST(TimeZoneTest, ShanghaiKeepsItsSummerTimeOf1988) {
  auto zone = MustLoad("Asia/Shanghai");
  EXPECT_EQ(zone->FromLocal(At(1988, 7, 1, 12)), 583729200);
  EXPECT_EQ(zone->OffsetAt(583729200), 9 * 3600);
}

TEST(TimeZoneTest, UnknownZoneIsAProblem) {
  auto zone = TimeZone::Load("Asia/Shangai");
  ASSERT_FALSE(zone.ok());
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "unknown time zone 'Asia/Shangai'",
                      zone.problem().reason);
  EXPECT_FALSE(TimeZone::Load("").ok());
  EXPECT_FALSE(TimeZone::Load("Etc/Unknown").ok());
}

TEST(TimeZoneTest, LoadingAgainSharesTheZone) {
  EXPECT_EQ(MustLoad("Europe/Berlin").get(), MustLoad("Europe/Berlin").get());
}

// 2024-03-10 02:00 EST the clocks jumped to 03:00 EDT: 02:30 never happened.
TEST(TimeZoneTest, NewYorkGapMovesForwardByTheGap) {
  auto zone = MustLoad("America/New_York");
  EXPECT_EQ(zone->FromLocal(At(2024, 3, 10, 2, 30)), 1710055800);  // 07:30Z
  EXPECT_EQ(zone->ToLocal(1710055800), At(2024, 3, 10, 3, 30));
  EXPECT_EQ(zone->FromLocal(At(2024, 3, 10, 2, 0)), 1710054000);  // the change itself
  EXPECT_EQ(zone->FromLocal(At(2024, 3, 10, 3, 0)), 1710054000);
  EXPECT_EQ(zone->FromLocal(At(2024, 3, 10, 1, 59, 59)), 1710053999);
  EXPECT_EQ(zone->OffsetAt(1710053999), -5 * 3600);
  EXPECT_EQ(zone->OffsetAt(1710054000), -4 * 3600);
}

// 2024-11-03 02:00 EDT the clocks went back to 01:00 EST: 01:30 happened twice.
TEST(TimeZoneTest, NewYorkOverlapTakesTheEarlierInstant) {
  auto zone = MustLoad("America/New_York");
  EXPECT_EQ(zone->FromLocal(At(2024, 11, 3, 1, 30)), 1730611800);  // 05:30Z, EDT
  EXPECT_EQ(zone->ToLocal(1730611800), At(2024, 11, 3, 1, 30));
  EXPECT_EQ(zone->ToLocal(1730615400), At(2024, 11, 3, 1, 30));   // the second 01:30, EST
  EXPECT_EQ(zone->FromLocal(At(2024, 11, 3, 2, 0)), 1730617200);  // 07:00Z, EST
}

TEST(TimeZoneTest, BeyondTheTableAsksIcu) {
  auto zone = MustLoad("America/New_York");
  EXPECT_EQ(zone->FromLocal(At(2150, 7, 1, 12)), 5695977600);
  EXPECT_EQ(zone->FromLocal(At(2150, 1, 1, 12)), 5680342800);
  EXPECT_EQ(zone->OffsetAt(5695977600), -4 * 3600);
  EXPECT_EQ(zone->ToLocal(5680342800), At(2150, 1, 1, 12));
}

TEST(TimeZoneTest, FixedOffsets) {
  auto east = TimeZone::FixedOffset(8 * 3600);
  EXPECT_EQ(east->name(), "UTC+08:00");
  EXPECT_EQ(east->FromLocal(At(2024, 1, 25, 9, 35, 30)), 1706146530);
  EXPECT_EQ(east->ToLocal(1706146530), At(2024, 1, 25, 9, 35, 30));
  auto west = TimeZone::FixedOffset(-(5 * 3600 + 30 * 60));
  EXPECT_EQ(west->name(), "UTC-05:30");
  EXPECT_EQ(west->OffsetAt(0), -19800);
  EXPECT_EQ(TimeZone::FixedOffset(0)->name(), "UTC");
  EXPECT_EQ(TimeZone::FixedOffset(0)->ToLocal(-1), At(1969, 12, 31, 23, 59, 59));
}

TEST(TimeZoneTest, ConcurrentLoadsAndLookupsAgree) {
  std::vector<Instant> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([i, &results] {
      auto zone = TimeZone::Load(i % 2 ? "America/Chicago" : "Europe/Paris");
      Instant sum = 0;
      for (int day = 0; day < 2000; ++day) {
        sum += (*zone)->FromLocal(At(2020, 1, 1 + day % 28, day % 24)) % 1000;
      }
      results[i] = sum;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(results[0], results[2]);
  EXPECT_EQ(results[1], results[3]);
  EXPECT_EQ(MustLoad("America/Chicago").get(), MustLoad("America/Chicago").get());
}

// The table must give what ICU gives with "the offset before the change" for gaps and repeats.
TEST(TimeZoneTest, TableAgreesWithIcu) {
  for (const char* name : {"America/New_York", "Europe/London", "Australia/Lord_Howe",
                           "America/Sao_Paulo", "Asia/Shanghai", "Asia/Kolkata"}) {
    auto zone = MustLoad(name);
    std::unique_ptr<icu::TimeZone> raw(icu::TimeZone::createTimeZone(name));
    auto* icu_zone = dynamic_cast<icu::BasicTimeZone*>(raw.get());
    ASSERT_NE(icu_zone, nullptr);
    const int64_t begin = LocalSeconds(At(2015, 1, 1));
    const int64_t end = LocalSeconds(At(2026, 1, 1));
    for (int64_t local = begin; local < end; local += 1799) {
      UErrorCode status = U_ZERO_ERROR;
      int32_t raw_offset = 0, dst = 0;
      icu_zone->getOffsetFromLocal(local * 1000.0, UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER,
                                   raw_offset, dst, status);
      ASSERT_TRUE(U_SUCCESS(status));
      ASSERT_EQ(zone->FromLocalSeconds(local), local - (raw_offset + dst) / 1000)
          << name << " " << FormatCivilTime(CivilFromLocalSeconds(local));
      const Instant instant = local - 8 * 3600;
      icu_zone->getOffset(instant * 1000.0, false, raw_offset, dst, status);
      ASSERT_EQ(zone->OffsetAt(instant), (raw_offset + dst) / 1000) << name << " " << instant;
    }
  }
}

}  // namespace
}  // namespace csperf
