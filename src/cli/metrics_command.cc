#include <iostream>

#include "cli/cli_support.h"
#include "metrics/loader.h"
#include "metrics/report.h"
#include "report/import_text.h"

namespace csperf::cli {
namespace {

struct MetricsArgs {
  CommonOptions common;
  std::string data_dir;
  std::string db;
  std::string period = "";
  std::string group = "agent";
  std::string format = "csv";
};

int RunMetrics(const MetricsArgs& args) {
  auto settings = LoadSettings(args.common);
  if (!settings.ok()) return ReportProblem(settings.problem());
  auto zone = TimeZone::Load(settings->timezone);
  if (!zone.ok()) return ReportProblem(zone.problem());
  auto period = ParsePeriod(args.period);
  if (!period.ok()) {
    Problem p = period.problem();
    p.place.field = "--period";
    return ReportProblem(p);
  }
  Result<metrics::Dataset> data = MakeProblem("no input");
  if (!args.db.empty()) {
    auto store = Store::OpenExisting(args.db);
    if (!store.ok()) return ReportProblem(store.problem());
    Status tz = (*store)->CheckTimezone(settings->timezone);
    if (!tz.ok()) return ReportProblem(tz.problem());
    data = metrics::LoadDataset(**store, **zone);
  } else {
    ImportReport report;
    ImportOptions options;
    data = metrics::LoadDatasetFromFiles({args.data_dir}, *settings, options, &report);
    if (!data.ok()) {
      std::cerr << RenderImportReport(report, options);
      return ReportProblem(data.problem());
    }
  }
  if (!data.ok()) return ReportProblem(data.problem());
  metrics::Context context{
      *data, *settings, **zone, *period, period->begin(**zone), period->end(**zone)};
  metrics::Grouping grouping = args.group == "team"      ? metrics::Grouping::kTeam
                               : args.group == "shop"    ? metrics::Grouping::kShop
                               : args.group == "manager" ? metrics::Grouping::kManager
                                                         : metrics::Grouping::kAgent;
  metrics::Report report = metrics::BuildReport(context, grouping);
  if (args.format == "json") {
    std::cout << metrics::RenderJson(report);
  } else if (args.format == "table") {
    std::cout << metrics::RenderTable(report);
  } else {
    std::cout << metrics::RenderCsv(report);
  }
  return 0;
}

}  // namespace

Command MetricsCommand() {
  return {
      "metrics", "计算指标 / compute every indicator for a period",
      [](CLI::App* app) -> std::function<int()> {
        auto args = std::make_shared<MetricsArgs>();
        auto* source = app->add_option_group("source", "where the records come from");
        source->add_option("--data", args->data_dir, "a folder of canonical CSV files (no store)");
        source->add_option("--db", args->db, "the store");
        source->require_option(1);
        app->add_option("--period", args->period, "2024-01, 2024-01-15 or 2024-01-01..2024-01-15")
            ->required();
        AddSettingsOption(app, &args->common);
        app->add_option("--group", args->group, "agent (default), team, shop or manager")
            ->check(CLI::IsMember({"agent", "team", "shop", "manager"}));
        app->add_option("--format", args->format, "csv (default), json or table")
            ->check(CLI::IsMember({"csv", "json", "table"}));
        return [args]() { return RunMetrics(*args); };
      }};
}

}  // namespace csperf::cli
