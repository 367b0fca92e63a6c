// Writing a workbook model as an .xlsx file with libxlsxwriter: per sheet a bold Chinese header
// row and an English one under it, panes frozen below them and after the agent columns, a
// filter on the headers, each cell with its number format (workbook_model.h), column widths
// from the widest content, and a landscape page one page wide that repeats the headers.
#pragma once

#include <string>

#include "core/problem.h"
#include "export/workbook_model.h"

namespace csperf::exporting {

// Writes the whole file or nothing (output_file.h); a problem names the file and the reason.
Status WriteXlsx(const Workbook& workbook, const std::string& path);

}  // namespace csperf::exporting
