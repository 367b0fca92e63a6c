// The CLI's subcommands. Each one only turns its options into a service request
// (service/service.h) and the result into text; no rule of the product lives here.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>

#include "core/problem.h"
#include "service/service.h"

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

// --settings and --now, which most commands take.
void AddCommonOptions(CLI::App* app, service::CommonOptions* options);
// --data or --db, --period, and the common options: where a report's records come from.
void AddReportOptions(CLI::App* app, service::ReportOptions* options);

// The service every command calls, on the process's Env.
service::Service& TheService();

// Prints the problem to stderr; returns its exit status (docs/cli.md): 2 bad input, 3 not
// allowed, 4 wrong state or conflict, 5 not found, 1 anything else.
int ReportProblem(const Problem& problem);
int ExitStatus(ProblemCode code);
// The same, first printing the import report of the files a --data report read, when bad
// rows were why it failed.
int ReportProblem(const Problem& problem, const service::ReadReport& read);

}  // namespace csperf::cli
