// Attendance columns (metrics.md, "Attendance"). Period 2024-01 (31 days) in Asia/Shanghai;
// late grace 5 min. Shifts are scheduled 09:00–18:00.
#include <optional>
#include <string>
#include <vector>

#include "record_fixture.h"

namespace csperf::metrics {
namespace {

class AttendanceTest : public MetricsRecordTest {
 protected:
  AttendanceTest() {
    alice = AddAgent("A1");
    bob = AddAgent("B1");
    shop = data.shops.Intern("shop");
  }

  void Add(const std::string& agent, CivilDate date, std::optional<Instant> in,
           std::optional<Instant> out, const std::string& status = "present") {
    const Instant start = At(date.year, date.month, date.day, 9);
    const Instant end = At(date.year, date.month, date.day, 18);
    data.shifts.push_back(Shift{agent, date, start, end, in, out, status});
  }
  Columns Run(const Group& g) {
    Columns out;
    AddAttendanceColumns(MakeContext(), g, &out);
    return out;
  }

  Id alice, bob, shop;
};

TEST_F(AttendanceTest, LateGraceEdgeEarlyLeaveMissingClocksLeaveAndAbsence) {
  // 01-02: in 09:05:00 (exactly the grace) → not late; out 18:00 → not early.
  Add("A1", {2024, 1, 2}, Jan(2, 9, 5, 0), Jan(2, 18));
  // 01-03: in 09:05:01 → late; out 17:59:59 → early.
  Add("A1", {2024, 1, 3}, Jan(3, 9, 5, 1), Jan(3, 17, 59, 59));
  // 01-04: present without clock readings → neither late nor early.
  Add("A1", {2024, 1, 4}, std::nullopt, std::nullopt);
  // 01-05 on leave (a late clock_in there means nothing); 01-06 absent.
  Add("A1", {2024, 1, 5}, Jan(5, 11), std::nullopt, "leave");
  Add("A1", {2024, 1, 6}, std::nullopt, std::nullopt, "absent");
  // February's shift: not counted.
  Add("A1", {2024, 2, 1}, At(2024, 2, 1, 10), At(2024, 2, 1, 12));
  // shifts 5, present 3, late 1, early 1, absent 1, leave 1;
  // rate 3 / (5 − 1) = 0.75, sample 4; days employed 31 (no hire or leave date).
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Names(out),
            (std::vector<std::string>{"shifts", "late", "early_leave", "absent", "leave_days",
                                      "attendance_rate", "days_employed"}));
  EXPECT_EQ(Get(out, "shifts"), MetricValue::Count(5));
  EXPECT_EQ(Get(out, "late"), MetricValue::Count(1));
  EXPECT_EQ(Get(out, "early_leave"), MetricValue::Count(1));
  EXPECT_EQ(Get(out, "absent"), MetricValue::Count(1));
  EXPECT_EQ(Get(out, "leave_days"), MetricValue::Count(1));
  EXPECT_EQ(FormatValue(Get(out, "attendance_rate"), Format::kRate), "0.750000");
  EXPECT_EQ(Get(out, "attendance_rate").sample, 4);
  EXPECT_EQ(Get(out, "days_employed"), MetricValue::Count(31));
}

TEST_F(AttendanceTest, LeaveLeavesTheDenominator) {
  // 20 present shifts (01-01..01-20), of which the first was absent instead, and 1 on leave
  // (01-21): shifts 21, present 19, absent 1, leave 1 → 19 / (21 − 1) = 0.95, sample 20.
  for (int day = 1; day <= 20; ++day) {
    Add("A1", {2024, 1, day}, Jan(day, 9), Jan(day, 18), day == 1 ? "absent" : "present");
  }
  Add("A1", {2024, 1, 21}, std::nullopt, std::nullopt, "leave");
  Columns out = Run(Members({alice}));
  EXPECT_EQ(Get(out, "shifts"), MetricValue::Count(21));
  EXPECT_EQ(FormatValue(Get(out, "attendance_rate"), Format::kRate), "0.950000");
  EXPECT_EQ(Get(out, "attendance_rate").sample, 20);
}

TEST_F(AttendanceTest, ZeroDenominatorsAreEmpty) {
  // bob: one shift, on leave → 1 − 1 = 0 → empty; alice: no shifts → empty, counts 0.
  Add("B1", {2024, 1, 5}, std::nullopt, std::nullopt, "leave");
  Columns bob_out = Run(Members({bob}));
  EXPECT_EQ(Get(bob_out, "shifts"), MetricValue::Count(1));
  EXPECT_TRUE(Get(bob_out, "attendance_rate").empty);
  EXPECT_EQ(Get(bob_out, "attendance_rate").sample, 0);
  Columns alice_out = Run(Members({alice}));
  EXPECT_EQ(Get(alice_out, "shifts"), MetricValue::Count(0));
  EXPECT_TRUE(Get(alice_out, "attendance_rate").empty);
}

TEST_F(AttendanceTest, DaysEmployedWithinThePeriod) {
  data.agents[static_cast<size_t>(alice)].hire_date = CivilDate{2024, 1, 16};  // 16..31 → 16
  data.agents[static_cast<size_t>(bob)].leave_date = CivilDate{2024, 1, 20};   // 1..20 → 20
  const Id carol = AddAgent("C1");  // hired 01-10, left 01-12 → 3
  data.agents[static_cast<size_t>(carol)].hire_date = CivilDate{2024, 1, 10};
  data.agents[static_cast<size_t>(carol)].leave_date = CivilDate{2024, 1, 12};
  const Id dave = AddAgent("D1");  // hired 02-05 → 0
  data.agents[static_cast<size_t>(dave)].hire_date = CivilDate{2024, 2, 5};
  const Id erin = AddAgent("E1");  // left 2023-12-31 → 0
  data.agents[static_cast<size_t>(erin)].leave_date = CivilDate{2023, 12, 31};
  const Id frank = AddAgent("F1");  // hired 2023-06-01, left 2024-03-01 → all 31
  data.agents[static_cast<size_t>(frank)].hire_date = CivilDate{2023, 6, 1};
  data.agents[static_cast<size_t>(frank)].leave_date = CivilDate{2024, 3, 1};
  EXPECT_EQ(Get(Run(Members({alice})), "days_employed"), MetricValue::Count(16));
  EXPECT_EQ(Get(Run(Members({bob})), "days_employed"), MetricValue::Count(20));
  EXPECT_EQ(Get(Run(Members({carol})), "days_employed"), MetricValue::Count(3));
  EXPECT_EQ(Get(Run(Members({dave})), "days_employed"), MetricValue::Count(0));
  EXPECT_EQ(Get(Run(Members({erin})), "days_employed"), MetricValue::Count(0));
  EXPECT_EQ(Get(Run(Members({frank})), "days_employed"), MetricValue::Count(31));
  // A group sums its agents: 16 + 20 = 36.
  EXPECT_EQ(Get(Run(Members({alice, bob})), "days_employed"), MetricValue::Count(36));
}

TEST_F(AttendanceTest, ShopRowsAreEmpty) {
  Add("A1", {2024, 1, 2}, Jan(2, 9), Jan(2, 18));
  Columns out = Run(ShopRow(shop));
  ASSERT_EQ(out.size(), 7u);
  for (const auto& [name, value] : out) EXPECT_TRUE(value.empty) << name;
}

}  // namespace
}  // namespace csperf::metrics
