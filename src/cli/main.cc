// csperf: e-commerce customer-service performance appraisal (电商客服绩效考核系统).
#include <CLI/CLI.hpp>
#include <iostream>
#include <vector>

#include "cli/commands.h"
#include "cli/huge_pages.h"

int main(int argc, char** argv) {
  csperf::cli::StartOnHugePages(argv);
  using csperf::cli::Command;
  const std::vector<Command> commands = {
      // clang-format off
      csperf::cli::ImportCommand(),
      csperf::cli::CheckCommand(),
      csperf::cli::DemoDataCommand(),
      csperf::cli::MetricsCommand(),
      csperf::cli::SessionsCommand(),
      csperf::cli::EvidenceCommand(),
      csperf::cli::ScoreCommand(),
      csperf::cli::WhatIfCommand(),
      csperf::cli::ExportCommand(),
      csperf::cli::ScorecardCommand(),
      // clang-format on
  };
  CLI::App app{"csperf — 电商客服绩效考核 / customer-service performance appraisal"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "csperf 0.1.0");
  std::function<int()> run;
  for (const Command& command : commands) {
    CLI::App* sub = app.add_subcommand(command.name, command.description);
    auto runner = command.setup(sub);
    sub->callback([&run, runner]() { run = runner; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Help and version exit 0; any option refused is bad arguments (docs/cli.md).
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    return run ? run() : 2;
  } catch (const std::exception& e) {
    // Expected failures are values with a place; reaching here is a defect worth reporting.
    std::cerr << "csperf: unexpected error: " << e.what() << "\n";
    return 1;
  }
}
