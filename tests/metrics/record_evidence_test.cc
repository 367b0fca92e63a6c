// The evidence of the per-record and dimension columns in the corners the demo month may not
// reach: every value re-aggregated from its rows equals the report's (the same column
// functions on a group of one agent), and void records are shown but count nowhere.
#include <optional>
#include <string>
#include <vector>

#include "metrics/evidence.h"
#include "record_fixture.h"

namespace csperf::metrics {
namespace {

class RecordEvidenceTest : public MetricsRecordTest {
 protected:
  RecordEvidenceTest() {
    alice = AddAgent("A1", {"shop:alice"}, "M1");
    manager = AddAgent("M1");
    shop = data.shops.Intern("shop");
    data.IndexAgents();
  }

  // Every record and dimension column of `agent`: the report's value and its evidence's.
  void ExpectEvidenceGivesTheReportBack(Id agent) {
    data.IndexAgents();  // the records were added after the agents
    const Context c = MakeContext();
    Columns report;
    const Group g = Members({agent});
    AddAfterSalesColumns(c, g, &report);
    AddFollowupColumns(c, g, &report);
    AddDimensionColumns(c, g, DimensionColumns(data), &report);
    AddIncidentColumns(c, g, &report);
    AddAttendanceColumns(c, g, &report);
    AddSupervisorColumns(c, {agent}, true, &report);
    for (const auto& [name, value] : report) {
      SCOPED_TRACE(name);
      auto evidence = BuildEvidence(c, data.agents[static_cast<size_t>(agent)].id, name);
      ASSERT_TRUE(evidence.ok()) << evidence.problem().ToString();
      EXPECT_TRUE(Reaggregate(*evidence) == value);
      EXPECT_EQ(Reaggregate(*evidence).empty, value.empty);
    }
  }

  Evidence Explain(Id agent, const std::string& metric) {
    auto evidence =
        BuildEvidence(MakeContext(), data.agents[static_cast<size_t>(agent)].id, metric);
    EXPECT_TRUE(evidence.ok());
    return evidence.ok() ? *evidence : Evidence{};
  }

