#include "core/time_scan.h"

#include <fmt/format.h>

#include <cstdlib>

#include "core/text.h"

namespace csperf {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

constexpr const char* kMonthNames[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

constexpr const char* kWeekdayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};

// "Sep" and "September" both name September; so does "Sept", which some exports write.
bool NamesWord(std::string_view word, std::string_view name) {
  if (word.size() < 3 || word.size() > name.size()) return false;
  if (word.size() != 3 && word.size() != name.size() &&
      !(word.size() == 4 && name == "September")) {
    return false;
  }
  return EqualsIgnoreCaseAscii(word, name.substr(0, word.size()));
}

}  // namespace

int MonthFromName(std::string_view word) {
  for (int m = 1; m <= 12; ++m) {
    if (NamesWord(word, kMonthNames[m - 1])) return m;
  }
  return 0;
}

bool IsWeekdayName(std::string_view word) {
  for (std::string_view name : kWeekdayNames) {
    if (NamesWord(word, name)) return true;
  }
  return false;
}

bool TimeScanner::Eat(char c) {
  if (done() || text_[pos_] != c) return false;
  ++pos_;
  return true;
}

size_t TimeScanner::EatSpaces() {
  size_t start = pos_;
  while (!done() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  return pos_ - start;
}

bool TimeScanner::Digits(int min_digits, int max_digits, int64_t* value) {
  size_t end = pos_;
  int64_t v = 0;
  while (end < text_.size() && end - pos_ < static_cast<size_t>(max_digits) &&
         IsDigit(text_[end])) {
    v = v * 10 + (text_[end] - '0');
    ++end;
  }
  if (end - pos_ < static_cast<size_t>(min_digits)) return false;
  pos_ = end;
  *value = v;
  return true;
}

size_t TimeScanner::EatDigits() {
  const size_t start = pos_;
  while (IsDigit(peek())) ++pos_;
  return pos_ - start;
}

std::string_view TimeScanner::EatLetters() {
  const size_t start = pos_;
  while ((peek() >= 'a' && peek() <= 'z') || (peek() >= 'A' && peek() <= 'Z')) ++pos_;
  return text_.substr(start, pos_ - start);
}

bool TimeScanner::Digits(int min_digits, int max_digits, int* value) {
  int64_t v = 0;
  if (!Digits(min_digits, max_digits, &v)) return false;
  *value = static_cast<int>(v);
  return true;
}

bool TimeScanner::Date(CivilDate* date) {
  if (!Digits(4, 4, &date->year)) return false;
  const char separator = peek();
  if (separator != '-' && separator != '/') return false;
  ++pos_;
  return Digits(1, 2, &date->month) && Eat(separator) && Digits(1, 2, &date->day);
}

bool TimeScanner::Clock(int* hour, int* minute, int* second) {
  *second = 0;
  if (!Digits(1, 2, hour) || !Eat(':') || !Digits(2, 2, minute)) return false;
  if (!Eat(':')) return true;
  if (!Digits(2, 2, second)) return false;
  if (Eat('.') && EatDigits() == 0) return false;
  return true;
}

bool TimeScanner::Offset(int* seconds_east) {
  if (Eat('Z') || Eat('z')) {
    *seconds_east = 0;
    return true;
  }
  const char sign = peek();
  if (sign != '+' && sign != '-') return false;
  ++pos_;
  int hours = 0, minutes = 0;
  if (!Digits(2, 2, &hours)) return false;
  if (Eat(':')) {
    if (!Digits(2, 2, &minutes)) return false;
  } else if (IsDigit(peek()) && !Digits(2, 2, &minutes)) {
    return false;
  }
  if (minutes > 59) return false;
  *seconds_east = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
  return true;
}

std::optional<std::string> CheckDate(const CivilDate& date) {
  if (date.month < 1 || date.month > 12) return fmt::format("month {} is not a month", date.month);
  const int days = DaysInMonth(date.year, date.month);
  if (date.day < 1 || date.day > days) {
    return fmt::format("day {} is not a day of {} {} (it has {} days)", date.day,
                       kMonthNames[date.month - 1], date.year, days);
  }
  return std::nullopt;
}

std::optional<std::string> CheckOffset(int seconds_east) {
  if (seconds_east < -kMaxOffset || seconds_east > kMaxOffset) {
    return fmt::format("offset {}{:02d}:{:02d} is out of range (at most ±14:00)",
                       seconds_east < 0 ? '-' : '+', std::abs(seconds_east) / 3600,
                       std::abs(seconds_east) / 60 % 60);
  }
  return std::nullopt;
}

std::optional<std::string> CheckClock(int hour, int minute, int second) {
  if (hour == 24) return "hour 24 is not an hour (00–23); midnight is 00:00 of the next day";
  if (hour > 23) return fmt::format("hour {} is not an hour (00–23)", hour);
  if (minute > 59) return fmt::format("minute {} is not a minute (00–59)", minute);
  if (second == 60) return "second 60 is not a second (00–59): leap seconds are not accepted";
  if (second > 59) return fmt::format("second {} is not a second (00–59)", second);
  return std::nullopt;
}

}  // namespace csperf
