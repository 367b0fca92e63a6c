#include "scoring/appraisal.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "metrics/report.h"
#include "scoring/distribution.h"

namespace csperf::scoring {
namespace {

using ValueMap = std::map<std::string, metrics::MetricValue>;

std::map<std::string, ValueMap> ValuesByRow(const metrics::Report& report) {
  std::map<std::string, ValueMap> rows;
  for (const metrics::ReportRow& row : report.rows) {
    ValueMap& values = rows[row.key];
    for (const auto& [name, value] : row.columns) values[name] = value;
  }
  return rows;
}

}  // namespace

Result<std::vector<int>> AssignTemplates(const metrics::Dataset& data,
                                         const std::vector<Template>& templates) {
  std::vector<int> assigned(data.agents.size(), -1);
  for (size_t a = 0; a < data.agents.size(); ++a) {
    const metrics::Agent& agent = data.agents[a];
    int by_team = -1, by_position = -1;
    for (size_t t = 0; t < templates.size(); ++t) {
      const Template& tpl = templates[t];
      const bool team_match = !tpl.teams.empty() && std::find(tpl.teams.begin(), tpl.teams.end(),
                                                              agent.team) != tpl.teams.end();
      const bool position_match =
          tpl.teams.empty() && tpl.position && *tpl.position == agent.position;
      int* slot = team_match ? &by_team : position_match ? &by_position : nullptr;
      if (!slot) continue;
      if (*slot >= 0) {
        return MakeProblem(fmt::format("agent {} is matched by two {} templates: {} and {}",
                                       agent.id, team_match ? "team-list" : "position",
                                       templates[static_cast<size_t>(*slot)].file, tpl.file),
                           {}, Place{tpl.file, 0, 0, "applies_to"});
      }
      *slot = static_cast<int>(t);
    }
    assigned[a] = by_team >= 0 ? by_team : by_position;
  }
  return assigned;
}

Result<std::vector<Scorecard>> ScorePeriod(const metrics::Context& c,
                                           const std::vector<Template>& templates) {
  auto assigned = AssignTemplates(c.data, templates);
  if (!assigned.ok()) return assigned.problem();
  const auto self = ValuesByRow(metrics::BuildReport(c, metrics::Grouping::kAgent));
  const auto team = ValuesByRow(metrics::BuildReport(c, metrics::Grouping::kManager));
  std::vector<std::vector<Scorecard>> by_template(templates.size());
  for (size_t a = 0; a < c.data.agents.size(); ++a) {
    const int t = (*assigned)[a];
    if (t < 0) continue;
    const metrics::Agent& agent = c.data.agents[a];
    AgentInputs in;
    in.agent_id = agent.id;
    in.name = agent.name;
    in.team_id = agent.team;
    if (auto it = self.find(agent.id); it != self.end()) in.self = it->second;
    if (auto it = team.find(agent.id); it != team.end()) in.team = it->second;
    in.probation = agent.probation;
    in.base_bonus = agent.base_bonus;
    if (auto it = in.self.find("days_employed"); it != in.self.end() && !it->second.empty) {
      in.days_employed = static_cast<int64_t>(it->second.num / it->second.den);
    }
    in.days_in_period = c.period.days();
    by_template[static_cast<size_t>(t)].push_back(
        ScoreAgent(templates[static_cast<size_t>(t)], in));
  }
  for (size_t t = 0; t < templates.size(); ++t) ApplyDistribution(templates[t], &by_template[t]);
  // Back into the agents file's order.
  std::map<std::string, Scorecard> cards;
  for (auto& group : by_template) {
    for (Scorecard& card : group) cards.emplace(card.agent_id, std::move(card));
  }
  std::vector<Scorecard> out;
  for (const metrics::Agent& agent : c.data.agents) {
    auto it = cards.find(agent.id);
    if (it != cards.end()) out.push_back(std::move(it->second));
  }
  return out;
}

}  // namespace csperf::scoring
