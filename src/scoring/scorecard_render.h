// Scorecards as CSV (one row per agent, for payroll and spreadsheets), as JSON (everything),
// and as a readable text scorecard per agent.
#pragma once

#include <string>
#include <vector>

#include "scoring/scorecard.h"
#include "scoring/template.h"

namespace csperf::scoring {

std::string RenderScorecardsCsv(const std::vector<Scorecard>& cards,
                                const std::vector<Template>& templates);
std::string RenderScorecardsJson(const std::vector<Scorecard>& cards);
std::string RenderScorecardsText(const std::vector<Scorecard>& cards);

}  // namespace csperf::scoring
