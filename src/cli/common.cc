#include <iostream>

#include "cli/commands.h"
#include "report/import_text.h"

namespace csperf::cli {

void AddCommonOptions(CLI::App* app, service::CommonOptions* options) {
  app->add_option("--settings", options->settings_path,
                  "settings file (TOML); without it the defaults of docs/settings.md apply")
      ->check(CLI::ExistingFile);
  app->add_option("--now", options->now,
                  "the time reports take as now (default: the system clock), e.g. 2024-02-01");
}

void AddReportOptions(CLI::App* app, service::ReportOptions* options) {
  auto* source = app->add_option_group("source", "where the records come from");
  source->add_option("--data", options->source.data, "a folder of canonical CSV files (no store)");
  source->add_option("--db", options->source.db, "the store");
  source->require_option(1);
  app->add_option("--period", options->period, "2024-01, 2024-01-15 or 2024-01-01..2024-01-15")
      ->required();
  AddCommonOptions(app, &options->common);
}

service::Service& TheService() {
  static service::Service service(DefaultEnv());
  return service;
}

int ExitStatus(ProblemCode code) {
  switch (code) {
    case ProblemCode::kBadInput:
    case ProblemCode::kTooLarge:
      return 2;
    case ProblemCode::kForbidden:
      return 3;
    case ProblemCode::kWrongState:
    case ProblemCode::kConflict:
      return 4;
    case ProblemCode::kNotFound:
      return 5;
    case ProblemCode::kUnavailable:
      return 1;
  }
  return 1;
}

int ReportProblem(const Problem& problem) {
  std::cerr << "csperf: " << problem.ToString() << "\n";
  return ExitStatus(problem.code);
}

int ReportProblem(const Problem& problem, const service::ReadReport& read) {
  if (read.files && read.files->bad_rows > 0) std::cerr << RenderImportReport(*read.files, {});
  return ReportProblem(problem);
}

}  // namespace csperf::cli
