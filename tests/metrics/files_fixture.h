// Tests of the chat, conversion and satisfaction columns: small record files written by
// hand, read as `csperf metrics --data` reads them, and the report's printed cells.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "core/period.h"
#include "core/settings.h"
#include "metrics/loader.h"
#include "metrics/report.h"
#include "support/test_util.h"

namespace csperf::metrics {

class MetricsFilesTest : public ::testing::Test {
 protected:
  static constexpr const char* kAgents =
      "agent_id,name,team,manager_id,accounts\n"
      "A1,甲,T1,M1,店:a1\n"
      "A2,乙,T1,M1,店:a2;店:a2b\n"
      "A3,丙,T2,M1,店:a3\n"
      "M1,主管,T1,,\n";

  MetricsFilesTest() : settings_(DefaultSettings()) {}

  void Write(const std::string& name, const std::string& content) {
    dir_.Write("in/" + name, content);
  }

  // Builds the report for `period` and keeps its printed cells by row key and column.
  void Run(Grouping grouping = Grouping::kAgent, const std::string& period = "2024-01") {
    if (!agents_written_) Write("agents.csv", kAgents);
    ImportReport import;
    auto data = LoadDatasetFromFiles({dir_ / "in"}, settings_, ImportOptions{}, &import);
    ASSERT_TRUE(data.ok()) << data.problem().ToString();
    data_ = std::make_unique<Dataset>(std::move(*data));
    auto zone = TimeZone::Load(settings_.timezone);
    auto p = ParsePeriod(period);
    Context c{*data_, settings_, **zone, *p, p->begin(**zone), p->end(**zone)};
    Report report = BuildReport(c, grouping);
    cells_.clear();
    for (const ReportRow& row : report.rows) {
      for (size_t i = 0; i < row.columns.size(); ++i) {
        cells_[row.key][row.columns[i].first] =
            FormatValue(row.columns[i].second, report.formats[i]);
      }
    }
  }

  std::string Cell(const std::string& row, const std::string& column) {
    auto r = cells_.find(row);
    if (r == cells_.end()) return "<no row " + row + ">";
    auto c = r->second.find(column);
    return c == r->second.end() ? "<no column " + column + ">" : c->second;
  }

  csperf::testing::ScratchDir dir_;
  Settings settings_;
  bool agents_written_ = false;
  std::unique_ptr<Dataset> data_;
  std::map<std::string, std::map<std::string, std::string>> cells_;
};

}  // namespace csperf::metrics
