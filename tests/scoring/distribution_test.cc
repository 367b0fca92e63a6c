#include "scoring/distribution.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace csperf::scoring {
namespace {

using metrics::MetricValue;

constexpr Micros U(int64_t units) { return units * kMicrosPerUnit; }
constexpr Micros Pct(int64_t percent) { return percent * 10000; }

// One rating indicator: the total is the "score" value. S ≥ 95, A ≥ 85, B ≥ 75, C ≥ 60, D.
Template BaseTemplate() {
  Template t;
  t.id = "dist";
  Indicator ind;
  ind.id = "score";
  ind.metric = "score";
  ind.weight = U(100);
  ind.rule = RatingRule{};
  Section s;
  s.id = "all";
  s.weight = U(100);
  s.indicators = {ind};
  t.sections = {s};
  t.grades = {{"S", U(95), 1500000},
              {"A", U(85), 1200000},
              {"B", U(75), U(1)},
              {"C", U(60), 800000},
              {"D", 0, 500000}};
  t.vetoes = {{"complaints_critical", Comparison::kGreater, 0, "complaints_critical > 0",
               "重大投诉", "critical complaint", std::nullopt},
              {"absent", Comparison::kGreaterEqual, U(2), "absent >= 2", "旷工", "absent", "C"}};
  return t;
}

// S ≤ 10 %, S+A ≤ 30 %, D ≥ 5 %.
Distribution Standard(int min_group) {
  Distribution d;
  d.caps = {{{"S"}, Pct(10)}, {{"S", "A"}, Pct(30)}};
  d.floors = {{{"D"}, Pct(5)}};
  d.min_group = min_group;
  return d;
}

struct Spec {
  std::string id;
  int64_t total;
  std::string team = "";
  bool probation = false;
  std::map<std::string, MetricValue> extra = {};
};

std::vector<Scorecard> Cards(const Template& t, const std::vector<Spec>& specs) {
  std::vector<Scorecard> cards;
  for (const Spec& s : specs) {
    AgentInputs in;
    in.agent_id = s.id;
    in.team_id = s.team;
    in.probation = s.probation;
    in.base_bonus = 10000;
    in.self = s.extra;
    if (s.total >= 0) in.self["score"] = MetricValue::Whole(s.total, 1);
    cards.push_back(ScoreAgent(t, in));
  }
  return cards;
}

const Scorecard& Find(const std::vector<Scorecard>& cards, const std::string& id) {
  for (const Scorecard& c : cards) {
    if (c.agent_id == id) return c;
  }
  throw std::runtime_error("no card " + id);
}

std::string Grades(const std::vector<Scorecard>& cards) {
  std::string s;
  for (const Scorecard& c : cards) s += c.grade;
  return s;
}

TEST(ScoringDistribution, GroupOfSevenCapsAndFloor) {
  Template t = BaseTemplate();
  t.distribution = Standard(5);
  std::vector<Scorecard> cards =
      Cards(t, {{"a", 98}, {"b", 96}, {"c", 90}, {"d", 88}, {"e", 86}, {"f", 80}, {"g", 70}});
  EXPECT_EQ(Grades(cards), "SSAAABC");
  const auto groups = ApplyDistribution(t, &cards);
  // n = 7. S ≤ ⌊0.7⌋ = 0: a and b go down to A. S+A ≤ ⌊2.1⌋ = 2: of a, b, c, d, e the lowest
  // ranked three (e, d, c) go down to B. D ≥ ⌈0.35⌉ = 1: g, the lowest above D, goes down.
  EXPECT_EQ(Grades(cards), "AABBBBD");
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].counted, 7);
  EXPECT_FALSE(groups[0].exempt);
  EXPECT_EQ(groups[0].moves, 6);
  ASSERT_EQ(groups[0].limits.size(), 3u);
  EXPECT_EQ(groups[0].limits[0].bound, 0);
  EXPECT_EQ(groups[0].limits[0].before, 2);
  EXPECT_EQ(groups[0].limits[0].after, 0);
  EXPECT_EQ(groups[0].limits[1].bound, 2);
  EXPECT_EQ(groups[0].limits[1].before, 5);
  EXPECT_EQ(groups[0].limits[1].after, 2);
  EXPECT_FALSE(groups[0].limits[2].cap);
  EXPECT_EQ(groups[0].limits[2].bound, 1);
  EXPECT_EQ(groups[0].limits[2].after, 1);
  EXPECT_TRUE(groups[0].limits[2].met);
  const Scorecard& a = Find(cards, "a");
  EXPECT_TRUE(a.moved_by_distribution);
  EXPECT_EQ(a.grade_before_distribution, "S");
  EXPECT_EQ(a.coefficient, 1200000);
  EXPECT_EQ(a.bonus_amount, 12000);  // recomputed with A's 1.2
  EXPECT_EQ(a.rank, 1);
  const Scorecard& f = Find(cards, "f");
  EXPECT_FALSE(f.moved_by_distribution);
  EXPECT_EQ(f.rank, 6);
  const Scorecard& g = Find(cards, "g");
  EXPECT_TRUE(g.moved_by_distribution);
  EXPECT_EQ(g.grade_before_distribution, "C");
  EXPECT_EQ(g.bonus_amount, 5000);  // D's 0.5
  EXPECT_EQ(g.rank, 7);
  EXPECT_TRUE(g.in_distribution);

  // With the default min_group of 10, seven agents are exempt.
  t.distribution = Standard(10);
  const auto exempt = ApplyDistribution(t, &cards);  // starts over from the earned grades
  EXPECT_EQ(Grades(cards), "SSAAABC");
  EXPECT_TRUE(exempt[0].exempt);
  EXPECT_TRUE(cards[0].distribution_exempt);
  EXPECT_FALSE(cards[0].moved_by_distribution);
  EXPECT_EQ(cards[0].bonus_amount, 15000);
}

