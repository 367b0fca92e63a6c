// An agent's scorecard (绩效考核表): every indicator's value, points and weight, the sections,
// the bonus and penalty items, the vetoes, the total, the grade and the pay — all exact, rounded
// only where a number is printed or paid (scoring.md).
//
// The rules, in order:
//  1. Indicators. The value is read from the agent's own metrics (scope self) or from the
//     metrics pooled over the supervisor's direct reports (scope team), in the units its column
//     prints (rules.h, ValueInRuleUnits). A value that is empty or absent is `missing`; a value
//     whose sample is below min_sample has `insufficient_sample`. Either way the indicator's
//     missing-data policy applies: `exclude` drops it (weight 0, the rest of its section
//     re-weighted to 100), `zero` scores 0, a fixed score scores that. Otherwise the rule gives
//     the points.
//  2. Sections. A section scores Σ points × effective weight / 100. A section whose indicators
//     are all excluded (or whose kept indicators weigh 0 together) is excluded and the other
//     sections are re-weighted to 100 the same way.
//  3. The weighted total is Σ section score × effective section weight / 100. If every section
//     is excluded there is no weighted total: the agent is `unscored` (no total, no grade,
//     coefficient 0, no performance bonus; commission is still paid) and is left out of forced
//     distribution — nothing is known about the period, so the engine does not invent a grade;
//     HR decides by hand. Bonus and penalty items are not applied to an unscored agent.
//  4. Bonus and penalty items: points_per × the metric's value (self scope), floored at 0 and
//     capped at the item's cap; an empty or absent value gives 0. Bonuses are added and
//     penalties taken after weighting; the total is then capped at max_total and floored at 0.
//  5. Vetoes compare the metric's exact value (self scope, in column units) with the number; an
//     empty or absent value never triggers. A triggered veto without a grade sets the total to
//     0 (even for an unscored agent). A veto with a grade caps the grade: the agent gets the
//     worse of the grade the total earns and the forced grade (a veto never improves a grade;
//     with several vetoes the worst grade wins). The total is kept as computed.
//  6. The grade: the first band (best first) whose min_total the total rounded to 2 decimals
//     (half away from zero) reaches; below every band, the last band. The coefficient is the
//     band's; a forced grade missing from the bands has coefficient 0; no bands: no grade,
//     coefficient 0.
//  7. Pay (ComputePay), in integer cents. Every amount is computed exactly and rounded ONCE, at
//     the end, to the cent, half away from zero:
//       coefficient mode: bonus_amount = base_bonus × coefficient × prorate
//       score mode:       bonus_amount = base_bonus × total / 100 × prorate (0 when unscored)
//       prorate = min(max(days_employed, 0), days_in_period) / days_in_period when the template
//       says so and days_in_period > 0, else 1. No base_bonus: bonus_amount 0.
//       commission on net_sales_amount (cents, self scope), tiered like tax brackets: each
//       tier's rate applies to the part of the sales within the tier (above the previous
//       tier's up_to, up to and including its own); a tier without up_to takes the rest; sales
//       above the last bounded tier earn nothing more; negative or absent sales earn 0.
//       Commission is not pro-rated: it is already earned by the days worked.
//       pay_total = bonus_amount + commission (both already in cents).
//     In score mode a grade moved by forced distribution or forced by a veto does not change
//     the bonus (the total does not change); only a total-0 veto does.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "metrics/value.h"
#include "scoring/rational.h"
#include "scoring/rules.h"
#include "scoring/template.h"

namespace csperf::scoring {

struct AgentInputs {
  std::string agent_id;
  std::string name;
  std::string team_id;                               // for distribution split by team
  std::map<std::string, metrics::MetricValue> self;  // the agent's own metrics
  std::map<std::string, metrics::MetricValue> team;  // pooled over direct reports (may be empty)
  bool probation = false;
  std::optional<Cents> base_bonus;
  int64_t days_employed = 0;
  int64_t days_in_period = 0;
};

enum class IndicatorStatus {
  kScored,    // the rule gave the points
  kExcluded,  // missing or too small a sample, policy exclude: dropped, the rest re-weighted
  kZero,      // missing or too small a sample, policy zero
  kFixed,     // missing or too small a sample, policy fixed score
};
const char* IndicatorStatusName(IndicatorStatus status);  // scored, excluded, zero, fixed

struct IndicatorScore {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::string metric;
  Scope scope = Scope::kSelf;
  metrics::MetricValue value;  // raw, as the metrics report holds it (empty when absent)
  Rational rule_value;         // in the units the rule is written in (0 when missing)
  int64_t sample = 0;
  int64_t min_sample = 0;
  RuleKind rule = RuleKind::kRating;
  std::string rule_text;  // DescribeRule
  bool missing = false;   // empty or absent value
  bool insufficient_sample = false;
  IndicatorStatus status = IndicatorStatus::kScored;
  Points points;              // 0–100 (target may reach its cap); 0 when excluded
  Micros weight = 0;          // as the template says, inside its section
  Rational effective_weight;  // after re-weighting (the kept weights total 100); 0 if excluded
  Rational weighted_points;   // points × effective_weight / 100: its share of the section score
  Rational contribution;      // weighted_points × section effective weight / 100: of the total

