#include <iostream>

#include "cli/commands.h"
#include "scoring/scorecard_render.h"

namespace csperf::cli {

Command ScoreCommand() {
  return {
      "score", "考核评分 / score every agent with the appraisal templates",
      [](CLI::App* app) -> std::function<int()> {
        struct Args {
          service::Service::ScoreRequest request;
          std::string format = "table";
        };
        auto args = std::make_shared<Args>();
        AddReportOptions(app, &args->request.report);
        app->add_option("--template", args->request.templates, "template files (TOML), one or more")
            ->required();
        app->add_option("--format", args->format, "table (default), csv or json")
            ->check(CLI::IsMember({"table", "csv", "json"}));
        return [args]() {
          service::ReadReport read;
          auto scored = TheService().Score(args->request, &read);
          if (!scored.ok()) return ReportProblem(scored.problem(), read);
          std::cout << (args->format == "csv"
                            ? scoring::RenderScorecardsCsv(scored->cards, scored->templates)
                        : args->format == "json" ? scoring::RenderScorecardsJson(scored->cards)
                                                 : scoring::RenderScorecardsText(scored->cards));
          return 0;
        };
      }};
}

Command WhatIfCommand() {
  return {"whatif", "模板试算 / a draft template next to the one in use, agent by agent",
          [](CLI::App* app) -> std::function<int()> {
            auto request = std::make_shared<service::Service::WhatIfRequest>();
            AddReportOptions(app, &request->report);
            app->add_option("--template", request->draft, "the draft template")->required();
            app->add_option("--baseline", request->baseline, "the template in use")->required();
            return [request]() {
              service::ReadReport read;
              auto rows = TheService().WhatIf(*request, &read);
              if (!rows.ok()) return ReportProblem(rows.problem(), read);
              std::cout << scoring::RenderWhatIfCsv(*rows);
              return 0;
            };
          }};
}

}  // namespace csperf::cli
