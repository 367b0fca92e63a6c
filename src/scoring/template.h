// Appraisal templates (考核模板): what a template file says, after loading and checking
// (docs/templates.md has the file format). The scoring engine reads only this.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/money.h"

namespace csperf::scoring {

// Scoring rules, each giving 0–100 points from an indicator's value.
struct LinearRule {  // 100 at or beyond best, 0 at or beyond worst, a straight line between
  Micros best = 0;
  Micros worst = 0;
};
struct Tier {
  Micros threshold = 0;  // value ≥ threshold (or ≤ for lower-is-better) earns `points`
  Micros points = 0;
};
struct TiersRule {  // ordered thresholds → points, either direction
  bool higher_is_better = true;
  std::vector<Tier> tiers;  // best threshold first
  Micros below = 0;         // points when no tier is reached
};
struct TargetRule {  // 100 × value / target, capped at `cap`
  Micros target = 0;
  Micros cap = 100 * kMicrosPerUnit;
};
struct DeductRule {  // 100 − per × value, floored at 0
  Micros per = 0;
};
struct RatingRule {};  // the value is already 0–100 (assessment dimensions)
using Rule = std::variant<LinearRule, TiersRule, TargetRule, DeductRule, RatingRule>;

enum class Scope { kSelf, kTeam };  // kTeam: pooled over a supervisor's direct reports

// What an indicator with no value, or too small a sample, scores.
struct MissingPolicy {
  enum class Kind { kExclude, kZero, kFixed } kind = Kind::kExclude;
  Micros points = 0;  // kFixed
};

struct Indicator {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::string metric;  // a column of the metrics report (or a dimension)
  Scope scope = Scope::kSelf;
  Micros weight = 0;  // inside its section; a section's weights total 100
  Rule rule;
  int64_t min_sample = 0;
  MissingPolicy missing;
  int line = 0;  // where it is defined, for messages
};

struct Section {
  std::string id;
  std::string name_zh;
  std::string name_en;
  Micros weight = 0;  // sections' weights total 100
  std::vector<Indicator> indicators;
};

// Points added (bonus, 加分项) or taken (penalty, 扣分项) after weighting, per occurrence.
struct Adjustment {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::string metric;
  Micros points_per = 0;  // per unit of the metric
  Micros cap = 0;         // the most this item adds or takes
};

enum class Comparison { kGreater, kGreaterEqual, kLess, kLessEqual, kEqual, kNotEqual };

// 一票否决: `metric operator value`, forcing a grade or a total of 0.
struct Veto {
  std::string metric;
  Comparison op = Comparison::kGreater;
  Micros value = 0;
  std::string condition_text;  // as written, e.g. "complaints_critical > 0"
  std::string reason_zh;
  std::string reason_en;
  std::optional<std::string> grade;  // forced grade; none: the total becomes 0
};

struct GradeBand {
  std::string grade;       // S, A, B, C, D …
  Micros min_total = 0;    // the band holds totals ≥ min_total (rounded to 2 decimals)
  Micros coefficient = 0;  // 绩效系数
};

struct DistributionLimit {
  std::vector<std::string> grades;  // one grade, or several counted together ("S+A")
  Micros share = 0;                 // of the group, e.g. 0.10
};

struct Distribution {
  std::vector<DistributionLimit> caps;    // at most ⌊share × n⌋ agents
  std::vector<DistributionLimit> floors;  // at least ⌈share × n⌉ agents
  int min_group = 10;
  bool split_by_team = false;
};

struct CommissionTier {
  std::optional<Cents> up_to;  // the tier covers sales up to this (included); none: the rest
  Micros rate = 0;             // e.g. 0.005 for 0.5 %
};

struct Pay {
  enum class Mode { kCoefficient, kScore } mode = Mode::kCoefficient;
  std::vector<CommissionTier> commission;  // empty: no commission; one tier: flat
  bool prorate = false;                    // pro-rate by days_employed / days in the period
};

struct Template {
  std::string id;
  std::string name_zh;
  std::string name_en;
  int version = 1;
  std::optional<std::string> position;  // applies to agents of this position …
  std::vector<std::string> teams;       // … or to these teams (a team list wins)
  std::vector<std::string> dimensions;  // dimensions the template defines (beyond the columns)
  std::vector<Section> sections;
  std::vector<Adjustment> bonuses;
  std::vector<Adjustment> penalties;
  Micros max_total = 120 * kMicrosPerUnit;
  std::vector<Veto> vetoes;
  std::vector<GradeBand> grades;  // best first
  std::optional<Distribution> distribution;
  Pay pay;
  std::string file;
};

}  // namespace csperf::scoring
