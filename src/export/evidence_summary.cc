#include "export/evidence_summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "metrics/agent_lookup.h"

namespace csperf::exporting {
namespace {

struct KindNames {
  const char* zh;
  const char* en_one;
  const char* en_many;
};

// The kinds of record metrics/evidence.cc lists.
const std::map<std::string, KindNames, std::less<>>& Kinds() {
  static const std::map<std::string, KindNames, std::less<>> kinds = {
      {"session", {"会话", "session", "sessions"}},
      {"wait", {"等待", "wait", "waits"}},
      {"order", {"订单", "order", "orders"}},
      {"rating", {"评价", "rating", "ratings"}},
      {"customer", {"询单顾客", "customer", "customers"}},
      {"case", {"售后单", "case", "cases"}},
      {"followup", {"回访", "follow-up", "follow-ups"}},
      {"incident", {"事件", "incident", "incidents"}},
      {"agent", {"人员", "person", "people"}},
      {"shift", {"班次", "shift", "shifts"}},
      {"work_record", {"工作记录", "work record", "work records"}},
      {"assessment", {"评估", "assessment", "assessments"}},
      {"qa_review", {"质检", "QA review", "QA reviews"}},
  };
  return kinds;
}

std::string KindNameEn(const std::string& kind, int64_t n) {
  auto it = Kinds().find(kind);
  if (it == Kinds().end()) return kind;
  return n == 1 ? it->second.en_one : it->second.en_many;
}

// "2024-01-05" at the start of `text` (digits and dashes in the right places).
bool StartsWithDate(std::string_view text) {
  if (text.size() < 10) return false;
  for (size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? text[i] != '-' : (text[i] < '0' || text[i] > '9')) return false;
  }
  return true;
}

// The days a row's `when` names: a time or a date gives its day; "a..b" gives both ends.
void AddDays(std::string_view when, std::string* first, std::string* last) {
  auto add = [&](std::string_view day) {
    if (!StartsWithDate(day)) return;
    const std::string d(day.substr(0, 10));
    if (first->empty() || d < *first) *first = d;
    if (last->empty() || d > *last) *last = d;
  };
  add(when);
  if (const size_t dots = when.find(".."); dots != std::string_view::npos) {
    add(when.substr(dots + 2));
  }
}

// The supervisors' own columns (metrics.md, "Supervisors' records"): a manager row carries the
// manager's own, not the reports' pooled records.
bool IsSupervisorColumn(const std::string& metric) {
  return metric == "records" || metric == "coaching_records" || metric == "coaching_coverage";
}

std::string DaysZh(const EvidenceSummary& s) {
  if (s.first_date.empty()) return "";
  if (s.first_date == s.last_date) return "，" + s.first_date;
  return "，" + s.first_date + " 至 " + s.last_date;
}

std::string DaysEn(const EvidenceSummary& s) {
  if (s.first_date.empty()) return "";
  if (s.first_date == s.last_date) return ", " + s.first_date;
  return ", " + s.first_date + " – " + s.last_date;
}

}  // namespace

std::string KindNameZh(const std::string& kind) {
  auto it = Kinds().find(kind);
  return it == Kinds().end() ? kind : it->second.zh;
}

EvidenceSummary SummarizeRows(const std::vector<metrics::EvidenceRow>& rows) {
  EvidenceSummary s;
  s.records = static_cast<int64_t>(rows.size());
  for (const metrics::EvidenceRow& r : rows) {
    auto it = std::find_if(s.kinds.begin(), s.kinds.end(),
                           [&](const auto& k) { return k.first == r.kind; });
    if (it == s.kinds.end()) {
      s.kinds.emplace_back(r.kind, 1);
    } else {
      ++it->second;
    }
    AddDays(r.when, &s.first_date, &s.last_date);
  }
  return s;
}

