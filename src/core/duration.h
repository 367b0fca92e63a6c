// Durations as the settings file writes them: "30m", "72h", "180s", "1h30m", "2d", or a plain
// number of seconds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/problem.h"

namespace csperf {

// Units go from days to seconds, each at most once ("1d12h", "1h30m"); spaces between parts
// are allowed. Negative, empty and fractional durations are problems.
Result<int64_t> ParseDurationSeconds(std::string_view text);

// The shortest text ParseDurationSeconds reads back: 5400 → "1h30m", 0 → "0s".
std::string FormatDuration(int64_t seconds);

}  // namespace csperf
