#include <cctype>
#include <iostream>

#include "cli/cli_support.h"
#include "cli/metrics_input.h"
#include "export/csv_sheet.h"
#include "export/output_file.h"
#include "export/payroll_workbook.h"
#include "export/xlsx_writer.h"
#include "scoring/appraisal.h"
#include "scoring/template_loader.h"

namespace csperf::cli {
namespace {

bool EndsWith(const std::string& text, const std::string& suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    const char c = text[text.size() - suffix.size() + i];
    if (std::tolower(static_cast<unsigned char>(c)) != suffix[i]) return false;
  }
  return true;
}

Problem OutProblem(const std::string& out, std::string reason) {
  return MakeProblem(std::move(reason), {}, Place{out, 0, 0, "--out"});
}

}  // namespace

Command ExportCommand() {
  return {
      "export", "薪资导出 / the payroll workbook of a period (xlsx), or its payroll sheet (csv)",
      [](CLI::App* app) -> std::function<int()> {
        struct Args {
          MetricsInput input;
          std::vector<std::string> templates;
          std::string format;
          std::string out;
          std::string sheet;
        };
        auto args = std::make_shared<Args>();
        AddMetricsInputOptions(app, &args->input);
        app->add_option("--template", args->templates, "template files (TOML), one or more")
            ->required();
        app->add_option("--format", args->format,
                        "xlsx (the workbook) or csv (one sheet); default: from --out's name")
            ->check(CLI::IsMember({"xlsx", "csv"}));
        app->add_option("--out", args->out, "the file to write, e.g. pay_2024-01.xlsx")->required();
        app->add_option(
            "--sheet", args->sheet,
            "with csv: payroll (default, 薪资), ranking (排名) or indicators (指标明细)");
        return [args]() {
          const std::string& out = args->out;
          std::string format = args->format;
          if (format.empty()) format = EndsWith(out, ".csv") ? "csv" : "xlsx";
          if ((format == "xlsx" && EndsWith(out, ".csv")) ||
              (format == "csv" && EndsWith(out, ".xlsx"))) {
            return ReportProblem(OutProblem(out, "the file name does not match --format " + format +
                                                     "; name it ." + format +
                                                     " or change --format"));
          }
          if (format == "xlsx" && !args->sheet.empty()) {
            return ReportProblem(MakeProblem(
                "--sheet chooses the sheet of a CSV export; the workbook has every sheet",
                args->sheet, Place{"", 0, 0, "--sheet"}));
          }
          // Before the work: a folder that does not exist is known now.
          Status usable = exporting::CheckOutputPath(out);
          if (!usable.ok()) return ReportProblem(OutProblem(out, usable.problem().reason));

          auto loaded_templates = scoring::LoadTemplateFiles(args->templates);
          if (!loaded_templates.ok()) return ReportProblem(loaded_templates.problem());
          const std::vector<scoring::Template>& templates = *loaded_templates;
          auto loaded = LoadMetricsInput(args->input, scoring::ScorePeriodGroupings());
          if (!loaded.ok()) return ReportProblem(loaded.problem());
          auto cards = scoring::ScorePeriod((*loaded)->context(), templates);
          if (!cards.ok()) return ReportProblem(cards.problem());
          const exporting::Workbook workbook =
              exporting::BuildPayrollWorkbook(*cards, templates, (*loaded)->period.ToString());

          if (format == "csv") {
            const std::string which = args->sheet.empty() ? "payroll" : args->sheet;
            const exporting::Sheet* sheet = exporting::FindSheet(workbook, which);
            if (sheet == nullptr) {
              return ReportProblem(MakeProblem(
                  "no such sheet: payroll (薪资), ranking (排名) or indicators (指标明细)", which,
                  Place{"", 0, 0, "--sheet"}));
            }
            Status written = exporting::WriteSheetCsv(*sheet, out);
            if (!written.ok()) return ReportProblem(OutProblem(out, written.problem().reason));
            std::cout << "export 导出: " << sheet->name << " (" << sheet->key << "), "
                      << cards->size() << " agents → " << out << "\n";
            return 0;
          }
          Status written = exporting::WriteXlsx(workbook, out);
          if (!written.ok()) return ReportProblem(OutProblem(out, written.problem().reason));
          std::cout << "export 导出: 排名, 指标明细, 薪资, " << cards->size() << " agents → " << out
                    << "\n";
          return 0;
        };
      }};
}

}  // namespace csperf::cli
