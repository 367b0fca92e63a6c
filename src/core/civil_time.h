// Calendar arithmetic on the proleptic Gregorian calendar, free of any time zone. Instants are
// whole seconds: the spec floors every timestamp, so nothing finer is ever needed.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

namespace csperf {

// Seconds since 1970-01-01T00:00:00Z.
using Instant = int64_t;

inline constexpr int64_t kSecondsPerDay = 86400;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1–12
  int day = 1;    // 1–31

  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

// A wall-clock reading: what a clock on the wall shows, in no particular zone.
struct CivilTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;

  friend auto operator<=>(const CivilTime&, const CivilTime&) = default;
};

bool IsLeapYear(int64_t year);
int DaysInMonth(int64_t year, int month);  // month must be 1–12
bool IsValidDate(const CivilDate& date);

// Days since 1970-01-01; any year, negative before the epoch.
int64_t DaysFromCivil(const CivilDate& date);
CivilDate CivilFromDays(int64_t days);
CivilDate AddDays(const CivilDate& date, int64_t days);

// A civil time counted as if it were UTC ("local seconds"). Fields out of range carry over, so
// 24:00 of one day is 00:00 of the next.
int64_t LocalSeconds(const CivilTime& time);
CivilTime CivilFromLocalSeconds(int64_t local_seconds);

std::string FormatDate(const CivilDate& date);       // 2024-01-25
std::string FormatCivilTime(const CivilTime& time);  // 2024-01-25 09:35:30

}  // namespace csperf
