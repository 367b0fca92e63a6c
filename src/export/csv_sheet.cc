#include "export/csv_sheet.h"

#include "export/output_file.h"
#include "io/csv_writer.h"

namespace csperf::exporting {

std::string RenderSheetCsv(const Sheet& sheet) {
  std::string out = "\xEF\xBB\xBF";  // the UTF-8 byte-order mark
  std::vector<std::string> fields;
  for (const Column& c : sheet.columns) fields.push_back(c.key);
  out += CsvLine(fields) + "\r\n";
  for (const Row& row : sheet.rows) {
    if (row.summary) continue;
    fields.clear();
    for (const Cell& cell : row.cells) fields.push_back(cell.blank ? std::string() : cell.text);
    out += CsvLine(fields) + "\r\n";
  }
  return out;
}

Status WriteSheetCsv(const Sheet& sheet, const std::string& path) {
  return WriteOutputFile(path, RenderSheetCsv(sheet));
}

}  // namespace csperf::exporting
