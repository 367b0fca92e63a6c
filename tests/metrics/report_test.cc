// The rows of a report (report.h, metrics.md "Per agent and period"): agent rows in the
// agents file's order, team rows sorted, manager rows for the agents who manage someone,
// shop rows sorted; each row pooling its group's records, never its agents' figures. A tiny
// folder written by hand, its numbers worked by hand below.
#include "metrics/report.h"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/settings.h"
#include "metrics/loader.h"
#include "support/test_util.h"

namespace csperf::metrics {
namespace {

// Six agents, not in order of id. C3 and M2 have no team; M2 has no account and no data;
// E5 left before January, so M1's manager row leaves E5 out while team T1 keeps E5.
const char kAgents[] =
    "agent_id,name,team,manager_id,accounts,leave_date\n"
    "B2,乙,T2,M1,shopA:b2,\n"
    "A1,甲,T1,M1,shopB:a1,\n"
    "M1,主管,T1,,shopB:m1,\n"
    "C3,丙,,M2,shopA:c3,\n"
    "M2,经理,,,,\n"
    "E5,戊,T1,M1,shopB:e5,2023-12-31\n";

// Four sessions, all in January 2024 (Asia/Shanghai), each opened by its customer:
// 1. shopB c1: customer 10:00:00; A1 10:00:20 (FRT 20 s); customer 10:01:00; M1 10:02:00
//    (60 s). Served by A1 and M1, both of team T1.
// 2. shopB c2: customer 09:00:00; E5 09:00:30 (FRT 30 s).
// 3. shopA c1 (another customer than shopB's c1): customer 10:00:00; B2 10:00:40 (FRT 40 s);
//    customer 10:01:00; C3 10:03:10 (130 s).
// 4. shopA c9: customer 10:00:00; shopA:temp, an account of no agent, 10:05:00 (FRT 300 s).
const char kMessages[] =
    "shop,customer_id,sender,sent_at,account,conversation_id,content\n"
    "shopB,c1,customer,2024-01-10 10:00:00,,,q1\n"
    "shopB,c1,agent,2024-01-10 10:00:20,shopB:a1,,a\n"
    "shopB,c1,customer,2024-01-10 10:01:00,,,q2\n"
    "shopB,c1,agent,2024-01-10 10:02:00,shopB:m1,,m\n"
    "shopB,c2,customer,2024-01-11 09:00:00,,,q\n"
    "shopB,c2,agent,2024-01-11 09:00:30,shopB:e5,,e\n"
    "shopA,c1,customer,2024-01-12 10:00:00,,,q\n"
    "shopA,c1,agent,2024-01-12 10:00:40,shopA:b2,,b\n"
    "shopA,c1,customer,2024-01-12 10:01:00,,,q\n"
    "shopA,c1,agent,2024-01-12 10:03:10,shopA:c3,,c\n"
    "shopA,c9,customer,2024-01-13 10:00:00,,,q\n"
    "shopA,c9,agent,2024-01-13 10:05:00,shopA:temp,,t\n";

// shopB c1 orders at 10:30, paid at 10:31: session 1 attributes it, to the last agent who
// spoke at or before 10:30, M1.
const char kOrders[] =
    "order_id,shop,customer_id,created_at,paid_at,amount\n"
    "O1,shopB,c1,2024-01-10 10:30:00,2024-01-10 10:31:00,100.00\n";

// A rating of A1's account, of shopB.
const char kRatings[] =
    "rated_at,score,account,shop\n"
    "2024-01-10 11:00:00,5,shopB:a1,shopB\n";

// M1 coached A1.
const char kWorkRecords[] =
    "manager_id,agent_id,date,kind,text\n"
    "M1,A1,2024-01-15,coaching,好\n";

class ReportTest : public ::testing::Test {
 protected:
  ReportTest() : settings_(DefaultSettings()) {
    dir_.Write("in/agents.csv", kAgents);
    dir_.Write("in/messages.csv", kMessages);
    dir_.Write("in/orders.csv", kOrders);
    dir_.Write("in/ratings.csv", kRatings);
    dir_.Write("in/work_records.csv", kWorkRecords);
    ImportReport import;
    auto data = LoadDatasetFromFiles({dir_ / "in"}, settings_, ImportOptions{}, &import);
    EXPECT_TRUE(data.ok()) << data.problem().ToString();
    if (data.ok()) data_ = std::make_unique<Dataset>(std::move(*data));
  }