TEST(ScoringDistribution, TiesAcrossACapBreakByAgentId) {
  Template t = BaseTemplate();
  Distribution d;
  d.caps = {{{"S"}, Pct(20)}};  // 2 of 10
  t.distribution = d;
  std::vector<Scorecard> cards = Cards(t, {{"a3", 97},
                                           {"a1", 97},
                                           {"a2", 97},
                                           {"b", 90},
                                           {"c", 88},
                                           {"d", 80},
                                           {"e", 78},
                                           {"f", 70},
                                           {"g", 65},
                                           {"h", 50}});
  ApplyDistribution(t, &cards);
  // Three tie at 97 for two S places: rank order is total, then agent id: a1, a2, a3.
  EXPECT_EQ(Find(cards, "a1").grade, "S");
  EXPECT_EQ(Find(cards, "a2").grade, "S");
  EXPECT_EQ(Find(cards, "a3").grade, "A");
  EXPECT_TRUE(Find(cards, "a3").moved_by_distribution);
  // They still share the rank (competition ranking): 1, 1, 1, 4.
  EXPECT_EQ(Find(cards, "a1").rank, 1);
  EXPECT_EQ(Find(cards, "a3").rank, 1);
  EXPECT_EQ(Find(cards, "b").rank, 4);
  EXPECT_EQ(Find(cards, "h").rank, 10);
  // Input order does not matter.
  std::vector<Scorecard> reversed(cards.rbegin(), cards.rend());
  ApplyDistribution(t, &reversed);
  EXPECT_EQ(Find(reversed, "a3").grade, "A");
  EXPECT_EQ(Find(reversed, "a1").grade, "S");
}

