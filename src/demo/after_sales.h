// After-sales cases with their event logs, and the follow-ups planned after them. Each case
// is written when it is opened (its whole future is drawn at once), so nothing is kept.
#pragma once

#include <string>

#include "demo/context.h"

namespace csperf::demo {

class AfterSales {
 public:
  explicit AfterSales(DemoContext& context) : c_(context) {}

  // A case opened by `agent` for a customer's request at `opened_at`.
  void OpenCase(DemoAgent& agent, const std::string& shop, const std::string& customer,
                Instant opened_at);
  // Cases with no event log at all: a data-quality problem the report must find.
  void PlantCasesWithoutEvents(DemoAgent& agent, int count);
  int64_t cases() const { return next_case_ - 1; }

 private:
  struct Event {
    std::string step;
    Instant at;
  };
  void Evaluate(DemoAgent& agent, const std::string& type, Instant opened, Instant closed,
                bool has_closed, const std::vector<Event>& events);
  void PlanFollowup(DemoAgent& agent, const std::string& customer, Instant closed_at);

  DemoContext& c_;
  int64_t next_case_ = 1;
  int64_t next_followup_ = 1;
};

}  // namespace csperf::demo