  // The report of January 2024, its cells printed by row key and column.
  Report Build(Grouping grouping) {
    auto zone = *TimeZone::Load(settings_.timezone);
    const Period p = *ParsePeriod("2024-01");
    Context c{*data_, settings_, *zone, p, p.begin(*zone), p.end(*zone)};
    Report report = BuildReport(c, grouping);
    cells_.clear();
    for (const ReportRow& row : report.rows) {
      EXPECT_EQ(row.columns.size(), report.column_names.size()) << row.key;
      for (size_t i = 0; i < row.columns.size(); ++i)
        cells_[row.key][row.columns[i].first] =
            FormatValue(row.columns[i].second, report.formats[i]);
    }
    return report;
  }

  std::string Cell(const std::string& row, const std::string& column) {
    auto r = cells_.find(row);
    if (r == cells_.end()) return "<no row " + row + ">";
    auto c = r->second.find(column);
    return c == r->second.end() ? "<no column " + column + ">" : c->second;
  }

  static std::vector<std::string> Keys(const Report& report) {
    std::vector<std::string> keys;
    for (const ReportRow& row : report.rows) keys.push_back(row.key);
    return keys;
  }

  // The ids of the agents a row pools.
  std::vector<std::string> Members(const ReportRow& row) const {
    std::vector<std::string> ids;
    for (size_t a = 0; a < data_->agents.size(); ++a) {
      if (row.group.Has(static_cast<Id>(a))) ids.push_back(data_->agents[a].id);
    }
    return ids;
  }

