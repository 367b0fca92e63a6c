// One sheet as a CSV file, for payroll software: UTF-8 with a byte-order mark (so a
// spreadsheet program shows the Chinese names), one header row of the columns' machine names
// (agent_id, …, pay_total), one line per agent with each number in its exact printed form
// (money in yuan with two decimals, no ¥ or separators; percentages as fractions), lines
// ending in CRLF (RFC 4180). The workbook's totals row is left out.
#pragma once

#include <string>

#include "core/problem.h"
#include "export/workbook_model.h"

namespace csperf::exporting {

std::string RenderSheetCsv(const Sheet& sheet);
Status WriteSheetCsv(const Sheet& sheet, const std::string& path);

}  // namespace csperf::exporting
