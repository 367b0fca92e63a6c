#include <iostream>

#include "cli/cli_support.h"
#include "cli/metrics_input.h"
#include "metrics/evidence.h"
#include "metrics/report.h"
#include "metrics/session_export.h"

namespace csperf::cli {

Command MetricsCommand() {
  return {"metrics", "计算指标 / compute every indicator for a period",
          [](CLI::App* app) -> std::function<int()> {
            struct Args {
              MetricsInput input;
              std::string group = "agent";
              std::string format = "csv";
            };
            auto args = std::make_shared<Args>();
            AddMetricsInputOptions(app, &args->input);
            app->add_option("--group", args->group, "agent (default), team, shop or manager")
                ->check(CLI::IsMember({"agent", "team", "shop", "manager"}));
            app->add_option("--format", args->format, "csv (default), json or table")
                ->check(CLI::IsMember({"csv", "json", "table"}));
            return [args]() {
              const std::string& g = args->group;
              metrics::Grouping grouping = g == "team"      ? metrics::Grouping::kTeam
                                           : g == "shop"    ? metrics::Grouping::kShop
                                           : g == "manager" ? metrics::Grouping::kManager
                                                            : metrics::Grouping::kAgent;
              // Only this report is built: time-sorted messages may stream past.
              auto loaded = LoadMetricsInput(args->input, {grouping});
              if (!loaded.ok()) return ReportProblem(loaded.problem());
              metrics::Report report = metrics::BuildReport((*loaded)->context(), grouping);
              std::cout << (args->format == "json"    ? metrics::RenderJson(report)
                            : args->format == "table" ? metrics::RenderTable(report)
                                                      : metrics::RenderCsv(report));
              return 0;
            };
          }};
}

Command SessionsCommand() {
  return {"sessions", "会话明细 / one row per chat session of a period",
          [](CLI::App* app) -> std::function<int()> {
            struct Args {
              MetricsInput input;
              std::string agent;
            };
            auto args = std::make_shared<Args>();
            AddMetricsInputOptions(app, &args->input);
            app->add_option("--agent", args->agent,
                            "only sessions this agent served or was charged in");
            return [args]() {
              auto loaded = LoadMetricsInput(args->input);
              if (!loaded.ok()) return ReportProblem(loaded.problem());
              metrics::Id agent = metrics::kNone;
              if (!args->agent.empty()) {
                agent = (*loaded)->data.AgentIndex(args->agent);
                if (agent == metrics::kNone) {
                  return ReportProblem(MakeProblem("no such agent in agents", args->agent,
                                                   Place{"", 0, 0, "--agent"}));
                }
              }
              std::cout << metrics::RenderSessionsCsv((*loaded)->context(), agent);
              return 0;
            };
          }};
}

Command EvidenceCommand() {
  return {"evidence", "指标明细 / the records behind one number of one agent",
          [](CLI::App* app) -> std::function<int()> {
            struct Args {
              MetricsInput input;
              std::string agent;
              std::string metric;
            };
            auto args = std::make_shared<Args>();
            AddMetricsInputOptions(app, &args->input);
            app->add_option("--agent", args->agent, "the agent")->required();
            app->add_option("--metric", args->metric, "a column of csperf metrics")->required();
            return [args]() {
              auto loaded = LoadMetricsInput(args->input);
              if (!loaded.ok()) return ReportProblem(loaded.problem());
              auto evidence =
                  metrics::BuildEvidence((*loaded)->context(), args->agent, args->metric);
              if (!evidence.ok()) return ReportProblem(evidence.problem());
              std::cout << metrics::RenderEvidenceCsv(*evidence);
              const metrics::MetricValue value = metrics::Reaggregate(*evidence);
              std::cerr << args->agent << " " << args->metric << " = "
                        << metrics::FormatValue(value, metrics::FormatOfColumn(args->metric))
                        << " (" << evidence->rows.size() << " records)\n";
              return 0;
            };
          }};
}

}  // namespace csperf::cli
