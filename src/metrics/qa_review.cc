#include "metrics/qa_review.h"

#include <string_view>
#include <unordered_map>

#include "metrics/fraction.h"

namespace csperf::metrics {
namespace {

Fraction Scale(const Fraction& a, Wide factor) { return Reduce(a.num * factor, a.den); }

}  // namespace

MetricValue ScoreQaReview(const QaForm& form, const std::vector<const QaItem*>& rows,
                          bool* critical_failed) {
  // The row of each item; a later row for one item replaces an earlier one. Rows of another
  // form, or naming items not on the form, are never looked up, hence ignored.
  std::unordered_map<std::string_view, const QaItem*> row_of;
  for (const QaItem* row : rows) {
    if (row->form == form.id) row_of[row->item] = row;
  }
  bool failed = false;
  Fraction total;    // Σ section weight × section score
  Wide weights = 0;  // Σ weights of the sections kept
  for (const QaSectionDef& section : form.sections) {
    Wide earned = 0, possible = 0, bonus_earned = 0, bonus_possible = 0;
    bool scored = false;
    for (const QaItemDef& item : section.items) {
      auto it = row_of.find(item.id);
      if (it == row_of.end() || !it->second->result) continue;  // missing or N/A
      const Micros result = *it->second->result;
      scored = true;
      if (item.critical && result < item.max_points) failed = true;
      if (item.bonus) {
        bonus_earned += result;
        bonus_possible += item.max_points;
      } else {
        earned += result;
        possible += item.max_points;
      }
    }
    if (!scored) continue;  // every item N/A: left out, the others re-weighted
    Fraction score;
    if (possible > 0) score = Reduce(100 * earned, possible);
    if (bonus_possible > 0) score = Add(score, Reduce(100 * bonus_earned, bonus_possible));
    if (score.num > 100 * score.den) score = {100, 1};  // capped at 100
    total = Add(total, Scale(score, section.weight));
    weights += section.weight;
  }
  if (critical_failed) *critical_failed = failed;
  if (failed) return MetricValue::Ratio(0, 1, 1);
  if (weights == 0) return MetricValue::Empty(0);
  return MetricValue::Ratio(total.num, total.den * weights, 1);
}

std::vector<QaReview> CollectQaReviews(const Dataset& data,
                                       const std::function<bool(const QaItem&)>& keep) {
  std::vector<QaReview> reviews;
  // review_id → index into `reviews`, or -1 for a review whose first row `keep` refused.
  std::unordered_map<std::string_view, int64_t> slot;
  for (size_t i = 0; i < data.qa_items.size(); ++i) {
    const QaItem& row = data.qa_items[i];
    auto [it, first] = slot.try_emplace(row.review_id, -1);
    if (first && (!keep || keep(row))) {
      it->second = static_cast<int64_t>(reviews.size());
      QaReview review;
      review.review_id = row.review_id;
      review.agent_id = row.agent_id;
      review.date = row.date;
      review.form = row.form;
      reviews.push_back(std::move(review));
    }
    if (it->second >= 0) reviews[static_cast<size_t>(it->second)].rows.push_back(i);
  }
  std::vector<const QaItem*> rows;
  for (QaReview& review : reviews) {
    auto form = data.qa_forms.find(review.form);
    if (form == data.qa_forms.end()) continue;  // unknown form: no score
    review.form_def = &form->second;
    rows.clear();
    for (size_t i : review.rows) rows.push_back(&data.qa_items[i]);
    review.score = ScoreQaReview(form->second, rows, &review.critical_failed);
  }
  return reviews;
}

}  // namespace csperf::metrics
