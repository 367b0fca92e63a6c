// A metrics report: one row per agent (or team, shop, manager) with every column of
// metrics.md, exact values, and their printed forms.
#pragma once

#include <string>
#include <vector>

#include "metrics/columns.h"
#include "metrics/context.h"
#include "metrics/sessions.h"

namespace csperf::metrics {

enum class Grouping { kAgent, kTeam, kShop, kManager };
const char* GroupingKeyColumn(Grouping g);  // agent_id, team, shop, manager_id

struct ReportRow {
  std::string key;
  Group group;
  std::vector<Id> managers;  // whose supervisor columns the row carries
  Columns columns;
};

struct Report {
  Grouping grouping = Grouping::kAgent;
  std::vector<std::string> column_names;  // after the key column
  std::vector<Format> formats;
  std::vector<ReportRow> rows;
};

// Which row a chat fact lands in: by the actor, or for shop rows by the session's shop.
struct RowMap {
  Grouping grouping = Grouping::kAgent;
  std::vector<int> agent_row;  // per agent index
  std::vector<int> shop_row;   // per shop id
  int Row(Actor actor, Id shop) const {
    if (grouping == Grouping::kShop)
      return shop == kNone ? -1 : shop_row[static_cast<size_t>(shop)];
    return IsShopActor(actor) || actor == kNone ? -1 : agent_row[static_cast<size_t>(actor)];
  }
};

// The rows BuildReport makes for `grouping`: how many, and which row a chat fact lands in.
RowMap RowMapOf(const Context& c, Grouping grouping, size_t* rows);

Report BuildReport(const Context& c, Grouping grouping);

std::string RenderCsv(const Report& report);
std::string RenderJson(const Report& report);
std::string RenderTable(const Report& report);

}  // namespace csperf::metrics