TEST(ScoringDistribution, AFloorOnSeveralGradesDemotesIntoTheBestOfThem) {
  Template t = BaseTemplate();
  Distribution d;
  d.floors = {{{"C", "D"}, Pct(40)}};  // at least 4 of 10 in C or D
  t.distribution = d;
  std::vector<Scorecard> cards = Cards(t, {{"a", 96},
                                           {"b", 90},
                                           {"c", 88},
                                           {"d", 86},
                                           {"e", 80},
                                           {"f", 78},
                                           {"g", 76},
                                           {"h", 70},
                                           {"i", 50},
                                           {"j", 40}});
  EXPECT_EQ(Grades(cards), "SAAABBBCDD");
  ApplyDistribution(t, &cards);
  // C+D holds 3 < ⌈4.0⌉: g (76, the lowest above C) goes down to C.
  EXPECT_EQ(Grades(cards), "SAAABBCCDD");
  EXPECT_TRUE(Find(cards, "g").moved_by_distribution);
  EXPECT_EQ(Find(cards, "g").coefficient, 800000);
}

TEST(ScoringDistribution, VetoedAndProbationAgentsAreOutsideTheCount) {
  Template t = BaseTemplate();
  t.distribution = Standard(10);
  std::vector<Scorecard> cards =
      Cards(t, {{"c0", 97},
                {"c1", 93},
                {"c2", 91},
                {"c3", 89},
                {"c4", 84},
                {"c5", 82},
                {"c6", 80},
                {"c7", 78},
                {"c8", 70},
                {"c9", 66},
                {"p", 99, "", true},  // probation: S
                {"v1", 96, "", false, {{"complaints_critical", MetricValue::Count(1)}}},  // total 0
                {"v2", 92, "", false, {{"absent", MetricValue::Count(2)}}}});  // forced C
  const auto groups = ApplyDistribution(t, &cards);
  // n = 10 (13 agents less p, v1, v2). S ≤ 1: c0 alone, fine — p's S is not counted.
  // S+A ≤ 3: c0, c1, c2, c3 → c3 goes down to B. D ≥ ⌈0.5⌉ = 1: v1's D does not count, so c9
  // goes down to D.
  EXPECT_EQ(groups[0].counted, 10);
  EXPECT_EQ(Find(cards, "c0").grade, "S");
  EXPECT_EQ(Find(cards, "c3").grade, "B");
  EXPECT_EQ(Find(cards, "c9").grade, "D");
  // The probation agent keeps S; the vetoed agents keep their veto grades.
  const Scorecard& p = Find(cards, "p");
  EXPECT_EQ(p.grade, "S");
  EXPECT_FALSE(p.in_distribution);
  EXPECT_FALSE(p.moved_by_distribution);
  EXPECT_EQ(p.rank, 1);
  const Scorecard& v1 = Find(cards, "v1");
  EXPECT_EQ(v1.grade, "D");
  EXPECT_FALSE(v1.in_distribution);
  EXPECT_EQ(v1.rank, 13);  // total 0
  const Scorecard& v2 = Find(cards, "v2");
  EXPECT_EQ(v2.grade, "C");  // the veto's grade, although the A band's cap is full
  EXPECT_FALSE(v2.moved_by_distribution);
  EXPECT_EQ(v2.rank, 4);  // 99, 97, 93, then its 92
}

