#include "export/payroll_workbook.h"

namespace csperf::exporting {

Workbook BuildPayrollWorkbook(const std::vector<scoring::Scorecard>& cards,
                              const std::vector<scoring::Template>& templates,
                              const std::string& period) {
  Workbook workbook;
  workbook.title = "客服绩效与薪资 " + period;
  workbook.sheets.push_back(BuildRankingSheet(cards, templates));
  workbook.sheets.push_back(BuildIndicatorSheet(cards, templates));
  workbook.sheets.push_back(BuildPayrollSheet(cards, templates));
  workbook.active_sheet = 2;  // payroll opens on what it pays
  return workbook;
}

const Sheet* FindSheet(const Workbook& workbook, const std::string& which) {
  for (const Sheet& sheet : workbook.sheets) {
    if (sheet.key == which || sheet.name == which) return &sheet;
  }
  return nullptr;
}

}  // namespace csperf::exporting
