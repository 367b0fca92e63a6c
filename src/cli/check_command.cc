#include <iostream>

#include "cli/commands.h"
#include "report/import_text.h"

namespace csperf::cli {

Command CheckCommand() {
  return {"check", "数据概况与质量报告 / data summary and data-quality report of a store",
          [](CLI::App* app) -> std::function<int()> {
            auto request = std::make_shared<service::Service::CheckRequest>();
            app->add_option("--db", request->db, "the store")->required();
            AddCommonOptions(app, &request->common);
            return [request]() {
              auto check = TheService().Check(*request);
              if (!check.ok()) return ReportProblem(check.problem());
              std::cout << RenderDataSummary(check->summary) << "\n"
                        << RenderQualityReport(check->quality);
              return 0;
            };
          }};
}

}  // namespace csperf::cli
