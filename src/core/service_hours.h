// Service hours (metrics.md, "Time"): when set, a response time counts only the seconds that
// fall inside them, so a question at 23:50 answered at 08:05 is a 15-minute wait.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/civil_time.h"
#include "core/problem.h"
#include "core/time_zone.h"

namespace csperf {

// Each local day's window [start, end): an end at or before the start lies on the next day,
// so 08:00-02:00 runs past midnight and 08:00-08:00 is the whole day.
struct ServiceHours {
  int start_s = 0;    // seconds since local midnight, 0–86399
  int end_s = 86400;  // seconds since local midnight, 1–86400 (24:00)

  int64_t window_s() const;  // the length of one day's window, 1–86400

  friend bool operator==(const ServiceHours&, const ServiceHours&) = default;
};

// "08:00-24:00", "08:00-02:00", "8:30-17:30"; seconds may be given ("08:00:30").
Result<ServiceHours> ParseServiceHours(std::string_view text);

// The seconds of [from, to) inside service hours. Windows are placed on local days through the
// zone, so the day the clocks change gets its true length.
int64_t SecondsInServiceHours(Instant from, Instant to, const ServiceHours& hours,
                              const TimeZone& zone);

}  // namespace csperf
