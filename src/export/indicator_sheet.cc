// 指标明细: one row per agent, and for every indicator of every template its raw value (shown
// the way the metric's column prints: money, percent, seconds, hours …) and its points.
#include <algorithm>

#include "export/card_text.h"
#include "export/payroll_workbook.h"
#include "metrics/report.h"

namespace csperf::exporting {
namespace {

using NF = NumberFormat;

// How a metric's value shows: its column's format (metrics.md, "Numbers").
NF FormatOfMetric(const std::string& metric) {
  switch (metrics::FormatOfColumn(metric)) {
    case metrics::Format::kCount:
      return NF::kInteger;
    case metrics::Format::kSeconds:
      return NF::kSeconds;
    case metrics::Format::kAverage:  // averages of seconds are seconds; ratings stay numbers
      return metrics::ColumnOf(metric).unit == metrics::Unit::kSeconds ? NF::kSeconds
                                                                       : NF::kDecimal2;
    case metrics::Format::kRate:
      return NF::kPercent;
    case metrics::Format::kMoney:
      return NF::kMoney;
    case metrics::Format::kHours:
      return NF::kHours;
    case metrics::Format::kDimension:
      return NF::kDecimal2;
  }
  return NF::kDecimal2;
}

// One indicator column pair: every template's indicator with this id, metric and scope.
struct IndicatorColumn {
  std::string id;
  std::string metric;
  scoring::Scope scope = scoring::Scope::kSelf;
  std::string name_zh;
  std::string name_en;
  std::string key;  // the id, or id_metric when two templates use the id for different metrics

  bool Matches(const std::string& i, const std::string& m, scoring::Scope s) const {
    return id == i && metric == m && scope == s;
  }
};

std::vector<IndicatorColumn> IndicatorColumns(const std::vector<scoring::Template>& templates) {
  std::vector<IndicatorColumn> columns;
  for (const scoring::Template& t : templates) {
    for (const scoring::Section& s : t.sections) {
      for (const scoring::Indicator& i : s.indicators) {
        const bool known = std::any_of(columns.begin(), columns.end(), [&](const auto& c) {
          return c.Matches(i.id, i.metric, i.scope);
        });
        if (!known) columns.push_back({i.id, i.metric, i.scope, i.name_zh, i.name_en, i.id});
      }
    }
  }
  for (IndicatorColumn& c : columns) {
    const auto same_id = std::count_if(columns.begin(), columns.end(),
                                       [&](const IndicatorColumn& o) { return o.id == c.id; });
    if (same_id > 1) {
      c.key = c.id + "_" + c.metric + (c.scope == scoring::Scope::kTeam ? "_team" : "");
    }
    if (c.name_zh.empty()) c.name_zh = c.id;
    if (c.name_en.empty()) c.name_en = c.id;
  }
  return columns;
}

const scoring::IndicatorScore* FindIndicator(const scoring::Scorecard& card,
                                             const IndicatorColumn& column) {
  for (const scoring::SectionScore& s : card.sections) {
    for (const scoring::IndicatorScore& i : s.indicators) {
      if (column.Matches(i.id, i.metric, i.scope)) return &i;
    }
  }
  return nullptr;
}

}  // namespace

Sheet BuildIndicatorSheet(const std::vector<scoring::Scorecard>& cards,
                          const std::vector<scoring::Template>& templates) {
  Sheet sheet;
  sheet.name = "指标明细";
  sheet.key = "indicators";
  sheet.frozen_columns = 2;  // agent id, name
  sheet.columns = AgentColumns();
  const std::vector<IndicatorColumn> indicators = IndicatorColumns(templates);
  for (const IndicatorColumn& i : indicators) {
    sheet.columns.push_back({i.key, i.name_zh, i.name_en, FormatOfMetric(i.metric)});
    sheet.columns.push_back(
        {"points_" + i.key, i.name_zh + " 得分", i.name_en + " points", NF::kDecimal2});
  }
  sheet.columns.push_back({"bonus_points", "加分", "Bonus points", NF::kDecimal2});
  sheet.columns.push_back({"penalty_points", "扣分", "Penalty points", NF::kDecimal2});
  sheet.columns.push_back({"total", "总分", "Total score", NF::kDecimal2});

  for (const scoring::Scorecard& c : cards) {
    Row row;
    row.cells = AgentCells(c, templates);
    for (const IndicatorColumn& column : indicators) {
      const NF format = FormatOfMetric(column.metric);
      const scoring::IndicatorScore* i = FindIndicator(c, column);
      if (i == nullptr) {  // not an indicator of this agent's template
        row.cells.push_back(Cell::Blank(format));
        row.cells.push_back(Cell::Blank(NF::kDecimal2));
        continue;
      }
      // The raw value as its column prints it (money in yuan, hours from seconds …).
      row.cells.push_back(Cell::Decimal(
          metrics::FormatValue(i->value, metrics::FormatOfColumn(i->metric)), format));
      row.cells.push_back(i->excluded() ? Cell::Blank(NF::kDecimal2)
                                        : Cell::Rounded(i->points, 2, NF::kDecimal2));
    }
    row.cells.push_back(Cell::Rounded(c.bonus_points, 2, NF::kDecimal2));
    row.cells.push_back(Cell::Rounded(c.penalty_points, 2, NF::kDecimal2));
    row.cells.push_back(c.total ? Cell::Rounded(*c.total, 2, NF::kDecimal2)
                                : Cell::Blank(NF::kDecimal2));
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

}  // namespace csperf::exporting
