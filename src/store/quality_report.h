// The data-quality report shown after every import: what in the store will surprise the
// metrics (accounts no agent owns, orders from customers never seen, …), with examples
// that point at the file and line to fix; and the data summary beside it. Both are read from
// the store's scans (store.h), the same on every store: the messages once, in ranges on every
// core, the other records once each.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/executor.h"
#include "core/time_zone.h"
#include "store/store.h"

namespace csperf {

struct QualityFinding {
  std::string code;  // stable id, e.g. "unmapped_account"
  std::string title_zh;
  std::string title_en;
  int64_t count = 0;
  std::vector<std::string> examples;  // "orders.csv:12 order O-1 (shop S, customer c1)"
};

struct QualityReport {
  std::vector<QualityFinding> findings;  // only findings with count > 0
  const QualityFinding* Find(const std::string& code) const;
};

// Record counts per kind and the span of time they cover.
struct KindSummary {
  std::string kind;
  int64_t records = 0;  // copies of id-less records included
  std::string first;    // earliest time or date, local
  std::string last;
};

struct DataSummary {
  std::vector<KindSummary> kinds;
  int64_t agents = 0;
  int64_t shops = 0;
  int64_t imports = 0;
  std::vector<std::string> qa_forms;
};

struct StoreCheck {
  DataSummary summary;
  QualityReport quality;
};

// `now` decides what is in the future.
StoreCheck CheckStore(Store& store, Instant now, const TimeZone& zone, Executor& executor);

}  // namespace csperf
