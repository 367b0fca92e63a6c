// Scoring one QA review (scoring.md, "QA scorecards"): hand-worked examples on a small form.
#include "metrics/qa_review.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace csperf::metrics {
namespace {

// service (weight 40): greeting /5, no_forbidden /10 (critical)
// solution (weight 60): accuracy /20, patience /10, upsell /5 (bonus)
constexpr char kForm[] = R"(
id = "f1"
dimension = "communication"

[[sections]]
id = "service"
weight = 40
  [[sections.items]]
  id = "greeting"
  max = 5
  [[sections.items]]
  id = "no_forbidden"
  max = 10
  critical = true

[[sections]]
id = "solution"
weight = 60
  [[sections.items]]
  id = "accuracy"
  max = 20
  [[sections.items]]
  id = "patience"
  max = 10
  [[sections.items]]
  id = "upsell"
  max = 5
  bonus = true
)";

constexpr std::optional<Micros> kNa = std::nullopt;

std::optional<Micros> P(int64_t points) { return points * kMicrosPerUnit; }

class QaReviewTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto form = ParseQaForm(kForm, "f1.toml");
    ASSERT_TRUE(form.ok()) << form.problem().ToString();
    form_ = *form;
  }

  // Adds the rows of review `id` (agent A01, 2024-01-18, form f1) to `items_`.
  void Review(const std::string& id,
              const std::vector<std::pair<std::string, std::optional<Micros>>>& results,
              const std::string& form = "f1") {
    for (const auto& [item, result] : results) {
      items_.push_back({id, "A01", CivilDate{2024, 1, 18}, form, item, result});
    }
  }

  MetricValue Score(bool* critical_failed = nullptr) {
    std::vector<const QaItem*> rows;
    for (const QaItem& i : items_) rows.push_back(&i);
    return ScoreQaReview(form_, rows, critical_failed);
  }

  QaForm form_;
  std::vector<QaItem> items_;
};

TEST_F(QaReviewTest, SectionsScoreEarnedOverPossibleAndWeighByTheirWeights) {
  Review("R1", {{"greeting", P(4)},
                {"no_forbidden", P(10)},
                {"accuracy", P(15)},
                {"patience", P(6)},
                {"upsell", kNa}});
  // service: 100 × (4 + 10) / (5 + 10) = 1400/15 = 280/3
  // solution: 100 × (15 + 6) / (20 + 10) = 70
  // review: (40 × 280/3 + 60 × 70) / 100 = (11200/3 + 4200) / 100 = 23800/300 = 238/3
  //         = 79.333…
  bool failed = true;
  MetricValue v = Score(&failed);
  EXPECT_FALSE(failed);
  EXPECT_EQ(v, MetricValue::Ratio(238, 3));
  EXPECT_EQ(v.sample, 1);
  EXPECT_EQ(FormatValue(v, Format::kDimension), "79.333");
}

TEST_F(QaReviewTest, NaItemsAreLeftOutOfTheirSection) {
  Review("R1", {{"greeting", kNa},
                {"no_forbidden", P(10)},
                {"accuracy", P(10)},
                {"patience", kNa},
                {"upsell", kNa}});
  // service: 100 × 10 / 10 = 100 (greeting N/A is not 0 of 5)
  // solution: 100 × 10 / 20 = 50 (patience N/A is not 0 of 10)
  // review: (40 × 100 + 60 × 50) / 100 = 70
  EXPECT_EQ(Score(), MetricValue::Ratio(70, 1));
  EXPECT_EQ(FormatValue(Score(), Format::kDimension), "70.000");
}

TEST_F(QaReviewTest, AnAllNaSectionIsLeftOutAndTheOthersReweighted) {
  Review("R1", {{"greeting", kNa},
                {"no_forbidden", kNa},
                {"accuracy", P(15)},
                {"patience", P(6)},
                {"upsell", kNa}});
  // service: every item N/A, left out. solution: 100 × 21 / 30 = 70.
  // review: 60 × 70 / 60 = 70 (not 60 × 70 / 100 = 42)
  EXPECT_EQ(Score(), MetricValue::Ratio(70, 1));
}

