// Periods: whole local days [first 00:00, the day after last 00:00), written 2024-01 (a
// calendar month), 2024-01-15 (a day) or 2024-01-01..2024-01-15 (days, both included).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/civil_time.h"
#include "core/problem.h"
#include "core/time_zone.h"

namespace csperf {

struct Period {
  CivilDate first;
  CivilDate last;  // included

  // The instants [begin, end): local midnights, so a DST day is 23 or 25 hours long.
  Instant begin(const TimeZone& zone) const;
  Instant end(const TimeZone& zone) const;
  bool Contains(const CivilDate& date) const { return first <= date && date <= last; }
  int64_t days() const;
  // The shortest form ParsePeriod reads back: "2024-01" for a whole month.
  std::string ToString() const;

  friend bool operator==(const Period&, const Period&) = default;
};

Period MonthPeriod(int year, int month);
Result<Period> ParsePeriod(std::string_view text);

}  // namespace csperf
