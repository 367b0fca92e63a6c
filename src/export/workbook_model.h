// A workbook as data: sheets of typed cells, each with the number format it shows in, before
// any file format. The payroll workbook (payroll_workbook.h) builds one; the xlsx writer and the
// CSV renderer write it. Every number cell carries two forms: the exact text the engine prints
// (what CSV gets, and what the number was parsed from) and the double a spreadsheet holds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/money.h"
#include "scoring/rational.h"

namespace csperf::exporting {

// How a cell shows (the xlsx number format; docs/export.md lists the codes).
enum class NumberFormat : uint8_t {
  kText,
  kInteger,      // 0
  kDecimal2,     // 0.00 (points, totals, dimensions)
  kCoefficient,  // 0.0##### (as the template writes it: 1.3, 1.15)
  kMoney,        // "¥"#,##0.00: yuan, from integer cents
  kPercent,      // 0.0%
  kSeconds,      // #,##0.0"s"
  kHours,        // #,##0.00"h"
};

// The xlsx format code of a number format ("" for kText: the General format).
const char* FormatCode(NumberFormat format);

struct Cell {
  NumberFormat format = NumberFormat::kText;
  bool blank = true;
  std::string text;     // a text cell's text; a number's exact printed form ("1006.50")
  double number = 0;    // a number cell's value, parsed from `text`
  std::string formula;  // optional, e.g. "SUM(F3:F6)": `number` is its result, as computed

  bool is_number() const { return !blank && format != NumberFormat::kText; }

  static Cell Blank(NumberFormat format = NumberFormat::kText);
  static Cell Text(std::string text);
  static Cell Integer(int64_t value);
  // A decimal printed exactly as `text` ("87.50", "0.548387"): the cell holds its value.
  static Cell Decimal(std::string text, NumberFormat format);
  static Cell Rounded(const scoring::Rational& value, int decimals, NumberFormat format);
  static Cell Money(Cents cents);  // shows yuan: 100650 → 1006.50
};

struct Column {
  std::string key;  // the machine name, the CSV header: "pay_total"
  std::string zh;   // the first header row: "应发合计"
  std::string en;   // the second header row: "Total pay"
  NumberFormat format = NumberFormat::kText;
};

struct Row {
  std::vector<Cell> cells;  // one per column
  bool summary = false;     // a totals row: shown in the workbook, left out of CSV
};

struct Sheet {
  std::string name;  // the tab: "薪资"
  std::string key;   // its machine name: "payroll"
  std::vector<Column> columns;
  std::vector<Row> rows;
  int frozen_columns = 1;  // columns kept in view when scrolling right (the agent)

  static constexpr int kHeaderRows = 2;  // the Chinese header, then the English one
};

struct Workbook {
  std::string title;  // document title, printed page header
  std::vector<Sheet> sheets;
  int active_sheet = 0;  // the tab the workbook opens on
};

// The index of the column with this key (sheet.columns.size() when there is none).
size_t ColumnIndex(const Sheet& sheet, const std::string& key);

// The spreadsheet name of a column ("A", "Z", "AA") from its 0-based index.
std::string ColumnLetters(size_t index);

}  // namespace csperf::exporting
