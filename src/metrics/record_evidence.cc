// The evidence of the per-record columns of one agent: after-sales cases, follow-ups,
// incidents, shifts and the agent's days employed, and the supervisors' records of the agent
// as a manager. Each family reads the report's own rules (case_rules.h, agent_lookup.h), so
// re-aggregating the rows gives the report's number back.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/duration.h"
#include "core/money.h"
#include "core/time_zone.h"
#include "metrics/agent_lookup.h"
#include "metrics/case_rules.h"
#include "metrics/evidence.h"

namespace csperf::metrics {
namespace {

EvidenceRow Row(std::string kind, std::string when, std::string what, Wide num, Wide den) {
  return {std::move(kind), std::move(when), std::move(what), num, den, "", 0};
}

std::string Hours(int64_t seconds) { return FormatRounded(seconds, 3600, 3) + " h"; }

// ---- After-sales ----------------------------------------------------------------------

class CaseExplainer {
 public:
  CaseExplainer(const Context& c, Id agent) : c_(c), agent_(agent) {}

  void Explain(const std::string& m, Evidence* e) {
    if (m == "open_overdue") {
      for (const Case& k : c_.data.cases) {
        if (CaseAgent(c_.data, k) != agent_ || !OpenOverdue(c_, k)) continue;
        std::string what =
            Describe(k, nullptr) + fmt::format("; {} old at the period's end, SLA {}",
                                               Hours(c_.end - k.opened_at),
                                               Hours(*CaseSla(c_.settings, k)));
        e->rows.push_back(Row("case", Local(k.opened_at), std::move(what), 1, 0));
      }
      return;
    }

    std::vector<const Case*> closed;
    for (const Case& k : c_.data.cases) {
      if (CaseAgent(c_.data, k) == agent_ && ClosedInPeriod(c_, k)) closed.push_back(&k);
    }
    const std::unordered_map<std::string_view, CaseLog> logs = CaseLogs(c_.data, closed);
    const bool step_sla_set = AnyStepSlaSet(c_.settings);

    for (const Case* k : closed) {
      const CaseLog& log = logs.at(k->case_id);
      const int64_t seconds = *k->closed_at - k->opened_at;
      std::string what = Describe(*k, &log);
      Wide num = 1, den = 0;
      if (m == "handling_avg_h" || m == "handling_median_h") {
        num = seconds;  // seconds; the column prints hours
        den = 1;
      } else if (m == "sla_met_rate") {
        const bool met = MetSla(c_.settings, *k);
        const std::optional<int64_t> sla = CaseSla(c_.settings, *k);
        what += sla ? fmt::format("; SLA {} {}", Hours(*sla), met ? "met" : "missed")
                    : std::string("; no SLA for its type (met)");
        num = met ? 1 : 0;
        den = 1;
      } else if (m == "sop_compliance_rate") {
        const bool ok = FollowsSop(c_.settings, *k, log);
        auto sop = c_.settings.sop.find(k->type);
        what += sop == c_.settings.sop.end()
                    ? std::string("; no SOP for its type (complies)")
                    : fmt::format("; SOP {} {}", fmt::join(sop->second, " → "),
                                  ok ? "followed" : "not followed");
        num = ok ? 1 : 0;
        den = 1;
      } else if (m == "step_sla_met_rate") {
        if (!step_sla_set) {
          what += "; no step SLA is set (not counted)";
          num = 0;
          den = 0;
        } else {
          const bool ok = MeetsStepSla(c_.settings, *k, log);
          what += StepSlaNote(*k, log) + (ok ? "; step SLA met" : "; step SLA not met");
          num = ok ? 1 : 0;
          den = 1;
        }
      } else if (m == "reopened") {
        if (!Reopened(*k, log)) continue;
        what +=
            fmt::format("; event after closing: {} at {}", log.back()->step, Local(log.back()->at));
      }
      e->rows.push_back(Row("case", Local(*k->closed_at), std::move(what), num, den));
    }
  }

 private:
  std::string Local(Instant t) const { return FormatInstant(t, c_.zone); }

  // "R1001 return (shop, account): opened … → closed …, 26.500 h; steps: approve …, …"
  std::string Describe(const Case& k, const CaseLog* log) const {
    std::string what = k.case_id + " " + k.type;
    std::vector<std::string> where;
    if (k.shop != kNone) where.emplace_back(c_.data.shops.Get(k.shop));
    if (k.account != kNone) where.emplace_back(c_.data.accounts.Get(k.account));
    if (!where.empty()) what += fmt::format(" ({})", fmt::join(where, ", "));
    what += ": opened " + Local(k.opened_at);
    if (k.closed_at) {
      what +=
          fmt::format(" → closed {}, {}", Local(*k.closed_at), Hours(*k.closed_at - k.opened_at));
    } else {
      what += ", still open";
    }
    if (log != nullptr) {
      std::vector<std::string> steps;
      for (const CaseEvent* event : *log) steps.push_back(event->step + " " + Local(event->at));
      what += steps.empty() ? std::string("; no events")
                            : fmt::format("; steps: {}", fmt::join(steps, ", "));
    }
    return what;
  }

