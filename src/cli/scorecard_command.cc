#include <iostream>

#include "cli/cli_support.h"
#include "cli/metrics_input.h"
#include "export/output_file.h"
#include "export/scorecard_html.h"
#include "scoring/template_loader.h"

namespace csperf::cli {

Command ScorecardCommand() {
  return {"scorecard", "个人绩效考核表 / one agent's printable scorecard (HTML for A4)",
          [](CLI::App* app) -> std::function<int()> {
            struct Args {
              MetricsInput input;
              std::string agent;
              std::vector<std::string> templates;
              std::string format = "html";
              std::string out;
            };
            auto args = std::make_shared<Args>();
            AddMetricsInputOptions(app, &args->input);
            app->add_option("--agent", args->agent, "the agent's id (agents file)")->required();
            app->add_option("--template", args->templates, "template files (TOML), one or more")
                ->required();
            app->add_option("--format", args->format, "html (the only format for now)")
                ->check(CLI::IsMember({"html"}));
            app->add_option("--out", args->out,
                            "the file to write, whole or not at all (default: standard output)");
            return [args]() {
              const bool to_stdout = args->out.empty() || args->out == "-";
              if (!to_stdout) {
                Status usable = exporting::CheckOutputPath(args->out);
                if (!usable.ok()) return ReportProblem(usable.problem());
              }
              auto loaded_templates = scoring::LoadTemplateFiles(args->templates);
              if (!loaded_templates.ok()) return ReportProblem(loaded_templates.problem());
              const std::vector<scoring::Template>& templates = *loaded_templates;
              auto loaded = LoadMetricsInput(args->input);
              if (!loaded.ok()) return ReportProblem(loaded.problem());
              auto page =
                  exporting::BuildScorecardPage((*loaded)->context(), templates, args->agent);
              if (!page.ok()) return ReportProblem(page.problem());
              const std::string html = exporting::RenderScorecardHtml(*page);
              if (to_stdout) {
                std::cout << html;
                return 0;
              }
              Status written = exporting::WriteOutputFile(args->out, html);
              if (!written.ok()) return ReportProblem(written.problem());
              std::cout << "scorecard 考核表 " << page->card.agent_id << " " << page->card.name
                        << " → " << args->out << "\n";
              return 0;
            };
          }};
}

}  // namespace csperf::cli
