#include <iostream>

#include "cli/commands.h"
#include "metrics/report.h"

namespace csperf::cli {

Command MetricsCommand() {
  return {"metrics", "计算指标 / compute every indicator for a period",
          [](CLI::App* app) -> std::function<int()> {
            struct Args {
              service::Service::MetricsRequest request;
              std::string group = "agent";
              std::string format = "csv";
            };
            auto args = std::make_shared<Args>();
            AddReportOptions(app, &args->request.report);
            app->add_option("--group", args->group, "agent (default), team, shop or manager")
                ->check(CLI::IsMember({"agent", "team", "shop", "manager"}));
            app->add_option("--format", args->format, "csv (default), json or table")
                ->check(CLI::IsMember({"csv", "json", "table"}));
            return [args]() {
              const std::string& g = args->group;
              args->request.grouping = g == "team"      ? metrics::Grouping::kTeam
                                       : g == "shop"    ? metrics::Grouping::kShop
                                       : g == "manager" ? metrics::Grouping::kManager
                                                        : metrics::Grouping::kAgent;
              service::ReadReport read;
              auto report = TheService().Metrics(args->request, &read);
              if (!report.ok()) return ReportProblem(report.problem(), read);
              std::cout << (args->format == "json"    ? metrics::RenderJson(*report)
                            : args->format == "table" ? metrics::RenderTable(*report)
                                                      : metrics::RenderCsv(*report));
              return 0;
            };
          }};
}

Command SessionsCommand() {
  return {"sessions", "会话明细 / one row per chat session of a period",
          [](CLI::App* app) -> std::function<int()> {
            auto request = std::make_shared<service::Service::SessionsRequest>();
            AddReportOptions(app, &request->report);
            app->add_option("--agent", request->agent,
                            "only sessions this agent served or was charged in");
            return [request]() {
              service::ReadReport read;
              auto csv = TheService().SessionsCsv(*request, &read);
              if (!csv.ok()) return ReportProblem(csv.problem(), read);
              std::cout << *csv;
              return 0;
            };
          }};
}

Command EvidenceCommand() {
  return {"evidence", "指标明细 / the records behind one number of one agent",
          [](CLI::App* app) -> std::function<int()> {
            auto request = std::make_shared<service::Service::EvidenceRequest>();
            AddReportOptions(app, &request->report);
            app->add_option("--agent", request->agent, "the agent")->required();
            app->add_option("--metric", request->metric, "a column of csperf metrics")->required();
            return [request]() {
              service::ReadReport read;
              auto result = TheService().Evidence(*request, &read);
              if (!result.ok()) return ReportProblem(result.problem(), read);
              std::cout << metrics::RenderEvidenceCsv(result->evidence);
              std::cerr << request->agent << " " << request->metric << " = "
                        << metrics::FormatValue(result->value, result->format) << " ("
                        << result->evidence.rows.size() << " records)\n";
              return 0;
            };
          }};
}

}  // namespace csperf::cli
