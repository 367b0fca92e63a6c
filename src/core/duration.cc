#include "core/duration.h"

#include <fmt/format.h>

#include "core/text.h"
#include "core/time_scan.h"

namespace csperf {
namespace {

constexpr const char* kExpected = "expected a duration such as 30m, 72h, 1h30m or 180 (seconds)";

struct Unit {
  char letter;
  int64_t seconds;
};
constexpr Unit kUnits[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};

Problem Fail(std::string reason, std::string_view text) {
  return MakeProblem(std::move(reason), std::string(text));
}

// The index in kUnits of a unit letter, or -1.
int UnitIndex(char c) {
  if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (int i = 0; i < 4; ++i) {
    if (kUnits[i].letter == c) return i;
  }
  return -1;
}

}  // namespace

Result<int64_t> ParseDurationSeconds(std::string_view text) {
  const std::string_view s = Trim(text);
  if (s.empty()) return Fail(std::string("a duration cannot be empty; ") + kExpected, text);
  if (s[0] == '-') return Fail("a duration cannot be negative", text);
  TimeScanner scan(s);
  int64_t total = 0;
  int previous_unit = -1;
  while (!scan.done()) {
    int64_t amount = 0;
    // Twelve digits of days already exceed any sensible setting and stay far from overflow.
    if (!scan.Digits(1, 12, &amount)) {
      return Fail(std::string("not a duration; ") + kExpected, text);
    }
    if (scan.EatDigits() > 0) return Fail("the duration is too long", text);
    scan.EatSpaces();
    if (scan.peek() == '.' || scan.peek() == ',') {
      return Fail("write whole units, e.g. 1h30m instead of 1.5h", text);
    }
    if (scan.done() && previous_unit < 0) return amount;  // a plain number of seconds
    const int unit = UnitIndex(scan.peek());
    if (unit < 0) {
      if (scan.done()) return Fail("the last number has no unit; write e.g. 1h30m", text);
      return Fail(fmt::format("unknown unit '{}'; use d, h, m or s", scan.peek()), text);
    }
    if (unit <= previous_unit) {
      return Fail("units go from days to seconds, each once, e.g. 1h30m", text);
    }
    scan.Eat(scan.peek());
    scan.EatSpaces();
    total += amount * kUnits[unit].seconds;
    previous_unit = unit;
  }
  return total;
}

std::string FormatDuration(int64_t seconds) {
  if (seconds == 0) return "0s";
  std::string out;
  if (seconds < 0) {
    out += '-';
    seconds = -seconds;
  }
  for (const Unit& unit : kUnits) {
    if (seconds >= unit.seconds) {
      out += fmt::format("{}{}", seconds / unit.seconds, unit.letter);
      seconds %= unit.seconds;
    }
  }
  return out;
}

}  // namespace csperf
