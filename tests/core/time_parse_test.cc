// Timestamps as exports write them (metrics.md, "Time"). Expected instants were worked out with
// `date -d`, e.g. `date -u -d '2024-01-25 09:35:30 +0800' +%s` = 1706146530.
#include "core/time_parse.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace csperf {
namespace {

constexpr Instant kMorning = 1706146530;  // 2024-01-25 09:35:30 in Shanghai

std::shared_ptr<const TimeZone> Shanghai() {
  auto zone = TimeZone::Load("Asia/Shanghai");
  if (!zone.ok()) {
    ADD_FAILURE() << zone.problem().ToString();
    return TimeZone::FixedOffset(8 * 3600);
  }
  return *zone;
}

Instant ParseOk(std::string_view text, const TimeZone& zone) {
  auto parsed = ParseTimestamp(text, zone);
  if (!parsed.ok()) {
    ADD_FAILURE() << "'" << text << "': " << parsed.problem().reason;
    return -1;
  }
  return parsed->instant;
}

template <class T>
std::string ReasonOf(const Result<T>& result) {
  return result.ok() ? "(parsed without a problem)" : result.problem().reason;
}

TEST(TimeParseTest, LocalFormsAreShanghaiTime) {
  auto zone = Shanghai();
  for (const char* text :
       {"2024-01-25 09:35:30", "2024/1/25 9:35:30", "2024-01-25T09:35:30", "2024/01/25 09:35:30",
        "  2024-01-25 09:35:30\t", "2024-01-25t09:35:30", "2024-01-25  09:35:30"}) {
    EXPECT_EQ(ParseOk(text, *zone), kMorning) << text;
  }
}

TEST(TimeParseTest, OffsetsGiveTheInstant) {
  auto zone = Shanghai();
  EXPECT_EQ(ParseOk("2024-01-25T09:35:30+08:00", *zone), kMorning);
  EXPECT_EQ(ParseOk("2024-01-25T09:35:30+0800", *zone), kMorning);
  EXPECT_EQ(ParseOk("2024-01-25T09:35:30+08", *zone), kMorning);
  EXPECT_EQ(ParseOk("2024-01-25T09:35:30Z", *zone), 1706175330);
  EXPECT_EQ(ParseOk("2024-01-25 09:35:30z", *zone), 1706175330);
  EXPECT_EQ(ParseOk("2024-01-25T09:35:30-05:00", *zone), 1706193330);
  EXPECT_EQ(ParseOk("2024-01-25T09:35:30+05:30", *zone), 1706155530);
  EXPECT_EQ(ParseOk("2024-01-25 09:35:30 +08:00", *zone), kMorning);
  // The offset wins over the zone.
  EXPECT_EQ(ParseOk("2024-01-25T09:35:30+08:00", *TimeZone::FixedOffset(-3600)), kMorning);
}

TEST(TimeParseTest, FractionsAreFlooredAndSecondsOptional) {
  auto zone = Shanghai();
  EXPECT_EQ(ParseOk("2024-01-25 09:35:30.123", *zone), kMorning);
  EXPECT_EQ(ParseOk("2024-01-25T09:35:30.999999+08:00", *zone), kMorning);
  EXPECT_EQ(ParseOk("2024-01-25 09:35", *zone), kMorning - 30);
  EXPECT_EQ(ParseOk("2024-01-25T09:35Z", *zone), 1706175300);
}

TEST(TimeParseTest, EpochNumbers) {
  auto zone = Shanghai();
  EXPECT_EQ(ParseOk("1706146530", *zone), kMorning);
  EXPECT_EQ(ParseOk("1706146530123", *zone), kMorning);  // milliseconds, floored
  EXPECT_EQ(ParseOk("1706146530999", *zone), kMorning);
  EXPECT_EQ(ParseOk("100000000", *zone), 100000000);     // 9 digits: 1973-03-03
  EXPECT_EQ(ParseOk("100000000123", *zone), 100000000);  // 12 digits
  for (const char* text : {"12345678", "17061465301", "17061465301234", "0"}) {
    auto parsed = ParseTimestamp(text, *zone);
    EXPECT_PRED_FORMAT2(testing::IsSubstring, "neither epoch seconds", ReasonOf(parsed)) << text;
  }
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "a number of 11 digits",
                      ReasonOf(ParseTimestamp("17061465301", *zone)));
}

TEST(TimeParseTest, DateAloneIsLocalMidnight) {
  auto zone = Shanghai();
  auto parsed = ParseTimestamp("2024-01-25", *zone);
  ASSERT_TRUE(parsed.ok()) << parsed.problem().reason;
  EXPECT_EQ(parsed->instant, 1706112000);
  EXPECT_TRUE(parsed->date_only);
  EXPECT_TRUE(ParseTimestamp("2024/1/25", *zone)->date_only);
  EXPECT_FALSE(ParseTimestamp("2024-01-25 00:00:00", *zone)->date_only);
}

