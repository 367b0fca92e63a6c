// 排名: who ranked where in their template's distribution group, with the grade and why it is
// what it is (a distribution move, a veto, probation, no score).
#include <algorithm>

#include "export/card_text.h"
#include "export/payroll_workbook.h"
#include "scoring/distribution.h"

namespace csperf::exporting {
namespace {

using NF = NumberFormat;

size_t TemplateIndex(const scoring::Scorecard& card,
                     const std::vector<scoring::Template>& templates) {
  for (size_t i = 0; i < templates.size(); ++i) {
    if (templates[i].id == card.template_id) return i;
  }
  return templates.size();
}

}  // namespace

Sheet BuildRankingSheet(const std::vector<scoring::Scorecard>& cards,
                        const std::vector<scoring::Template>& templates) {
  Sheet sheet;
  sheet.name = "排名";
  sheet.key = "ranking";
  sheet.frozen_columns = 3;  // rank, agent id, name
  sheet.columns = {{"rank", "排名", "Rank", NF::kInteger}};
  for (Column& column : AgentColumns()) sheet.columns.push_back(std::move(column));
  sheet.columns.insert(sheet.columns.end(), {
                                                {"total", "总分", "Total score", NF::kDecimal2},
                                                {"grade", "等级", "Grade", NF::kText},
                                                {"moved_by_distribution", "强制分布调整",
                                                 "Moved by forced distribution", NF::kText},
                                                {"veto", "一票否决", "Veto", NF::kText},
                                                {"note", "备注", "Note", NF::kText},
                                            });

  // By template (in the order given), then group, then the engine's strict rank order.
  std::vector<const scoring::Scorecard*> order;
  order.reserve(cards.size());
  for (const scoring::Scorecard& c : cards) order.push_back(&c);
  std::stable_sort(order.begin(), order.end(),
                   [&](const scoring::Scorecard* a, const scoring::Scorecard* b) {
                     const size_t ta = TemplateIndex(*a, templates);
                     const size_t tb = TemplateIndex(*b, templates);
                     if (ta != tb) return ta < tb;
                     if (a->group != b->group) return a->group < b->group;
                     return scoring::RanksBefore(*a, *b);
                   });

  for (const scoring::Scorecard* c : order) {
    Row row;
    row.cells = {c->rank > 0 ? Cell::Integer(c->rank) : Cell::Blank(NF::kInteger)};
    for (Cell& cell : AgentCells(*c, templates)) row.cells.push_back(std::move(cell));
    row.cells.insert(row.cells.end(), {
                                          c->total ? Cell::Rounded(*c->total, 2, NF::kDecimal2)
                                                   : Cell::Blank(NF::kDecimal2),
                                          Cell::Text(c->grade),
                                          Cell::Text(DistributionText(*c)),
                                          Cell::Text(VetoText(*c)),
                                          Cell::Text(NoteText(*c)),
                                      });
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

}  // namespace csperf::exporting