  // Each step_sla pair of the case's type with the time it took, or what is missing.
  std::string StepSlaNote(const Case& k, const CaseLog& log) const {
    auto it = c_.settings.step_sla.find(k.type);
    if (it == c_.settings.step_sla.end() || it->second.empty()) {
      return "; no step SLA for its type";
    }
    std::vector<std::string> pairs;
    for (const StepSla& pair : it->second) {
      const std::optional<Instant> from = FirstStepAt(k, log, pair.from);
      const std::optional<Instant> to = FirstStepAt(k, log, pair.to);
      std::string took = !from ? pair.from + " absent"
                         : !to ? pair.to + " absent"
                               : Hours(*to - *from);
      pairs.push_back(
          fmt::format("{} → {} within {}: {}", pair.from, pair.to, Hours(pair.limit_s), took));
    }
    return fmt::format("; {}", fmt::join(pairs, ", "));
  }

  const Context& c_;
  Id agent_;
};

// ---- Follow-ups -------------------------------------------------------------------------

void ExplainFollowups(const Context& c, Id agent, const std::string& m, Evidence* e) {
  for (const Followup& f : c.data.followups) {
    if (!c.period.Contains(f.due_date) || f.agent != agent) continue;
    const bool on_time = DoneOnTime(f, c.settings);
    std::string what = fmt::format("{} customer {}: due by {}", f.followup_id, f.customer_id,
                                   FormatInstant(f.due_at, c.zone));
    what += f.done_at ? fmt::format(", done {} ({})", FormatInstant(*f.done_at, c.zone),
                                    on_time ? "on time" : "late")
                      : std::string(", not done");
    if (f.quality) what += fmt::format(", quality {}", *f.quality);
    Wide num = 1, den = 0;
    if (m == "followups_done_on_time") {
      if (!on_time) continue;
    } else if (m == "followup_rate") {
      num = on_time ? 1 : 0;
      den = 1;
    } else if (m == "followup_quality_avg") {
      if (!f.done_at || !f.quality) continue;  // done and rated, on time or late
      num = *f.quality;
      den = 1;
    }
    e->rows.push_back(Row("followup", FormatDate(f.due_date), std::move(what), num, den));
  }
}

// ---- Incidents --------------------------------------------------------------------------

// Whether an incident of this kind and severity counts in the column.
bool IncidentInColumn(const std::string& m, const Incident& i) {
  static const std::map<std::string, std::string> kKindOf = {
      {"errors", "error"},
      {"complaints", "complaint"},
      {"bad_reviews", "bad_review"},
      {"praises", "praise"},
      {"suggestions_adopted", "suggestion_adopted"},
      {"trainings_completed", "training_completed"},
      {"errors_critical", "error"},
      {"complaints_critical", "complaint"},
      {"error_recovery_rate", "error"}};
  if (m == "loss_amount") return i.kind == "error" || i.kind == "complaint";
  auto it = kKindOf.find(m);
  if (it == kKindOf.end() || i.kind != it->second) return false;
  return !m.ends_with("_critical") || i.severity == "critical";
}

void ExplainIncidents(const Context& c, Id agent, const std::string& m, Evidence* e) {
  const AgentLookup agents(c.data);
  for (const Incident& i : c.data.incidents) {
    if (i.occurred_at < c.begin || i.occurred_at >= c.end) continue;
    if (agents.Find(i.agent_id) != agent || !IncidentInColumn(m, i)) continue;
    std::string what = fmt::format("{} {} {}", i.incident_id, i.kind, i.severity);
    if (i.loss_amount != 0) what += fmt::format(", loss ¥{}", FormatCents(i.loss_amount));
    if (i.kind == "error") what += i.recovered ? ", recovered" : ", not recovered";
    Wide num = m == "loss_amount"           ? Wide{i.loss_amount}  // cents
               : m == "error_recovery_rate" ? Wide{i.recovered ? 1 : 0}
                                            : Wide{1};
    Wide den = m == "error_recovery_rate" ? 1 : 0;
    if (i.is_void) {  // kept and shown, left out of every metric
      what += " (void: left out)";
      num = 0;
      den = 0;
    }
    e->rows.push_back(
        Row("incident", FormatInstant(i.occurred_at, c.zone), std::move(what), num, den));
  }
}

// ---- Attendance -------------------------------------------------------------------------

void ExplainAttendance(const Context& c, Id agent, const std::string& m, Evidence* e) {
  if (m == "days_employed") {
    const Agent& a = c.data.agents[static_cast<size_t>(agent)];
    const int64_t days = DaysEmployed(a, c.period);
    std::string when;
    if (days > 0) {
      const CivilDate from = a.hire_date ? std::max(*a.hire_date, c.period.first) : c.period.first;
      const CivilDate to = a.leave_date ? std::min(*a.leave_date, c.period.last) : c.period.last;
      when = FormatDate(from) + ".." + FormatDate(to);
    }
    e->rows.push_back(Row("agent", std::move(when),
                          fmt::format("{}: hire_date {}, leave_date {}", a.id,
                                      a.hire_date ? FormatDate(*a.hire_date) : "none",
                                      a.leave_date ? FormatDate(*a.leave_date) : "none"),
                          days, 0));
    return;
  }
  const AgentLookup agents(c.data);
  auto clock = [&](const std::optional<Instant>& t) {
    return t ? FormatInstant(*t, c.zone) : std::string("none");
  };
  for (const Shift& s : c.data.shifts) {
    if (!c.period.Contains(s.date) || agents.Find(s.agent_id) != agent) continue;
    const bool leave = s.status == "leave";
    const bool absent = s.status == "absent";
    const bool present = !leave && !absent;  // present, the default
    const bool late = present && ArrivedLate(s, c.settings);
    const bool early = present && LeftEarly(s);
    std::string what =
        fmt::format("{}: scheduled {} – {}, clock in {}, clock out {}",
                    present ? "present" : s.status, FormatInstant(s.scheduled_start, c.zone),
                    FormatInstant(s.scheduled_end, c.zone), clock(s.clock_in), clock(s.clock_out));
    if (late) what += fmt::format(", late by {}", FormatDuration(*s.clock_in - s.scheduled_start));
    if (early)
      what += fmt::format(", left {} early", FormatDuration(s.scheduled_end - *s.clock_out));
    Wide num = 1, den = 0;
    if (m == "late") {
      if (!late) continue;
    } else if (m == "early_leave") {
      if (!early) continue;
    } else if (m == "absent") {
      if (!absent) continue;
    } else if (m == "leave_days") {
      if (!leave) continue;
    } else if (m == "attendance_rate") {
      num = present ? 1 : 0;
      den = leave ? 0 : 1;  // leave is excused: it leaves the denominator
    }
    e->rows.push_back(Row("shift", FormatDate(s.date), std::move(what), num, den));
  }
}

// ---- Supervisors' records (the agent as a manager) ---------------------------------------

void ExplainSupervisor(const Context& c, Id agent, const std::string& m, Evidence* e) {
  const std::string& manager = c.data.agents[static_cast<size_t>(agent)].id;
  std::vector<const Agent*> reports;  // in agents' order, one per id
  std::unordered_map<std::string_view, const Agent*> report_of;
  for (const Agent& a : c.data.agents) {
    if (IsDirectReport(a, manager, c.period) && report_of.emplace(a.id, &a).second) {
      reports.push_back(&a);
    }
  }
  std::map<std::string_view, int64_t> coaching_of;  // coaching records per report
  for (const WorkRecord& r : c.data.work_records) {
    if (r.manager_id != manager || !c.period.Contains(r.date)) continue;
    auto report = report_of.find(r.agent_id);
    if (report == report_of.end()) continue;
    const bool coaching = r.kind == "coaching";
    if (coaching) ++coaching_of[report->first];
    if (m == "records" || (m == "coaching_records" && coaching)) {
      e->rows.push_back(
          Row("work_record", FormatDate(r.date),
              fmt::format("{} about {} ({})", r.kind, r.agent_id, report->second->name), 1, 0));
    }
  }
  if (m == "coaching_coverage") {
    for (const Agent* a : reports) {
      auto n = coaching_of.find(a->id);
      const int64_t count = n == coaching_of.end() ? 0 : n->second;
      e->rows.push_back(Row("agent", "",
                            fmt::format("{} ({}), direct report: {} coaching record{}", a->id,
                                        a->name, count, count == 1 ? "" : "s"),
                            count > 0 ? 1 : 0, 1));
    }
  }
}

}  // namespace

void RecordEvidence(const Context& c, Id agent, Family family, const std::string& metric,
                    Evidence* out) {
  switch (family) {
    case Family::kAfterSales:
      CaseExplainer(c, agent).Explain(metric, out);
      break;
    case Family::kFollowups:
      ExplainFollowups(c, agent, metric, out);
      break;
    case Family::kIncidents:
      ExplainIncidents(c, agent, metric, out);
      break;
    case Family::kAttendance:
      ExplainAttendance(c, agent, metric, out);
      break;
    case Family::kSupervisors:
      ExplainSupervisor(c, agent, metric, out);
      break;
    default:
      break;  // the chat families and the dimensions explain themselves elsewhere
  }
}

}  // namespace csperf::metrics
