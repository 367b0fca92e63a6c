// The CLI's subcommands. Each one only parses its options, calls the core library and prints
// the answer; no rule of the product lives here.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

namespace csperf::cli {

struct Command {
  const char* name;
  const char* description;
  // Adds the subcommand's options to `app`; returns the function that runs it.
  std::function<std::function<int()>(CLI::App* app)> setup;
};

Command ImportCommand();
Command CheckCommand();
Command DemoDataCommand();
Command MetricsCommand();
Command SessionsCommand();
Command EvidenceCommand();
Command ScoreCommand();
Command WhatIfCommand();
Command ExportCommand();
Command ScorecardCommand();

// Options most commands share.
struct CommonOptions {
  std::string settings_path;
  std::string now;  // "now" for reports, for repeatable output
};
void AddSettingsOption(CLI::App* app, CommonOptions* options);

}  // namespace csperf::cli
