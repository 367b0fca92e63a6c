// Supervisors' columns (metrics.md, "Supervisors' records"). Period 2024-01.
#include <string>
#include <vector>

#include "record_fixture.h"

namespace csperf::metrics {
namespace {

class SupervisorTest : public MetricsRecordTest {
 protected:
  SupervisorTest() {
    m1 = AddAgent("M1");
    m2 = AddAgent("M2");
    m3 = AddAgent("M3");  // manages no one
    AddAgent("A1", {}, "M1");
    AddAgent("A2", {}, "M1");
    const Id a3 = AddAgent("A3", {}, "M1");  // left before the period: not a direct report
    data.agents[static_cast<size_t>(a3)].leave_date = CivilDate{2023, 12, 31};
    AddAgent("B1", {}, "M2");
    Record("M1", "A1", {2024, 1, 5}, "coaching");
    Record("M1", "A1", {2024, 1, 6}, "coaching");
    Record("M1", "A2", {2024, 1, 7}, "observation");
    Record("M1", "A2", {2024, 2, 2}, "coaching");   // February's
    Record("M1", "A3", {2024, 1, 8}, "coaching");   // A3 is no direct report this period
    Record("M2", "A1", {2024, 1, 9}, "coaching");   // A1 is not M2's report
    Record("M1", "B1", {2024, 1, 10}, "feedback");  // B1 is not M1's report
    Record("M2", "B1", {2024, 1, 10}, "feedback");
  }

  void Record(const std::string& manager, const std::string& agent, CivilDate date,
              const std::string& kind) {
    data.work_records.push_back(WorkRecord{manager, agent, date, kind});
  }
  Columns Run(const std::vector<Id>& managers, bool applies = true) {
    Columns out;
    AddSupervisorColumns(MakeContext(), managers, applies, &out);
    return out;
  }

  Id m1, m2, m3;
};

TEST_F(SupervisorTest, CoverageOneOfTwoReports) {
  // M1's reports: A1, A2 (A3 left). Records about them in January: 3, coaching 2 (both A1)
  // → coverage 1 / 2 = 0.5, sample 2.
  Columns out = Run({m1});
  EXPECT_EQ(Names(out),
            (std::vector<std::string>{"records", "coaching_records", "coaching_coverage"}));
  EXPECT_EQ(Get(out, "records"), MetricValue::Count(3));
  EXPECT_EQ(Get(out, "coaching_records"), MetricValue::Count(2));
  EXPECT_EQ(FormatValue(Get(out, "coaching_coverage"), Format::kRate), "0.500000");
  EXPECT_EQ(Get(out, "coaching_coverage").sample, 2);
}

TEST_F(SupervisorTest, SeveralManagersSumBothParts) {
  // M2: reports B1; 1 record (feedback), no coaching → 0 / 1.
  Columns m2_out = Run({m2});
  EXPECT_EQ(Get(m2_out, "records"), MetricValue::Count(1));
  EXPECT_EQ(FormatValue(Get(m2_out, "coaching_coverage"), Format::kRate), "0.000000");
  // M1 + M2: records 3 + 1 = 4, coaching 2, coverage (1 + 0) / (2 + 1) = 0.333333.
  Columns both = Run({m1, m2});
  EXPECT_EQ(Get(both, "records"), MetricValue::Count(4));
  EXPECT_EQ(Get(both, "coaching_records"), MetricValue::Count(2));
  EXPECT_EQ(FormatValue(Get(both, "coaching_coverage"), Format::kRate), "0.333333");
  EXPECT_EQ(Get(both, "coaching_coverage").sample, 3);
}

TEST_F(SupervisorTest, ManagerWithoutReports) {
  // M3: no direct reports → 0 records, 0 coaching, coverage empty.
  Columns out = Run({m3});
  EXPECT_EQ(Get(out, "records"), MetricValue::Count(0));
  EXPECT_EQ(Get(out, "coaching_records"), MetricValue::Count(0));
  EXPECT_TRUE(Get(out, "coaching_coverage").empty);
}

TEST_F(SupervisorTest, NotApplyingLeavesAllEmpty) {
  Columns out = Run({m1}, /*applies=*/false);
  ASSERT_EQ(out.size(), 3u);
  for (const auto& [name, value] : out) EXPECT_TRUE(value.empty) << name;
}

}  // namespace
}  // namespace csperf::metrics
