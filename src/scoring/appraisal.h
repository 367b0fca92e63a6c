// Scoring a period: each agent with the template that applies to them (a team-list template
// wins over a position template), their metrics and their team's, then the forced
// distribution of each template's group.
#pragma once

#include <vector>

#include "core/problem.h"
#include "metrics/context.h"
#include "metrics/report.h"
#include "scoring/scorecard.h"
#include "scoring/template.h"

namespace csperf::scoring {

// Which template applies to each agent (index into `templates`, or -1 for none). An agent
// matched by two templates of the same kind is a problem naming both files.
Result<std::vector<int>> AssignTemplates(const metrics::Dataset& data,
                                         const std::vector<Template>& templates);

// The metrics reports ScorePeriod reads (an agent's row and their manager's): all it needs
// of the messages, so a caller may let them stream past (metrics/chat_stream.h).
inline std::vector<metrics::Grouping> ScorePeriodGroupings() {
  return {metrics::Grouping::kAgent, metrics::Grouping::kManager};
}

// Scorecards of every agent a template applies to, in the agents file's order.
Result<std::vector<Scorecard>> ScorePeriod(const metrics::Context& c,
                                           const std::vector<Template>& templates);

}  // namespace csperf::scoring
