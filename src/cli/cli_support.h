// Helpers the subcommands share: settings, the clock, printing a problem.
#pragma once

#include <memory>

#include "cli/commands.h"
#include "core/clock.h"
#include "core/problem.h"
#include "core/settings.h"

namespace csperf::cli {

Result<Settings> LoadSettings(const CommonOptions& options);
Result<std::unique_ptr<Clock>> MakeClock(const CommonOptions& options, const TimeZone& zone);
int ReportProblem(const Problem& problem);  // prints to stderr, returns the exit code 1

}  // namespace csperf::cli
