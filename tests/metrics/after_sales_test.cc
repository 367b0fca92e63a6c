// After-sales columns (metrics.md, "After-sales"). Every expected number is worked out by
// hand in the comment above it. Period 2024-01 in Asia/Shanghai; SLAs: refund_only 24 h,
// return 72 h; SOP of return: approve, goods_received, refund.
#include <optional>
#include <string>
#include <vector>

#include "metrics/loader.h"
#include "record_fixture.h"
#include "support/test_util.h"

namespace csperf::metrics {
namespace {

class AfterSalesTest : public MetricsRecordTest {
 protected:
  AfterSalesTest() {
    alice = AddAgent("A1", {"shop:alice"});
    bob = AddAgent("B1", {"shop:bob"});
    ghost = data.accounts.Intern("shop:ghost");  // mapped to no agent
    shop = data.shops.Intern("shop");
    other_shop = data.shops.Intern("other");
    data.IndexAgents();
  }

  void AddCase(const std::string& id, const std::string& type, Instant opened,
               std::optional<Instant> closed, Id account = kNone, Id case_shop = kNone) {
    if (account == kNone) account = data.accounts.Find("shop:alice");
    if (case_shop == kNone) case_shop = shop;
    data.cases.push_back(Case{id, type, account, opened, closed, case_shop});
  }
  void AddEvent(const std::string& id, const std::string& step, Instant at) {
    data.case_events.push_back(CaseEvent{id, step, at});
  }
  Columns Run(const Group& g) {
    Columns out;
    AddAfterSalesColumns(MakeContext(), g, &out);
    return out;
  }

  Id alice, bob, ghost, shop, other_shop;
};

TEST_F(AfterSalesTest, ColumnsInSpecOrder) {
  EXPECT_EQ(Names(Run(Members({alice}))),
            (std::vector<std::string>{"cases_closed", "handling_avg_h", "handling_median_h",
                                      "sla_met_rate", "sop_compliance_rate", "step_sla_met_rate",
                                      "reopened", "open_overdue"}));
}

TEST_F(AfterSalesTest, NoCasesGiveZeroCountsAndEmptyAverages) {
  Columns out = Run(Members({alice}));
  EXPECT_EQ(FormatValue(Get(out, "cases_closed"), Format::kCount), "0");
  EXPECT_TRUE(Get(out, "handling_avg_h").empty);
  EXPECT_TRUE(Get(out, "handling_median_h").empty);
  EXPECT_TRUE(Get(out, "sla_met_rate").empty);
  EXPECT_TRUE(Get(out, "sop_compliance_rate").empty);
  EXPECT_EQ(FormatValue(Get(out, "reopened"), Format::kCount), "0");
  EXPECT_EQ(FormatValue(Get(out, "open_overdue"), Format::kCount), "0");
}

TEST_F(AfterSalesTest, HandlingAverageAndLowerMedianOfCasesClosedInThePeriod) {
  // Closed in January: 30 h and 50 h → cases_closed 2, avg 40 h, lower median (1st of 2) 30 h.
  AddCase("c1", "return", Jan(10, 0), Jan(11, 6));
  AddCase("c2", "return", Jan(10, 0), Jan(12, 2));
  // Closed in February (at the period's end exactly) and in December: other periods.
  AddCase("c3", "return", Jan(30, 0), At(2024, 2, 1, 0));
  AddCase("c4", "return", At(2023, 12, 30, 0), At(2023, 12, 31, 23, 59, 59));
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Get(out, "cases_closed"), MetricValue::Count(2));
  EXPECT_EQ(FormatValue(Get(out, "handling_avg_h"), Format::kHours), "40.000");
  EXPECT_EQ(Get(out, "handling_avg_h").sample, 2);
  EXPECT_EQ(FormatValue(Get(out, "handling_median_h"), Format::kHours), "30.000");
  EXPECT_EQ(Get(out, "handling_median_h").sample, 2);
}

TEST_F(AfterSalesTest, HandlingHoursPrintWithThreeDecimals) {
  // 1 h 0 m 1 s, 2 h and 3 h → avg (3601 + 7200 + 10800) / 3 = 7200.333 s = 2.000093 h → "2.000";
  // lower median, the 2nd of 3: 7200 s = "2.000"; 3601 s alone would print "1.000".
  AddCase("c1", "return", Jan(10, 0), Jan(10, 1, 0, 1));
  AddCase("c2", "return", Jan(10, 0), Jan(10, 2));
  AddCase("c3", "return", Jan(10, 0), Jan(10, 3));
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Get(out, "handling_avg_h"), MetricValue::Ratio(3601 + 7200 + 10800, 3));
  EXPECT_EQ(FormatValue(Get(out, "handling_avg_h"), Format::kHours), "2.000");
  EXPECT_EQ(Get(out, "handling_median_h"), MetricValue::Whole(7200, 3));
}

