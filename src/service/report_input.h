// What a report call reads: the settings, the period and the records — from the store or
// straight from files — loaded once into what the metrics engine reads. When the call builds
// only the metrics report of some groupings, a month's messages may be streamed past
// instead of held (metrics/loader.h).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/env.h"
#include "metrics/chat_stream.h"
#include "metrics/context.h"
#include "service/service.h"

namespace csperf::service {

// Owns everything a metrics::Context points at.
struct LoadedInput {
  metrics::Dataset data;
  Settings settings;
  std::shared_ptr<const TimeZone> zone;
  Period period;
  std::optional<metrics::StreamedChat> streamed;
  Executor* executor = nullptr;

  metrics::Context context() const {
    return {data,
            settings,
            *zone,
            period,
            period.begin(*zone),
            period.end(*zone),
            streamed ? &*streamed : nullptr,
            executor};
  }
};

Result<Settings> LoadSettings(const CommonOptions& common);
// The clock a call takes "now" from: the given time, or the Env's.
Result<std::unique_ptr<Clock>> ClockFor(const CommonOptions& common, const TimeZone& zone);

// `report_groupings`: for a call that only builds the metrics report of these groupings.
Result<std::unique_ptr<LoadedInput>> LoadReportInput(
    const Env& env, const ReportOptions& options,
    const std::vector<metrics::Grouping>& report_groupings, ReadReport* read);

}  // namespace csperf::service
