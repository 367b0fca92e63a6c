// What the demo generator's parts share: the month, the zone, the team, the random stream,
// the output files and the data-quality problems planted.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/settings.h"
#include "core/time_zone.h"
#include "demo/csv_out.h"
#include "demo/demo_data.h"
#include "demo/rng.h"
#include "demo/team.h"

namespace csperf::demo {

struct DemoFiles {
  CsvOut agents, messages, orders, ratings, cases, case_events, followups, assessments, qa_items,
      incidents, attendance, work_records;
};

struct DemoContext {
  DemoOptions options;
  Period month;
  std::shared_ptr<const TimeZone> zone;
  Instant begin = 0;  // the month's first instant
  Instant end = 0;    // the first instant after it
  Settings settings;  // what the demo's settings.toml says
  std::vector<DemoAgent> team;
  Rng rng{1};
  DemoFiles files;
  std::map<std::string, int64_t> quality;  // data-quality findings planted, by report code

  bool InMonth(Instant t) const { return t >= begin && t < end; }
  bool InMonth(const CivilDate& d) const { return month.Contains(d); }
  DemoAgent* Find(const std::string& id);
  const ShopSettings& ForShop(const std::string& shop) const { return settings.ForShop(shop); }
};

}  // namespace csperf::demo
