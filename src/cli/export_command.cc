#include <iostream>

#include "cli/commands.h"

namespace csperf::cli {

Command ExportCommand() {
  return {"export",
          "薪资导出 / the payroll workbook of a period (xlsx), or its payroll sheet (csv)",
          [](CLI::App* app) -> std::function<int()> {
            auto request = std::make_shared<service::Service::ExportRequest>();
            AddReportOptions(app, &request->score.report);
            app->add_option("--template", request->score.templates,
                            "template files (TOML), one or more")
                ->required();
            app->add_option("--format", request->format,
                            "xlsx (the workbook) or csv (one sheet); default: from --out's name")
                ->check(CLI::IsMember({"xlsx", "csv"}));
            app->add_option("--out", request->out, "the file to write, e.g. pay_2024-01.xlsx")
                ->required();
            app->add_option(
                "--sheet", request->sheet,
                "with csv: payroll (default, 薪资), ranking (排名) or indicators (指标明细)");
            return [request]() {
              service::ReadReport read;
              auto result = TheService().Export(*request, &read);
              if (!result.ok()) return ReportProblem(result.problem(), read);
              if (result->format == "csv") {
                std::cout << "export 导出: " << result->sheet_name << " (" << result->sheet_key
                          << "), " << result->agents << " agents → " << request->out << "\n";
              } else {
                std::cout << "export 导出: 排名, 指标明细, 薪资, " << result->agents << " agents → "
                          << request->out << "\n";
              }
              return 0;
            };
          }};
}

}  // namespace csperf::cli
