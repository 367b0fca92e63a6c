#include "scoring/rules.h"

#include <type_traits>

#include "metrics/report.h"

namespace csperf::scoring {
namespace {

const Rational kZero;
const Rational kHundred(100);

Points Linear(const LinearRule& r, const Rational& v) {
  const Rational best = Rational::FromMicros(r.best);
  const Rational worst = Rational::FromMicros(r.worst);
  if (best == worst) return v >= best ? kHundred : kZero;
  return Clamp(kHundred * (v - worst) / (best - worst), kZero, kHundred);
}

Points Tiers(const TiersRule& r, const Rational& v) {
  for (const Tier& tier : r.tiers) {
    const Rational threshold = Rational::FromMicros(tier.threshold);
    const bool reached = r.higher_is_better ? v >= threshold : v <= threshold;
    if (reached) return Clamp(Rational::FromMicros(tier.points), kZero, kHundred);
  }
  return Clamp(Rational::FromMicros(r.below), kZero, kHundred);
}

Points Target(const TargetRule& r, const Rational& v) {
  if (r.target <= 0) return kZero;
  const Rational cap = Rational::FromMicros(r.cap < 0 ? 0 : r.cap);
  return Clamp(kHundred * v / Rational::FromMicros(r.target), kZero, cap);
}

Points Deduct(const DeductRule& r, const Rational& v) {
  return Clamp(kHundred - Rational::FromMicros(r.per) * v, kZero, kHundred);
}

}  // namespace

RuleKind KindOf(const Rule& rule) {
  return std::visit(
      [](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, LinearRule>) return RuleKind::kLinear;
        if constexpr (std::is_same_v<T, TiersRule>) return RuleKind::kTiers;
        if constexpr (std::is_same_v<T, TargetRule>) return RuleKind::kTarget;
        if constexpr (std::is_same_v<T, DeductRule>) return RuleKind::kDeduct;
        if constexpr (std::is_same_v<T, RatingRule>) return RuleKind::kRating;
      },
      rule);
}

const char* RuleKindName(RuleKind kind) {
  switch (kind) {
    case RuleKind::kLinear:
      return "linear";
    case RuleKind::kTiers:
      return "tiers";
    case RuleKind::kTarget:
      return "target";
    case RuleKind::kDeduct:
      return "deduct";
    case RuleKind::kRating:
      return "rating";
  }
  return "";
}

std::string DescribeRule(const Rule& rule) {
  return std::visit(
      [](const auto& r) -> std::string {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, LinearRule>) {
          return "linear best " + FormatMicros(r.best) + " worst " + FormatMicros(r.worst);
        } else if constexpr (std::is_same_v<T, TiersRule>) {
          std::string s = "tiers";
          for (const Tier& t : r.tiers) {
            s += std::string(r.higher_is_better ? " ≥" : " ≤") + FormatMicros(t.threshold) + "→" +
                 FormatMicros(t.points);
          }
          return s + " else " + FormatMicros(r.below);
        } else if constexpr (std::is_same_v<T, TargetRule>) {
          return "target " + FormatMicros(r.target) + " cap " + FormatMicros(r.cap);
        } else if constexpr (std::is_same_v<T, DeductRule>) {
          return "deduct " + FormatMicros(r.per) + " per unit";
        } else {
          return "rating";
        }
      },
      rule);
}

Points ApplyRule(const Rule& rule, const Rational& value) {
  return std::visit(
      [&](const auto& r) -> Points {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, LinearRule>) return Linear(r, value);
        if constexpr (std::is_same_v<T, TiersRule>) return Tiers(r, value);
        if constexpr (std::is_same_v<T, TargetRule>) return Target(r, value);
        if constexpr (std::is_same_v<T, DeductRule>) return Deduct(r, value);
        if constexpr (std::is_same_v<T, RatingRule>) return Clamp(value, kZero, kHundred);
      },
      rule);
}

Points ApplyRule(const Rule& rule, const metrics::MetricValue& value) {
  if (value.empty) return kZero;
  return ApplyRule(rule, Rational::FromValue(value));
}

Rational ValueInRuleUnits(const std::string& metric, const metrics::MetricValue& value) {
  Rational v = Rational::FromValue(value);
  switch (metrics::FormatOfColumn(metric)) {
    case metrics::Format::kMoney:
      return v / Rational(100);
    case metrics::Format::kHours:
      return v / Rational(3600);
    default:
      return v;
  }
}

}  // namespace csperf::scoring
