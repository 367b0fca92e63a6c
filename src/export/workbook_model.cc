#include "export/workbook_model.h"

#include <charconv>

namespace csperf::exporting {

const char* FormatCode(NumberFormat format) {
  switch (format) {
    case NumberFormat::kText:
      return "";
    case NumberFormat::kInteger:
      return "0";
    case NumberFormat::kDecimal2:
      return "0.00";
    case NumberFormat::kCoefficient:
      return "0.0#####";
    case NumberFormat::kMoney:
      return "\"¥\"#,##0.00";
    case NumberFormat::kPercent:
      return "0.0%";
    case NumberFormat::kSeconds:
      return "#,##0.0\"s\"";
    case NumberFormat::kHours:
      return "#,##0.00\"h\"";
  }
  return "";
}

Cell Cell::Blank(NumberFormat format) {
  Cell c;
  c.format = format;
  return c;
}

Cell Cell::Text(std::string text) {
  Cell c;
  c.blank = text.empty();
  c.text = std::move(text);
  return c;
}

Cell Cell::Integer(int64_t value) { return Decimal(std::to_string(value), NumberFormat::kInteger); }

Cell Cell::Decimal(std::string text, NumberFormat format) {
  Cell c;
  c.format = format;
  if (text.empty()) return c;
  // The text is what the engine printed ("-12.50"); the double is the nearest one to it.
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return Text(std::move(text));
  c.blank = false;
  c.number = value;
  c.text = std::move(text);
  return c;
}

Cell Cell::Rounded(const scoring::Rational& value, int decimals, NumberFormat format) {
  return Decimal(value.ToString(decimals), format);
}

Cell Cell::Money(Cents cents) { return Decimal(FormatCents(cents), NumberFormat::kMoney); }

size_t ColumnIndex(const Sheet& sheet, const std::string& key) {
  size_t i = 0;
  while (i < sheet.columns.size() && sheet.columns[i].key != key) ++i;
  return i;
}

std::string ColumnLetters(size_t index) {
  std::string letters;
  for (size_t n = index + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

}  // namespace csperf::exporting
