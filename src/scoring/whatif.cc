#include "scoring/whatif.h"

#include <algorithm>
#include <map>

#include "io/csv_writer.h"
#include "scoring/appraisal.h"

namespace csperf::scoring {

Result<std::vector<WhatIfRow>> CompareTemplates(const metrics::Context& c, const Template& baseline,
                                                const Template& draft) {
  auto before = ScorePeriod(c, {baseline});
  if (!before.ok()) return before.problem();
  auto after = ScorePeriod(c, {draft});
  if (!after.ok()) return after.problem();
  std::map<std::string, WhatIfRow> rows;
  for (const Scorecard& card : *before) {
    WhatIfRow& r = rows[card.agent_id];
    r.agent_id = card.agent_id;
    r.name = card.name;
    r.baseline_total = card.total;
    r.baseline_grade = card.grade;
    r.baseline_rank = card.rank;
    r.baseline_pay = card.pay_total;
  }
  for (const Scorecard& card : *after) {
    WhatIfRow& r = rows[card.agent_id];
    r.agent_id = card.agent_id;
    r.name = card.name;
    r.draft_total = card.total;
    r.draft_grade = card.grade;
    r.draft_rank = card.rank;
    r.draft_pay = card.pay_total;
  }
  std::vector<WhatIfRow> out;
  for (auto& [id, r] : rows) {
    r.change = r.draft_total.value_or(Rational(0)) - r.baseline_total.value_or(Rational(0));
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const WhatIfRow& a, const WhatIfRow& b) {
    auto magnitude = [](const Rational& r) { return r < Rational(0) ? -r : r; };
    return magnitude(a.change) > magnitude(b.change);
  });
  return out;
}

std::string RenderWhatIfCsv(const std::vector<WhatIfRow>& rows) {
  auto total = [](const std::optional<Rational>& t) { return t ? t->ToString(2) : std::string(); };
  auto rank = [](int r) { return r > 0 ? std::to_string(r) : std::string(); };
  std::string out =
      CsvLine({"agent_id", "name", "baseline_total", "draft_total", "change", "baseline_grade",
               "draft_grade", "baseline_rank", "draft_rank", "baseline_pay", "draft_pay"}) +
      "\n";
  for (const WhatIfRow& r : rows) {
    out += CsvLine({r.agent_id, r.name, total(r.baseline_total), total(r.draft_total),
                    r.change.ToString(2), r.baseline_grade, r.draft_grade, rank(r.baseline_rank),
                    rank(r.draft_rank), FormatCents(r.baseline_pay), FormatCents(r.draft_pay)}) +
           "\n";
  }
  return out;
}

}  // namespace csperf::scoring
