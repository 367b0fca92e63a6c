#include <iostream>

#include "cli/cli_support.h"
#include "report/import_text.h"
#include "store/quality_report.h"
#include "core/env.h"
#include "store/open_store.h"

namespace csperf::cli {

Command CheckCommand() {
  return {
      "check", "数据概况与质量报告 / data summary and data-quality report of a store",
      [](CLI::App* app) -> std::function<int()> {
        auto db = std::make_shared<std::string>();
        auto common = std::make_shared<CommonOptions>();
        app->add_option("--db", *db, "the store")->required();
        AddSettingsOption(app, common.get());
        return [db, common]() {
          auto settings = LoadSettings(*common);
          if (!settings.ok()) return ReportProblem(settings.problem());
          auto zone = TimeZone::Load(settings->timezone);
          if (!zone.ok()) return ReportProblem(zone.problem());
          auto clock = MakeClock(*common, **zone);
          if (!clock.ok()) return ReportProblem(clock.problem());
          auto store = OpenStore(*db, OpenMode::kExisting);
          if (!store.ok()) return ReportProblem(store.problem());
          Status tz = (*store)->CheckTimezone(settings->timezone);
          if (!tz.ok()) return ReportProblem(tz.problem());
          const StoreCheck check =
              CheckStore(**store, (*clock)->Now(), **zone, *DefaultEnv().executor);
          std::cout << RenderDataSummary(check.summary) << "\n"
                    << RenderQualityReport(check.quality);
          return 0;
        };
      }};
}

}  // namespace csperf::cli
