// An exact metric value: a count, or a ratio of integers, printed once at output with the
// rounding of metrics.md ("Numbers"); the scoring engine reads the exact value.
#pragma once

#include <cstdint>
#include <string>

namespace csperf::metrics {

using Wide = __int128;

// How a column prints (metrics.md, "Numbers").
enum class Format : uint8_t {
  kCount,      // an integer
  kAverage,    // 3 decimals (averages of seconds, ratings, quality)
  kSeconds,    // a median or percentile of seconds: an observed whole number
  kRate,       // 6 decimals (rates and answer_ratio)
  kMoney,      // cents printed with 2 decimals
  kHours,      // seconds printed as hours with 3 decimals
  kDimension,  // 3 decimals
};

struct MetricValue {
  bool empty = true;
  Wide num = 0;
  Wide den = 1;        // > 0
  int64_t sample = 0;  // what min_sample tests: values averaged, or the denominator

  static MetricValue Empty(int64_t sample = 0) { return {true, 0, 1, sample}; }
  static MetricValue Count(int64_t n) { return {false, n, 1, n}; }
  // num / den, empty when den is 0; `sample` defaults to the denominator.
  static MetricValue Ratio(Wide num, Wide den, int64_t sample = -1);
  static MetricValue Whole(int64_t v, int64_t sample) { return {false, v, 1, sample}; }

  double ToDouble() const;
  bool operator==(const MetricValue& o) const;  // exact: 1/2 == 2/4
};

// Rounds num/den to `decimals` places, half away from zero, and prints it.
std::string FormatRounded(Wide num, Wide den, int decimals);
// The value as its column prints it; empty values print as "".
std::string FormatValue(const MetricValue& value, Format format);

}  // namespace csperf::metrics
