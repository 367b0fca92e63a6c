// The data-quality report after an import, on a small hand-made month with planted problems.
#include "store/quality_report.h"

#include <gtest/gtest.h>

#include "import/importer.h"
#include "store/open_store.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::ScratchDir;

class QualityReportTest : public ::testing::TestWithParam<csperf::testing::Backend> {};

TEST_P(QualityReportTest, FindsEachPlantedProblem) {
  ScratchDir dir;
  dir.Write("in/agents.csv",
            "agent_id,name,manager_id,accounts\n"
            "A01,李娜,M01,店:小美\n"
            "A02,张伟,M09,店:小张;店:小美\n"  // M09 unknown; 店:小美 claimed twice
            "M01,王芳,,店:王芳;店:王芳\n");   // listed twice by one agent: not two agents
  dir.Write("in/messages.csv",
            "shop,customer_id,sender,sent_at,account,content\n"
            "店,c1,customer,2024-01-05 10:00:00,,在吗\n"
            "店,c1,agent,2024-01-05 10:01:00,店:小美,在的\n"
            "店,c1,agent,2024-01-05 10:02:00,店:临时号,我来\n"    // unmapped account
            "店,c1,bot,2024-01-05 10:02:01,店:机器人,自动回复\n"  // bots are not agents
            "店,c2,customer,2030-01-01 10:00:00,,未来\n");        // in the future
  dir.Write("in/orders.csv",
            "order_id,shop,customer_id,created_at,amount\n"
            "O1,店,c1,2024-01-05 10:05:00,10\n"
            "O2,店,c9,2024-01-05 11:00:00,10\n");  // c9 never chatted
  dir.Write("in/cases.csv",
            "case_id,type,account,opened_at\n"
            "K1,return,店:小美,2024-01-05 10:00:00\n"
            "K2,return,店:小美,2024-01-05 10:00:00\n");  // no events
  dir.Write("in/case_events.csv",
            "case_id,step,at\nK1,approve,2024-01-05 11:00:00\nK7,approve,2024-01-05 11:00:00\n");
  dir.Write("in/assessments.csv",
            "agent_id,date,dimension,source,score\n"
            "A01,2024-01-31,teamwork,manager,90\n"
            "A77,2024-01-31,teamwork,manager,90\n"       // unknown agent
            "A01,2024-01-31,sales_skill,manager,80\n");  // own dimension
  dir.Write("in/qa_items.csv",
            "review_id,agent_id,date,form,item,result\n"
            "R1,A01,2024-01-10,f1,greeting,5\n"
            "R1,A01,2024-01-10,f1,smile,5\n"       // not on the form
            "R2,A01,2024-01-10,f9,greeting,5\n");  // unknown form
  dir.Write("in/qa_forms/f1.toml",
            "id = \"f1\"\ndimension = \"communication\"\n[[sections]]\nid = \"s\"\nweight = 100\n"
            "[[sections.items]]\nid = \"greeting\"\nmax = 5\n");

  auto store = csperf::testing::MakeStore(GetParam(), dir / "store.db");
  FixedClock clock(1735689600);  // 2025-01-01
  ImportOptions options;
  ImportReport r =
      RunImport(*store, DefaultSettings(), {dir / "in"}, options, csperf::testing::EnvAt(clock));
  ASSERT_TRUE(r.committed) << (r.refusal ? r.refusal->ToString() : "");
  auto zone = *TimeZone::Load("Asia/Shanghai");
  const StoreCheck check = CheckStore(*store, clock.Now(), *zone, *DefaultEnv().executor);
  const QualityReport& q = check.quality;

  auto count = [&](const std::string& code) -> int64_t {
    const QualityFinding* f = q.Find(code);
    return f ? f->count : 0;
  };
  EXPECT_EQ(count("account_of_two_agents"), 1);
  EXPECT_EQ(count("unmapped_account"), 1);
  ASSERT_NE(q.Find("unmapped_account"), nullptr);
  EXPECT_NE(q.Find("unmapped_account")->examples[0].find("店:临时号"), std::string::npos);
  EXPECT_NE(q.Find("unmapped_account")->examples[0].find("messages.csv:4"), std::string::npos);
  EXPECT_EQ(count("future_time"), 1);
  EXPECT_EQ(count("order_of_unseen_customer"), 1);
  EXPECT_EQ(count("case_without_events"), 1);
  EXPECT_EQ(count("event_of_unknown_case"), 1);
  EXPECT_EQ(count("unknown_agent"), 2);  // A77 and manager M09
  EXPECT_EQ(count("unknown_qa_form"), 1);
  EXPECT_EQ(count("unknown_qa_item"), 1);
  EXPECT_EQ(count("custom_dimension"), 1);

  const DataSummary& s = check.summary;
  EXPECT_EQ(s.agents, 3);
  EXPECT_EQ(s.qa_forms, (std::vector<std::string>{"f1"}));
}

INSTANTIATE_TEST_SUITE_P(Stores, QualityReportTest, csperf::testing::AllBackends(),
                         csperf::testing::BackendName);

}  // namespace
}  // namespace csperf