  Id alice, manager, shop;
};

TEST_F(RecordEvidenceTest, NoRecordsAtAll) {
  ExpectEvidenceGivesTheReportBack(alice);
  ExpectEvidenceGivesTheReportBack(manager);
  // A manager without reports: coverage is empty, and so is its evidence.
  EXPECT_TRUE(Reaggregate(Explain(alice, "coaching_coverage")).empty);
  // days_employed: one row for the agent.
  Evidence days = Explain(alice, "days_employed");
  ASSERT_EQ(days.rows.size(), 1u);
  EXPECT_EQ(days.rows[0].num, 31);
}

TEST_F(RecordEvidenceTest, CasesWithoutAnyStepSlaGiveAnEmptyStepSlaRate) {
  const Id account = data.accounts.Find("shop:alice");
  // Handling 10 h and 30 h: the lower median of two is 10 h, the mean 20 h.
  data.cases.push_back(Case{"C1", "return", account, Jan(3, 8), Jan(3, 18), shop});
  data.cases.push_back(Case{"C2", "refund_only", account, Jan(4, 0), Jan(5, 6), shop});
  data.case_events.push_back(CaseEvent{"C1", "refund", Jan(3, 12)});
  data.case_events.push_back(CaseEvent{"C1", "approve", Jan(3, 9)});
  data.case_events.push_back(CaseEvent{"C2", "refund", Jan(6, 0)});  // after closing: reopened
  // Open at the period's end and older than the 72 h of a return: overdue.
  data.cases.push_back(Case{"C3", "return", account, Jan(20), std::nullopt, shop});
  settings.step_sla.clear();
  ExpectEvidenceGivesTheReportBack(alice);

  Evidence step = Explain(alice, "step_sla_met_rate");
  EXPECT_EQ(step.rows.size(), 2u);
  EXPECT_TRUE(Reaggregate(step).empty);
  EXPECT_EQ(FormatValue(Reaggregate(Explain(alice, "handling_median_h")), Format::kHours),
            "10.000");
  EXPECT_EQ(Explain(alice, "reopened").rows.size(), 1u);
  EXPECT_EQ(Explain(alice, "open_overdue").rows.size(), 1u);

  settings.step_sla["return"] = {StepSla{"opened", "approve", 3600}};
  ExpectEvidenceGivesTheReportBack(alice);
  EXPECT_FALSE(Reaggregate(Explain(alice, "step_sla_met_rate")).empty);
}

TEST_F(RecordEvidenceTest, VoidIncidentsAreShownAndCountNowhere) {
  data.incidents.push_back(
      Incident{"I1", "A1", Jan(5, 10), "error", "critical", 12345, true, false});
  data.incidents.push_back(Incident{"I2", "A1", Jan(6, 10), "error", "minor", 500, false, true});
  data.incidents.push_back(Incident{"I3", "A1", Jan(7, 10), "complaint", "minor", 0, false, false});
  ExpectEvidenceGivesTheReportBack(alice);
  Evidence errors = Explain(alice, "errors");
  ASSERT_EQ(errors.rows.size(), 2u);
  EXPECT_EQ(errors.rows[1].num, 0);
  EXPECT_NE(errors.rows[1].what.find("void"), std::string::npos);
  EXPECT_EQ(FormatValue(Reaggregate(Explain(alice, "loss_amount")), Format::kMoney), "123.45");
}

TEST_F(RecordEvidenceTest, ShiftsFollowUpsAndSupervisorsRecords) {
  auto shift = [&](int day, const std::string& status, std::optional<Instant> in,
                   std::optional<Instant> out) {
    data.shifts.push_back(
        Shift{"A1", CivilDate{2024, 1, day}, Jan(day, 9), Jan(day, 18), in, out, status});
  };
  shift(2, "present", Jan(2, 9, 6), Jan(2, 17));  // late and early
  shift(3, "leave", std::nullopt, std::nullopt);
  shift(4, "absent", std::nullopt, std::nullopt);
  shift(5, "", std::nullopt, std::nullopt);  // present without clock readings
  data.followups.push_back(Followup{"F1", "A1", "c1", Jan(10), CivilDate{2024, 1, 10}, Jan(11), 4});
  data.followups.push_back(Followup{"F2", "A1", "c2", Jan(10), CivilDate{2024, 1, 10}, Jan(12), 2});
  data.followups.push_back(
      Followup{"F3", "A1", "c3", Jan(12), CivilDate{2024, 1, 12}, std::nullopt, std::nullopt});
  data.work_records.push_back(WorkRecord{"M1", "A1", CivilDate{2024, 1, 9}, "coaching"});
  data.work_records.push_back(WorkRecord{"M1", "A1", CivilDate{2024, 2, 1}, "coaching"});
  ExpectEvidenceGivesTheReportBack(alice);
  ExpectEvidenceGivesTheReportBack(manager);
  EXPECT_EQ(FormatValue(Reaggregate(Explain(alice, "attendance_rate")), Format::kRate), "0.666667");
  EXPECT_EQ(FormatValue(Reaggregate(Explain(manager, "coaching_coverage")), Format::kRate),
            "1.000000");
}

TEST_F(RecordEvidenceTest, DimensionsLeaveOutVoidRowsZeroWeightsAndSelfAlone) {
  auto assess = [&](const std::string& dimension, const std::string& source, Micros score,
                    bool is_void = false) {
    data.assessments.push_back(Assessment{"A1", CivilDate{2024, 1, 15}, dimension, source, score,
                                          100 * kMicrosPerUnit, is_void});
  };
  assess("teamwork", "self", 90 * kMicrosPerUnit);  // self alone: empty
  assess("communication", "test", 70 * kMicrosPerUnit);
  assess("communication", "test", 10 * kMicrosPerUnit, true);  // void: shown, left out
  assess("communication", "robot", 0);                         // no weight: left out
  assess("communication", "manager", 85'500'000);
  ExpectEvidenceGivesTheReportBack(alice);
  EXPECT_TRUE(Reaggregate(Explain(alice, "teamwork")).empty);
  EXPECT_EQ(Explain(alice, "communication").rows.size(), 4u);
  // (70 × 1 + 85.5 × 0.6) / 1.6 = 121.3 / 1.6 = 75.8125
  EXPECT_TRUE(Reaggregate(Explain(alice, "communication")) == MetricValue::Ratio(12130, 160));
}

}  // namespace
}  // namespace csperf::metrics