TEST_F(QaReviewTest, ItemsWithoutARowCountAsNa) {
  // The same as above with the service rows simply absent, and upsell absent too.
  Review("R1", {{"accuracy", P(15)}, {"patience", P(6)}});
  EXPECT_EQ(Score(), MetricValue::Ratio(70, 1));
}

TEST_F(QaReviewTest, BonusPointsAddToTheSectionUpTo100) {
  Review("R1", {{"greeting", P(5)},
                {"no_forbidden", P(10)},
                {"accuracy", P(12)},
                {"patience", P(6)},
                {"upsell", P(1)}});
  // service: 100 × 15 / 15 = 100
  // solution: 100 × 18 / 30 = 60, plus bonus 100 × 1 / 5 = 20 → 80
  // review: (40 × 100 + 60 × 80) / 100 = 88
  EXPECT_EQ(Score(), MetricValue::Ratio(88, 1));
}

TEST_F(QaReviewTest, BonusIsCappedAt100PerSection) {
  Review("R1", {{"greeting", P(2)},
                {"no_forbidden", P(10)},
                {"accuracy", P(18)},
                {"patience", P(8)},
                {"upsell", P(2)}});
  // service: 100 × 12 / 15 = 80
  // solution: 100 × 26 / 30 = 86.67, plus 100 × 2 / 5 = 40 → 126.67, capped at 100
  // review: (40 × 80 + 60 × 100) / 100 = 92 (uncapped it would be 108)
  EXPECT_EQ(Score(), MetricValue::Ratio(92, 1));
  EXPECT_EQ(FormatValue(Score(), Format::kDimension), "92.000");
}

TEST_F(QaReviewTest, ASectionWithOnlyItsBonusScoredScoresTheBonusAlone) {
  Review("R1", {{"greeting", P(3)},
                {"no_forbidden", P(10)},
                {"accuracy", kNa},
                {"patience", kNa},
                {"upsell", P(2)}});
  // service: 100 × 13 / 15 = 260/3
  // solution: no regular item scored, but not every item N/A: 0 + 100 × 2 / 5 = 40
  // review: (40 × 260/3 + 60 × 40) / 100 = (10400/3 + 2400) / 100 = 17600/300 = 176/3
  EXPECT_EQ(Score(), MetricValue::Ratio(176, 3));
  EXPECT_EQ(FormatValue(Score(), Format::kDimension), "58.667");
}

TEST_F(QaReviewTest, ACriticalItemBelowItsMaximumMakesTheReviewZero) {
  Review("R1", {{"greeting", P(5)},
                {"no_forbidden", P(9)},
                {"accuracy", P(20)},
                {"patience", P(10)},
                {"upsell", P(5)}});
  bool failed = false;
  MetricValue v = Score(&failed);
  EXPECT_TRUE(failed);
  EXPECT_FALSE(v.empty);
  EXPECT_EQ(v, MetricValue::Ratio(0, 1));
  EXPECT_EQ(FormatValue(v, Format::kDimension), "0.000");
}

TEST_F(QaReviewTest, ACriticalItemAtItsMaximumOrNaIsFine) {
  Review("R1", {{"greeting", P(5)},
                {"no_forbidden", P(10)},
                {"accuracy", P(20)},
                {"patience", P(10)},
                {"upsell", kNa}});
  bool failed = true;
  EXPECT_EQ(Score(&failed), MetricValue::Ratio(100, 1));
  EXPECT_FALSE(failed);

  items_.clear();
  Review("R2", {{"greeting", P(4)}, {"no_forbidden", kNa}, {"accuracy", P(10)}});
  // service: 100 × 4 / 5 = 80; solution: 100 × 10 / 20 = 50; (3200 + 3000) / 100 = 62
  EXPECT_EQ(Score(&failed), MetricValue::Ratio(62, 1));
  EXPECT_FALSE(failed);
}

