// Forced distribution (强制分布) and ranking over the scorecards of one template in one cycle
// (scoring.md, "forced distribution").
//
// Groups. Without split_by_team the group is every scorecard given (key ""); with it, one
// group per team_id. A group whose counted agents number fewer than min_group is pooled with
// the template's other small groups (key "pooled"); a pool still smaller than min_group (or a
// lone small group) is exempt: nobody in it moves.
//
// Counted. Probation agents, vetoed agents and unscored agents (no total) are members of their
// group — they are ranked and keep their grades — but are outside the count: they are not in n
// and never move.
//
// Rank order. Total descending (the exact total, not the rounded one), then agent_id ascending
// (byte order): a strict order, so every decision is deterministic. When a cap or floor
// boundary falls inside a tie in total, the agent with the greater agent_id moves first; the
// scorecard shows both totals equal and the moved one marked. Members without a total come
// last.
//
// Rank shown. Competition ranking on the exact total over the group's members with a total
// ("1, 2, 2, 4"): equal totals share a rank. Members without a total have rank 0.
//
// Moves, among counted agents only, repeated over every cap then every floor until nothing
// moves (every move is a demotion, so this ends):
//   cap (grades G, share s): at most ⌊s × n⌋ agents in G. While there are more, the
//     lowest-ranked agent in G moves to the best grade below its own that is not in G.
//   floor (grades G, share s): at least ⌈s × n⌉ agents in G. While there are fewer, the
//     lowest-ranked agent whose grade is better than every grade of G moves to the best grade
//     of G (a floor never promotes).
// A moved card keeps grade_before_distribution, is marked moved_by_distribution, and its
// coefficient and pay are recomputed. Results are grades, never grounds for dismissal.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scoring/scorecard.h"
#include "scoring/template.h"

namespace csperf::scoring {

struct LimitOutcome {
  DistributionLimit limit;
  bool cap = true;     // false: a floor
  int64_t bound = 0;   // ⌊s × n⌋ for a cap, ⌈s × n⌉ for a floor
  int64_t before = 0;  // counted agents in the grades before distribution
  int64_t after = 0;   // and after
  bool met = true;     // false: a floor that could not be reached (nobody left to move)
};

struct DistributionGroup {
  std::string key;              // "", a team_id, or "pooled"
  std::vector<size_t> members;  // indexes into the scorecards, in rank order
  int64_t counted = 0;          // n
  bool exempt = false;          // smaller than min_group
  std::vector<LimitOutcome> limits;
  int moves = 0;
};

// Strict rank order: total descending, then agent_id ascending; no total last.
bool RanksBefore(const Scorecard& a, const Scorecard& b);

// Groups, ranks and (when the template has a distribution) applies it to the cards, which are
// the scorecards of agents of template `t` in one cycle. Calling it again starts over from the
// grades before distribution. Without a distribution the cards are ranked as one group.
std::vector<DistributionGroup> ApplyDistribution(const Template& t, std::vector<Scorecard>* cards);

}  // namespace csperf::scoring
