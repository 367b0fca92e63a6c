#include "export/column_width.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace csperf::exporting {
namespace {

constexpr double kMinWidth = 8;
constexpr double kMaxWidth = 48;  // longer notes are cut off on screen, kept in the cell
constexpr double kMargin = 2;
constexpr size_t kEnglishHeaderWrap = 18;  // longer English headers wrap onto more lines

// The width a wrapped English header needs: up to kEnglishHeaderWrap, or its longest word.
size_t WrappedWidth(std::string_view text) {
  size_t longest_word = 0;
  size_t word = 0;
  for (char c : text) {
    word = c == ' ' ? 0 : word + 1;
    longest_word = std::max(longest_word, word);
  }
  return std::max(std::min(DisplayWidth(text), kEnglishHeaderWrap), longest_word);
}

bool IsWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// Digits with thousands separators: 1234567.5 → "1,234,567.50" for 2 decimals.
size_t GroupedWidth(double value, int decimals) {
  const std::string plain = fmt::format("{:.{}f}", std::fabs(value), decimals);
  const size_t point = plain.find('.');
  const size_t integer_digits = point == std::string::npos ? plain.size() : point;
  return plain.size() + (integer_digits - 1) / 3 + (value < 0 ? 1 : 0);
}

}  // namespace

size_t DisplayWidth(std::string_view utf8) {
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    const size_t length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = length == 1 ? b : b & (0x7F >> length);
    for (size_t k = 1; k < length && i + k < utf8.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    }
    width += IsWide(c) ? 2 : 1;
    i += length;
  }
  return width;
}

size_t ShownWidth(const Cell& cell) {
  if (cell.blank) return 0;
  switch (cell.format) {
    case NumberFormat::kText:
    case NumberFormat::kInteger:
    case NumberFormat::kCoefficient:
      return DisplayWidth(cell.text);
    case NumberFormat::kDecimal2:
      return fmt::format("{:.2f}", cell.number).size();
    case NumberFormat::kMoney:
      return GroupedWidth(cell.number, 2) + 1;  // ¥
    case NumberFormat::kPercent:
      return fmt::format("{:.1f}%", cell.number * 100).size();
    case NumberFormat::kSeconds:
      return GroupedWidth(cell.number, 1) + 1;  // s
    case NumberFormat::kHours:
      return GroupedWidth(cell.number, 2) + 1;  // h
  }
  return DisplayWidth(cell.text);
}

double SuggestedWidth(const Sheet& sheet, size_t column) {
  size_t widest = 0;
  if (column < sheet.columns.size()) {
    widest =
        std::max(DisplayWidth(sheet.columns[column].zh), WrappedWidth(sheet.columns[column].en));
  }
  for (const Row& row : sheet.rows) {
    if (column < row.cells.size()) widest = std::max(widest, ShownWidth(row.cells[column]));
  }
  return std::clamp(static_cast<double>(widest) + kMargin, kMinWidth, kMaxWidth);
}

}  // namespace csperf::exporting