  bool excluded() const { return status == IndicatorStatus::kExcluded; }
};

struct SectionScore {
  std::string id;
  std::string name_zh;
  std::string name_en;
  Micros weight = 0;
  Rational effective_weight;  // after re-weighting; 0 when excluded
  bool excluded = false;
  std::optional<Rational> score;  // 0–100; none when excluded
  Rational contribution;          // score × effective_weight / 100
  std::vector<IndicatorScore> indicators;
};

struct AdjustmentScore {  // a bonus (加分项) or penalty (扣分项) item
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::string metric;
  metrics::MetricValue value;
  bool missing = false;
  Rational rule_value;  // in column units
  Micros points_per = 0;
  Micros cap = 0;
  Rational uncapped;  // points_per × value, floored at 0
  Rational points;    // applied: min(uncapped, cap)
  bool capped = false;
};

struct VetoHit {
  std::string metric;
  std::string condition_text;
  std::string reason_zh;
  std::string reason_en;
  Rational value;                    // in column units
  std::optional<std::string> grade;  // forced grade; none: the total became 0
};

struct Scorecard {
  std::string agent_id;
  std::string name;
  std::string team_id;
  std::string template_id;
  int template_version = 0;
  bool probation = false;

  std::vector<SectionScore> sections;
  std::optional<Rational> weighted_total;  // Σ section contributions; none when unscored
  std::vector<AdjustmentScore> bonuses;
  std::vector<AdjustmentScore> penalties;
  Rational bonus_points;    // Σ applied bonus items
  Rational penalty_points;  // Σ applied penalty items
  bool capped_at_max_total = false;
  bool floored_at_zero = false;
  std::optional<Rational> total;        // final, after adjustments, cap, floor and vetoes
  std::optional<Micros> total_rounded;  // the total to 2 decimals (half away from zero)

  std::vector<VetoHit> vetoes;  // triggered, in template order
  bool total_zeroed_by_veto = false;
  bool grade_forced_by_veto = false;

  std::string earned_grade;  // the band of the total, before vetoes and distribution
  std::string grade;         // final; "" when unscored (and no veto) or without bands
  Micros coefficient = 0;

  // Forced distribution (distribution.h).
  std::string group;             // the distribution group ("" the whole template, a team, "pooled")
  bool in_distribution = false;  // counted in its group (not probation, vetoed or unscored)
  bool distribution_exempt = false;  // its group was too small
  int rank = 0;                      // within the group, 1 = best (competition ranking); 0 none
  std::string grade_before_distribution;
  bool moved_by_distribution = false;

  // Pay (cents).
  std::optional<Cents> base_bonus;
  int64_t days_employed = 0;
  int64_t days_in_period = 0;
  Rational prorate{1};
  std::optional<Rational> net_sales;  // cents, exact; none when absent or empty
  Cents bonus_amount = 0;
  Cents commission = 0;
  Cents pay_total = 0;

  bool unscored() const { return !weighted_total.has_value(); }
  bool vetoed() const { return !vetoes.empty(); }
};

Scorecard ScoreAgent(const Template& t, const AgentInputs& in);

// The grade band a total earns (rounded to 2 decimals first); nullptr without bands.
const GradeBand* BandFor(const Template& t, const Rational& total);
// The index of a grade in t.grades (0 = best), or t.grades.size() when it is not a band.
size_t GradeIndex(const Template& t, const std::string& grade);
Micros CoefficientOf(const Template& t, const std::string& grade);

// Fills bonus_amount, commission and pay_total from the card's grade, total and inputs.
void ComputePay(const Template& t, Scorecard* card);
// The exact commission on sales (cents) under the tiers (empty: 0).
Rational CommissionExact(const std::vector<CommissionTier>& tiers, const Rational& sales_cents);
// Rounds an exact amount of cents to a whole cent, half away from zero.
Cents RoundCents(const Rational& cents);

}  // namespace csperf::scoring
