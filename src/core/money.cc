#include "core/money.h"

#include <fmt/format.h>

#include "core/text.h"

namespace csperf {
namespace {

// Parses an unsigned decimal "digits[.digits]" into units scaled by 10^places, refusing
// more fractional digits than `places` and values that would overflow.
Result<int64_t> ParseScaled(std::string_view digits, int places, std::string_view original) {
  int64_t scale = 1;
  for (int k = 0; k < places; ++k) scale *= 10;
  const int64_t limit = INT64_MAX / scale - 1;  // whole * scale + fraction must fit
  int64_t whole = 0;
  size_t i = 0;
  bool any_digit = false;
  for (; i < digits.size() && digits[i] != '.'; ++i) {
    char c = digits[i];
    if (c < '0' || c > '9') {
      return MakeProblem("not a number; expected digits like 1299.50", std::string(original));
    }
    if (whole > (limit - (c - '0')) / 10) {
      return MakeProblem("number too large", std::string(original));
    }
    whole = whole * 10 + (c - '0');
    any_digit = true;
  }
  int64_t frac = 0;
  int frac_digits = 0;
  if (i < digits.size()) {  // at '.'
    ++i;
    if (i == digits.size() && !any_digit) {
      return MakeProblem("not a number", std::string(original));
    }
    for (; i < digits.size(); ++i) {
      char c = digits[i];
      if (c < '0' || c > '9') {
        return MakeProblem("not a number; expected digits like 1299.50", std::string(original));
      }
      if (frac_digits == places) {
        return MakeProblem(fmt::format("more than {} decimal places", places),
                           std::string(original));
      }
      frac = frac * 10 + (c - '0');
      ++frac_digits;
      any_digit = true;
    }
  }
  if (!any_digit) return MakeProblem("not a number", std::string(original));
  for (int k = frac_digits; k < places; ++k) frac *= 10;
  return whole * scale + frac;
}

// Removes thousands separators, checking they group digits by three before the point.
Result<std::string> StripThousands(std::string_view text, std::string_view original) {
  size_t point = text.find('.');
  std::string_view int_part = text.substr(0, point);
  if (int_part.find(',') == std::string_view::npos) return std::string(text);
  std::string out;
  size_t group = 0;
  bool first_group = true;
  for (char c : int_part) {
    if (c == ',') {
      if (group == 0 || (!first_group && group != 3) || (first_group && group > 3)) {
        return MakeProblem("misplaced thousands separator ','", std::string(original));
      }
      first_group = false;
      group = 0;
      continue;
    }
    out += c;
    ++group;
  }
  if (group != 3) return MakeProblem("misplaced thousands separator ','", std::string(original));
  if (point != std::string_view::npos) out += text.substr(point);
  return out;
}

}  // namespace

Result<Cents> ParseMoney(std::string_view text) {
  std::string_view s = Trim(text);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  for (std::string_view sign : {"¥", "￥", "CNY", "RMB", "$"}) {
    if (s.starts_with(sign)) {
      s.remove_prefix(sign.size());
      break;
    }
  }
  s = Trim(s);
  if (!negative && !s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  if (s.empty()) return MakeProblem("no amount", std::string(text));
  auto plain = StripThousands(s, text);
  if (!plain.ok()) return plain.problem();
  auto cents = ParseScaled(*plain, 2, text);
  if (!cents.ok()) return cents.problem();
  return negative ? -*cents : *cents;
}

std::string FormatCents(Cents cents) {
  const char* sign = cents < 0 ? "-" : "";
  uint64_t magnitude = cents < 0 ? 0 - static_cast<uint64_t>(cents) : cents;
  return fmt::format("{}{}.{:02}", sign, magnitude / 100, magnitude % 100);
}

Result<Micros> ParseDecimal(std::string_view text) {
  std::string_view s = Trim(text);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  auto value = ParseScaled(s, 6, text);
  if (!value.ok()) return value.problem();
  return negative ? -*value : *value;
}

std::string FormatMicros(Micros value) {
  const char* sign = value < 0 ? "-" : "";
  uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : value;
  uint64_t whole = magnitude / kMicrosPerUnit;
  uint64_t frac = magnitude % kMicrosPerUnit;
  if (frac == 0) return fmt::format("{}{}", sign, whole);
  std::string digits = fmt::format("{:06}", frac);
  while (digits.back() == '0') digits.pop_back();
  return fmt::format("{}{}.{}", sign, whole, digits);
}

}  // namespace csperf
