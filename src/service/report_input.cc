#include "service/report_input.h"

#include "core/time_parse.h"
#include "metrics/loader.h"
#include "store/open_store.h"

namespace csperf::service {

Result<Settings> LoadSettings(const CommonOptions& common) {
  if (common.settings_path.empty()) return DefaultSettings();
  return LoadSettingsFile(common.settings_path);
}

Result<std::unique_ptr<Clock>> ClockFor(const CommonOptions& common, const TimeZone& zone) {
  if (common.now.empty()) return std::unique_ptr<Clock>(new SystemClock());
  auto t = ParseTimestamp(common.now, zone);
  if (!t.ok()) {
    Problem p = t.problem();
    p.place.field = "--now";
    return p;
  }
  return std::unique_ptr<Clock>(new FixedClock(t->instant));
}

Result<std::unique_ptr<LoadedInput>> LoadReportInput(
    const Env& env, const ReportOptions& options,
    const std::vector<metrics::Grouping>& report_groupings, ReadReport* read) {
  auto loaded = std::make_unique<LoadedInput>();
  loaded->executor = env.executor;
  auto settings = LoadSettings(options.common);
  if (!settings.ok()) return settings.problem();
  loaded->settings = std::move(*settings);
  auto zone = TimeZone::Load(loaded->settings.timezone);
  if (!zone.ok()) return zone.problem();
  loaded->zone = *zone;
  auto period = ParsePeriod(options.period);
  if (!period.ok()) {
    Problem p = period.problem();
    p.place.field = "--period";
    return p;
  }
  loaded->period = *period;
  const metrics::StoreReadOptions store_options{0, 1 << 20, env.executor};
  if (!options.source.db.empty()) {
    auto store = OpenStore(options.source.db, OpenMode::kExisting);
    if (!store.ok()) return store.problem();
    Status tz = (*store)->CheckTimezone(loaded->settings.timezone);
    if (!tz.ok()) return tz.problem();
    if (!report_groupings.empty()) {
      auto input = metrics::LoadReportInputFromStore(**store, loaded->settings, loaded->period,
                                                     report_groupings, store_options);
      if (!input.ok()) return input.problem();
      loaded->data = std::move(input->data);
      loaded->chat_columns = std::move(input->chat_columns);
      return loaded;
    }
    auto data = metrics::LoadDataset(**store, *loaded->zone, store_options);
    if (!data.ok()) return data.problem();
    loaded->data = std::move(*data);
    return loaded;
  }
  ImportReport report;
  const ImportOptions import_options;
  auto remember = [&] {
    if (read != nullptr) read->files = report;
  };
  if (!report_groupings.empty()) {
    auto input =
        metrics::LoadReportInputFromFiles({options.source.data}, loaded->settings, import_options,
                                          &report, loaded->period, report_groupings, env);
    remember();
    if (!input.ok()) return input.problem();
    loaded->data = std::move(input->data);
    loaded->chat_columns = std::move(input->chat_columns);
    return loaded;
  }
  auto data = metrics::LoadDatasetFromFiles({options.source.data}, loaded->settings, import_options,
                                            &report, env);
  remember();
  if (!data.ok()) return data.problem();
  loaded->data = std::move(*data);
  return loaded;
}

}  // namespace csperf::service
