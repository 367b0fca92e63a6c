#include <iostream>

#include "cli/cli_support.h"
#include "cli/metrics_input.h"
#include "scoring/appraisal.h"
#include "scoring/scorecard_render.h"
#include "scoring/template_loader.h"
#include "scoring/whatif.h"

namespace csperf::cli {

Command ScoreCommand() {
  return {"score", "考核评分 / score every agent with the appraisal templates",
          [](CLI::App* app) -> std::function<int()> {
            struct Args {
              MetricsInput input;
              std::vector<std::string> templates;
              std::string format = "table";
            };
            auto args = std::make_shared<Args>();
            AddMetricsInputOptions(app, &args->input);
            app->add_option("--template", args->templates, "template files (TOML), one or more")
                ->required();
            app->add_option("--format", args->format, "table (default), csv or json")
                ->check(CLI::IsMember({"table", "csv", "json"}));
            return [args]() {
              auto loaded_templates = scoring::LoadTemplateFiles(args->templates);
              if (!loaded_templates.ok()) return ReportProblem(loaded_templates.problem());
              const std::vector<scoring::Template>& templates = *loaded_templates;
              auto loaded = LoadMetricsInput(args->input, scoring::ScorePeriodGroupings());
              if (!loaded.ok()) return ReportProblem(loaded.problem());
              auto cards = scoring::ScorePeriod((*loaded)->context(), templates);
              if (!cards.ok()) return ReportProblem(cards.problem());
              std::cout << (args->format == "csv" ? scoring::RenderScorecardsCsv(*cards, templates)
                            : args->format == "json" ? scoring::RenderScorecardsJson(*cards)
                                                     : scoring::RenderScorecardsText(*cards));
              return 0;
            };
          }};
}

}  // namespace csperf::cli

namespace csperf::cli {

Command WhatIfCommand() {
  return {"whatif", "模板试算 / a draft template next to the one in use, agent by agent",
          [](CLI::App* app) -> std::function<int()> {
            struct Args {
              MetricsInput input;
              std::string draft;
              std::string baseline;
            };
            auto args = std::make_shared<Args>();
            AddMetricsInputOptions(app, &args->input);
            app->add_option("--template", args->draft, "the draft template")->required();
            app->add_option("--baseline", args->baseline, "the template in use")->required();
            return [args]() {
              auto draft = scoring::LoadTemplateFile(args->draft);
              if (!draft.ok()) return ReportProblem(draft.problem());
              auto baseline = scoring::LoadTemplateFile(args->baseline);
              if (!baseline.ok()) return ReportProblem(baseline.problem());
              auto loaded = LoadMetricsInput(args->input);
              if (!loaded.ok()) return ReportProblem(loaded.problem());
              auto rows = scoring::CompareTemplates((*loaded)->context(), *baseline, *draft);
              if (!rows.ok()) return ReportProblem(rows.problem());
              std::cout << scoring::RenderWhatIfCsv(*rows);
              return 0;
            };
          }};
}

}  // namespace csperf::cli
