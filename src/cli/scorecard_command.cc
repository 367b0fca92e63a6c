#include <iostream>

#include "cli/commands.h"

namespace csperf::cli {

Command ScorecardCommand() {
  return {
      "scorecard", "个人绩效考核表 / one agent's printable scorecard (HTML for A4)",
      [](CLI::App* app) -> std::function<int()> {
        struct Args {
          service::Service::ScorecardRequest request;
          std::string format = "html";
        };
        auto args = std::make_shared<Args>();
        AddReportOptions(app, &args->request.score.report);
        app->add_option("--agent", args->request.agent, "the agent's id (agents file)")->required();
        app->add_option("--template", args->request.score.templates,
                        "template files (TOML), one or more")
            ->required();
        app->add_option("--format", args->format, "html (the only format for now)")
            ->check(CLI::IsMember({"html"}));
        app->add_option("--out", args->request.out,
                        "the file to write, whole or not at all (default: standard output)");
        return [args]() {
          if (args->request.out == "-") args->request.out.clear();
          service::ReadReport read;
          auto result = TheService().Scorecard(args->request, &read);
          if (!result.ok()) return ReportProblem(result.problem(), read);
          if (args->request.out.empty()) {
            std::cout << result->html;
            return 0;
          }
          std::cout << "scorecard 考核表 " << result->page.card.agent_id << " "
                    << result->page.card.name << " → " << args->request.out << "\n";
          return 0;
        };
      }};
}

}  // namespace csperf::cli
