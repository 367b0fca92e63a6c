#include "scoring/distribution.h"

#include <algorithm>
#include <map>
#include <set>

namespace csperf::scoring {
namespace {

bool Counted(const Scorecard& c) {
  return !c.probation && !c.vetoed() && c.total.has_value() && !c.grade.empty();
}

std::set<size_t> GradeSet(const Template& t, const DistributionLimit& limit) {
  std::set<size_t> s;
  for (const std::string& g : limit.grades) {
    const size_t i = GradeIndex(t, g);
    if (i < t.grades.size()) s.insert(i);
  }
  return s;
}

int64_t CountIn(const Template& t, const std::vector<Scorecard>& cards,
                const std::vector<size_t>& counted, const std::set<size_t>& grades) {
  int64_t n = 0;
  for (size_t i : counted) n += grades.count(GradeIndex(t, cards[i].grade)) ? 1 : 0;
  return n;
}

void Move(const Template& t, Scorecard* card, size_t to) {
  card->grade = t.grades[to].grade;
  card->coefficient = t.grades[to].coefficient;
}

// One pass of a cap; returns how many agents moved.
int ApplyCap(const Template& t, std::vector<Scorecard>& cards, const std::vector<size_t>& counted,
             const std::set<size_t>& grades, int64_t allowed) {
  int moves = 0;
  int64_t in = CountIn(t, cards, counted, grades);
  for (size_t k = counted.size(); k-- > 0 && in > allowed;) {
    Scorecard& c = cards[counted[k]];
    const size_t g = GradeIndex(t, c.grade);
    if (!grades.count(g)) continue;
    size_t to = g + 1;
    while (to < t.grades.size() && grades.count(to)) ++to;
    if (to >= t.grades.size()) continue;  // no grade below the capped ones
    Move(t, &c, to);
    --in;
    ++moves;
  }
  return moves;
}

int ApplyFloor(const Template& t, std::vector<Scorecard>& cards, const std::vector<size_t>& counted,
               const std::set<size_t>& grades, int64_t required) {
  if (grades.empty()) return 0;
  const size_t into = *grades.begin();
  int moves = 0;
  int64_t in = CountIn(t, cards, counted, grades);
  for (size_t k = counted.size(); k-- > 0 && in < required;) {
    Scorecard& c = cards[counted[k]];
    if (GradeIndex(t, c.grade) >= into) continue;
    Move(t, &c, into);
    ++in;
    ++moves;
  }
  return moves;
}

void Rank(std::vector<Scorecard>& cards, const std::vector<size_t>& members) {
  int position = 0;
  const Rational* previous = nullptr;
  int previous_rank = 0;
  for (size_t i : members) {
    Scorecard& c = cards[i];
    if (!c.total) {
      c.rank = 0;
      continue;
    }
    ++position;
    c.rank = (previous != nullptr && *previous == *c.total) ? previous_rank : position;
    previous = &*c.total;
    previous_rank = c.rank;
  }
}

void Distribute(const Template& t, const Distribution& d, std::vector<Scorecard>& cards,
                DistributionGroup* group) {
  std::vector<size_t> counted;  // in rank order
  for (size_t i : group->members) {
    if (Counted(cards[i])) counted.push_back(i);
  }
  const int64_t n = static_cast<int64_t>(counted.size());
  struct Limit {
    std::set<size_t> grades;
    int64_t bound;
  };
  std::vector<Limit> caps;
  std::vector<Limit> floors;
  for (const DistributionLimit& cap : d.caps) {
    const int64_t bound =
        static_cast<int64_t>((static_cast<Wide>(cap.share) * n) / kMicrosPerUnit);  // ⌊s·n⌋
    caps.push_back({GradeSet(t, cap), bound});
    group->limits.push_back({cap, true, bound, CountIn(t, cards, counted, caps.back().grades)});
  }
  for (const DistributionLimit& floor : d.floors) {
    const Wide scaled = static_cast<Wide>(floor.share) * n;
    const int64_t bound =
        static_cast<int64_t>((scaled + kMicrosPerUnit - 1) / kMicrosPerUnit);  // ⌈s·n⌉
    floors.push_back({GradeSet(t, floor), bound});
    group->limits.push_back(
        {floor, false, bound, CountIn(t, cards, counted, floors.back().grades)});
  }
  // Every move is a demotion, so the passes end; the bound guards against a mistake.
  const size_t max_passes = t.grades.size() * (counted.size() + 1) + 1;
  for (size_t pass = 0; pass < max_passes; ++pass) {
    int moved = 0;
    for (const Limit& cap : caps) moved += ApplyCap(t, cards, counted, cap.grades, cap.bound);
    for (const Limit& floor : floors) {
      moved += ApplyFloor(t, cards, counted, floor.grades, floor.bound);
    }
    group->moves += moved;
    if (moved == 0) break;
  }
  size_t k = 0;
  for (const Limit& cap : caps) {
    LimitOutcome& out = group->limits[k++];
    out.after = CountIn(t, cards, counted, cap.grades);
    out.met = out.after <= cap.bound;
  }
  for (const Limit& floor : floors) {
    LimitOutcome& out = group->limits[k++];
    out.after = CountIn(t, cards, counted, floor.grades);
    out.met = out.after >= floor.bound;
  }
}

}  // namespace

bool RanksBefore(const Scorecard& a, const Scorecard& b) {
  if (a.total.has_value() != b.total.has_value()) return a.total.has_value();
  if (a.total && *a.total != *b.total) return *a.total > *b.total;
  return a.agent_id < b.agent_id;
}

std::vector<DistributionGroup> ApplyDistribution(const Template& t,
                                                 std::vector<Scorecard>* cards_ptr) {
  std::vector<Scorecard>& cards = *cards_ptr;
  // Start over from the grades before distribution.
  for (Scorecard& c : cards) {
    if (c.moved_by_distribution || c.grade != c.grade_before_distribution) {
      c.grade = c.grade_before_distribution;
      c.coefficient = CoefficientOf(t, c.grade);
      c.moved_by_distribution = false;
      ComputePay(t, &c);
    }
    c.group.clear();
    c.in_distribution = false;
    c.distribution_exempt = false;
    c.rank = 0;
  }

  const std::optional<Distribution>& d = t.distribution;
  std::map<std::string, std::vector<size_t>> by_key;
  for (size_t i = 0; i < cards.size(); ++i) {
    by_key[d && d->split_by_team ? cards[i].team_id : std::string()].push_back(i);
  }
  std::vector<DistributionGroup> groups;
  DistributionGroup pooled;
  pooled.key = "pooled";
  int pooled_from = 0;
  for (auto& [key, members] : by_key) {
    int64_t counted = 0;
    for (size_t i : members) counted += Counted(cards[i]) ? 1 : 0;
    if (d && counted < d->min_group && d->split_by_team) {
      pooled.members.insert(pooled.members.end(), members.begin(), members.end());
      ++pooled_from;
      continue;
    }
    DistributionGroup g;
    g.key = key;
    g.members = members;
    g.counted = counted;
    g.exempt = d && counted < d->min_group;
    groups.push_back(std::move(g));
  }
  if (pooled_from == 1) {
    // A lone small group has nothing to pool with: it is exempt under its own key.
    pooled.key = cards[pooled.members.front()].team_id;
  }
  if (pooled_from > 0) {
    for (size_t i : pooled.members) pooled.counted += Counted(cards[i]) ? 1 : 0;
    pooled.exempt = pooled.counted < d->min_group;
    groups.push_back(std::move(pooled));
  }

  for (DistributionGroup& g : groups) {
    std::sort(g.members.begin(), g.members.end(),
              [&](size_t a, size_t b) { return RanksBefore(cards[a], cards[b]); });
    for (size_t i : g.members) {
      cards[i].group = g.key;
      cards[i].distribution_exempt = g.exempt;
      cards[i].in_distribution = Counted(cards[i]) && d && !g.exempt;
    }
    Rank(cards, g.members);
    if (d && !g.exempt) Distribute(t, *d, cards, &g);
  }
  for (Scorecard& c : cards) {
    c.moved_by_distribution = c.grade != c.grade_before_distribution;
    if (c.moved_by_distribution) ComputePay(t, &c);
  }
  return groups;
}

}  // namespace csperf::scoring
