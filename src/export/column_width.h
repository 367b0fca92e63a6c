// Column widths a reader needs, in the spreadsheet's unit (one digit of the default font):
// the widest header or cell as shown, where a Chinese character takes two.
#pragma once

#include <string_view>

#include "export/workbook_model.h"

namespace csperf::exporting {

// Display columns of UTF-8 text: East Asian wide and full-width characters count 2.
size_t DisplayWidth(std::string_view utf8);
// How wide a cell shows with its number format ("¥1,006.50" for 1006.5 as money).
size_t ShownWidth(const Cell& cell);
// The width of a sheet's column: its widest cell or Chinese header, or its English header up to
// 18 characters (longer ones wrap), plus a margin, within limits.
double SuggestedWidth(const Sheet& sheet, size_t column);

}  // namespace csperf::exporting
