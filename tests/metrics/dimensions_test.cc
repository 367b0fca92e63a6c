// Dimension columns (metrics.md, "Tests, QA reviews and ratings"): hand-worked examples.
// Default source weights: test 1, qa 1, manager 0.6, peer 0.3, self 0.1.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/settings.h"
#include "core/time_zone.h"
#include "metrics/context.h"

namespace csperf::metrics {
namespace {

// Millionths from a number written with up to 6 decimals, e.g. M(4.5) = 4'500'000.
Micros M(double v) { return static_cast<Micros>(v * kMicrosPerUnit + (v < 0 ? -0.5 : 0.5)); }

constexpr CivilDate kJan15{2024, 1, 15};

// One section of weight 100: clarity /10, resolved /10 (critical).
constexpr char kForm[] = R"(
id = "chat"
dimension = "communication"
[[sections]]
id = "main"
weight = 100
  [[sections.items]]
  id = "clarity"
  max = 10
  [[sections.items]]
  id = "resolved"
  max = 10
  critical = true
)";

class DimensionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto zone = TimeZone::Load("Asia/Shanghai");
    ASSERT_TRUE(zone.ok()) << zone.problem().ToString();
    zone_ = *zone;
    auto period = ParsePeriod("2024-01");
    ASSERT_TRUE(period.ok());
    period_ = *period;
    for (const char* id : {"A01", "A02", "A03"}) {
      Agent a;
      a.id = id;
      a.name = id;
      a.team = "T1";
      a.role = "agent";
      data_.agents.push_back(a);
    }
    auto form = ParseQaForm(kForm, "chat.toml");
    ASSERT_TRUE(form.ok()) << form.problem().ToString();
    data_.qa_forms.emplace("chat", *form);
  }

  void Assess(const std::string& agent, const std::string& dimension, const std::string& source,
              double score, double max_score = 100, CivilDate date = kJan15, bool is_void = false) {
    data_.assessments.push_back({agent, date, dimension, source, M(score), M(max_score), is_void});
  }

  // A review of form "chat" scoring 100 × (clarity + 10) / 20 (resolved at its maximum).
  void Review(const std::string& id, const std::string& agent, int clarity, CivilDate date = kJan15,
              const std::string& form = "chat") {
    data_.qa_items.push_back({id, agent, date, form, "clarity", clarity * kMicrosPerUnit});
    data_.qa_items.push_back({id, agent, date, form, "resolved", 10 * kMicrosPerUnit});
  }

  Group Agents(const std::vector<std::string>& ids) const {
    Group g;
    g.member.assign(data_.agents.size(), false);
    for (size_t a = 0; a < data_.agents.size(); ++a) {
      for (const std::string& id : ids) {
        if (data_.agents[a].id == id) g.member[a] = true;
      }
    }
    return g;
  }

  Columns Run(const Group& g) const {
    Context c{data_, settings_, *zone_, period_, period_.begin(*zone_), period_.end(*zone_)};
    Columns out;
    AddDimensionColumns(c, g, DimensionColumns(data_), &out);
    return out;
  }

  MetricValue Value(const Group& g, const std::string& dimension) const {
    for (const auto& [name, v] : Run(g)) {
      if (name == dimension) return v;
    }
    ADD_FAILURE() << "no column " << dimension;
    return MetricValue::Empty();
  }

  std::string Printed(const Group& g, const std::string& dimension) const {
    return FormatValue(Value(g, dimension), Format::kDimension);
  }

  Dataset data_;
  Settings settings_ = DefaultSettings();
  std::shared_ptr<const TimeZone> zone_;
  Period period_;
};

TEST_F(DimensionsTest, WeightedMeanOfTheSourceMeans) {
  Assess("A01", "teamwork", "test", 80);         // 80
  Assess("A01", "teamwork", "manager", 4.5, 5);  // 90
  Assess("A01", "teamwork", "peer", 3, 5);       // 60
  Assess("A01", "teamwork", "peer", 4, 5);       // 80 → peer mean 70
  // (80 × 1 + 90 × 0.6 + 70 × 0.3) / (1 + 0.6 + 0.3) = (80 + 54 + 21) / 1.9 = 155 / 1.9
  // = 1550/19 = 81.578947… → 81.579
  MetricValue v = Value(Agents({"A01"}), "teamwork");
  EXPECT_EQ(v, MetricValue::Ratio(1550, 19));
  EXPECT_EQ(v.sample, 4);
  EXPECT_EQ(FormatValue(v, Format::kDimension), "81.579");
}

TEST_F(DimensionsTest, AnAbsentSourceIsLeftOutAndTheRestReweighted) {
  Assess("A01", "teamwork", "test", 80);         // 80
  Assess("A01", "teamwork", "manager", 4.5, 5);  // 90
  // No peer rows: (80 × 1 + 90 × 0.6) / (1 + 0.6) = 134 / 1.6 = 83.75
  MetricValue v = Value(Agents({"A01"}), "teamwork");
  EXPECT_EQ(v, MetricValue::Ratio(335, 4));
  EXPECT_EQ(v.sample, 2);
  EXPECT_EQ(FormatValue(v, Format::kDimension), "83.750");
}

