// Dimension columns (metrics.md, "Tests, QA reviews and ratings"): per dimension, the
// weighted mean over the sources present of each source's mean of 100 × score / max_score,
// with the scores of QA reviews (qa_review.h) as source `qa`.
// The rules the evidence shares (dimension_rules.h) are defined here.
//
// Where the rule leaves room, csperf decides:
// - A source's weight is the settings' source_weights entry; a source with weight 0, or
//   missing from the settings, is left out as if absent (its rows are not used).
// - A dimension whose only weighted source is `self` is empty ("a self-review alone never
//   scores"), sample 0; with any other weighted source, self counts at its weight.
// - Source `qa` pools the assessment rows with source qa and the QA review scores (each
//   review one value) into one mean.
// - The sample is the number of rows used: assessment rows plus QA reviews.
// - An assessment row with max_score ≤ 0 is a bad row the import refuses; should one reach
//   here, it is skipped.
// - A review counts when its first row's date is in the period and its first row's agent is
//   in the group; a review without a score (unknown form, every section left out) is skipped.
// - The columns are data-wide (not per period): the five standard dimensions, then the
//   others of non-void assessments and of the forms named by reviews, sorted by name.
// - A shop row pools no agents' records: every dimension column is empty there.
#include <array>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "metrics/agent_lookup.h"
#include "metrics/context.h"
#include "metrics/dimension_rules.h"
#include "metrics/fraction.h"
#include "metrics/qa_review.h"

namespace csperf::metrics {
namespace {

constexpr std::array<std::string_view, 5> kStandard = {
    "product_knowledge", "communication", "teamwork", "error_handling", "innovation_learning"};

bool IsStandard(std::string_view dimension) {
  for (std::string_view s : kStandard) {
    if (s == dimension) return true;
  }
  return false;
}

}  // namespace

void SourceScores::Add(Wide num, Wide den) {
  const Fraction sum = metrics::Add(Fraction{sum_num, sum_den}, Reduce(num, den));
  sum_num = sum.num;
  sum_den = sum.den;
  ++count;
}

MetricValue WeightedDimensionValue(const DimensionSources& sources) {
  Fraction total;    // Σ weight × source mean
  Wide weights = 0;  // Σ weights of the sources used
  int64_t rows = 0;
  bool other_than_self = false;
  for (const auto& [source, s] : sources) {
    if (s.weight <= 0 || s.count == 0) continue;
    if (source != "self") other_than_self = true;
    total = Add(total, Reduce(s.sum_num * s.weight, s.sum_den * s.count));
    weights += s.weight;
    rows += s.count;
  }
  if (!other_than_self) return MetricValue::Empty(0);
  return MetricValue::Ratio(total.num, total.den * weights, rows);
}

Micros SourceWeight(const Settings& settings, const std::string& source) {
  auto w = settings.source_weights.find(source);
  return w == settings.source_weights.end() ? 0 : w->second;
}

bool AssessmentUsed(const Context& c, const Assessment& a) {
  return !a.is_void && a.max_score > 0 && c.period.Contains(a.date);
}

std::vector<QaReview> PeriodQaReviews(const Context& c,
                                      const std::function<bool(const std::string&)>& in_group) {
  return CollectQaReviews(c.data, [&](const QaItem& first) {
    return c.period.Contains(first.date) && in_group(first.agent_id);
  });
}

std::vector<std::string> DimensionColumns(const Dataset& data) {
  std::set<std::string> others;
  for (const Assessment& a : data.assessments) {
    if (!a.is_void && !a.dimension.empty() && !IsStandard(a.dimension)) others.insert(a.dimension);
  }
  // The forms named by reviews (a review's form is its first row's).
  std::unordered_set<std::string_view> seen_reviews;
  std::unordered_set<std::string_view> forms_done;
  for (const QaItem& row : data.qa_items) {
    if (!seen_reviews.insert(row.review_id).second) continue;
    if (!forms_done.insert(row.form).second) continue;
    auto form = data.qa_forms.find(row.form);
    if (form == data.qa_forms.end()) continue;
    const std::string& dimension = form->second.dimension;
    if (!dimension.empty() && !IsStandard(dimension)) others.insert(dimension);
  }
  std::vector<std::string> columns(kStandard.begin(), kStandard.end());
  columns.insert(columns.end(), others.begin(), others.end());
  return columns;
}

void AddDimensionColumns(const Context& c, const Group& g,
                         const std::vector<std::string>& dimensions, Columns* out) {
  if (g.is_shop()) {
    for (const std::string& d : dimensions) out->emplace_back(d, MetricValue::Empty());
    return;
  }
  std::unordered_map<std::string_view, size_t> column_of;
  for (size_t i = 0; i < dimensions.size(); ++i) column_of.emplace(dimensions[i], i);
  std::vector<DimensionSources> sources(dimensions.size());
  const AgentLookup agents(c.data);

  for (const Assessment& a : c.data.assessments) {
    if (!AssessmentUsed(c, a)) continue;
    auto col = column_of.find(a.dimension);
    if (col == column_of.end() || !g.Has(agents.Find(a.agent_id))) continue;
    sources[col->second][a.source].Add(Wide{100} * a.score, a.max_score);
  }

  const std::vector<QaReview> reviews =
      PeriodQaReviews(c, [&](const std::string& agent_id) { return g.Has(agents.Find(agent_id)); });
  for (const QaReview& r : reviews) {
    if (!ReviewUsed(r)) continue;
    auto col = column_of.find(r.form_def->dimension);
    if (col == column_of.end()) continue;
    sources[col->second]["qa"].Add(r.score.num, r.score.den);
  }

  for (size_t i = 0; i < dimensions.size(); ++i) {
    for (auto& [source, s] : sources[i]) s.weight = SourceWeight(c.settings, source);
    out->emplace_back(dimensions[i], WeightedDimensionValue(sources[i]));
  }
}

}  // namespace csperf::metrics
