// Scoring rules (scoring.md, "scoring rules"): an indicator's exact value → 0–100 points, exact.
#pragma once

#include <string>

#include "metrics/value.h"
#include "scoring/rational.h"
#include "scoring/template.h"

namespace csperf::scoring {

using Points = Rational;  // exact points; printed with 2 decimals, half away from zero

enum class RuleKind { kLinear, kTiers, kTarget, kDeduct, kRating };
RuleKind KindOf(const Rule& rule);
const char* RuleKindName(RuleKind kind);  // "linear", "tiers", "target", "deduct", "rating"
// The rule as a person reads it: "linear best 15 worst 60", "tiers ≥0.6→100 ≥0.5→85 else 0".
std::string DescribeRule(const Rule& rule);

// The points a rule gives a value (the value in the units its column prints, see
// ValueInRuleUnits):
//   linear  100 × (value − worst) / (best − worst), clamped to 0–100: 100 at or beyond best,
//           0 at or beyond worst, in either direction (best < worst: lower is better). A rule
//           with best = worst gives 100 at or above it, else 0.
//   tiers   the points of the first tier reached (value ≥ threshold, or ≤ when lower is
//           better), else `below`; clamped to 0–100.
//   target  100 × value / target, capped at `cap` (which may exceed 100) and floored at 0; a
//           target ≤ 0 gives 0.
//   deduct  100 − per × value, clamped to 0–100.
//   rating  the value, clamped to 0–100.
Points ApplyRule(const Rule& rule, const Rational& value);
// The same on a metric value as given (no unit change); an empty value gives 0 — the missing
// data policy is the caller's (see scorecard.h).
Points ApplyRule(const Rule& rule, const metrics::MetricValue& value);

// A metric's value in the units its column prints, which are the units a template is written
// in: money columns in yuan (the metric holds cents), hour columns in hours (it holds
// seconds); every other column as it is (rates as fractions 0–1, seconds, counts, dimensions).
Rational ValueInRuleUnits(const std::string& metric, const metrics::MetricValue& value);

}  // namespace csperf::scoring