TEST_F(DimensionsTest, SelfAloneNeverScores) {
  Assess("A01", "teamwork", "self", 5, 5);
  Assess("A01", "teamwork", "self", 4, 5);
  MetricValue v = Value(Agents({"A01"}), "teamwork");
  EXPECT_TRUE(v.empty);
  EXPECT_EQ(v.sample, 0);
  EXPECT_EQ(FormatValue(v, Format::kDimension), "");
}

TEST_F(DimensionsTest, SelfWithOthersCountsAtItsWeight) {
  Assess("A01", "teamwork", "manager", 3, 5);  // 60
  Assess("A01", "teamwork", "self", 5, 5);     // 100
  // (60 × 0.6 + 100 × 0.1) / (0.6 + 0.1) = (36 + 10) / 0.7 = 460/7 = 65.714285… → 65.714
  MetricValue v = Value(Agents({"A01"}), "teamwork");
  EXPECT_EQ(v, MetricValue::Ratio(460, 7));
  EXPECT_EQ(v.sample, 2);
  EXPECT_EQ(FormatValue(v, Format::kDimension), "65.714");
}

TEST_F(DimensionsTest, VoidRowsAreExcluded) {
  Assess("A01", "product_knowledge", "test", 80);
  Assess("A01", "product_knowledge", "test", 0, 100, kJan15, /*is_void=*/true);
  Assess("A01", "product_knowledge", "manager", 0, 5, kJan15, /*is_void=*/true);
  // Only the test 80 remains: 80 × 1 / 1 = 80.
  MetricValue v = Value(Agents({"A01"}), "product_knowledge");
  EXPECT_EQ(v, MetricValue::Ratio(80, 1));
  EXPECT_EQ(v.sample, 1);
}

TEST_F(DimensionsTest, RowsOutsideThePeriodAreExcluded) {
  Assess("A01", "product_knowledge", "test", 70, 100, CivilDate{2024, 1, 1});
  Assess("A01", "product_knowledge", "test", 90, 100, CivilDate{2024, 1, 31});
  Assess("A01", "product_knowledge", "test", 0, 100, CivilDate{2023, 12, 31});
  Assess("A01", "product_knowledge", "test", 0, 100, CivilDate{2024, 2, 1});
  // (70 + 90) / 2 = 80
  MetricValue v = Value(Agents({"A01"}), "product_knowledge");
  EXPECT_EQ(v, MetricValue::Ratio(80, 1));
  EXPECT_EQ(v.sample, 2);
  // Only out-of-period rows: empty.
  Assess("A02", "teamwork", "test", 50, 100, CivilDate{2024, 2, 1});
  EXPECT_TRUE(Value(Agents({"A02"}), "teamwork").empty);
}

TEST_F(DimensionsTest, MaxScoreOtherThan100) {
  Assess("A01", "error_handling", "test", 7, 8);    // 100 × 7 / 8 = 87.5 = 175/2
  Assess("A01", "error_handling", "test", 2.5, 3);  // 100 × 2.5 / 3 = 250/3
  // mean: (175/2 + 250/3) / 2 = (525/6 + 500/6) / 2 = 1025/12 = 85.41666… → 85.417
  MetricValue v = Value(Agents({"A01"}), "error_handling");
  EXPECT_EQ(v, MetricValue::Ratio(1025, 12));
  EXPECT_EQ(FormatValue(v, Format::kDimension), "85.417");
}

TEST_F(DimensionsTest, ACustomDimensionGetsItsOwnColumn) {
  Assess("A01", "sales_skill", "manager", 4, 5);  // 80
  Assess("A01", "aaa_custom", "test", 60);
  Assess("A01", "void_only", "test", 60, 100, kJan15, /*is_void=*/true);
  // A form feeding a custom dimension, with a review; and a form with no reviews.
  auto fed = ParseQaForm(
      "id = \"tone\"\ndimension = \"tone_quality\"\n[[sections]]\nid = \"s\"\nweight = 100\n"
      "[[sections.items]]\nid = \"warmth\"\nmax = 4\n",
      "tone.toml");
  ASSERT_TRUE(fed.ok());
  data_.qa_forms.emplace("tone", *fed);
  auto unused = ParseQaForm(
      "id = \"unused\"\ndimension = \"never_seen\"\n[[sections]]\nid = \"s\"\nweight = 100\n"
      "[[sections.items]]\nid = \"x\"\nmax = 4\n",
      "unused.toml");
  ASSERT_TRUE(unused.ok());
  data_.qa_forms.emplace("unused", *unused);
  data_.qa_items.push_back({"T1", "A01", kJan15, "tone", "warmth", 3 * kMicrosPerUnit});

  EXPECT_EQ(DimensionColumns(data_),
            (std::vector<std::string>{"product_knowledge", "communication", "teamwork",
                                      "error_handling", "innovation_learning", "aaa_custom",
                                      "sales_skill", "tone_quality"}));
  Columns cols = Run(Agents({"A01"}));
  ASSERT_EQ(cols.size(), 8u);
  EXPECT_EQ(cols[5].first, "aaa_custom");
  EXPECT_EQ(cols[5].second, MetricValue::Ratio(60, 1));
  EXPECT_EQ(cols[6].first, "sales_skill");
  EXPECT_EQ(cols[6].second, MetricValue::Ratio(80, 1));  // 80 × 0.6 / 0.6
  EXPECT_EQ(cols[7].first, "tone_quality");
  EXPECT_EQ(cols[7].second, MetricValue::Ratio(75, 1));  // review: 100 × 3 / 4 = 75
  for (size_t i = 0; i < 5; ++i) EXPECT_TRUE(cols[i].second.empty) << cols[i].first;
}

