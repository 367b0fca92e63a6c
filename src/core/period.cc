#include "core/period.h"

#include <fmt/format.h>

#include <optional>

#include "core/text.h"
#include "core/time_scan.h"

namespace csperf {
namespace {

constexpr const char* kNotAPeriod =
    "not a period; expected a month (2024-01), a day (2024-01-15) or days "
    "(2024-01-01..2024-01-15)";

Problem Fail(std::string reason, std::string_view text) {
  return MakeProblem(std::move(reason), std::string(text));
}

// 2024-01 or 2024/01; nothing when the text is not of that shape.
std::optional<Result<Period>> ParseMonth(std::string_view s, std::string_view text) {
  TimeScanner scan(s);
  CivilDate date;
  if (!scan.Digits(4, 4, &date.year) || !(scan.Eat('-') || scan.Eat('/')) ||
      !scan.Digits(1, 2, &date.month) || !scan.done()) {
    return std::nullopt;
  }
  if (auto reason = CheckDate(date)) return Result<Period>(Fail(std::move(*reason), text));
  return Result<Period>(MonthPeriod(date.year, date.month));
}

Result<CivilDate> ParsePeriodDay(std::string_view s, std::string_view text) {
  TimeScanner scan(Trim(s));
  CivilDate date;
  if (!scan.Date(&date) || !scan.done()) return Fail(kNotAPeriod, text);
  if (auto reason = CheckDate(date)) return Fail(std::move(*reason), text);
  return date;
}

}  // namespace

Instant Period::begin(const TimeZone& zone) const { return zone.FromLocal(CivilTime{first}); }

Instant Period::end(const TimeZone& zone) const {
  return zone.FromLocal(CivilTime{AddDays(last, 1)});
}

int64_t Period::days() const { return DaysFromCivil(last) - DaysFromCivil(first) + 1; }

std::string Period::ToString() const {
  if (first.day == 1 &&
      last == CivilDate{first.year, first.month, DaysInMonth(first.year, first.month)}) {
    return fmt::format("{:04d}-{:02d}", first.year, first.month);
  }
  if (first == last) return FormatDate(first);
  return FormatDate(first) + ".." + FormatDate(last);
}

Period MonthPeriod(int year, int month) {
  return Period{CivilDate{year, month, 1}, CivilDate{year, month, DaysInMonth(year, month)}};
}

Result<Period> ParsePeriod(std::string_view text) {
  const std::string_view s = Trim(text);
  if (const size_t dots = s.find(".."); dots != std::string_view::npos) {
    Result<CivilDate> first = ParsePeriodDay(s.substr(0, dots), text);
    if (!first.ok()) return first.problem();
    Result<CivilDate> last = ParsePeriodDay(s.substr(dots + 2), text);
    if (!last.ok()) return last.problem();
    if (*last < *first) {
      return Fail(fmt::format("the period ends ({}) before it begins ({})", FormatDate(*last),
                              FormatDate(*first)),
                  text);
    }
    return Period{*first, *last};
  }
  if (auto month = ParseMonth(s, text)) return std::move(*month);
  Result<CivilDate> day = ParsePeriodDay(s, text);
  if (!day.ok()) return day.problem();
  return Period{*day, *day};
}

}  // namespace csperf