TEST(ScoringDistribution, SmallTeamsArePooledOrExempt) {
  Template t = BaseTemplate();
  Distribution d;
  d.caps = {{{"S"}, Pct(20)}};
  d.min_group = 5;
  d.split_by_team = true;
  t.distribution = d;
  const std::vector<Spec> x = {{"x1", 99, "X"}, {"x2", 98, "X"}, {"x3", 97, "X"},
                               {"x4", 80, "X"}, {"x5", 70, "X"}, {"x6", 60, "X"}};
  const std::vector<Spec> y = {{"y1", 99, "Y"}, {"y2", 96, "Y"}, {"y3", 70, "Y"}};
  const std::vector<Spec> z = {{"z1", 98, "Z"}, {"z2", 60, "Z"}, {"z3", 50, "Z"}};

  // X (6) is a group of its own; Y and Z (3 each) pool into 6.
  std::vector<Spec> all = x;
  all.insert(all.end(), y.begin(), y.end());
  all.insert(all.end(), z.begin(), z.end());
  std::vector<Scorecard> cards = Cards(t, all);
  auto groups = ApplyDistribution(t, &cards);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].key, "X");
  EXPECT_EQ(groups[1].key, "pooled");
  EXPECT_EQ(groups[1].counted, 6);
  EXPECT_FALSE(groups[1].exempt);
  // X: S ≤ ⌊1.2⌋ = 1: x2 and x3 go down.
  EXPECT_EQ(Find(cards, "x1").grade, "S");
  EXPECT_EQ(Find(cards, "x2").grade, "A");
  EXPECT_EQ(Find(cards, "x3").grade, "A");
  // Pooled: y1 99, z1 98, y2 96 → only y1 keeps S.
  EXPECT_EQ(Find(cards, "y1").grade, "S");
  EXPECT_EQ(Find(cards, "z1").grade, "A");
  EXPECT_EQ(Find(cards, "y2").grade, "A");
  EXPECT_EQ(Find(cards, "z1").group, "pooled");
  EXPECT_EQ(Find(cards, "z1").rank, 2);  // ranked within the pool

  // X and Y: Y has nobody to pool with, and is exempt.
  all = x;
  all.insert(all.end(), y.begin(), y.end());
  cards = Cards(t, all);
  groups = ApplyDistribution(t, &cards);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[1].key, "Y");
  EXPECT_TRUE(groups[1].exempt);
  EXPECT_EQ(Find(cards, "y2").grade, "S");
  EXPECT_TRUE(Find(cards, "y2").distribution_exempt);

  // Two teams of two: a pool of 4 < 5, exempt.
  cards = Cards(t, {{"y1", 99, "Y"}, {"y2", 96, "Y"}, {"z1", 98, "Z"}, {"z2", 97, "Z"}});
  groups = ApplyDistribution(t, &cards);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].key, "pooled");
  EXPECT_TRUE(groups[0].exempt);
  EXPECT_EQ(Grades(cards), "SSSS");

  // Probation agents do not make a team big enough: X with 2 on probation counts 4 and pools.
  std::vector<Spec> xp = x;
  xp[4].probation = true;
  xp[5].probation = true;
  cards = Cards(t, xp);
  groups = ApplyDistribution(t, &cards);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].counted, 4);
  EXPECT_TRUE(groups[0].exempt);
}

TEST(ScoringDistribution, WithoutADistributionOnlyRanks) {
  const Template t = BaseTemplate();
  std::vector<Scorecard> cards =
      Cards(t, {{"a", 90}, {"b", 80}, {"c", 80}, {"d", 70}, {"e", -1}});  // e: no data
  ASSERT_TRUE(Find(cards, "e").unscored());
  const auto groups = ApplyDistribution(t, &cards);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(Find(cards, "a").rank, 1);
  EXPECT_EQ(Find(cards, "b").rank, 2);
  EXPECT_EQ(Find(cards, "c").rank, 2);
  EXPECT_EQ(Find(cards, "d").rank, 4);
  EXPECT_EQ(Find(cards, "e").rank, 0);
  EXPECT_EQ(groups[0].members.back(), 4u);  // no total: last
  for (const Scorecard& c : cards) {
    EXPECT_FALSE(c.moved_by_distribution);
    EXPECT_FALSE(c.in_distribution);
  }
}

TEST(ScoringDistribution, ApplyingTwiceGivesTheSameResult) {
  Template t = BaseTemplate();
  t.distribution = Standard(5);
  std::vector<Scorecard> cards =
      Cards(t, {{"a", 98}, {"b", 96}, {"c", 90}, {"d", 88}, {"e", 86}, {"f", 80}, {"g", 70}});
  ApplyDistribution(t, &cards);
  const std::string once = Grades(cards);
  ApplyDistribution(t, &cards);
  EXPECT_EQ(Grades(cards), once);
  EXPECT_TRUE(Find(cards, "a").moved_by_distribution);
  EXPECT_EQ(Find(cards, "a").grade_before_distribution, "S");
}

}  // namespace
}  // namespace csperf::scoring