TEST_F(AfterSalesTest, SlaExactlyAtTheLimitIsMet) {
  // return closed after exactly 72 h: met; refund_only after 24 h 1 s: missed → 1/2.
  AddCase("c1", "return", Jan(10, 0), Jan(13, 0));
  AddCase("c2", "refund_only", Jan(10, 0), Jan(11, 0, 0, 1));
  Columns out = Run(Members({alice}));
  EXPECT_EQ(FormatValue(Get(out, "sla_met_rate"), Format::kRate), "0.500000");
  EXPECT_EQ(Get(out, "sla_met_rate").sample, 2);
}

TEST_F(AfterSalesTest, SopAsSubsequenceWithExtraStepsRepeatsAndEqualTimes) {
  // c1: approve, note, approve, goods_received, message, refund → holds the SOP.
  AddCase("c1", "return", Jan(5), Jan(8));
  AddEvent("c1", "approve", Jan(5, 1));
  AddEvent("c1", "note", Jan(5, 2));
  AddEvent("c1", "approve", Jan(5, 3));
  AddEvent("c1", "goods_received", Jan(6, 1));
  AddEvent("c1", "message", Jan(6, 2));
  AddEvent("c1", "refund", Jan(7, 1));
  // c2: approve, refund: goods_received missing → fails.
  AddCase("c2", "return", Jan(5), Jan(8));
  AddEvent("c2", "approve", Jan(5, 1));
  AddEvent("c2", "refund", Jan(6, 1));
  // c3: goods_received and refund share one `at`, in that input order; approve comes last in
  // the input but earliest in time → sorted: approve, goods_received, refund → holds.
  AddCase("c3", "return", Jan(5), Jan(8));
  AddEvent("c3", "goods_received", Jan(6, 9));
  AddEvent("c3", "refund", Jan(6, 9));
  AddEvent("c3", "approve", Jan(5, 9));
  // c4: the same but refund before goods_received in the input → approve, refund,
  // goods_received → fails (sorting by step name at equal times would wrongly pass it).
  AddCase("c4", "return", Jan(5), Jan(8));
  AddEvent("c4", "refund", Jan(6, 9));
  AddEvent("c4", "goods_received", Jan(6, 9));
  AddEvent("c4", "approve", Jan(5, 9));
  // 2 of 4 comply.
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Get(out, "cases_closed"), MetricValue::Count(4));
  EXPECT_EQ(FormatValue(Get(out, "sop_compliance_rate"), Format::kRate), "0.500000");
}

TEST_F(AfterSalesTest, StepSlaEmptyWhenNoneIsSet) {
  AddCase("c1", "return", Jan(10, 0), Jan(11, 0));
  Columns out = Run(Members({alice}));
  EXPECT_TRUE(Get(out, "step_sla_met_rate").empty);
  EXPECT_EQ(Get(out, "step_sla_met_rate").sample, 1);
}

TEST_F(AfterSalesTest, StepSlaFromOpenedAndMissingSteps) {
  settings.step_sla["return"] = {StepSla{"opened", "approve", 24 * 3600},
                                 StepSla{"goods_received", "refund", 24 * 3600}};
  // c1: opened → approve exactly 24 h (met); goods_received → refund 12 h (met); a later
  // second approve does not move the first one → meets both.
  AddCase("c1", "return", Jan(10), Jan(14));
  AddEvent("c1", "approve", Jan(11));
  AddEvent("c1", "goods_received", Jan(12));
  AddEvent("c1", "refund", Jan(12, 12));
  AddEvent("c1", "approve", Jan(13));
  // c2: opened → approve 24 h 1 s → missed.
  AddCase("c2", "return", Jan(10), Jan(14));
  AddEvent("c2", "approve", Jan(11, 0, 0, 1));
  AddEvent("c2", "goods_received", Jan(12));
  AddEvent("c2", "refund", Jan(12, 1));
  // c3: no goods_received → its pair is not met.
  AddCase("c3", "return", Jan(10), Jan(14));
  AddEvent("c3", "approve", Jan(10, 1));
  AddEvent("c3", "refund", Jan(10, 2));
  // c4: refund_only has no pairs → meets them.
  AddCase("c4", "refund_only", Jan(10), Jan(10, 5));
  // c1 and c4 of 4 → 0.5.
  Columns out = Run(Members({alice}));
  EXPECT_EQ(FormatValue(Get(out, "step_sla_met_rate"), Format::kRate), "0.500000");
  EXPECT_EQ(Get(out, "step_sla_met_rate").sample, 4);
}

