// The pieces the time parsers share: a cursor that reads digits, dates, clock readings and
// offsets without allocating, and the range checks that name the field at fault. Internal to
// the time module; other code calls the parsers in time_parse.h, period.h, duration.h.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/civil_time.h"

namespace csperf {

class TimeScanner {
 public:
  explicit TimeScanner(std::string_view text) : text_(text) {}

  bool done() const { return pos_ == text_.size(); }
  size_t pos() const { return pos_; }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  std::string_view rest() const { return text_.substr(pos_); }

  bool Eat(char c);
  size_t EatSpaces();  // returns how many it ate
  // Reads at least min_digits and at most max_digits digits; fails (and moves nothing) on fewer.
  bool Digits(int min_digits, int max_digits, int64_t* value);
  bool Digits(int min_digits, int max_digits, int* value);
  size_t EatDigits();             // any number of digits; returns how many
  std::string_view EatLetters();  // a run of ASCII letters, e.g. a month name
  // 2024-01-25 or 2024/1/25: a 4-digit year, then one separator used twice. Ranges unchecked.
  bool Date(CivilDate* date);
  // 9:35, 09:35:30, 09:35:30.123 (the fraction is dropped: times are floored). Ranges unchecked.
  bool Clock(int* hour, int* minute, int* second);
  // Z, +08:00, +0800, +08. Hours are not range-checked: see CheckOffset.
  bool Offset(int* seconds_east);

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// The reason a field is out of range ("month 13 is not a month"), or nothing when all are fine.
// Only the failure path allocates.
std::optional<std::string> CheckDate(const CivilDate& date);
std::optional<std::string> CheckClock(int hour, int minute, int second);
std::optional<std::string> CheckOffset(int seconds_east);

// English month names, abbreviated or full and in any case: 1–12, or 0 when not one.
int MonthFromName(std::string_view word);
bool IsWeekdayName(std::string_view word);  // Mon or Monday, any case

// The widest offset in use on Earth (Kiribati); anything beyond is a typing error.
inline constexpr int kMaxOffset = 14 * 3600;

}  // namespace csperf
