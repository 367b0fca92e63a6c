// After-sales columns (metrics.md, "After-sales"): cases closed in the period and how they
// were handled, plus the open cases already past their SLA at the period's end.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "metrics/context.h"

namespace csperf::metrics {
namespace {

using Events = std::vector<const CaseEvent*>;

// A case belongs to the agent owning its account (an unmapped account to no agent), and to
// the shop row of its shop.
bool InGroup(const Context& c, const Group& g, const Case& k) {
  if (g.is_shop()) return k.shop == g.shop;
  if (k.account == kNone || static_cast<size_t>(k.account) >= c.data.account_owner.size()) {
    return false;
  }
  return g.Has(c.data.account_owner[static_cast<size_t>(k.account)]);
}

// The SLA of a case's type in seconds; none for a type without one, which then always meets
// it and is never overdue (nothing was promised).
std::optional<int64_t> SlaOf(const Context& c, const Case& k) {
  auto it = c.settings.sla_s.find(k.type);
  if (it == c.settings.sla_s.end()) return std::nullopt;
  return it->second;
}

// The SOP steps appear in order, other steps and repeats between them allowed: a greedy scan
// finds the subsequence if there is one. A type without an SOP complies.
bool FollowsSop(const Context& c, const Case& k, const Events& events) {
  auto it = c.settings.sop.find(k.type);
  if (it == c.settings.sop.end()) return true;
  const std::vector<std::string>& sop = it->second;
  size_t next = 0;
  for (const CaseEvent* e : events) {
    if (next < sop.size() && e->step == sop[next]) ++next;
  }
  return next == sop.size();
}

// The first `at` of a step in the (sorted) log; "opened" is the case's opened_at.
std::optional<Instant> FirstAt(const Case& k, const Events& events, const std::string& step) {
  if (step == "opened") return k.opened_at;
  for (const CaseEvent* e : events) {
    if (e->step == step) return e->at;
  }
  return std::nullopt;
}

// Every step_sla pair of the case's type is met; a type without pairs meets them all.
bool MeetsStepSla(const Context& c, const Case& k, const Events& events) {
  auto it = c.settings.step_sla.find(k.type);
  if (it == c.settings.step_sla.end()) return true;
  for (const StepSla& pair : it->second) {
    const std::optional<Instant> from = FirstAt(k, events, pair.from);
    const std::optional<Instant> to = FirstAt(k, events, pair.to);
    if (!from || !to || *to - *from > pair.limit_s) return false;  // absent steps: not met
  }
  return true;
}

bool AnyStepSlaSet(const Settings& settings) {
  return std::any_of(settings.step_sla.begin(), settings.step_sla.end(),
                     [](const auto& entry) { return !entry.second.empty(); });
}

}  // namespace

void AddAfterSalesColumns(const Context& c, const Group& g, Columns* out) {
  // The group's cases closed in the period, and the overdue open ones (any closing period).
  std::vector<const Case*> closed;
  int64_t open_overdue = 0;
  for (const Case& k : c.data.cases) {
    if (!InGroup(c, g, k)) continue;
    if (k.closed_at && c.begin <= *k.closed_at && *k.closed_at < c.end) closed.push_back(&k);
    // Opened before the end, not closed before it (closing exactly at the end is not before),
    // and older than its SLA at the end.
    const std::optional<int64_t> sla = SlaOf(c, k);
    if (k.opened_at < c.end && !(k.closed_at && *k.closed_at < c.end) && sla &&
        c.end - k.opened_at > *sla) {
      ++open_overdue;
    }
  }

  // The event logs of those cases only, in input order, then stably by `at` so that events
  // with equal `at` keep their input order whatever the order of the rows was.
  std::unordered_map<std::string_view, Events> events;
  for (const Case* k : closed) events.try_emplace(k->case_id);
  for (const CaseEvent& e : c.data.case_events) {
    auto it = events.find(e.case_id);
    if (it != events.end()) it->second.push_back(&e);
  }
  for (auto& [id, log] : events) {
    std::stable_sort(log.begin(), log.end(),
                     [](const CaseEvent* a, const CaseEvent* b) { return a->at < b->at; });
  }

  const int64_t n = static_cast<int64_t>(closed.size());
  std::vector<int64_t> handling;  // seconds; hours only at print (Format::kHours)
  Wide handling_sum = 0;
  int64_t sla_met = 0, sop_ok = 0, step_ok = 0, reopened = 0;
  for (const Case* k : closed) {
    const Events& log = events[k->case_id];
    const int64_t seconds = *k->closed_at - k->opened_at;
    handling.push_back(seconds);
    handling_sum += seconds;
    const std::optional<int64_t> sla = SlaOf(c, *k);
    if (!sla || seconds <= *sla) ++sla_met;  // exactly sla_hours is met
    if (FollowsSop(c, *k, log)) ++sop_ok;
    if (MeetsStepSla(c, *k, log)) ++step_ok;
    if (!log.empty() && log.back()->at > *k->closed_at) ++reopened;  // log is sorted
  }

  MetricValue median = MetricValue::Empty(n);
  if (n > 0) {
    // The lower median: the ⌈n/2⌉-th smallest.
    const size_t rank = static_cast<size_t>((n + 1) / 2 - 1);
    std::nth_element(handling.begin(), handling.begin() + static_cast<ptrdiff_t>(rank),
                     handling.end());
    median = MetricValue::Whole(handling[rank], n);
  }

  out->emplace_back("cases_closed", MetricValue::Count(n));
  out->emplace_back("handling_avg_h", MetricValue::Ratio(handling_sum, n));
  out->emplace_back("handling_median_h", median);
  out->emplace_back("sla_met_rate", MetricValue::Ratio(sla_met, n));
  out->emplace_back("sop_compliance_rate", MetricValue::Ratio(sop_ok, n));
  // Our choice where the spec says "empty if none set": empty when no type has a step SLA at
  // all; once any type has pairs, a case of a type without pairs counts as meeting them.
  out->emplace_back("step_sla_met_rate", AnyStepSlaSet(c.settings) ? MetricValue::Ratio(step_ok, n)
                                                                   : MetricValue::Empty(n));
  out->emplace_back("reopened", MetricValue::Count(reopened));
  out->emplace_back("open_overdue", MetricValue::Count(open_overdue));
}

}  // namespace csperf::metrics
