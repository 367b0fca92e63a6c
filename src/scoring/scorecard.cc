#include "scoring/scorecard.h"

#include <algorithm>

namespace csperf::scoring {
namespace {

const Rational kZero;
const Rational kHundred(100);

metrics::MetricValue Lookup(const std::map<std::string, metrics::MetricValue>& values,
                            const std::string& metric) {
  auto it = values.find(metric);
  return it == values.end() ? metrics::MetricValue::Empty() : it->second;
}

IndicatorScore ScoreIndicator(const Indicator& ind, const AgentInputs& in) {
  IndicatorScore s;
  s.id = ind.id;
  s.name_zh = ind.name_zh;
  s.name_en = ind.name_en;
  s.metric = ind.metric;
  s.scope = ind.scope;
  s.value = Lookup(ind.scope == Scope::kTeam ? in.team : in.self, ind.metric);
  s.sample = s.value.sample;
  s.min_sample = ind.min_sample;
  s.rule = KindOf(ind.rule);
  s.rule_text = DescribeRule(ind.rule);
  s.weight = ind.weight;
  s.missing = s.value.empty;
  s.insufficient_sample = !s.missing && s.value.sample < ind.min_sample;
  if (!s.missing) s.rule_value = ValueInRuleUnits(ind.metric, s.value);
  if (s.missing || s.insufficient_sample) {
    switch (ind.missing.kind) {
      case MissingPolicy::Kind::kExclude:
        s.status = IndicatorStatus::kExcluded;
        break;
      case MissingPolicy::Kind::kZero:
        s.status = IndicatorStatus::kZero;
        break;
      case MissingPolicy::Kind::kFixed:
        s.status = IndicatorStatus::kFixed;
        s.points = Rational::FromMicros(ind.missing.points);
        break;
    }
  } else {
    s.points = ApplyRule(ind.rule, s.rule_value);
  }
  return s;
}

AdjustmentScore ScoreAdjustment(const Adjustment& adj, const AgentInputs& in) {
  AdjustmentScore a;
  a.id = adj.id;
  a.name_zh = adj.name_zh;
  a.name_en = adj.name_en;
  a.metric = adj.metric;
  a.value = Lookup(in.self, adj.metric);
  a.missing = a.value.empty;
  a.points_per = adj.points_per;
  a.cap = adj.cap;
  if (a.missing) return a;
  a.rule_value = ValueInRuleUnits(adj.metric, a.value);
  a.uncapped = std::max(kZero, Rational::FromMicros(adj.points_per) * a.rule_value);
  const Rational cap = Rational::FromMicros(std::max<Micros>(adj.cap, 0));
  a.capped = a.uncapped > cap;
  a.points = a.capped ? cap : a.uncapped;
  return a;
}

bool Compare(const Rational& v, Comparison op, const Rational& x) {
  switch (op) {
    case Comparison::kGreater:
      return v > x;
    case Comparison::kGreaterEqual:
      return v >= x;
    case Comparison::kLess:
      return v < x;
    case Comparison::kLessEqual:
      return v <= x;
    case Comparison::kEqual:
      return v == x;
    case Comparison::kNotEqual:
      return v != x;
  }
  return false;
}

// Re-weights the kept items so their weights total 100; returns false when they weigh nothing.
template <typename Item, typename Kept, typename Weight>
bool Reweight(const std::vector<Item>& items, Kept kept, Weight weight_of,
              std::vector<Rational>* effective) {
  Rational total;
  for (const Item& item : items) {
    if (kept(item)) total += Rational::FromMicros(weight_of(item));
  }
  effective->assign(items.size(), Rational());
  if (total <= kZero) return false;
  for (size_t i = 0; i < items.size(); ++i) {
    if (kept(items[i])) {
      (*effective)[i] = Rational::FromMicros(weight_of(items[i])) * kHundred / total;
    }
  }
  return true;
}

}  // namespace

const char* IndicatorStatusName(IndicatorStatus status) {
  switch (status) {
    case IndicatorStatus::kScored:
      return "scored";
    case IndicatorStatus::kExcluded:
      return "excluded";
    case IndicatorStatus::kZero:
      return "zero";
    case IndicatorStatus::kFixed:
      return "fixed";
  }
  return "";
}

const GradeBand* BandFor(const Template& t, const Rational& total) {
  if (t.grades.empty()) return nullptr;
  const BigInt hundredths = total.RoundScaled(100);
  const BigInt micros = hundredths * BigInt(kMicrosPerUnit / 100);
  for (const GradeBand& band : t.grades) {
    if (micros >= BigInt(band.min_total)) return &band;
  }
  return &t.grades.back();
}

size_t GradeIndex(const Template& t, const std::string& grade) {
  for (size_t i = 0; i < t.grades.size(); ++i) {
    if (t.grades[i].grade == grade) return i;
  }
  return t.grades.size();
}

Micros CoefficientOf(const Template& t, const std::string& grade) {
  const size_t i = GradeIndex(t, grade);
  return i < t.grades.size() ? t.grades[i].coefficient : 0;
}

Cents RoundCents(const Rational& cents) { return cents.RoundScaled(1).ToInt64(); }

Rational CommissionExact(const std::vector<CommissionTier>& tiers, const Rational& sales_cents) {
  Rational sum;
  if (sales_cents <= kZero) return sum;
  Rational lower;
  for (const CommissionTier& tier : tiers) {
    if (sales_cents <= lower) break;
    const std::optional<Rational> upper =
        tier.up_to ? std::optional<Rational>(Rational(*tier.up_to)) : std::nullopt;
    const Rational top = upper ? std::min(sales_cents, *upper) : sales_cents;
    if (top > lower) sum += (top - lower) * Rational::FromMicros(tier.rate);
    if (!upper) break;
    lower = std::max(lower, *upper);
  }
  return sum;
}

void ComputePay(const Template& t, Scorecard* card) {
  card->prorate = Rational(1);
  if (t.pay.prorate && card->days_in_period > 0) {
    const int64_t days = std::clamp<int64_t>(card->days_employed, 0, card->days_in_period);
    card->prorate = Rational::Of(days, card->days_in_period);
  }
  card->bonus_amount = 0;
  if (card->base_bonus) {
    const Rational base(*card->base_bonus);
    if (t.pay.mode == Pay::Mode::kCoefficient) {
      card->bonus_amount =
          RoundCents(base * Rational::FromMicros(card->coefficient) * card->prorate);
    } else if (card->total) {
      card->bonus_amount = RoundCents(base * *card->total / kHundred * card->prorate);
    }
  }
  card->commission = 0;
  if (card->net_sales && !t.pay.commission.empty()) {
    card->commission = RoundCents(CommissionExact(t.pay.commission, *card->net_sales));
  }
  card->pay_total = card->bonus_amount + card->commission;
}

Scorecard ScoreAgent(const Template& t, const AgentInputs& in) {
  Scorecard c;
  c.agent_id = in.agent_id;
  c.name = in.name;
  c.team_id = in.team_id;
  c.template_id = t.id;
  c.template_version = t.version;
  c.probation = in.probation;

  // Indicators and sections, each re-weighted over what is kept.
  for (const Section& section : t.sections) {
    SectionScore s;
    s.id = section.id;
    s.name_zh = section.name_zh;
    s.name_en = section.name_en;
    s.weight = section.weight;
    for (const Indicator& ind : section.indicators) s.indicators.push_back(ScoreIndicator(ind, in));
    std::vector<Rational> effective;
    const bool any = Reweight(
        s.indicators, [](const IndicatorScore& i) { return !i.excluded(); },
        [](const IndicatorScore& i) { return i.weight; }, &effective);
    if (any) {
      Rational score;
      for (size_t i = 0; i < s.indicators.size(); ++i) {
        IndicatorScore& is = s.indicators[i];
        is.effective_weight = effective[i];
        is.weighted_points = is.points * effective[i] / kHundred;
        score += is.weighted_points;
      }
      s.score = score;
    } else {
      s.excluded = true;
    }
    c.sections.push_back(std::move(s));
  }
  std::vector<Rational> section_weights;
  if (Reweight(
          c.sections, [](const SectionScore& s) { return !s.excluded; },
          [](const SectionScore& s) { return s.weight; }, &section_weights)) {
    Rational weighted;
    for (size_t i = 0; i < c.sections.size(); ++i) {
      SectionScore& s = c.sections[i];
      if (s.excluded) continue;
      s.effective_weight = section_weights[i];
      s.contribution = *s.score * s.effective_weight / kHundred;
      for (IndicatorScore& is : s.indicators) {
        is.contribution = is.weighted_points * s.effective_weight / kHundred;
      }
      weighted += s.contribution;
    }
    c.weighted_total = weighted;
  }

  // Bonus and penalty items, after weighting; then the max_total cap and the floor at 0.
  for (const Adjustment& adj : t.bonuses) {
    c.bonuses.push_back(ScoreAdjustment(adj, in));
    c.bonus_points += c.bonuses.back().points;
  }
  for (const Adjustment& adj : t.penalties) {
    c.penalties.push_back(ScoreAdjustment(adj, in));
    c.penalty_points += c.penalties.back().points;
  }
  if (c.weighted_total) {
    Rational total = *c.weighted_total + c.bonus_points - c.penalty_points;
    const Rational max_total = Rational::FromMicros(t.max_total);
    if (total > max_total) {
      total = max_total;
      c.capped_at_max_total = true;
    }
    if (total < kZero) {
      total = kZero;
      c.floored_at_zero = true;
    }
    c.total = total;
  }

  // Vetoes.
  for (const Veto& veto : t.vetoes) {
    const metrics::MetricValue v = Lookup(in.self, veto.metric);
    if (v.empty) continue;
    const Rational value = ValueInRuleUnits(veto.metric, v);
    if (!Compare(value, veto.op, Rational::FromMicros(veto.value))) continue;
    c.vetoes.push_back(
        {veto.metric, veto.condition_text, veto.reason_zh, veto.reason_en, value, veto.grade});
    if (!veto.grade) c.total_zeroed_by_veto = true;
  }
  if (c.total_zeroed_by_veto) c.total = kZero;

  // The grade.
  if (c.total) {
    c.total_rounded = c.total->RoundScaled(100).ToInt64() * (kMicrosPerUnit / 100);
    if (const GradeBand* band = BandFor(t, *c.total)) c.earned_grade = band->grade;
  }
  c.grade = c.earned_grade;
  for (const VetoHit& hit : c.vetoes) {
    if (!hit.grade) continue;
    if (c.grade.empty() || GradeIndex(t, *hit.grade) > GradeIndex(t, c.grade)) {
      c.grade = *hit.grade;
      c.grade_forced_by_veto = true;
    }
  }
  c.coefficient = CoefficientOf(t, c.grade);
  c.grade_before_distribution = c.grade;

  // Pay.
  c.base_bonus = in.base_bonus;
  c.days_employed = in.days_employed;
  c.days_in_period = in.days_in_period;
  const metrics::MetricValue sales = Lookup(in.self, "net_sales_amount");
  if (!sales.empty) c.net_sales = Rational::FromValue(sales);
  ComputePay(t, &c);
  return c;
}

}  // namespace csperf::scoring