TEST(TimeParseTest, LocalTimesFollowTheZonesClockChanges) {
  auto zone = TimeZone::Load("America/New_York");
  ASSERT_TRUE(zone.ok());
  EXPECT_EQ(ParseOk("2024-03-10 02:30:00", **zone), 1710055800);  // gap: 03:30 EDT
  EXPECT_EQ(ParseOk("2024-11-03 01:30:00", **zone), 1730611800);  // repeat: the EDT one
}

// Every instant prints as local time and reads back, except the second pass through a repeated
// hour, which reads back as the first.
TEST(TimeParseTest, FormattedInstantsReadBack) {
  auto new_york = TimeZone::Load("America/New_York");
  ASSERT_TRUE(new_york.ok());
  for (const TimeZone* zone : {Shanghai().get(), new_york->get()}) {
    for (Instant t = 1704067200; t < 1735689600; t += 7 * 60 + 13) {  // all of 2024 UTC
      const Instant back = ParseOk(FormatInstant(t, *zone), *zone);
      if (back != t) {
        ASSERT_EQ(back, t - 3600) << zone->name() << " " << t;
        ASSERT_LT(zone->OffsetAt(t), zone->OffsetAt(t - 3600)) << zone->name() << " " << t;
      }
    }
  }
}

TEST(TimeParseTest, OutOfRangeFieldsSayWhichField) {
  auto zone = Shanghai();
  const std::pair<const char*, const char*> cases[] = {
      {"2024-02-30 10:00:00", "day 30 is not a day of February 2024 (it has 29 days)"},
      {"2023-02-29", "day 29 is not a day of February 2023 (it has 28 days)"},
      {"2024-04-31", "day 31 is not a day of April 2024"},
      {"2024-01-00", "day 0 is not a day of January 2024"},
      {"2024-13-01 10:00:00", "month 13 is not a month"},
      {"2024-00-01", "month 0 is not a month"},
      {"2024-01-25 25:00:00", "hour 25 is not an hour"},
      {"2024-01-25 24:00:00", "hour 24 is not an hour"},
      {"2024-01-25 09:60:00", "minute 60 is not a minute"},
      {"2024-01-25 23:59:60", "leap seconds are not accepted"},
      {"2024-01-25 09:35:30+15:00", "offset +15:00 is out of range"},
  };
  for (const auto& [text, reason] : cases) {
    auto parsed = ParseTimestamp(text, *zone);
    EXPECT_PRED_FORMAT2(testing::IsSubstring, reason, ReasonOf(parsed)) << text;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.problem().value, text);
    }
  }
}

TEST(TimeParseTest, GarbageIsNotATimestamp) {
  auto zone = Shanghai();
  for (const char* text :
       {"yesterday", "2024-01-25 09:35:30 CST", "2024-01-25 9", "2024-01-25 09:5", "2024-01-25T",
        "2024-01/25", "24-01-25", "2024-01-25 09:35:30.", "2024-01-25 09:35:30+8",
        "2024-01-25 09:35:30+08:0", "1706146530.5", "-1706146530", "2024-01-25 09:35:30 extra",
        "2024年1月25日", "2024-0a-25 09:35:30", "2024-01-25 09:3x:30", "+024-01-25 09:35:30",
        "2024-01-25_09:35:30"}) {
    EXPECT_PRED_FORMAT2(testing::IsSubstring,
                        "not a date and time; expected e.g. 2024-01-25 09:35:30",
                        ReasonOf(ParseTimestamp(text, *zone)))
        << text;
  }
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "no date and time",
                      ReasonOf(ParseTimestamp("   ", *zone)));
}

