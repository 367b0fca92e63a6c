// For the tests of reading messages in any order (chat_keeper_test): messages files
// reordered, and every grouping's report of a Dataset.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/period.h"
#include "core/settings.h"
#include "io/csv_reader.h"
#include "metrics/loader.h"
#include "metrics/report.h"

namespace csperf::metrics::report_reads {

inline const std::vector<Grouping> kAllGroupings = {Grouping::kAgent, Grouping::kTeam,
                                                    Grouping::kShop, Grouping::kManager};

// The rows of a messages file stably sorted by the text of the named columns, joined.
inline std::string SortedBy(const std::string& csv, const std::vector<std::string>& columns) {
  CsvReader reader(csv);
  CsvRecord header;
  EXPECT_TRUE(reader.Next(&header));
  std::vector<size_t> at;
  for (const std::string& name : columns) {
    const auto column = std::find(header.fields.begin(), header.fields.end(), name);
    EXPECT_NE(column, header.fields.end()) << name;
    at.push_back(static_cast<size_t>(column - header.fields.begin()));
  }
  std::string out = std::string(header.raw) + "\n";
  std::vector<std::pair<std::string, std::string>> rows;
  CsvRecord row;
  while (reader.Next(&row)) {
    std::string key;
    bool whole = true;
    for (size_t i : at) {
      if (row.fields.size() <= i) whole = false;  // a blank line
      if (whole) key += std::string(row.fields[i]) + '\x1F';
    }
    if (whole) rows.emplace_back(key, std::string(row.raw));
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, raw] : rows) out += raw + "\n";
  return out;
}

// By sent_at (written "YYYY-MM-DD HH:MM:SS" in every file here, so the text sorts as the
// instant); by customer (shop and customer_id), each customer's rows in file order.
inline std::string SortedByTime(const std::string& csv) { return SortedBy(csv, {"sent_at"}); }
inline std::string SortedByCustomer(const std::string& csv) {
  return SortedBy(csv, {"shop", "customer_id"});
}

inline Context ContextOf(const Dataset& data, const Settings& settings, const TimeZone& zone,
                         const Period& p, const ChatColumns* ahead = nullptr) {
  return {data, settings, zone, p, p.begin(zone), p.end(zone), ahead};
}

// The report of every grouping, as CSV, from `data` (with the chat columns `ahead` holds).
inline std::vector<std::string> AllReports(const Dataset& data, const Settings& settings,
                                           const std::string& period,
                                           const ChatColumns* ahead = nullptr) {
  auto zone = *TimeZone::Load(settings.timezone);
  const Period p = *ParsePeriod(period);
  std::vector<std::string> out;
  for (Grouping g : kAllGroupings)
    out.push_back(RenderCsv(BuildReport(ContextOf(data, settings, *zone, p, ahead), g)));
  return out;
}

// Each row's printed cells, by row key and column name.
inline std::map<std::string, std::map<std::string, std::string>> CellsOf(const Report& report) {
  std::map<std::string, std::map<std::string, std::string>> cells;
  for (const ReportRow& row : report.rows) {
    for (size_t i = 0; i < row.columns.size(); ++i)
      cells[row.key][row.columns[i].first] = FormatValue(row.columns[i].second, report.formats[i]);
  }
  return cells;
}

// A copy of the folder `from` at `to` with its messages.csv written as `messages`.
inline void CopyWithMessages(const std::string& from, const std::string& to,
                             const std::string& messages) {
  std::filesystem::create_directories(to);
  for (const auto& entry : std::filesystem::directory_iterator(from)) {
    const std::string name = entry.path().filename().string();
    if (name == "messages.csv") continue;
    std::filesystem::copy(entry.path(), to + "/" + name, std::filesystem::copy_options::recursive);
  }
  std::ofstream(to + "/messages.csv", std::ios::binary) << messages;
}

// Every grouping's report of `folder` read from the files, its messages split as `direct`
// says.
inline std::vector<std::string> FolderReports(const std::string& folder, const Settings& settings,
                                              const std::string& period,
                                              const DirectReadOptions& direct = {}) {
  ImportReport import;
  auto data =
      LoadDatasetFromFiles({folder}, settings, ImportOptions{}, &import, DefaultEnv(), direct);
  EXPECT_TRUE(data.ok()) << data.problem().ToString();
  if (!data.ok()) return {};
  return AllReports(*data, settings, period);
}

}  // namespace csperf::metrics::report_reads
