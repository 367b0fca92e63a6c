#include "core/time_parse.h"

#include <fmt/format.h>

#include "core/text.h"
#include "core/time_scan.h"

namespace csperf {
namespace {

constexpr const char* kNotATimestamp = "not a date and time; expected e.g. 2024-01-25 09:35:30";

Problem Fail(std::string reason, std::string_view text) {
  return MakeProblem(std::move(reason), std::string(text));
}

bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// Exports from platforms' APIs write epoch numbers; their length tells seconds from millis.
Result<ParsedTime> ParseEpoch(std::string_view digits, std::string_view text) {
  const size_t n = digits.size();
  if ((n < 9 || n > 10) && (n < 12 || n > 13)) {
    return Fail(fmt::format("a number of {} digits is neither epoch seconds (9–10 digits) nor "
                            "epoch milliseconds (12–13 digits)",
                            n),
                text);
  }
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return ParsedTime{n <= 10 ? value : value / 1000, false};
}

// The reason the first field out of range is wrong, if one is.
std::optional<std::string> CheckWritten(const WrittenTime& w) {
  if (auto reason = CheckDate(w.civil.date)) return reason;
  if (auto reason = CheckClock(w.civil.hour, w.civil.minute, w.civil.second)) return reason;
  if (w.offset_s) return CheckOffset(*w.offset_s);
  return std::nullopt;
}

// Two digits at s[at], or -1.
int TwoDigits(std::string_view s, size_t at) {
  const unsigned a = static_cast<unsigned char>(s[at]) - '0';
  const unsigned b = static_cast<unsigned char>(s[at + 1]) - '0';
  return a < 10 && b < 10 ? static_cast<int>(a * 10 + b) : -1;
}

// The form nearly every export writes, 2024-01-25 09:35:30 (or with a T), read at fixed
// places: a field per row of millions goes through here. Nothing when `s` is written any
// other way or a field is out of range (the general scan then reads it, or says why not).
std::optional<CivilTime> PlainLocalTime(std::string_view s) {
  if (s.size() != 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') ||
      s[13] != ':' || s[16] != ':') {
    return std::nullopt;
  }
  const int century = TwoDigits(s, 0), year = TwoDigits(s, 2);
  CivilTime t{{century * 100 + year, TwoDigits(s, 5), TwoDigits(s, 8)},
              TwoDigits(s, 11),
              TwoDigits(s, 14),
              TwoDigits(s, 17)};
  if (century < 0 || year < 0 || t.hour < 0 || t.minute < 0 || t.second < 0 || CheckDate(t.date) ||
      CheckClock(t.hour, t.minute, t.second)) {
    return std::nullopt;
  }
  return t;
}

Result<WrittenTime> ScanTimestamp(std::string_view s, std::string_view text) {
  TimeScanner scan(s);
  WrittenTime w;
  if (!scan.Date(&w.civil.date)) return Fail(kNotATimestamp, text);
  if (scan.done()) {
    w.date_only = true;
  } else {
    if (!scan.Eat('T') && !scan.Eat('t') && scan.EatSpaces() == 0) {
      return Fail(kNotATimestamp, text);
    }
    if (!scan.Clock(&w.civil.hour, &w.civil.minute, &w.civil.second)) {
      return Fail(kNotATimestamp, text);
    }
    scan.EatSpaces();
    if (!scan.done()) {
      int offset = 0;
      if (!scan.Offset(&offset) || !scan.done()) return Fail(kNotATimestamp, text);
      w.offset_s = offset;
    }
  }
  if (auto reason = CheckWritten(w)) return Fail(std::move(*reason), text);
  return w;
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

Instant ResolveWrittenTime(const WrittenTime& written, const TimeZone& zone) {
  if (written.offset_s) return LocalSeconds(written.civil) - *written.offset_s;
  return zone.FromLocal(written.civil);
}

Result<ParsedTime> ParseTimestamp(std::string_view text, const TimeZone& zone) {
  const std::string_view s = Trim(text);
  if (s.empty()) return Fail("no date and time; expected e.g. 2024-01-25 09:35:30", text);
  if (const std::optional<CivilTime> plain = PlainLocalTime(s)) {
    return ParsedTime{zone.FromLocal(*plain), false};
  }
  if (AllDigits(s)) return ParseEpoch(s, text);
  Result<WrittenTime> written = ScanTimestamp(s, text);
  if (!written.ok()) return written.problem();
  return ParsedTime{ResolveWrittenTime(*written, zone), written->date_only};
}

Result<CivilDate> ParseDate(std::string_view text) {
  TimeScanner scan(Trim(text));
  CivilDate date;
  if (!scan.Date(&date) || !scan.done()) return Fail("not a date; expected e.g. 2024-01-25", text);
  if (auto reason = CheckDate(date)) return Fail(std::move(*reason), text);
  return date;
}

Result<int> ParseTimeOfDay(std::string_view text) {
  TimeScanner scan(Trim(text));
  int hour = 0, minute = 0, second = 0;
  if (!scan.Clock(&hour, &minute, &second) || !scan.done()) {
    return Fail("not a time of day; expected e.g. 09:00 or 09:00:30", text);
  }
  if (auto reason = CheckClock(hour, minute, second)) return Fail(std::move(*reason), text);
  return hour * 3600 + minute * 60 + second;
}

Result<TimeFormat> TimeFormat::Compile(std::string_view pattern) {
  TimeFormat format;
  format.pattern_ = std::string(pattern);
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == ' ' || c == '\t') {
      if (format.items_.empty() || format.items_.back().field != Field::kSpace) {
        format.items_.push_back({Field::kSpace, ' '});
      }
      continue;
    }
    if (c != '%') {
      format.items_.push_back({Field::kLiteral, c});
      continue;
    }
    if (++i == pattern.size()) {
      return Fail("the time format ends with a lone %; write %% for a percent sign", pattern);
    }
    std::optional<Field> field = DirectiveField(pattern[i]);
    if (!field) {
      return Fail(fmt::format("unknown directive %{} in the time format; allowed: %Y %y %m %b "
                              "%d %a %H %M %S %f %z %%",
                              pattern[i]),
                  pattern);
    }
    format.items_.push_back({*field, '%'});
  }
  const bool year = format.Has(Field::kYear) || format.Has(Field::kYear2);
  const bool month = format.Has(Field::kMonth) || format.Has(Field::kMonthName);
  if (!year || !month || !format.Has(Field::kDay)) {
    return Fail("a time format needs a year (%Y or %y), a month (%m or %b) and a day (%d)",
                pattern);
  }
  format.has_time_ = format.Has(Field::kHour);
  if (!format.has_time_ && (format.Has(Field::kMinute) || format.Has(Field::kSecond))) {
    return Fail("a time format with minutes or seconds needs the hour (%H)", pattern);
  }
  return format;
}

std::optional<TimeFormat::Field> TimeFormat::DirectiveField(char directive) {
  switch (directive) {
    case 'Y':
      return Field::kYear;
    case 'y':
      return Field::kYear2;
    case 'm':
      return Field::kMonth;
    case 'b':
      return Field::kMonthName;
    case 'd':
      return Field::kDay;
    case 'a':
      return Field::kWeekday;
    case 'H':
      return Field::kHour;
    case 'M':
      return Field::kMinute;
    case 'S':
      return Field::kSecond;
    case 'f':
      return Field::kFraction;
    case 'z':
      return Field::kOffset;
    case '%':
      return Field::kLiteral;
    default:
      return std::nullopt;
  }
}

bool TimeFormat::Has(Field field) const {
  for (const Item& item : items_) {
    if (item.field == field) return true;
  }
  return false;
}

Result<WrittenTime> TimeFormat::ParseWritten(std::string_view text) const {
  const std::string_view s = Trim(text);
  const size_t leading = static_cast<size_t>(s.data() - text.data());  // for positions in `text`
  TimeScanner scan(s);
  WrittenTime w;
  w.date_only = !has_time_;
  CivilTime& t = w.civil;
  for (const Item& item : items_) {
    const size_t at = scan.pos();
    bool ok = true;
    switch (item.field) {
      case Field::kLiteral: {
        // Letters match in any case: a "T" between date and time is as good as a "t".
        const char c = scan.peek();
        ok = !scan.done() && LowerAscii(c) == LowerAscii(item.literal);
        if (ok) scan.Eat(c);
        break;
      }
      case Field::kSpace:
        scan.EatSpaces();
        break;
      case Field::kYear:
        ok = scan.Digits(4, 4, &t.date.year);
        break;
      case Field::kYear2:
        // POSIX's pivot: 69–99 are the 1900s, 00–68 the 2000s.
        ok = scan.Digits(2, 2, &t.date.year);
        t.date.year += t.date.year >= 69 ? 1900 : 2000;
        break;
      case Field::kMonth:
        ok = scan.Digits(1, 2, &t.date.month);
        break;
      case Field::kMonthName:
        t.date.month = MonthFromName(scan.EatLetters());
        ok = t.date.month != 0;
        break;
      case Field::kDay:
        ok = scan.Digits(1, 2, &t.date.day);
        break;
      case Field::kWeekday:
        ok = IsWeekdayName(scan.EatLetters());
        break;
      case Field::kHour:
        ok = scan.Digits(1, 2, &t.hour);
        break;
      case Field::kMinute:
        ok = scan.Digits(1, 2, &t.minute);
        break;
      case Field::kSecond:
        ok = scan.Digits(1, 2, &t.second);
        break;
      case Field::kFraction:
        ok = scan.EatDigits() > 0;
        break;
      case Field::kOffset: {
        int offset = 0;
        ok = scan.Offset(&offset);
        w.offset_s = offset;
        break;
      }
    }
    if (!ok) return Mismatch(text, leading + at, item);
  }
  if (!scan.done()) return Mismatch(text, leading + scan.pos(), std::nullopt);
  if (auto reason = CheckWritten(w)) return Fail(std::move(*reason), text);
  return w;
}

Result<ParsedTime> TimeFormat::Parse(std::string_view text, const TimeZone& default_zone) const {
  Result<WrittenTime> written = ParseWritten(text);
  if (!written.ok()) return written.problem();
  return ParsedTime{ResolveWrittenTime(*written, default_zone), written->date_only};
}

Problem TimeFormat::Mismatch(std::string_view text, size_t pos,
                             std::optional<Item> expected) const {
  std::string what = "the end of the text";
  if (expected) {
    switch (expected->field) {
      case Field::kLiteral:
        what = fmt::format("'{}'", expected->literal);
        break;
      case Field::kSpace:
        what = "a space";
        break;
      case Field::kYear:
        what = "a 4-digit year";
        break;
      case Field::kYear2:
        what = "a 2-digit year";
        break;
      case Field::kMonth:
        what = "a month number";
        break;
      case Field::kMonthName:
        what = "a month name (Jan–Dec)";
        break;
      case Field::kDay:
        what = "a day of the month";
        break;
      case Field::kWeekday:
        what = "a weekday name (Mon–Sun)";
        break;
      case Field::kHour:
        what = "an hour";
        break;
      case Field::kMinute:
        what = "minutes";
        break;
      case Field::kSecond:
        what = "seconds";
        break;
      case Field::kFraction:
        what = "a fraction of a second";
        break;
      case Field::kOffset:
        what = "an offset such as +08:00 or Z";
        break;
    }
  }
  return Fail(fmt::format("does not match the time format '{}': expected {} at character {}",
                          pattern_, what, pos + 1),
              text);
}

}  // namespace csperf
