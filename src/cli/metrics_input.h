// What `metrics`, `sessions` and `evidence` share: where the records come from (--data or
// --db), the settings, and the period; loaded once into what the engine reads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/problem.h"
#include "metrics/chat_stream.h"
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
  // Set when the messages were streamed past for the report (chat_stream.h, grouped_chat.h).
  std::optional<metrics::StreamedChat> streamed;
  metrics::Context context() const {
    return {data,
            settings,
            *zone,
            period,
            period.begin(*zone),
            period.end(*zone),
            streamed ? &*streamed : nullptr};
  }
};

// Prints the import report of bad --data files to stderr before returning the problem.
// `report_groupings`: for a command that only builds the metrics report of these groupings,
// the messages may be streamed past instead of held (a --data folder's in time order, or in
// runs of one customer's rows; a store's in such runs); the Context then serves BuildReport
// of those groupings only.
Result<std::unique_ptr<LoadedInput>> LoadMetricsInput(
    const MetricsInput& input, const std::vector<metrics::Grouping>& report_groupings = {});

}  // namespace csperf::cli
