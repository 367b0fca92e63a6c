// The words a payroll clerk reads about one scorecard: which template, the veto reasons, a
// distribution move, and the notes (probation, unscored, exempt) — shared by the sheets.
#pragma once

#include <string>
#include <vector>

#include "export/workbook_model.h"
#include "scoring/scorecard.h"
#include "scoring/template.h"

namespace csperf::exporting {

// The template a card was scored with (by id), or nullptr.
const scoring::Template* TemplateOf(const scoring::Scorecard& card,
                                    const std::vector<scoring::Template>& templates);
// The template's Chinese name, else its id: "售前客服考核".
std::string TemplateLabel(const scoring::Scorecard& card,
                          const std::vector<scoring::Template>& templates);
// "重大客户投诉 (complaints_critical > 0)；…", or "" without a veto.
std::string VetoText(const scoring::Scorecard& card);
// "是 A→B" when forced distribution moved the grade, else "否".
std::string DistributionText(const scoring::Scorecard& card);
// "试用期 probation；未评分 unscored …", or "".
std::string NoteText(const scoring::Scorecard& card);
// The four columns that name the agent on every sheet (agent id, name, team, template), and
// one card's cells for them.
std::vector<Column> AgentColumns();
std::vector<Cell> AgentCells(const scoring::Scorecard& card,
                             const std::vector<scoring::Template>& templates);
// The text of a yes/no cell.
inline const char* YesNo(bool yes) { return yes ? "是" : "否"; }

}  // namespace csperf::exporting
