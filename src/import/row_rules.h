// Checks that span several fields of one record (an order paid before it was created, an
// assessment scored above its maximum) and the resolution of attendance times of day.
#pragma once

#include <string>
#include <vector>

#include "core/time_zone.h"
#include "domain/kinds.h"
#include "domain/record.h"

namespace csperf {

struct RowRuleContext {
  const TimeZone& zone;                   // the zone the row's times are written in
  const std::vector<int>& time_of_day;    // per column: seconds of a bare time of day, or -1
  const std::vector<uint8_t>& date_only;  // per column: the instant came from a date alone
};

struct RowFault {
  size_t column;  // the parser reports the cell of this column as it stands in the file
  std::string reason;
};

std::vector<RowFault> ApplyRowRules(const KindSpec& spec, const RowRuleContext& context,
                                    Record* record);

// Attendance: the instant of a time of day that lies nearest to `anchor` (a clock-in just
// after midnight belongs to a shift that started the evening before).
Instant NearestInstantOfTimeOfDay(int seconds_of_day, Instant anchor, const TimeZone& zone);

}  // namespace csperf
