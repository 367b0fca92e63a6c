// What `metrics`, `sessions` and `evidence` share: where the records come from (--data or
// --db), the settings, and the period; loaded once into what the engine reads.
#pragma once

#include <memory>
#include <string>

#include "cli/commands.h"
#include "core/problem.h"
#include "metrics/context.h"

namespace csperf::cli {

struct MetricsInput {
  CommonOptions common;
  std::string data_dir;
  std::string db;
  std::string period;
};

void AddMetricsInputOptions(CLI::App* app, MetricsInput* input);

// Owns everything a metrics::Context points at.
struct LoadedInput {
  metrics::Dataset data;
  Settings settings;
  std::shared_ptr<const TimeZone> zone;
  Period period;
  metrics::Context context() const {
    return {data, settings, *zone, period, period.begin(*zone), period.end(*zone)};
  }
};

// Prints the import report of bad --data files to stderr before returning the problem.
Result<std::unique_ptr<LoadedInput>> LoadMetricsInput(const MetricsInput& input);

}  // namespace csperf::cli
