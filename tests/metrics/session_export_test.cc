// The sessions export (session_export.h, `csperf sessions`): one row per session of the
// period, with its waits, what was left unanswered and who was charged, and its orders.
#include "metrics/session_export.h"

#include "files_fixture.h"

namespace csperf::metrics {
namespace {

const char kHeader[] = "shop,customer_id,sender,sent_at,account,conversation_id,content\n";

class SessionExportTest : public MetricsFilesTest {};

TEST_F(SessionExportTest, TheSessionsExportShowsWaitsChargesAndOrders) {
  Write("messages.csv", std::string(kHeader) +
                            "店,c1,customer,2024-01-10 10:00:00,,,q\n"
                            "店,c1,agent,2024-01-10 10:00:30,店:a1,,a\n"
                            "店,c1,customer,2024-01-10 10:01:00,,,q\n");
  Write("orders.csv",
        "order_id,shop,customer_id,created_at,paid_at,amount\n"
        "O9,店,c1,2024-01-10 10:05:00,2024-01-10 10:06:00,12.50\n");
  Run();
  auto zone = *TimeZone::Load("Asia/Shanghai");
  Period p = *ParsePeriod("2024-01");
  Context c{*data_, settings_, *zone, p, p.begin(*zone), p.end(*zone)};
  std::string csv = RenderSessionsCsv(c, data_->AgentIndex("A1"));
  EXPECT_NE(csv.find("店,c1,,2024-01-10 10:00:00,2024-01-10 10:01:00,customer,A1,2,1,yes,30,A1,"
                     "10:00:00 +30s A1; 10:01:00 unanswered→A1,1,A1,,O9,12.50"),
            std::string::npos)
      << csv;
  EXPECT_EQ(RenderSessionsCsv(c, data_->AgentIndex("A2")).find("店,c1"), std::string::npos);
}

}  // namespace
}  // namespace csperf::metrics
