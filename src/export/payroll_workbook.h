// The payroll workbook (绩效薪资工作簿) of a period: three sheets built from the scorecards
// (docs/export.md describes every column for HR).
//
//   排名 ranking       one row per agent, by template, then distribution group, then rank
//   指标明细 indicators one row per agent; per indicator its raw value (in the format of its
//                      metric's column: money, percent, seconds …) and its points
//   薪资 payroll       one row per agent in the agents file's order: grade, coefficient, base
//                      bonus, performance bonus, commission, total pay; then a totals row
//
// Money cells are the engine's integer cents shown as yuan; totals are sums of those cents.
// Each sheet has a Chinese header row, then an English one, and keeps the agent in view.
#pragma once

#include <string>
#include <vector>

#include "export/workbook_model.h"
#include "scoring/scorecard.h"
#include "scoring/template.h"

namespace csperf::exporting {

Sheet BuildRankingSheet(const std::vector<scoring::Scorecard>& cards,
                        const std::vector<scoring::Template>& templates);
Sheet BuildIndicatorSheet(const std::vector<scoring::Scorecard>& cards,
                          const std::vector<scoring::Template>& templates);
Sheet BuildPayrollSheet(const std::vector<scoring::Scorecard>& cards,
                        const std::vector<scoring::Template>& templates);

// The three sheets, opening on 薪资; `period` is printed in the title ("2024-01").
Workbook BuildPayrollWorkbook(const std::vector<scoring::Scorecard>& cards,
                              const std::vector<scoring::Template>& templates,
                              const std::string& period);

// The sheet whose key or name is `which` ("payroll" or "薪资"), or nullptr.
const Sheet* FindSheet(const Workbook& workbook, const std::string& which);

}  // namespace csperf::exporting
