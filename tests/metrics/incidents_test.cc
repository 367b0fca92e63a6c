// Incident columns (metrics.md, "Incidents"). Period 2024-01 in Asia/Shanghai.
#include <string>
#include <vector>

#include "record_fixture.h"

namespace csperf::metrics {
namespace {

class IncidentTest : public MetricsRecordTest {
 protected:
  IncidentTest() {
    alice = AddAgent("A1");
    bob = AddAgent("B1");
    shop = data.shops.Intern("shop");
    data.IndexAgents();
  }

  void Add(const std::string& agent, Instant at, const std::string& kind,
           const std::string& severity = "minor", Cents loss = 0, bool recovered = false,
           bool is_void = false) {
    const std::string id = "i" + std::to_string(data.incidents.size() + 1);
    data.incidents.push_back(Incident{id, agent, at, kind, severity, loss, recovered, is_void});
  }
  Columns Run(const Group& g) {
    Columns out;
    AddIncidentColumns(MakeContext(), g, &out);
    return out;
  }

  Id alice, bob, shop;
};

TEST_F(IncidentTest, CountsCriticalsLossAndRecovery) {
  Add("A1", Jan(5), "error", "critical", 10000, /*recovered=*/true);
  Add("A1", Jan(6), "error", "minor", 2550);
  Add("A1", Jan(1), "error", "minor", 0, /*recovered=*/true);  // at the period's first instant
  Add("A1", Jan(7), "error", "major", 99999, true, /*is_void=*/true);  // void: nowhere
  Add("A1", At(2024, 2, 1), "error", "critical", 500);                 // February's
  Add("A1", Jan(8), "complaint", "critical", 1000);
  Add("A1", Jan(9), "complaint");
  Add("A1", Jan(10), "bad_review", "critical", 500);  // loss only sums errors and complaints
  Add("A1", Jan(11), "praise");
  Add("A1", Jan(12), "praise");
  Add("A1", Jan(13), "suggestion_adopted");
  Add("A1", Jan(14), "training_completed");
  Add("B1", Jan(5), "error", "critical", 7000);  // bob's
  // alice: errors 3 (1 critical, 2 recovered → 2/3 = 0.666667); complaints 2 (1 critical);
  // loss 10000 + 2550 + 0 + 1000 + 0 = 13550 cents = 135.50; bad_reviews 1; praises 2;
  // suggestions 1; trainings 1.
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Names(out), (std::vector<std::string>{"errors", "complaints", "bad_reviews", "praises",
                                                  "suggestions_adopted", "trainings_completed",
                                                  "errors_critical", "complaints_critical",
                                                  "loss_amount", "error_recovery_rate"}));
  EXPECT_EQ(Get(out, "errors"), MetricValue::Count(3));
  EXPECT_EQ(Get(out, "complaints"), MetricValue::Count(2));
  EXPECT_EQ(Get(out, "bad_reviews"), MetricValue::Count(1));
  EXPECT_EQ(Get(out, "praises"), MetricValue::Count(2));
  EXPECT_EQ(Get(out, "suggestions_adopted"), MetricValue::Count(1));
  EXPECT_EQ(Get(out, "trainings_completed"), MetricValue::Count(1));
  EXPECT_EQ(Get(out, "errors_critical"), MetricValue::Count(1));
  EXPECT_EQ(Get(out, "complaints_critical"), MetricValue::Count(1));
  EXPECT_EQ(FormatValue(Get(out, "loss_amount"), Format::kMoney), "135.50");
  EXPECT_EQ(FormatValue(Get(out, "error_recovery_rate"), Format::kRate), "0.666667");
  EXPECT_EQ(Get(out, "error_recovery_rate").sample, 3);
  // alice and bob pooled: errors 4, 2 critical, loss 20550 → 205.50, recovery 2/4.
  Columns team = Run(Members({alice, bob}));
  EXPECT_EQ(Get(team, "errors_critical"), MetricValue::Count(2));
  EXPECT_EQ(FormatValue(Get(team, "loss_amount"), Format::kMoney), "205.50");
  EXPECT_EQ(FormatValue(Get(team, "error_recovery_rate"), Format::kRate), "0.500000");
}

TEST_F(IncidentTest, RecoveryRateEmptyWithoutErrors) {
  // bob: one complaint, no errors → errors 0, recovery rate empty (sample 0).
  Add("B1", Jan(5), "complaint", "minor", 300);
  Columns out = Run(Members({bob}));
  EXPECT_EQ(Get(out, "errors"), MetricValue::Count(0));
  EXPECT_TRUE(Get(out, "error_recovery_rate").empty);
  EXPECT_EQ(Get(out, "error_recovery_rate").sample, 0);
  EXPECT_EQ(FormatValue(Get(out, "loss_amount"), Format::kMoney), "3.00");
}

TEST_F(IncidentTest, VoidOnlyCountsNothing) {
  Add("A1", Jan(5), "error", "critical", 10000, false, /*is_void=*/true);
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Get(out, "errors"), MetricValue::Count(0));
  EXPECT_EQ(Get(out, "errors_critical"), MetricValue::Count(0));
  EXPECT_EQ(FormatValue(Get(out, "loss_amount"), Format::kMoney), "0.00");
}

TEST_F(IncidentTest, ShopRowsAreEmpty) {
  Add("A1", Jan(5), "error");
  Columns out = Run(ShopRow(shop));
  ASSERT_EQ(out.size(), 10u);
  for (const auto& [name, value] : out) EXPECT_TRUE(value.empty) << name;
}

}  // namespace
}  // namespace csperf::metrics
