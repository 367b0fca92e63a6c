// `csperf whatif`: a draft template next to the one in use — every agent's total, grade and
// rank under both, sorted by how much the draft would change them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/problem.h"
#include "metrics/context.h"
#include "scoring/rational.h"
#include "scoring/template.h"

namespace csperf::scoring {

struct WhatIfRow {
  std::string agent_id;
  std::string name;
  std::optional<Rational> baseline_total, draft_total;
  std::string baseline_grade, draft_grade;
  int baseline_rank = 0, draft_rank = 0;
  Cents baseline_pay = 0, draft_pay = 0;
  Rational change;  // draft − baseline total (a missing total counts as 0)
};

// Agents scored by either template, the largest change (in absolute value) first; ties by
// agent id.
Result<std::vector<WhatIfRow>> CompareTemplates(const metrics::Context& c, const Template& baseline,
                                                const Template& draft);

std::string RenderWhatIfCsv(const std::vector<WhatIfRow>& rows);

}  // namespace csperf::scoring
