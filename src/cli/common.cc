#include <iostream>

#include "cli/cli_support.h"
#include "cli/commands.h"
#include "core/time_parse.h"

namespace csperf::cli {

void AddSettingsOption(CLI::App* app, CommonOptions* options) {
  app->add_option("--settings", options->settings_path,
                  "settings file (TOML); without it the defaults of docs/settings.md apply")
      ->check(CLI::ExistingFile);
  app->add_option("--now", options->now,
                  "the time reports take as now (default: the system clock), e.g. 2024-02-01");
}

Result<Settings> LoadSettings(const CommonOptions& options) {
  if (options.settings_path.empty()) return DefaultSettings();
  return LoadSettingsFile(options.settings_path);
}

Result<std::unique_ptr<Clock>> MakeClock(const CommonOptions& options, const TimeZone& zone) {
  if (options.now.empty()) return std::unique_ptr<Clock>(new SystemClock());
  auto t = ParseTimestamp(options.now, zone);
  if (!t.ok()) {
    Problem p = t.problem();
    p.place.field = "--now";
    return p;
  }
  return std::unique_ptr<Clock>(new FixedClock(t->instant));
}

int ReportProblem(const Problem& problem) {
  std::cerr << "csperf: " << problem.ToString() << "\n";
  return 1;
}

}  // namespace csperf::cli