EvidenceSummary SummarizeEvidence(const metrics::Context& c, const std::string& agent_id,
                                  const std::string& metric, scoring::Scope scope) {
  std::vector<std::string> whose;
  const bool team = scope == scoring::Scope::kTeam && !IsSupervisorColumn(metric);
  if (team) {
    std::set<std::string> seen;
    for (const metrics::Agent& a : c.data.agents) {
      if (metrics::IsDirectReport(a, agent_id, c.period) && seen.insert(a.id).second) {
        whose.push_back(a.id);
      }
    }
  } else {
    whose.push_back(agent_id);
  }
  std::vector<metrics::EvidenceRow> rows;
  for (const std::string& id : whose) {
    auto evidence = metrics::BuildEvidence(c, id, metric);
    if (!evidence.ok()) {
      EvidenceSummary failed;
      failed.available = false;
      failed.reason = evidence.problem().ToString();
      return failed;
    }
    for (metrics::EvidenceRow& r : evidence->rows) rows.push_back(std::move(r));
  }
  EvidenceSummary s = SummarizeRows(rows);
  if (team) s.people = static_cast<int64_t>(whose.size());
  return s;
}

std::string EvidenceTextZh(const EvidenceSummary& s) {
  if (!s.available) return "无法列出记录：" + s.reason;
  const std::string who = s.people > 0 ? fmt::format("团队 {} 人，", s.people) : "";
  if (s.records == 0) return who + "无记录";
  std::string kinds;
  if (s.kinds.size() == 1) {
    kinds = "（" + KindNameZh(s.kinds[0].first) + "）";
  } else {
    for (const auto& [kind, n] : s.kinds) {
      kinds += (kinds.empty() ? "（" : "、") + KindNameZh(kind) + " " + std::to_string(n);
    }
    kinds += "）";
  }
  return fmt::format("{}基于 {} 条记录{}{}", who, s.records, kinds, DaysZh(s));
}

std::string EvidenceTextEn(const EvidenceSummary& s) {
  if (!s.available) return "records unavailable";
  const std::string who = s.people > 0 ? fmt::format("team of {}: ", s.people) : "";
  if (s.records == 0) return who + "no records";
  std::string kinds;
  for (const auto& [kind, n] : s.kinds) {
    kinds += (kinds.empty() ? " (" : ", ") + std::to_string(n) + " " + KindNameEn(kind, n);
  }
  if (!kinds.empty()) kinds += ")";
  return fmt::format("{}{} record{}{}{}", who, s.records, s.records == 1 ? "" : "s", kinds,
                     DaysEn(s));
}

std::string IndicatorNoteZh(const scoring::IndicatorScore& i) {
  std::string note;
  if (i.missing) {
    note = "无数据";
  } else if (i.insufficient_sample) {
    note = fmt::format("样本 {} 少于最低 {}", i.sample, i.min_sample);
  }
  switch (i.status) {
    case scoring::IndicatorStatus::kScored:
      break;
    case scoring::IndicatorStatus::kExcluded:
      note += "，不计分";
      break;
    case scoring::IndicatorStatus::kZero:
      note += "，按 0 分计";
      break;
    case scoring::IndicatorStatus::kFixed:
      note += "，按固定分 " + i.points.ToString(2) + " 计";
      break;
  }
  return note;
}

std::string IndicatorNoteEn(const scoring::IndicatorScore& i) {
  std::string note;
  if (i.missing) {
    note = "no data";
  } else if (i.insufficient_sample) {
    note = fmt::format("sample {} < min {}", i.sample, i.min_sample);
  }
  switch (i.status) {
    case scoring::IndicatorStatus::kScored:
      break;
    case scoring::IndicatorStatus::kExcluded:
      note += ", left out";
      break;
    case scoring::IndicatorStatus::kZero:
      note += ", scored 0";
      break;
    case scoring::IndicatorStatus::kFixed:
      note += ", fixed " + i.points.ToString(2);
      break;
  }
  return note;
}

}  // namespace csperf::exporting
