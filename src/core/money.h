// Money is integer cents and exact decimals are scaled integers: never binary floats.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/problem.h"

namespace csperf {

using Cents = int64_t;

// Parses "1,299.00", "¥1299", "￥1,299.5", "-12.3", "1299" into cents. At most two decimal
// places; thousands separators must sit between digit groups of three.
Result<Cents> ParseMoney(std::string_view text);

// "1299.50" (two decimals, no separators).
std::string FormatCents(Cents cents);

// An exact decimal with up to six places, held as millionths (scores, weights, QA points).
using Micros = int64_t;
inline constexpr Micros kMicrosPerUnit = 1'000'000;

Result<Micros> ParseDecimal(std::string_view text);
std::string FormatMicros(Micros value);  // shortest exact form: "87.5", "100", "0.25"

}  // namespace csperf
