// `csperf demo-data`: a realistic month of a real team in the canonical format, with a
// manifest of what was planted, deterministic for a seed and streamed (no record of the
// month is held in memory, so 20 million messages fit in a few megabytes).
#pragma once

#include <cstdint>
#include <string>

#include "core/problem.h"

namespace csperf::demo {

struct DemoOptions {
  std::string out_dir;
  int agents = 20;
  int64_t messages = 200'000;  // about this many: the last session may overshoot a little
  uint64_t seed = 1;
  std::string month = "2024-01";
};

struct DemoResult {
  int64_t messages = 0;
  int64_t sessions = 0;
  int64_t orders = 0;
  int64_t cases = 0;
};

Result<DemoResult> GenerateDemoData(const DemoOptions& options);

}  // namespace csperf::demo
