#include "cli/metrics_input.h"

#include <iostream>

#include "cli/cli_support.h"
#include "metrics/loader.h"
#include "store/open_store.h"
#include "report/import_text.h"

namespace csperf::cli {

void AddMetricsInputOptions(CLI::App* app, MetricsInput* input) {
  auto* source = app->add_option_group("source", "where the records come from");
  source->add_option("--data", input->data_dir, "a folder of canonical CSV files (no store)");
  source->add_option("--db", input->db, "the store");
  source->require_option(1);
  app->add_option("--period", input->period, "2024-01, 2024-01-15 or 2024-01-01..2024-01-15")
      ->required();
  AddSettingsOption(app, &input->common);
}

Result<std::unique_ptr<LoadedInput>> LoadMetricsInput(
    const MetricsInput& input, const std::vector<metrics::Grouping>& report_groupings) {
  auto loaded = std::make_unique<LoadedInput>();
  auto settings = LoadSettings(input.common);
  if (!settings.ok()) return settings.problem();
  loaded->settings = std::move(*settings);
  auto zone = TimeZone::Load(loaded->settings.timezone);
  if (!zone.ok()) return zone.problem();
  loaded->zone = *zone;
  auto period = ParsePeriod(input.period);
  if (!period.ok()) {
    Problem p = period.problem();
    p.place.field = "--period";
    return p;
  }
  loaded->period = *period;
  if (!input.db.empty()) {
    auto store = OpenStore(input.db, OpenMode::kExisting);
    if (!store.ok()) return store.problem();
    Status tz = (*store)->CheckTimezone(loaded->settings.timezone);
    if (!tz.ok()) return tz.problem();
    if (!report_groupings.empty()) {
      auto read = metrics::LoadReportInputFromStore(**store, loaded->settings, loaded->period,
                                                    report_groupings);
      if (!read.ok()) return read.problem();
      loaded->data = std::move(read->data);
      loaded->streamed = std::move(read->streamed);
      return loaded;
    }
    auto data = metrics::LoadDataset(**store, *loaded->zone);
    if (!data.ok()) return data.problem();
    loaded->data = std::move(*data);
  } else {
    ImportReport report;
    ImportOptions options;
    if (!report_groupings.empty()) {
      auto read = metrics::LoadReportInputFromFiles({input.data_dir}, loaded->settings, options,
                                                    &report, loaded->period, report_groupings);
      if (!read.ok()) {
        if (report.bad_rows > 0) std::cerr << RenderImportReport(report, options);
        return read.problem();
      }
      loaded->data = std::move(read->data);
      loaded->streamed = std::move(read->streamed);
      return loaded;
    }
    auto data = metrics::LoadDatasetFromFiles({input.data_dir}, loaded->settings, options, &report);
    if (!data.ok()) {
      if (report.bad_rows > 0) std::cerr << RenderImportReport(report, options);
      return data.problem();
    }
    loaded->data = std::move(*data);
  }
  return loaded;
}

}  // namespace csperf::cli