TEST_F(AfterSalesTest, ReopenedNeedsAnEventStrictlyAfterClosing) {
  // c1: an event 1 s after closed_at → reopened; c2: an event exactly at closed_at → not.
  AddCase("c1", "return", Jan(10), Jan(12));
  AddEvent("c1", "message", Jan(12, 0, 0, 1));
  AddCase("c2", "return", Jan(10), Jan(12));
  AddEvent("c2", "refund", Jan(12));
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Get(out, "reopened"), MetricValue::Count(1));
}

TEST_F(AfterSalesTest, OpenOverdueAtThePeriodBoundary) {
  // The period ends 2024-02-01 00:00. refund_only SLA 24 h, return 72 h.
  // o1: closed exactly at the end is not closed before it; 48 h old → overdue.
  AddCase("o1", "refund_only", Jan(30), At(2024, 2, 1));
  // o2: open, exactly 24 h old at the end → not older than its SLA.
  AddCase("o2", "refund_only", Jan(31), std::nullopt);
  // o3: open, 24 h 1 s old → overdue.
  AddCase("o3", "refund_only", Jan(30, 23, 59, 59), std::nullopt);
  // o4: closed one second before the end → not open (it is January's one closed case).
  AddCase("o4", "refund_only", Jan(20), Jan(31, 23, 59, 59));
  // o5: opened at the end → not opened before it.
  AddCase("o5", "refund_only", At(2024, 2, 1), std::nullopt);
  // o6: opened in December, still open → overdue (not limited to cases of the period).
  AddCase("o6", "return", At(2023, 12, 1), std::nullopt);
  // o1, o3, o6 → 3.
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Get(out, "open_overdue"), MetricValue::Count(3));
  EXPECT_EQ(Get(out, "cases_closed"), MetricValue::Count(1));
}

TEST_F(AfterSalesTest, UnmappedAccountGoesToTheShopRowOnly) {
  const Id alice_account = data.accounts.Find("shop:alice");
  const Id bob_account = data.accounts.Find("shop:bob");
  AddCase("a1", "return", Jan(10), Jan(11), alice_account, shop);
  AddCase("b1", "return", Jan(10), Jan(11), bob_account, shop);
  AddCase("g1", "return", Jan(10), Jan(11), ghost, shop);
  AddCase("g2", "return", Jan(10), Jan(11), ghost, other_shop);
  // A case without a shop: alice's, but no shop row's.
  data.cases.push_back(Case{"a2", "return", alice_account, Jan(10), Jan(11), kNone});
  // alice: a1, a2 → 2; alice + bob: a1, a2, b1 → 3 (ghost's cases belong to no agent);
  // "shop": a1, b1, g1 → 3; "other": g2 → 1.
  EXPECT_EQ(Get(Run(Members({alice})), "cases_closed"), MetricValue::Count(2));
  EXPECT_EQ(Get(Run(Members({alice, bob})), "cases_closed"), MetricValue::Count(3));
  EXPECT_EQ(Get(Run(ShopRow(shop)), "cases_closed"), MetricValue::Count(3));
  EXPECT_EQ(Get(Run(ShopRow(other_shop)), "cases_closed"), MetricValue::Count(1));
}

}  // namespace
}  // namespace csperf::metrics

namespace csperf::metrics {
namespace {

// Events with equal times keep their input order even when two of them are identical rows.
TEST(AfterSalesFiles, RepeatedIdenticalEventsKeepTheirOrder) {
  csperf::testing::ScratchDir dir;
  dir.Write("in/agents.csv", "agent_id,name,accounts\nA1,甲,店:a1\n");
  dir.Write("in/cases.csv",
            "case_id,type,account,opened_at,closed_at\nK1,return,店:a1,2024-01-10 "
            "09:00:00,2024-01-10 12:00:00\n");
  dir.Write("in/case_events.csv",
            "case_id,step,at\n"
            "K1,refund,2024-01-10 10:00:00\n"
            "K1,approve,2024-01-10 10:00:00\n"
            "K1,goods_received,2024-01-10 10:00:00\n"
            "K1,refund,2024-01-10 10:00:00\n");
  Settings settings = DefaultSettings();
  ImportReport import;
  auto data = LoadDatasetFromFiles({dir / "in"}, settings, ImportOptions{}, &import);
  ASSERT_TRUE(data.ok());
  auto zone = *TimeZone::Load("Asia/Shanghai");
  Period p = *ParsePeriod("2024-01");
  Context c{*data, settings, *zone, p, p.begin(*zone), p.end(*zone)};
  Group g;
  g.member = {true};
  Columns out;
  AddAfterSalesColumns(c, g, &out);
  for (const auto& [name, value] : out) {
    if (name == "sop_compliance_rate") EXPECT_EQ(FormatValue(value, Format::kRate), "1.000000");
  }
}

}  // namespace
}  // namespace csperf::metrics
