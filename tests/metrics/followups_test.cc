// Follow-up columns (metrics.md, "Follow-ups"). Period 2024-01 in Asia/Shanghai; grace 24 h.
#include <optional>
#include <string>
#include <vector>

#include "record_fixture.h"

namespace csperf::metrics {
namespace {

class FollowupTest : public MetricsRecordTest {
 protected:
  FollowupTest() {
    alice = AddAgent("A1");
    bob = AddAgent("B1");
    shop = data.shops.Intern("shop");
    data.IndexAgents();
  }

  void Add(const std::string& agent, Instant due_at, CivilDate due_date,
           std::optional<Instant> done_at, std::optional<int> quality = std::nullopt) {
    const std::string id = "f" + std::to_string(data.followups.size() + 1);
    data.followups.push_back(Followup{id, agent, "cust", due_at, due_date, done_at, quality});
  }
  Columns Run(const Group& g) {
    data.IndexAgents();  // the follow-ups were added after the agents
    Columns out;
    AddFollowupColumns(MakeContext(), g, &out);
    return out;
  }

  Id alice, bob, shop;
};

TEST_F(FollowupTest, OnTimeGraceEdgeDateOnlyDueEarlyAndNeverDone) {
  // f1: due 01-10 18:00, done exactly 24 h later → on time; quality 4.
  Add("A1", Jan(10, 18), {2024, 1, 10}, Jan(11, 18), 4);
  // f2: done 1 s after due + grace → late; its quality 2 still counts.
  Add("A1", Jan(10, 18), {2024, 1, 10}, Jan(11, 18, 0, 1), 2);
  // f3: done a day early → on time; no quality.
  Add("A1", Jan(10, 18), {2024, 1, 10}, Jan(9, 18));
  // f4: never done; a quality on an undone follow-up does not count.
  Add("A1", Jan(12, 18), {2024, 1, 12}, std::nullopt, 5);
  // f5: date-only due 2024-01-31: due_at is 02-01 00:00, still January's; done 02-01 20:00,
  // within due + grace (02-02 00:00) → on time; quality 4.
  Add("A1", At(2024, 2, 1), {2024, 1, 31}, At(2024, 2, 1, 20), 4);
  // f6: date-only due 2024-02-01 → February's, not counted.
  Add("A1", At(2024, 2, 2), {2024, 2, 1}, At(2024, 2, 1, 9), 1);
  // f7: bob's.
  Add("B1", Jan(10, 18), {2024, 1, 10}, std::nullopt);
  // alice: planned f1..f5 = 5; on time f1, f3, f5 = 3 → rate 0.6;
  // quality over f1, f2, f5: (4 + 2 + 4) / 3 = 3.333, sample 3.
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Names(out), (std::vector<std::string>{"followups_planned", "followups_done_on_time",
                                                  "followup_rate", "followup_quality_avg"}));
  EXPECT_EQ(Get(out, "followups_planned"), MetricValue::Count(5));
  EXPECT_EQ(Get(out, "followups_done_on_time"), MetricValue::Count(3));
  EXPECT_EQ(FormatValue(Get(out, "followup_rate"), Format::kRate), "0.600000");
  EXPECT_EQ(Get(out, "followup_rate").sample, 5);
  EXPECT_EQ(FormatValue(Get(out, "followup_quality_avg"), Format::kAverage), "3.333");
  EXPECT_EQ(Get(out, "followup_quality_avg").sample, 3);
  // alice and bob pooled: planned 6, on time 3 → 0.5.
  Columns team = Run(Members({alice, bob}));
  EXPECT_EQ(Get(team, "followups_planned"), MetricValue::Count(6));
  EXPECT_EQ(FormatValue(Get(team, "followup_rate"), Format::kRate), "0.500000");
}

TEST_F(FollowupTest, NothingPlannedLeavesTheRateEmpty) {
  // bob: one follow-up, never done, no quality → planned 1, rate 0; quality empty.
  Add("B1", Jan(10, 18), {2024, 1, 10}, std::nullopt);
  Columns alice_out = Run(Members({alice}));
  EXPECT_EQ(Get(alice_out, "followups_planned"), MetricValue::Count(0));
  EXPECT_TRUE(Get(alice_out, "followup_rate").empty);
  EXPECT_TRUE(Get(alice_out, "followup_quality_avg").empty);
  Columns bob_out = Run(Members({bob}));
  EXPECT_EQ(FormatValue(Get(bob_out, "followup_rate"), Format::kRate), "0.000000");
  EXPECT_TRUE(Get(bob_out, "followup_quality_avg").empty);
}

TEST_F(FollowupTest, ShopRowsAreEmpty) {
  Add("A1", Jan(10, 18), {2024, 1, 10}, Jan(10, 19), 5);
  Columns out = Run(ShopRow(shop));
  ASSERT_EQ(out.size(), 4u);
  for (const auto& [name, value] : out) EXPECT_TRUE(value.empty) << name;
}

}  // namespace
}  // namespace csperf::metrics
