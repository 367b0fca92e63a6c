// Reading timestamps, dates and times of day as exports write them (metrics.md, "Time"), and
// the strptime-like formats a profile may name for an export's own layout. The parsers run
// once per record field, so the accepted forms parse without allocating; only a problem does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/civil_time.h"
#include "core/problem.h"
#include "core/time_zone.h"

namespace csperf {

struct ParsedTime {
  Instant instant = 0;
  bool date_only = false;  // written as a date alone: the instant is 00:00 local of that day
};

// A time as written: the wall-clock reading and the offset when the text carried one.
struct WrittenTime {
  CivilTime civil;
  std::optional<int> offset_s;  // seconds east of UTC
  bool date_only = false;
};

// 2024-01-25T09:35:30+08:00, …Z, …+0800, …+08 (that instant); 2024-01-25 09:35:30,
// 2024/1/25 9:35:30, 2024-01-25T09:35, with or without a fraction (local time in `zone`);
// 2024-01-25 (00:00 local, date_only); 9–10 digits (epoch seconds); 12–13 digits (epoch
// milliseconds). Fractions are floored.
Result<ParsedTime> ParseTimestamp(std::string_view text, const TimeZone& zone);
// The instant a written time stands for: its own offset, else local time in `zone`.
Instant ResolveWrittenTime(const WrittenTime& written, const TimeZone& zone);

// 2024-01-25, 2024/1/25.
Result<CivilDate> ParseDate(std::string_view text);
// 09:00, 9:00:30 → seconds since midnight (0–86399).
Result<int> ParseTimeOfDay(std::string_view text);

// A compiled strptime-like format: %Y %y %m %b (Jan or January) %d %a (a weekday name, not
// checked against the date) %H %M %S %f (a fraction, dropped) %z (Z, +0000, +08:00) %% and
// literal characters; a space matches any run of spaces, including none. Example, Twitter's:
// "%a %b %d %H:%M:%S %z %Y" reads "Tue Oct 31 22:10:47 +0000 2017".
class TimeFormat {
 public:
  static Result<TimeFormat> Compile(std::string_view pattern);

  Result<WrittenTime> ParseWritten(std::string_view text) const;
  // Without %z in the text, the time is local time in `default_zone`.
  Result<ParsedTime> Parse(std::string_view text, const TimeZone& default_zone) const;
  const std::string& pattern() const { return pattern_; }

 private:
  enum class Field : uint8_t {
    kLiteral,
    kSpace,
    kYear,
    kYear2,
    kMonth,
    kMonthName,
    kDay,
    kWeekday,
    kHour,
    kMinute,
    kSecond,
    kFraction,
    kOffset,
  };
  struct Item {
    Field field;
    char literal;
  };

  // `expected` is the item that failed to match; none when text is left over at the end.
  Problem Mismatch(std::string_view text, size_t pos, std::optional<Item> expected) const;
  bool Has(Field field) const;
  static std::optional<Field> DirectiveField(char directive);

  std::string pattern_;
  std::vector<Item> items_;
  bool has_time_ = false;
};

}  // namespace csperf