TEST_F(QaReviewTest, AResultAboveTheMaximumCountsAsGivenWithinTheSectionCap) {
  Review("R1", {{"greeting", P(3)},
                {"no_forbidden", P(10)},
                {"accuracy", P(25)},  // max 20
                {"patience", P(2)}});
  // service: 100 × 13 / 15 = 260/3
  // solution: 100 × (25 + 2) / 30 = 90 (capping accuracy at 20 would give 73.33)
  // review: (40 × 260/3 + 60 × 90) / 100 = (10400/3 + 5400) / 100 = 26600/300 = 266/3
  EXPECT_EQ(Score(), MetricValue::Ratio(266, 3));
  EXPECT_EQ(FormatValue(Score(), Format::kDimension), "88.667");
}

TEST_F(QaReviewTest, UnknownItemsAndRowsOfAnotherFormAreIgnored) {
  Review("R1", {{"greeting", P(4)}, {"no_forbidden", P(10)}, {"smile", P(0)}});
  Review("R1", {{"accuracy", P(0)}}, "other_form");
  // Only service counts: 100 × 14 / 15 = 280/3
  EXPECT_EQ(Score(), MetricValue::Ratio(280, 3));
}

TEST_F(QaReviewTest, EverySectionLeftOutGivesNoScore) {
  Review("R1", {{"greeting", kNa}, {"no_forbidden", kNa}, {"accuracy", kNa}, {"upsell", kNa}});
  MetricValue v = Score();
  EXPECT_TRUE(v.empty);
  EXPECT_EQ(FormatValue(v, Format::kDimension), "");
}

TEST_F(QaReviewTest, ALaterRowForOneItemReplacesTheEarlier) {
  Review("R1", {{"greeting", P(1)}, {"no_forbidden", P(10)}, {"greeting", P(5)}});
  EXPECT_EQ(Score(), MetricValue::Ratio(100, 1));
}

TEST_F(QaReviewTest, CollectTakesAgentDateAndFormFromTheFirstRow) {
  Dataset data;
  data.qa_forms.emplace("f1", form_);
  data.qa_items = {
      {"R1", "A01", CivilDate{2024, 1, 18}, "f1", "greeting", P(4)},
      {"R2", "A02", CivilDate{2024, 1, 20}, "f1", "accuracy", P(10)},
      {"R1", "A02", CivilDate{2024, 2, 1}, "f1", "no_forbidden", P(10)},  // agent/date ignored
      {"R3", "A01", CivilDate{2024, 1, 21}, "nope", "greeting", P(5)},    // unknown form
      {"R4", "A01", CivilDate{2024, 1, 22}, "f1", "greeting", kNa},       // all N/A
  };
  std::vector<QaReview> reviews = CollectQaReviews(data);
  ASSERT_EQ(reviews.size(), 4u);
  EXPECT_EQ(reviews[0].review_id, "R1");
  EXPECT_EQ(reviews[0].agent_id, "A01");
  EXPECT_EQ(reviews[0].date, (CivilDate{2024, 1, 18}));
  EXPECT_EQ(reviews[0].rows, (std::vector<size_t>{0, 2}));
  EXPECT_EQ(reviews[0].score, MetricValue::Ratio(280, 3));  // service 14 / 15
  EXPECT_EQ(reviews[1].review_id, "R2");
  EXPECT_EQ(reviews[1].score, MetricValue::Ratio(50, 1));  // solution 10 / 20
  EXPECT_EQ(reviews[2].review_id, "R3");
  EXPECT_EQ(reviews[2].form_def, nullptr);
  EXPECT_TRUE(reviews[2].score.empty);
  EXPECT_EQ(reviews[3].review_id, "R4");
  EXPECT_NE(reviews[3].form_def, nullptr);
  EXPECT_TRUE(reviews[3].score.empty);

  // `keep` sees each review's first row only.
  std::vector<QaReview> of_a02 =
      CollectQaReviews(data, [](const QaItem& first) { return first.agent_id == "A02"; });
  ASSERT_EQ(of_a02.size(), 1u);
  EXPECT_EQ(of_a02[0].review_id, "R2");
}

}  // namespace
}  // namespace csperf::metrics
