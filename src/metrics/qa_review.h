// QA reviews (质检): scoring one review of a sampled chat, exactly, from its qa_items rows and
// its form (scoring.md, "QA scorecards"; docs/qa-forms.md). A review's score feeds its form's
// dimension as source `qa` (metrics.md, "Tests, QA reviews and ratings").
//
// The rule: a section scores 100 × earned / possible over its items that are neither N/A nor
// bonus, plus 100 × bonus earned / bonus possible over its bonus items that are not N/A,
// capped at 100; a section with no scored row (every item N/A or missing) is left out and the
// others are re-weighted by their section weights; the review is the weighted mean of its
// sections; a critical item whose result is below its maximum makes the review 0.
//
// Where the rule leaves room, csperf decides:
// - A review is identified by review_id. Its agent, date and form are those of its first row
//   in input order; a later row naming another form is ignored.
// - An item of the form with no row in the review counts as N/A.
// - A row naming an item not on the form is ignored (the data-quality report lists it).
// - Two rows for one item of a review (the import refuses that): the later row counts.
// - A result above the item's maximum counts as given, uncapped: it can lift its section,
//   but the section still caps at 100. (Import refuses negative results.)
// - A section with scored bonus items but every regular item N/A is not left out (not all
//   of its items are N/A): its regular part is 0 and it scores its bonus part alone.
// - A critical item that is N/A or missing never zeroes the review; one at or above its
//   maximum is fine.
// - A review whose form is unknown has no score (the data-quality report lists its rows); a
//   review whose every section is left out has no score. Neither feeds any dimension.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/civil_time.h"
#include "domain/qa_form.h"
#include "metrics/dataset.h"
#include "metrics/value.h"

namespace csperf::metrics {

struct QaReview {
  std::string review_id;
  std::string agent_id;              // of the review's first row (input order)
  CivilDate date;                    // likewise
  std::string form;                  // likewise
  const QaForm* form_def = nullptr;  // nullptr: the form is unknown
  std::vector<size_t> rows;          // indices into Dataset::qa_items, in input order
  bool critical_failed = false;      // a critical item below its maximum: the score is 0
  MetricValue score;                 // exact, 0–100, sample 1; empty: no score
};

// Scores rows of one review against `form`. `critical_failed`, when given, says whether a
// critical item was below its maximum. Empty when every section is left out.
MetricValue ScoreQaReview(const QaForm& form, const std::vector<const QaItem*>& rows,
                          bool* critical_failed = nullptr);

// The reviews of the data whose first row passes `keep` (all when `keep` is empty), in the
// order of their first rows, each scored (an unknown form leaves `score` empty).
std::vector<QaReview> CollectQaReviews(const Dataset& data,
                                       const std::function<bool(const QaItem&)>& keep = {});

}  // namespace csperf::metrics
