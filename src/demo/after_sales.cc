#include "demo/after_sales.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace csperf::demo {
namespace {

constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

struct CaseType {
  const char* name;
  double weight;
};
constexpr std::array<CaseType, 4> kTypes = {
    {{"return", 0.45}, {"exchange", 0.2}, {"refund_only", 0.25}, {"repair", 0.1}}};

bool HasSubsequence(const std::vector<std::string>& sop, const std::vector<std::string>& steps) {
  size_t k = 0;
  for (const std::string& s : steps) {
    if (k < sop.size() && s == sop[k]) ++k;
  }
  return k == sop.size();
}

}  // namespace

void AfterSales::OpenCase(DemoAgent& agent, const std::string& shop, const std::string& customer,
                          Instant opened_at) {
  Rng& rng = c_.rng;
  std::array<double, kTypes.size()> weights;
  for (size_t i = 0; i < kTypes.size(); ++i) weights[i] = kTypes[i].weight;
  const std::string type = kTypes[rng.Weighted(weights)].name;
  const std::vector<std::string>& sop = c_.settings.sop.at(type);
  const double sloppy = 1.0 - agent.skill;

  // Walk the SOP steps, now and then skipping one (an SOP break) or adding a step of the
  // merchant's own between them; slow agents take longer than the step SLAs allow.
  std::vector<Event> events;
  Instant t = opened_at;
  const bool break_sop = rng.Chance(0.03 + 0.12 * sloppy);
  const size_t skipped =
      break_sop ? static_cast<size_t>(rng.Between(0, sop.size() - 1)) : sop.size();
  for (size_t i = 0; i < sop.size(); ++i) {
    const std::string& step = sop[i];
    if (step == "goods_received") {
      t += rng.Between(20 * kHour, 96 * kHour);  // the buyer ships the goods back
    } else if (rng.Chance(0.05 + 0.3 * sloppy)) {
      t += rng.Between(26 * kHour, 40 * kHour);  // too slow for the step SLA
    } else {
      t += rng.Between(int64_t{10} * 60, 10 * kHour);
    }
    if (rng.Chance(0.15)) events.push_back({"contact_customer", t - rng.Between(60, 600)});
    if (i != skipped) events.push_back({step, t});
  }
  const bool never_closed = rng.Chance(0.04);
  Instant closed_at = t + rng.Between(60, 1800);
  if (!never_closed && rng.Chance(0.04)) {
    events.push_back({"reopen", closed_at + rng.Between(kDay, 3 * kDay)});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.at < b.at; });

  const std::string id = fmt::format("AS{:07}", next_case_++);
  CsvOut& cases = c_.files.cases;
  cases.Text(id).Text(type).Text(agent.main_account).Time(opened_at, *c_.zone);
  if (never_closed) {
    cases.Empty().Text("open");
  } else {
    cases.Time(closed_at, *c_.zone).Text("closed");
  }
  cases.Empty().Text(shop).Text(customer).End();
  for (const Event& e : events) {
    c_.files.case_events.Text(id).Text(e.step).Time(e.at, *c_.zone).Text(agent.main_account).End();
  }
  Evaluate(agent, type, opened_at, closed_at, !never_closed, events);
  if (!never_closed) PlanFollowup(agent, customer, closed_at);
}

// Counts what the metrics must find for this case, by the rules of metrics.md.
void AfterSales::Evaluate(DemoAgent& agent, const std::string& type, Instant opened, Instant closed,
                          bool has_closed, const std::vector<Event>& events) {
  const int64_t sla = c_.settings.sla_s.at(type);
  if (has_closed && c_.InMonth(closed)) {
    agent.planted.Add("cases_closed");
    if (closed - opened <= sla) agent.planted.Add("cases_sla_met");
    std::vector<std::string> steps;
    steps.reserve(events.size());
    for (const Event& e : events) steps.push_back(e.step);
    if (HasSubsequence(c_.settings.sop.at(type), steps)) agent.planted.Add("cases_sop_compliant");
    bool all_pairs = true;
    for (const StepSla& pair : c_.settings.step_sla.at(type)) {
      auto first_at = [&](const std::string& step) -> std::optional<Instant> {
        if (step == "opened") return opened;
        for (const Event& e : events) {
          if (e.step == step) return e.at;
        }
        return std::nullopt;
      };
      auto from = first_at(pair.from);
      auto to = first_at(pair.to);
      if (!from || !to || *to - *from > pair.limit_s) all_pairs = false;
    }
    if (all_pairs) agent.planted.Add("cases_step_sla_met");
    bool reopened = false;
    for (const Event& e : events) reopened = reopened || e.at > closed;
    if (reopened) agent.planted.Add("cases_reopened");
  }
  const bool open_at_end = !has_closed || closed >= c_.end;
  if (opened < c_.end && open_at_end && c_.end - opened > sla) agent.planted.Add("open_overdue");
}

void AfterSales::PlanFollowup(DemoAgent& agent, const std::string& customer, Instant closed_at) {
  Rng& rng = c_.rng;
  const std::string id = fmt::format("FU{:07}", next_followup_++);
  CsvOut& out = c_.files.followups;
  out.Text(id).Text(agent.id).Text(customer);
  // Some plans name only a day: then the follow-up is due by the end of that day.
  const bool date_only = rng.Chance(0.3);
  Instant due = closed_at + 2 * kDay;
  CivilDate due_date = c_.zone->ToLocal(due).date;
  if (date_only) {
    out.Date(due_date);
    due = c_.zone->FromLocal(CivilTime{AddDays(due_date, 1), 0, 0, 0});
  } else {
    out.Time(due, *c_.zone);
  }
  const bool in_month = c_.InMonth(due_date);
  if (in_month) agent.planted.Add("followups_planned");
  const double r = rng.Uniform();
  const double on_time_share = 0.55 + 0.4 * agent.skill;
  if (r < on_time_share) {
    Instant done = due - rng.Between(3600, kDay) + rng.Between(0, c_.settings.followup_grace_s);
    out.Time(done, *c_.zone);
    if (in_month) agent.planted.Add("followups_done_on_time");
  } else if (r < on_time_share + (1 - on_time_share) / 2) {
    out.Time(due + c_.settings.followup_grace_s + rng.Between(3600, 3 * kDay), *c_.zone);
  } else {
    out.Empty();  // never done
  }
  if (r < on_time_share + (1 - on_time_share) / 2 && rng.Chance(0.8)) {
    out.Int(std::clamp<int64_t>(static_cast<int64_t>(2 + agent.skill * 3 + rng.Uniform()), 1, 5));
  } else {
    out.Empty();
  }
  out.Text(rng.Chance(0.7) ? "phone" : "chat").End();
}

void AfterSales::PlantCasesWithoutEvents(DemoAgent& agent, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string id = fmt::format("AS{:07}", next_case_++);
    Instant opened = c_.begin + (i + 3) * kDay + 10 * kHour;
    c_.files.cases.Text(id)
        .Text("refund_only")
        .Text(agent.main_account)
        .Time(opened, *c_.zone)
        .Time(opened + 5 * kHour, *c_.zone)
        .Text("closed")
        .Empty()
        .Text(kMainShop)
        .Text(fmt::format("tb_noevent{}", i))
        .End();
    // Closed in the month, without any event: neither SOP nor step SLAs can be met.
    agent.planted.Add("cases_closed");
    agent.planted.Add("cases_sla_met");
  }
  c_.quality["case_without_events"] += count;
}

}  // namespace csperf::demo
