// 薪资: what payroll pays each agent for the period — grade, coefficient, base bonus, the
// performance bonus, commission and the total — in the agents file's order, then a totals row.
// Every amount is the engine's integer cents (scorecard.h, ComputePay), shown as yuan.
#include <fmt/format.h>

#include "export/card_text.h"
#include "export/payroll_workbook.h"

namespace csperf::exporting {
namespace {

using NF = NumberFormat;

}  // namespace

Sheet BuildPayrollSheet(const std::vector<scoring::Scorecard>& cards,
                        const std::vector<scoring::Template>& templates) {
  Sheet sheet;
  sheet.name = "薪资";
  sheet.key = "payroll";
  sheet.frozen_columns = 2;  // agent id, name
  sheet.columns = AgentColumns();
  sheet.columns.insert(sheet.columns.end(),
                       {
                           {"total", "考核总分", "Total score", NF::kDecimal2},
                           {"grade", "绩效等级", "Grade", NF::kText},
                           {"coefficient", "绩效系数", "Coefficient", NF::kCoefficient},
                           {"base_bonus", "绩效奖金基数", "Base bonus", NF::kMoney},
                           {"days_employed", "在职天数", "Days employed", NF::kInteger},
                           {"days_in_period", "本期天数", "Days in period", NF::kInteger},
                           {"prorate", "计发比例", "Pro-rata share", NF::kPercent},
                           {"bonus_amount", "绩效奖金", "Performance bonus", NF::kMoney},
                           {"net_sales", "净销售额", "Net sales", NF::kMoney},
                           {"commission", "销售提成", "Commission", NF::kMoney},
                           {"pay_total", "绩效工资合计", "Total pay", NF::kMoney},
                           {"note", "备注", "Note", NF::kText},
                       });

  // Column sums in cents, for the totals row.
  std::vector<Cents> sums(sheet.columns.size(), 0);
  auto money = [&](const char* key, Cents cents) {
    sums[ColumnIndex(sheet, key)] += cents;
    return Cell::Money(cents);
  };
  for (const scoring::Scorecard& c : cards) {
    const scoring::Template* t = TemplateOf(c, templates);
    const bool prorated = t != nullptr && t->pay.prorate;
    Row row;
    row.cells = AgentCells(c, templates);
    row.cells.insert(
        row.cells.end(),
        {
            c.total ? Cell::Rounded(*c.total, 2, NF::kDecimal2) : Cell::Blank(NF::kDecimal2),
            Cell::Text(c.grade),
            c.grade.empty() ? Cell::Blank(NF::kCoefficient)
                            : Cell::Decimal(FormatMicros(c.coefficient), NF::kCoefficient),
            c.base_bonus ? money("base_bonus", *c.base_bonus) : Cell::Blank(NF::kMoney),
            Cell::Integer(c.days_employed),
            Cell::Integer(c.days_in_period),
            prorated ? Cell::Rounded(c.prorate, 6, NF::kPercent) : Cell::Blank(NF::kPercent),
            money("bonus_amount", c.bonus_amount),
            c.net_sales ? money("net_sales", scoring::RoundCents(*c.net_sales))
                        : Cell::Blank(NF::kMoney),
            money("commission", c.commission),
            money("pay_total", c.pay_total),
            Cell::Text(NoteText(c)),
        });
    sheet.rows.push_back(std::move(row));
  }

  if (!cards.empty()) {
    // The totals: sums of the engine's cents, written as SUM formulas whose result they are.
    const size_t first = Sheet::kHeaderRows + 1;  // 1-based spreadsheet rows
    const size_t last = Sheet::kHeaderRows + cards.size();
    Row totals;
    totals.summary = true;
    for (size_t col = 0; col < sheet.columns.size(); ++col) {
      if (col == 0) {
        totals.cells.push_back(Cell::Text("合计 Total"));
      } else if (sheet.columns[col].format == NF::kMoney) {
        Cell sum = Cell::Money(sums[col]);
        const std::string letters = ColumnLetters(col);
        sum.formula = fmt::format("SUM({0}{1}:{0}{2})", letters, first, last);
        totals.cells.push_back(std::move(sum));
      } else {
        totals.cells.push_back(Cell::Blank(sheet.columns[col].format));
      }
    }
    sheet.rows.push_back(std::move(totals));
  }
  return sheet;
}

}  // namespace csperf::exporting