  csperf::testing::ScratchDir dir_;
  Settings settings_;
  std::unique_ptr<Dataset> data_;
  std::map<std::string, std::map<std::string, std::string>> cells_;
};

using Ids = std::vector<std::string>;

TEST_F(ReportTest, AgentRowsInTheAgentsFilesOrderEveryAgentIncluded) {
  ASSERT_TRUE(data_);
  const Report report = Build(Grouping::kAgent);
  EXPECT_EQ(report.grouping, Grouping::kAgent);
  EXPECT_EQ(Keys(report), (Ids{"B2", "A1", "M1", "C3", "M2", "E5"}));
  for (const ReportRow& row : report.rows) {
    EXPECT_EQ(Members(row), Ids{row.key});
    EXPECT_FALSE(row.group.is_shop());
  }
  EXPECT_EQ(report.column_names.size(), report.formats.size());
  EXPECT_EQ(report.column_names.front(), "sessions");
  EXPECT_EQ(report.column_names.back(), "coaching_coverage");

  // A1: session 1, its 1 line, the customer's 2; FRT 20 s; an inquiry with no order of its
  // own (M1 has it): 0 buyers of 1 inquirer; A1's rating over its 1 inquiry; as a manager of
  // no one, 0 records and an empty coverage.
  EXPECT_EQ(Cell("A1", "sessions"), "1");
  EXPECT_EQ(Cell("A1", "agent_messages"), "1");
  EXPECT_EQ(Cell("A1", "customer_messages"), "2");
  EXPECT_EQ(Cell("A1", "frt_avg_s"), "20.000");
  EXPECT_EQ(Cell("A1", "inquirers"), "1");
  EXPECT_EQ(Cell("A1", "buyers"), "0");
  EXPECT_EQ(Cell("A1", "inquiry_conversion"), "0.000000");
  EXPECT_EQ(Cell("A1", "ratings"), "1");
  EXPECT_EQ(Cell("A1", "rating_invite_rate"), "1.000000");
  EXPECT_EQ(Cell("A1", "records"), "0");
  EXPECT_EQ(Cell("A1", "coaching_coverage"), "");
  EXPECT_EQ(Cell("A1", "days_employed"), "31");
  // M1: 60 s, not a first response; the order of 100.00; 1 buyer of 1 inquirer; as a
  // manager, 1 coaching record, coverage 1 coached of 2 direct reports (B2, A1; E5 left).
  EXPECT_EQ(Cell("M1", "responses"), "1");
  EXPECT_EQ(Cell("M1", "frt_count"), "0");
  EXPECT_EQ(Cell("M1", "art_avg_s"), "60.000");
  EXPECT_EQ(Cell("M1", "orders"), "1");
  EXPECT_EQ(Cell("M1", "sales_amount"), "100.00");
  EXPECT_EQ(Cell("M1", "inquiry_conversion"), "1.000000");
  EXPECT_EQ(Cell("M1", "records"), "1");
  EXPECT_EQ(Cell("M1", "coaching_records"), "1");
  EXPECT_EQ(Cell("M1", "coaching_coverage"), "0.500000");
  // M2 has no data: counts 0, averages and rates empty; its one report, C3, not coached.
  EXPECT_EQ(Cell("M2", "sessions"), "0");
  EXPECT_EQ(Cell("M2", "orders"), "0");
  EXPECT_EQ(Cell("M2", "sales_amount"), "0.00");
  EXPECT_EQ(Cell("M2", "art_avg_s"), "");
  EXPECT_EQ(Cell("M2", "reply_rate"), "");
  EXPECT_EQ(Cell("M2", "inquiry_conversion"), "");
  EXPECT_EQ(Cell("M2", "followups_planned"), "0");
  EXPECT_EQ(Cell("M2", "records"), "0");
  EXPECT_EQ(Cell("M2", "coaching_coverage"), "0.000000");
  // E5 served session 2 though it left in December (its row is still made), employed 0 days.
  EXPECT_EQ(Cell("E5", "sessions"), "1");
  EXPECT_EQ(Cell("E5", "frt_avg_s"), "30.000");
  EXPECT_EQ(Cell("E5", "days_employed"), "0");
  // C3 closed B2's customer's second wait: 130 s, within 180 s; not the first response.
  EXPECT_EQ(Cell("C3", "art_avg_s"), "130.000");
  EXPECT_EQ(Cell("C3", "responses_within_s"), "1");
  EXPECT_EQ(Cell("C3", "first_waits"), "0");
}

TEST_F(ReportTest, TeamRowsSortedAgentsWithoutATeamInNone) {
  ASSERT_TRUE(data_);
  const Report report = Build(Grouping::kTeam);
  // T2 comes first in the file (B2), the rows are sorted; no row for the agents without one.
  EXPECT_EQ(Keys(report), (Ids{"T1", "T2"}));
  EXPECT_EQ(Members(report.rows[0]), (Ids{"A1", "M1", "E5"}));
  EXPECT_EQ(Members(report.rows[1]), (Ids{"B2"}));
  // T1: session 1 (served by A1 and M1: once) and session 2 (E5) = 2 sessions; lines
  // 1 + 1 + 1 = 3; customer messages 2 + 1 = 3.
  // Responses {20, 60, 30}: mean 110/3 = 36.666… → 36.667; median ⌈1.5⌉ = 2nd of
  // {20, 30, 60} → 30; p90 ⌈2.7⌉ = 3rd → 60. FRTs {20, 30}: mean 25.
  // Inquirers: shopB c1, shopB c2 = 2; buyers: shopB c1 = 1; one order of 100.00.
  // One rating over 2 inquiries. Days employed 31 + 31 + 0 = 62.
  EXPECT_EQ(Cell("T1", "sessions"), "2");
  EXPECT_EQ(Cell("T1", "agent_messages"), "3");
  EXPECT_EQ(Cell("T1", "customer_messages"), "3");
  EXPECT_EQ(Cell("T1", "responses"), "3");
  EXPECT_EQ(Cell("T1", "art_avg_s"), "36.667");
  EXPECT_EQ(Cell("T1", "art_median_s"), "30");
  EXPECT_EQ(Cell("T1", "art_p90_s"), "60");
  EXPECT_EQ(Cell("T1", "frt_count"), "2");
  EXPECT_EQ(Cell("T1", "frt_avg_s"), "25.000");
  EXPECT_EQ(Cell("T1", "inquiries"), "2");
  EXPECT_EQ(Cell("T1", "messages_per_session"), "3.000");  // (3 + 3) / 2
  EXPECT_EQ(Cell("T1", "inquirers"), "2");
  EXPECT_EQ(Cell("T1", "buyers"), "1");
  EXPECT_EQ(Cell("T1", "inquiry_conversion"), "0.500000");
  EXPECT_EQ(Cell("T1", "orders"), "1");
  EXPECT_EQ(Cell("T1", "aov"), "100.00");
  EXPECT_EQ(Cell("T1", "ratings"), "1");
  EXPECT_EQ(Cell("T1", "rating_invite_rate"), "0.500000");
  EXPECT_EQ(Cell("T1", "days_employed"), "62");
  EXPECT_EQ(Cell("T1", "followups_planned"), "0");
  // The supervisors' columns are a manager's: empty on a team row.
  EXPECT_EQ(Cell("T1", "records"), "");
  EXPECT_EQ(Cell("T1", "coaching_coverage"), "");
  // T2: session 3 through B2 (C3's 130 s in it is in no team's row): 1 response, 40 s.
  EXPECT_EQ(Cell("T2", "sessions"), "1");
  EXPECT_EQ(Cell("T2", "agent_messages"), "1");
  EXPECT_EQ(Cell("T2", "customer_messages"), "2");
  EXPECT_EQ(Cell("T2", "responses"), "1");
  EXPECT_EQ(Cell("T2", "art_avg_s"), "40.000");
  EXPECT_EQ(Cell("T2", "orders"), "0");
}

TEST_F(ReportTest, ManagerRowsPoolTheDirectReportsEmployedInThePeriod) {
  ASSERT_TRUE(data_);
  const Report report = Build(Grouping::kManager);
  // M1 and M2 manage someone, in the agents file's order.
  EXPECT_EQ(Keys(report), (Ids{"M1", "M2"}));
  // M1 pools B2 and A1, not itself and not E5 (left in December); M2 pools C3.
  EXPECT_EQ(Members(report.rows[0]), (Ids{"B2", "A1"}));
  EXPECT_EQ(Members(report.rows[1]), (Ids{"C3"}));
  ASSERT_EQ(report.rows[0].managers.size(), 1u);
  EXPECT_EQ(data_->agents[static_cast<size_t>(report.rows[0].managers[0])].id, "M1");
  // M1: session 1 (A1) and session 3 (B2) = 2; E5's session 2 is not counted; the lines of
  // A1 and B2 = 2 (M1's own is not a report's); customer messages 2 + 2 = 4.
  // Responses {20, 40}: mean 30. Inquirers: shopB c1 and shopA c1, two customers though one
  // id. No buyers: the order is M1's own. A1's rating over 2 inquiries. The coaching of A1:
  // 1 of 2 reports.
  EXPECT_EQ(Cell("M1", "sessions"), "2");
  EXPECT_EQ(Cell("M1", "agent_messages"), "2");
  EXPECT_EQ(Cell("M1", "customer_messages"), "4");
  EXPECT_EQ(Cell("M1", "responses"), "2");
  EXPECT_EQ(Cell("M1", "art_avg_s"), "30.000");
  EXPECT_EQ(Cell("M1", "frt_count"), "2");
  EXPECT_EQ(Cell("M1", "inquirers"), "2");
  EXPECT_EQ(Cell("M1", "buyers"), "0");
  EXPECT_EQ(Cell("M1", "inquiry_conversion"), "0.000000");
  EXPECT_EQ(Cell("M1", "orders"), "0");
  EXPECT_EQ(Cell("M1", "ratings"), "1");
  EXPECT_EQ(Cell("M1", "rating_invite_rate"), "0.500000");
  EXPECT_EQ(Cell("M1", "days_employed"), "62");
  EXPECT_EQ(Cell("M1", "records"), "1");
  EXPECT_EQ(Cell("M1", "coaching_records"), "1");
  EXPECT_EQ(Cell("M1", "coaching_coverage"), "0.500000");
  // M2: C3's part of session 3: served, 1 line, 130 s (within 180 s), not its first wait.
  EXPECT_EQ(Cell("M2", "sessions"), "1");
  EXPECT_EQ(Cell("M2", "agent_messages"), "1");
  EXPECT_EQ(Cell("M2", "customer_messages"), "2");
  EXPECT_EQ(Cell("M2", "art_avg_s"), "130.000");
  EXPECT_EQ(Cell("M2", "response_within_rate"), "1.000000");
  EXPECT_EQ(Cell("M2", "first_waits"), "0");
  EXPECT_EQ(Cell("M2", "frt_within_rate"), "");
  EXPECT_EQ(Cell("M2", "inquirers"), "1");
  EXPECT_EQ(Cell("M2", "records"), "0");
  EXPECT_EQ(Cell("M2", "coaching_coverage"), "0.000000");
}

TEST_F(ReportTest, ShopRowsSortedWithOnlyTheColumnsTheirRecordsCarry) {
  ASSERT_TRUE(data_);
  const Report report = Build(Grouping::kShop);
  // shopB is met first in the files; the rows are sorted by name.
  EXPECT_EQ(Keys(report), (Ids{"shopA", "shopB"}));
  for (const ReportRow& row : report.rows) {
    EXPECT_TRUE(row.group.is_shop());
    EXPECT_EQ(data_->shops.Get(row.group.shop), row.key);
    EXPECT_TRUE(row.managers.empty());
  }
  // shopA: sessions 3 and 4, shopA:temp's included. Lines b2, c3, temp = 3; customer
  // messages 2 + 1 = 3. Responses {40, 130, 300}: mean 470/3 = 156.666… → 156.667, median
  // 2nd → 130, p90 ⌈2.7⌉ = 3rd → 300; within 180 s: 40 and 130, 2/3. FRTs {40, 300}: mean
  // 170. Inquirers shopA c1 and c9 = 2, no orders, no ratings over 2 inquiries.
  EXPECT_EQ(Cell("shopA", "sessions"), "2");
  EXPECT_EQ(Cell("shopA", "agent_messages"), "3");
  EXPECT_EQ(Cell("shopA", "customer_messages"), "3");
  EXPECT_EQ(Cell("shopA", "art_avg_s"), "156.667");
  EXPECT_EQ(Cell("shopA", "art_median_s"), "130");
  EXPECT_EQ(Cell("shopA", "art_p90_s"), "300");
  EXPECT_EQ(Cell("shopA", "responses_within_s"), "2");
  EXPECT_EQ(Cell("shopA", "response_within_rate"), "0.666667");
  EXPECT_EQ(Cell("shopA", "frt_avg_s"), "170.000");
  EXPECT_EQ(Cell("shopA", "inquirers"), "2");
  EXPECT_EQ(Cell("shopA", "orders"), "0");
  EXPECT_EQ(Cell("shopA", "sales_amount"), "0.00");
  EXPECT_EQ(Cell("shopA", "ratings"), "0");
  EXPECT_EQ(Cell("shopA", "rating_invite_rate"), "0.000000");
  // shopB: sessions 1 and 2: responses {20, 60, 30}; the order; the rating.
  EXPECT_EQ(Cell("shopB", "sessions"), "2");
  EXPECT_EQ(Cell("shopB", "agent_messages"), "3");
  EXPECT_EQ(Cell("shopB", "art_avg_s"), "36.667");
  EXPECT_EQ(Cell("shopB", "inquirers"), "2");
  EXPECT_EQ(Cell("shopB", "buyers"), "1");
  EXPECT_EQ(Cell("shopB", "orders"), "1");
  EXPECT_EQ(Cell("shopB", "sales_amount"), "100.00");
  EXPECT_EQ(Cell("shopB", "ratings"), "1");
  EXPECT_EQ(Cell("shopB", "satisfaction_rate"), "1.000000");
  EXPECT_EQ(Cell("shopB", "rating_invite_rate"), "0.500000");
  // Cases carry a shop: counted (none here, so 0). Follow-ups, assessments, incidents,
  // shifts, employment and supervisors' records carry an agent: empty, counts too.
  for (const char* shop : {"shopA", "shopB"}) {
    EXPECT_EQ(Cell(shop, "cases_closed"), "0") << shop;
    EXPECT_EQ(Cell(shop, "open_overdue"), "0") << shop;
    for (const char* column :
         {"followups_planned", "followup_rate", "product_knowledge", "communication", "errors",
          "loss_amount", "shifts", "absent", "days_employed", "records", "coaching_records",
          "coaching_coverage"}) {
      EXPECT_EQ(Cell(shop, column), "") << shop << " " << column;
    }
  }
}

}  // namespace
}  // namespace csperf::metrics
