#include "metrics/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "io/csv_writer.h"
#include "metrics/case_rules.h"
#include "metrics/chat_report.h"

namespace csperf::metrics {
namespace {

bool EmployedInPeriod(const Agent& a, const Period& p) {
  const bool started = !a.hire_date || *a.hire_date <= p.last;
  const bool not_left = !a.leave_date || *a.leave_date >= p.first;
  return started && not_left;
}

struct Rows {
  std::vector<ReportRow> rows;
  RowMap map;
  std::vector<bool> supervisor_columns;  // per row: whether they apply
};

Rows MakeRows(const Context& c, Grouping grouping) {
  const Dataset& d = c.data;
  const size_t n = d.agents.size();
  Rows r;
  r.map.grouping = grouping;
  r.map.agent_row.assign(n, -1);
  r.map.shop_row.assign(d.shops.size(), -1);
  auto add_row = [&](std::string key) {
    ReportRow row;
    row.key = std::move(key);
    row.group.member.assign(n, false);
    r.rows.push_back(std::move(row));
    return static_cast<int>(r.rows.size()) - 1;
  };
  switch (grouping) {
    case Grouping::kAgent:
      for (size_t a = 0; a < n; ++a) {
        int row = add_row(d.agents[a].id);
        r.rows[row].group.member[a] = true;
        r.rows[row].managers = {static_cast<Id>(a)};
        r.map.agent_row[a] = row;
      }
      break;
    case Grouping::kTeam: {
      std::set<std::string> teams;
      for (const Agent& a : d.agents) {
        if (!a.team.empty()) teams.insert(a.team);
      }
      std::map<std::string, int> row_of;
      for (const std::string& t : teams) row_of[t] = add_row(t);
      for (size_t a = 0; a < n; ++a) {
        auto it = row_of.find(d.agents[a].team);
        if (it == row_of.end()) continue;
        r.rows[it->second].group.member[a] = true;
        r.map.agent_row[a] = it->second;
      }
      break;
    }
    case Grouping::kManager: {
      // A row per agent who manages someone; it pools the direct reports employed on at
      // least one day of the period (the `scope: team` of the templates).
      std::map<std::string, int> row_of;
      for (size_t a = 0; a < n; ++a) {
        const std::string& id = d.agents[a].id;
        bool manages = std::any_of(d.agents.begin(), d.agents.end(),
                                   [&](const Agent& x) { return x.manager_id == id; });
        if (!manages) continue;
        int row = add_row(id);
        r.rows[row].managers = {static_cast<Id>(a)};
        row_of[id] = row;
      }
      for (size_t a = 0; a < n; ++a) {
        auto it = row_of.find(d.agents[a].manager_id);
        if (it == row_of.end() || !EmployedInPeriod(d.agents[a], c.period)) continue;
        r.rows[it->second].group.member[a] = true;
        r.map.agent_row[a] = it->second;
      }
      break;
    }
    case Grouping::kShop: {
      std::vector<std::pair<std::string, Id>> shops;
      for (size_t s = 0; s < d.shops.size(); ++s)
        shops.emplace_back(d.shops.Get(static_cast<Id>(s)), static_cast<Id>(s));
      std::sort(shops.begin(), shops.end());
      for (const auto& [name, id] : shops) {
        int row = add_row(name);
        r.rows[row].group.shop = id;
        r.map.shop_row[static_cast<size_t>(id)] = row;
      }
      break;
    }
  }
  for (const ReportRow& row : r.rows) r.supervisor_columns.push_back(!row.managers.empty());
  return r;
}

}  // namespace

const char* GroupingKeyColumn(Grouping g) {
  switch (g) {
    case Grouping::kAgent:
      return "agent_id";
    case Grouping::kTeam:
      return "team";
    case Grouping::kShop:
      return "shop";
    case Grouping::kManager:
      return "manager_id";
  }
  return "agent_id";
}

RowMap RowMapOf(const Context& c, Grouping grouping, size_t* rows) {
  Rows r = MakeRows(c, grouping);
  *rows = r.rows.size();
  return std::move(r.map);
}

Report BuildReport(const Context& c, Grouping grouping) {
  Rows r = MakeRows(c, grouping);
  // The chat, conversion and satisfaction columns: computed ahead, or in a cut of the
  // chats now.
  const std::vector<Columns>* ahead =
      c.chat_columns != nullptr ? c.chat_columns->Find(grouping) : nullptr;
  ChatColumns now;
  if (ahead == nullptr) {
    const Grouping groupings[] = {grouping};
    now = ComputeChatColumns(c, groupings);
    ahead = now.Find(grouping);
  }
  if (ahead == nullptr || ahead->size() != r.rows.size())
    throw std::logic_error("BuildReport: the chat columns are not the rows'");
  for (size_t i = 0; i < r.rows.size(); ++i) r.rows[i].columns = (*ahead)[i];
  const std::vector<std::string> dimensions = DimensionColumns(c.data);
  // The other families row by row, the rows on every core: each reads the records and
  // writes its own row.
  const CaseLogIndex logs = IndexCaseLogs(c.data);
  ExecutorOf(c).ParallelFor(r.rows.size(), [&](size_t i) {
    ReportRow& row = r.rows[i];
    AddAfterSalesColumns(c, row.group, &row.columns, &logs);
    AddFollowupColumns(c, row.group, &row.columns);
    AddDimensionColumns(c, row.group, dimensions, &row.columns);
    AddIncidentColumns(c, row.group, &row.columns);
    AddAttendanceColumns(c, row.group, &row.columns);
    AddSupervisorColumns(c, row.managers, r.supervisor_columns[i], &row.columns);
  });
  Report report;
  report.grouping = grouping;
  report.column_names = ReportColumns(dimensions);
  for (const std::string& name : report.column_names)
    report.formats.push_back(FormatOfColumn(name));
  // Every family appends the registry's columns in its order; anything else is a mistake of
  // this program, not of the data.
  for (const ReportRow& row : r.rows) {
    bool same = row.columns.size() == report.column_names.size();
    for (size_t i = 0; same && i < row.columns.size(); ++i)
      same = row.columns[i].first == report.column_names[i];
    if (!same) throw std::logic_error("BuildReport: the columns are not the registry's");
  }
  report.rows = std::move(r.rows);
  return report;
}

std::string RenderCsv(const Report& report) {
  std::vector<std::string> header = {GroupingKeyColumn(report.grouping)};
  header.insert(header.end(), report.column_names.begin(), report.column_names.end());
  std::string out = CsvLine(header) + "\n";
  for (const ReportRow& row : report.rows) {
    std::vector<std::string> cells = {row.key};
    for (size_t i = 0; i < row.columns.size(); ++i) {
      cells.push_back(FormatValue(row.columns[i].second, report.formats[i]));
    }
    out += CsvLine(cells) + "\n";
  }
  return out;
}

std::string RenderJson(const Report& report) {
  // Values as the CSV prints them (exact decimals as text), empty ones as null.
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const ReportRow& row : report.rows) {
    nlohmann::ordered_json j;
    j[GroupingKeyColumn(report.grouping)] = row.key;
    for (size_t i = 0; i < row.columns.size(); ++i) {
      const MetricValue& v = row.columns[i].second;
      if (v.empty) {
        j[row.columns[i].first] = nullptr;
      } else {
        j[row.columns[i].first] = FormatValue(v, report.formats[i]);
      }
    }
    rows.push_back(std::move(j));
  }
  return rows.dump(2) + "\n";
}

std::string RenderTable(const Report& report) {
  // Columns down, rows across: seventy columns read better as lines in a terminal.
  size_t name_width = 0;
  for (const std::string& n : report.column_names) name_width = std::max(name_width, n.size());
  std::string out = fmt::format("{:<{}}", GroupingKeyColumn(report.grouping), name_width);
  std::vector<size_t> widths;
  for (const ReportRow& row : report.rows) {
    size_t w = std::max<size_t>(row.key.size(), 8);
    for (size_t i = 0; i < row.columns.size(); ++i) {
      w = std::max(w, FormatValue(row.columns[i].second, report.formats[i]).size());
    }
    widths.push_back(w);
    out += fmt::format("  {:>{}}", row.key, w);
  }
  out += "\n";
  for (size_t i = 0; i < report.column_names.size(); ++i) {
    out += fmt::format("{:<{}}", report.column_names[i], name_width);
    for (size_t r = 0; r < report.rows.size(); ++r) {
      out += fmt::format(
          "  {:>{}}", FormatValue(report.rows[r].columns[i].second, report.formats[i]), widths[r]);
    }
    out += "\n";
  }
  return out;
}

}  // namespace csperf::metrics
