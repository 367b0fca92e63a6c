#include "core/service_hours.h"

#include <algorithm>
#include <string>

#include "core/text.h"
#include "core/time_scan.h"

namespace csperf {
namespace {

constexpr const char* kExpected = "expected service hours such as 08:00-24:00 or 08:00-02:00";

Problem Fail(std::string reason, std::string_view text) {
  return MakeProblem(std::move(reason), std::string(text));
}

// A clock reading as seconds since midnight; 24:00 only where `allow_midnight_end`.
Result<int> ParseClock(TimeScanner& scan, bool allow_midnight_end, std::string_view text) {
  int hour = 0, minute = 0, second = 0;
  if (!scan.Clock(&hour, &minute, &second)) return Fail(kExpected, text);
  if (allow_midnight_end && hour == 24 && minute == 0 && second == 0) return 86400;
  if (auto reason = CheckClock(hour, minute, second)) return Fail(std::move(*reason), text);
  return hour * 3600 + minute * 60 + second;
}

}  // namespace

int64_t ServiceHours::window_s() const {
  return end_s > start_s ? end_s - start_s : end_s + kSecondsPerDay - start_s;
}

Result<ServiceHours> ParseServiceHours(std::string_view text) {
  TimeScanner scan(Trim(text));
  Result<int> start = ParseClock(scan, false, text);
  if (!start.ok()) return start.problem();
  scan.EatSpaces();
  if (!scan.Eat('-') && !scan.Eat('~')) return Fail(kExpected, text);
  scan.EatSpaces();
  Result<int> end = ParseClock(scan, true, text);
  if (!end.ok()) return end.problem();
  if (!scan.done()) return Fail(kExpected, text);
  return ServiceHours{*start, *end};
}

int64_t SecondsInServiceHours(Instant from, Instant to, const ServiceHours& hours,
                              const TimeZone& zone) {
  if (to <= from) return 0;
  const int64_t window = hours.window_s();
  // Whole-day windows tile the timeline whatever the zone does.
  if (window >= kSecondsPerDay) return to - from;
  // The window of the day before `from` may still be open past midnight.
  const int64_t first_day = DaysFromCivil(zone.ToLocal(from).date) - 1;
  const int64_t last_day = DaysFromCivil(zone.ToLocal(to).date);
  int64_t total = 0;
  Instant counted_until = from;  // a window that a gap pulls back must not count twice
  for (int64_t day = first_day; day <= last_day; ++day) {
    const int64_t local_start = day * kSecondsPerDay + hours.start_s;
    const Instant open = std::max(zone.FromLocalSeconds(local_start), counted_until);
    const Instant close = std::min(zone.FromLocalSeconds(local_start + window), to);
    if (close > open) {
      total += close - open;
      counted_until = close;
    }
  }
  return total;
}

}  // namespace csperf
