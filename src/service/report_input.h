// What a report call reads: the settings, the period and the records — from the store or
// straight from files — loaded once into what the metrics engine reads; for a call that
// builds the metrics report of some groupings, their chat columns computed in one cut.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "core/env.h"
#include "metrics/chat_report.h"
#include "metrics/context.h"
#include "service/service.h"

namespace csperf::service {

// Owns everything a metrics::Context points at.
struct LoadedInput {
  metrics::Dataset data;
  Settings settings;
  std::shared_ptr<const TimeZone> zone;
  Period period;
  std::optional<metrics::ChatColumns> chat_columns;
  Executor* executor = nullptr;

  metrics::Context context() const {
    return {data,
            settings,
            *zone,
            period,
            period.begin(*zone),
            period.end(*zone),
            chat_columns ? &*chat_columns : nullptr,
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
