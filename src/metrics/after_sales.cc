// After-sales columns (metrics.md, "After-sales"): cases closed in the period and how they
// were handled, plus the open cases already past their SLA at the period's end. The per-case
// rules (case_rules.h) are defined here and shared with the evidence.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "metrics/case_rules.h"
#include "metrics/context.h"

namespace csperf::metrics {
namespace {

// A case belongs to the agent owning its account (an unmapped account to no agent), and to
// the shop row of its shop.
bool InGroup(const Context& c, const Group& g, const Case& k) {
  if (g.is_shop()) return k.shop == g.shop;
  return g.Has(CaseAgent(c.data, k));
}

}  // namespace

Id CaseAgent(const Dataset& data, const Case& k) {
  if (k.account == kNone || static_cast<size_t>(k.account) >= data.account_owner.size()) {
    return kNone;
  }
  return data.account_owner[static_cast<size_t>(k.account)];
}

bool ClosedInPeriod(const Context& c, const Case& k) {
  return k.closed_at && c.begin <= *k.closed_at && *k.closed_at < c.end;
}

std::optional<int64_t> CaseSla(const Settings& settings, const Case& k) {
  auto it = settings.sla_s.find(k.type);
  if (it == settings.sla_s.end()) return std::nullopt;
  return it->second;
}

bool MetSla(const Settings& settings, const Case& k) {
  const std::optional<int64_t> sla = CaseSla(settings, k);
  return !sla || *k.closed_at - k.opened_at <= *sla;  // exactly sla_hours is met
}

bool OpenOverdue(const Context& c, const Case& k) {
  const std::optional<int64_t> sla = CaseSla(c.settings, k);
  return k.opened_at < c.end && !(k.closed_at && *k.closed_at < c.end) && sla &&
         c.end - k.opened_at > *sla;
}

CaseLogIndex IndexCaseLogs(const Dataset& data) {
  std::vector<const Case*> all;
  all.reserve(data.cases.size());
  for (const Case& k : data.cases) all.push_back(&k);
  return CaseLogIndex{CaseLogs(data, all)};
}

std::unordered_map<std::string_view, CaseLog> CaseLogs(const Dataset& data,
                                                       const std::vector<const Case*>& cases) {
  // In input order, then stably by `at` so that events with equal `at` keep their input
  // order whatever the order of the rows was.
  std::unordered_map<std::string_view, CaseLog> logs;
  for (const Case* k : cases) logs.try_emplace(k->case_id);
  for (const CaseEvent& e : data.case_events) {
    auto it = logs.find(e.case_id);
    if (it != logs.end()) it->second.push_back(&e);
  }
  for (auto& [id, log] : logs) {
    std::stable_sort(log.begin(), log.end(),
                     [](const CaseEvent* a, const CaseEvent* b) { return a->at < b->at; });
  }
  return logs;
}

// A greedy scan finds the subsequence if there is one.
bool FollowsSop(const Settings& settings, const Case& k, const CaseLog& log) {
  auto it = settings.sop.find(k.type);
  if (it == settings.sop.end()) return true;
  const std::vector<std::string>& sop = it->second;
  size_t next = 0;
  for (const CaseEvent* e : log) {
    if (next < sop.size() && e->step == sop[next]) ++next;
  }
  return next == sop.size();
}

std::optional<Instant> FirstStepAt(const Case& k, const CaseLog& log, const std::string& step) {
  if (step == "opened") return k.opened_at;
  for (const CaseEvent* e : log) {
    if (e->step == step) return e->at;
  }
  return std::nullopt;
}

bool MeetsStepSla(const Settings& settings, const Case& k, const CaseLog& log) {
  auto it = settings.step_sla.find(k.type);
  if (it == settings.step_sla.end()) return true;
  for (const StepSla& pair : it->second) {
    const std::optional<Instant> from = FirstStepAt(k, log, pair.from);
    const std::optional<Instant> to = FirstStepAt(k, log, pair.to);
    if (!from || !to || *to - *from > pair.limit_s) return false;  // absent steps: not met
  }
  return true;
}

bool AnyStepSlaSet(const Settings& settings) {
  return std::any_of(settings.step_sla.begin(), settings.step_sla.end(),
                     [](const auto& entry) { return !entry.second.empty(); });
}

bool Reopened(const Case& k, const CaseLog& log) {
  return !log.empty() && log.back()->at > *k.closed_at;  // the log is sorted
}

void AddAfterSalesColumns(const Context& c, const Group& g, Columns* out,
                          const CaseLogIndex* index) {
  // The group's cases closed in the period, and the overdue open ones (any closing period).
  std::vector<const Case*> closed;
  int64_t open_overdue = 0;
  for (const Case& k : c.data.cases) {
    if (!InGroup(c, g, k)) continue;
    if (ClosedInPeriod(c, k)) closed.push_back(&k);
    if (OpenOverdue(c, k)) ++open_overdue;
  }

  // The event logs of those cases only (unless a report made every case's).
  std::unordered_map<std::string_view, CaseLog> own;
  if (index == nullptr) own = CaseLogs(c.data, closed);
  const std::unordered_map<std::string_view, CaseLog>& logs = index ? index->logs : own;
  const CaseLog no_events;

  const int64_t n = static_cast<int64_t>(closed.size());
  std::vector<int64_t> handling;  // seconds; hours only at print (Format::kHours)
  Wide handling_sum = 0;
  int64_t sla_met = 0, sop_ok = 0, step_ok = 0, reopened = 0;
  for (const Case* k : closed) {
    auto found = logs.find(k->case_id);
    const CaseLog& log = found == logs.end() ? no_events : found->second;
    const int64_t seconds = *k->closed_at - k->opened_at;
    handling.push_back(seconds);
    handling_sum += seconds;
    if (MetSla(c.settings, *k)) ++sla_met;
    if (FollowsSop(c.settings, *k, log)) ++sop_ok;
    if (MeetsStepSla(c.settings, *k, log)) ++step_ok;
    if (Reopened(*k, log)) ++reopened;
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