TEST(TimeParseTest, Dates) {
  EXPECT_EQ(*ParseDate("2024-01-25"), (CivilDate{2024, 1, 25}));
  EXPECT_EQ(*ParseDate(" 2024/1/5 "), (CivilDate{2024, 1, 5}));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "day 30 is not a day of February",
                      ReasonOf(ParseDate("2024-02-30")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "not a date; expected e.g. 2024-01-25",
                      ReasonOf(ParseDate("2024-01-25 09:00")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "not a date", ReasonOf(ParseDate("25/01/2024")));
}

TEST(TimeParseTest, TimesOfDayAreSecondsSinceMidnight) {
  EXPECT_EQ(*ParseTimeOfDay("09:00"), 9 * 3600);
  EXPECT_EQ(*ParseTimeOfDay("9:00:30"), 9 * 3600 + 30);
  EXPECT_EQ(*ParseTimeOfDay(" 23:59:59 "), 86399);
  EXPECT_EQ(*ParseTimeOfDay("00:00"), 0);
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "hour 24 is not an hour",
                      ReasonOf(ParseTimeOfDay("24:00")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "minute 75", ReasonOf(ParseTimeOfDay("09:75")));
  for (const char* text : {"9", "9:0", "09:00 am", "", "2024-01-25 09:00"}) {
    EXPECT_PRED_FORMAT2(testing::IsSubstring, "not a time of day", ReasonOf(ParseTimeOfDay(text)))
        << text;
  }
}

TEST(TimeFormatTest, TwitterFormat) {
  auto format = TimeFormat::Compile("%a %b %d %H:%M:%S %z %Y");
  ASSERT_TRUE(format.ok()) << format.problem().reason;
  auto parsed = format->Parse("Tue Oct 31 22:10:47 +0000 2017", *Shanghai());
  ASSERT_TRUE(parsed.ok()) << parsed.problem().reason;
  EXPECT_EQ(parsed->instant, 1509487847);
  EXPECT_FALSE(parsed->date_only);
  // The weekday is read, not checked against the date; the month name in any case.
  EXPECT_EQ(format->Parse("wed OCT 31 22:10:47 +0000 2017", *Shanghai())->instant, 1509487847);

  auto written = format->ParseWritten("Tue Oct 31 22:10:47 +0800 2017");
  ASSERT_TRUE(written.ok());
  EXPECT_EQ(written->civil, (CivilTime{{2017, 10, 31}, 22, 10, 47}));
  EXPECT_EQ(written->offset_s, 8 * 3600);
}

TEST(TimeFormatTest, WithoutOffsetTheDefaultZoneApplies) {
  auto format = TimeFormat::Compile("%d/%m/%Y %H:%M:%S");
  ASSERT_TRUE(format.ok());
  // The export was written at UTC-05:00: 09:35:30 there is 14:35:30Z.
  auto parsed = format->Parse("25/01/2024 09:35:30", *TimeZone::FixedOffset(-5 * 3600));
  ASSERT_TRUE(parsed.ok()) << parsed.problem().reason;
  EXPECT_EQ(parsed->instant, 1706193330);
  auto written = format->ParseWritten("25/01/2024 09:35:30");
  ASSERT_TRUE(written.ok());
  EXPECT_FALSE(written->offset_s.has_value());
}

TEST(TimeFormatTest, OtherDirectives) {
  auto zone = Shanghai();
  auto millis = TimeFormat::Compile("%Y%m%d %H%M%S.%f");
  ASSERT_TRUE(millis.ok());
  EXPECT_EQ(millis->Parse("20240125 093530.123", *zone)->instant, kMorning);

  auto short_year = TimeFormat::Compile("%d-%b-%y %H:%M");
  ASSERT_TRUE(short_year.ok());
  EXPECT_EQ(short_year->Parse("25-January-24 09:35", *zone)->instant, kMorning - 30);
  auto old = short_year->ParseWritten("31-Dec-99 23:59");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->civil.date, (CivilDate{1999, 12, 31}));

  auto percent = TimeFormat::Compile("%Y-%m-%d %H:%M %%");
  ASSERT_TRUE(percent.ok());
  EXPECT_EQ(percent->Parse("2024-01-25 09:35 %", *zone)->instant, kMorning - 30);

  auto date_only = TimeFormat::Compile("%Y年%m月%d日");
  ASSERT_TRUE(date_only.ok());
  auto day = date_only->Parse("2024年1月25日", *zone);
  ASSERT_TRUE(day.ok()) << day.problem().reason;
  EXPECT_EQ(day->instant, 1706112000);
  EXPECT_TRUE(day->date_only);

  auto zulu = TimeFormat::Compile("%Y-%m-%dT%H:%M:%S%z");
  ASSERT_TRUE(zulu.ok());
  EXPECT_EQ(zulu->Parse("2024-01-25T09:35:30Z", *zone)->instant, 1706175330);
  EXPECT_EQ(zulu->Parse("2024-01-25T09:35:30+08:00", *zone)->instant, kMorning);
}

TEST(TimeFormatTest, MismatchesSayWhatWasExpected) {
  auto format = TimeFormat::Compile("%a %b %d %H:%M:%S %z %Y");
  ASSERT_TRUE(format.ok());
  auto zone = Shanghai();
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "expected a month name (Jan–Dec) at character 5",
                      ReasonOf(format->Parse("Tue Foo 31 22:10:47 +0000 2017", *zone)));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "expected the end of the text",
                      ReasonOf(format->Parse("Tue Oct 31 22:10:47 +0000 2017 extra", *zone)));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "expected a weekday name",
                      ReasonOf(format->Parse("2017-10-31 22:10:47", *zone)));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "hour 25 is not an hour",
                      ReasonOf(format->Parse("Tue Oct 31 25:10:47 +0000 2017", *zone)));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "day 31 is not a day of November",
                      ReasonOf(format->Parse("Tue Nov 31 22:10:47 +0000 2017", *zone)));
}

TEST(TimeFormatTest, BadFormatsAreRefused) {
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "unknown directive %Q",
                      ReasonOf(TimeFormat::Compile("%Y-%m-%d %Q")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "lone %", ReasonOf(TimeFormat::Compile("%Y-%m-%d %")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "needs a year",
                      ReasonOf(TimeFormat::Compile("%m-%d %H:%M")));
  EXPECT_PRED_FORMAT2(testing::IsSubstring, "needs the hour",
                      ReasonOf(TimeFormat::Compile("%Y-%m-%d %M:%S")));
}

}  // namespace
}  // namespace csperf