TEST_F(DimensionsTest, QaReviewsFeedTheirFormsDimensionAsSourceQa) {
  Review("R1", "A01", 8);                          // 100 × 18 / 20 = 90
  Review("R2", "A01", 4);                          // 100 × 14 / 20 = 70 → qa mean 80
  Review("R3", "A01", 0, CivilDate{2024, 2, 3});   // outside the period
  Review("R4", "A02", 0);                          // another agent
  Review("R5", "A01", 0, kJan15, "unknown_form");  // no form: no score
  Assess("A01", "communication", "peer", 3, 5);    // 60
  // (80 × 1 + 60 × 0.3) / (1 + 0.3) = 98 / 1.3 = 980/13 = 75.384615… → 75.385
  MetricValue v = Value(Agents({"A01"}), "communication");
  EXPECT_EQ(v, MetricValue::Ratio(980, 13));
  EXPECT_EQ(v.sample, 3);  // two reviews and one assessment row
  EXPECT_EQ(FormatValue(v, Format::kDimension), "75.385");
}

TEST_F(DimensionsTest, QaReviewsAloneScoreAndACriticalFailureCountsAsZero) {
  data_.qa_items.push_back({"R1", "A01", kJan15, "chat", "clarity", 10 * kMicrosPerUnit});
  data_.qa_items.push_back({"R1", "A01", kJan15, "chat", "resolved", 5 * kMicrosPerUnit});
  Review("R2", "A01", 10);  // 100
  // R1: resolved below its max → 0. qa mean (0 + 100) / 2 = 50.
  MetricValue v = Value(Agents({"A01"}), "communication");
  EXPECT_EQ(v, MetricValue::Ratio(50, 1));
  EXPECT_EQ(v.sample, 2);
}

TEST_F(DimensionsTest, AGroupPoolsTheRowsOfItsAgents) {
  Assess("A01", "teamwork", "test", 80);
  Assess("A02", "teamwork", "test", 60);
  Assess("A02", "teamwork", "manager", 5, 5);  // 100
  Assess("A03", "teamwork", "test", 0);        // not in the group
  // test mean (80 + 60) / 2 = 70; manager 100: (70 + 60) / 1.6 = 130/1.6 = 81.25
  MetricValue v = Value(Agents({"A01", "A02"}), "teamwork");
  EXPECT_EQ(v, MetricValue::Ratio(325, 4));
  EXPECT_EQ(v.sample, 3);
  EXPECT_EQ(FormatValue(v, Format::kDimension), "81.250");
}

TEST_F(DimensionsTest, AShopRowHasEveryDimensionEmpty) {
  Assess("A01", "teamwork", "test", 80);
  Assess("A01", "sales_skill", "test", 80);
  Group shop;
  shop.member.assign(data_.agents.size(), true);
  shop.shop = 0;
  Columns cols = Run(shop);
  ASSERT_EQ(cols.size(), 6u);
  for (const auto& [name, v] : cols) EXPECT_TRUE(v.empty) << name;
}

TEST_F(DimensionsTest, ASourceWithoutWeightIsLeftOut) {
  settings_.source_weights.erase("peer");
  settings_.source_weights["manager"] = 0;
  Assess("A01", "teamwork", "peer", 1, 5);
  Assess("A01", "teamwork", "test", 90);
  // peer missing from the settings, left out: 90 × 1 / 1 = 90.
  MetricValue v = Value(Agents({"A01"}), "teamwork");
  EXPECT_EQ(v, MetricValue::Ratio(90, 1));
  EXPECT_EQ(v.sample, 1);
  // Only unweighted sources and self: self alone never scores.
  Assess("A02", "teamwork", "peer", 4, 5);
  Assess("A02", "teamwork", "manager", 4, 5);
  Assess("A02", "teamwork", "self", 5, 5);
  EXPECT_TRUE(Value(Agents({"A02"}), "teamwork").empty);
}

TEST_F(DimensionsTest, CustomSourceWeightsApply) {
  settings_.source_weights["manager"] = M(2);
  Assess("A01", "innovation_learning", "test", 50);
  Assess("A01", "innovation_learning", "manager", 2, 2);  // 100
  // (50 × 1 + 100 × 2) / 3 = 250/3 = 83.333…
  EXPECT_EQ(Printed(Agents({"A01"}), "innovation_learning"), "83.333");
}

}  // namespace
}  // namespace csperf::metrics
