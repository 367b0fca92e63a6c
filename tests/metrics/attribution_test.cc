// Conversion and satisfaction columns on hand-worked orders and ratings (metrics.md, "Sales
// conversion" and "Satisfaction").
#include "files_fixture.h"

namespace csperf::metrics {
namespace {

const char kMessages[] = "shop,customer_id,sender,sent_at,account,conversation_id,content\n";
const char kOrders[] = "order_id,shop,customer_id,created_at,paid_at,amount,status\n";

class ConversionTest : public MetricsFilesTest {};

TEST_F(ConversionTest, TheAttributionWindowIncludesBothEnds) {
  Write("messages.csv", std::string(kMessages) +
                            "店,b1,customer,2024-01-10 10:00:00,,,q\n"
                            "店,b1,agent,2024-01-10 10:00:10,店:a1,,a\n"
                            "店,b2,customer,2024-01-10 10:00:00,,,q\n"
                            "店,b2,agent,2024-01-10 10:00:10,店:a2,,a\n");
  Write("orders.csv", std::string(kOrders) +
                          // exactly 72 h after the inquiry's first message: attributed
                          "O1,店,b1,2024-01-13 10:00:00,2024-01-13 10:01:00,100.00,paid\n"
                          // one second later: silent, credited to no one
                          "O2,店,b2,2024-01-13 10:00:01,2024-01-13 10:01:00,100.00,paid\n");
  Run();
  EXPECT_EQ(Cell("A1", "orders"), "1");
  EXPECT_EQ(Cell("A1", "sales_amount"), "100.00");
  EXPECT_EQ(Cell("A2", "orders"), "0");
  EXPECT_EQ(Cell("A2", "inquirers"), "1");
  EXPECT_EQ(Cell("A2", "inquiry_conversion"), "0.000000");
}

TEST_F(ConversionTest, ThePaymentWindowIncludesItsEnd) {
  Write("messages.csv", std::string(kMessages) +
                            "店,b1,customer,2024-01-10 10:00:00,,,q\n"
                            "店,b1,agent,2024-01-10 10:00:10,店:a1,,a\n");
  Write("orders.csv",
        std::string(kOrders) +
            "O1,店,b1,2024-01-10 11:00:00,2024-01-13 11:00:00,10.00,paid\n"  // 72 h
            "O2,店,b1,2024-01-10 11:00:00,2024-01-13 11:00:01,20.00,paid\n"  // too late
            "O3,店,b1,2024-01-10 11:00:00,,40.00,unpaid\n");                 // never
  Run();
  EXPECT_EQ(Cell("A1", "orders"), "1");
  EXPECT_EQ(Cell("A1", "sales_amount"), "10.00");
}

TEST_F(ConversionTest, TheLatestInquiryEarnsTheOrderAndTiesGoByInputOrder) {
  Write("messages.csv", std::string(kMessages) +
                            "店,b1,customer,2024-01-10 10:00:00,,X,q\n"
                            "店,b1,agent,2024-01-10 10:00:10,店:a1,X,a\n"
                            "店,b1,customer,2024-01-10 10:00:00,,Y,q\n"  // same second, later row
                            "店,b1,agent,2024-01-10 10:00:20,店:a2,Y,a\n"
                            "店,b3,customer,2024-01-09 10:00:00,,,q\n"
                            "店,b3,agent,2024-01-09 10:00:10,店:a1,,a\n"
                            "店,b3,customer,2024-01-10 09:00:00,,,q\n"  // a later inquiry wins
                            "店,b3,agent,2024-01-10 09:00:10,店:a3,,a\n");
  Write("orders.csv", std::string(kOrders) +
                          "O1,店,b1,2024-01-10 12:00:00,2024-01-10 12:00:05,50.00,paid\n"
                          "O2,店,b3,2024-01-10 12:00:00,2024-01-10 12:00:05,70.00,paid\n");
  Run();
  EXPECT_EQ(Cell("A1", "orders"), "0");
  EXPECT_EQ(Cell("A2", "orders"), "1");
  EXPECT_EQ(Cell("A3", "orders"), "1");
  EXPECT_EQ(Cell("A3", "sales_amount"), "70.00");
}

TEST_F(ConversionTest, CreditGoesToTheLastAgentAtOrBeforeTheOrder) {
  Write("messages.csv", std::string(kMessages) +
                            "店,b1,customer,2024-01-10 10:00:00,,,q\n"
                            "店,b1,agent,2024-01-10 10:01:00,店:a1,,a\n"
                            "店,b1,agent,2024-01-10 10:05:00,店:a2,,b\n"
                            // b2: the order comes before any agent spoke: the first agent
                            "店,b2,customer,2024-01-10 10:00:00,,,q\n"
                            "店,b2,agent,2024-01-10 10:06:00,店:a3,,a\n"
                            "店,b2,agent,2024-01-10 10:07:00,店:a1,,b\n");
  Write("orders.csv", std::string(kOrders) +
                          "O1,店,b1,2024-01-10 10:03:00,2024-01-10 10:04:00,30.00,paid\n"
                          "O2,店,b2,2024-01-10 10:02:00,2024-01-10 10:04:00,40.00,paid\n");
  Run();
  EXPECT_EQ(Cell("A1", "orders"), "1");  // O1: A1 spoke at 10:01, A2 only at 10:05
  EXPECT_EQ(Cell("A2", "orders"), "0");
  EXPECT_EQ(Cell("A3", "orders"), "1");  // O2: nobody before 10:02, so the first agent
}

TEST_F(ConversionTest, RefundsBuyersAndAverageOrderValue) {
  Write("messages.csv", std::string(kMessages) +
                            "店,b1,customer,2024-01-10 10:00:00,,,q\n"
                            "店,b1,agent,2024-01-10 10:00:10,店:a1,,a\n"
                            "店,b2,customer,2024-01-10 10:00:00,,,q\n"
                            "店,b2,agent,2024-01-10 10:00:10,店:a1,,a\n"
                            "店,b3,agent,2024-01-10 10:00:00,店:a1,,催付\n");  // agent-opened
  Write("orders.csv",
        std::string(kOrders) +
            "O1,店,b1,2024-01-10 11:00:00,2024-01-10 11:00:01,100.00,paid\n"
            "O2,店,b1,2024-01-10 12:00:00,2024-01-10 12:00:01,50.01,退款成功\n"
            "O3,店,b2,2024-01-10 11:00:00,2024-01-10 11:00:01,0.02,paid\n"
            "O4,店,b3,2024-01-10 11:00:00,2024-01-10 11:00:01,9.00,paid\n");  // silent
  Run();
  // Orders O1, O2, O3 by two buyers; O2 refunded. sales 150.03, net 100.02; aov 150.03/2 =
  // 75.015 → 75.02 (cents rounded half away from zero); conversion 2 buyers / 2 inquirers.
  EXPECT_EQ(Cell("A1", "orders"), "3");
  EXPECT_EQ(Cell("A1", "buyers"), "2");
  EXPECT_EQ(Cell("A1", "inquirers"), "2");
  EXPECT_EQ(Cell("A1", "sales_amount"), "150.03");
  EXPECT_EQ(Cell("A1", "net_sales_amount"), "100.02");
  EXPECT_EQ(Cell("A1", "aov"), "75.02");
  EXPECT_EQ(Cell("A1", "inquiry_conversion"), "1.000000");
}

TEST_F(ConversionTest, AnOrderCountsInThePeriodOfItsSession) {
  Write("messages.csv", std::string(kMessages) +
                            "店,b1,customer,2024-01-31 23:00:00,,,q\n"
                            "店,b1,agent,2024-01-31 23:00:10,店:a1,,a\n");
  Write("orders.csv",
        std::string(kOrders) + "O1,店,b1,2024-02-01 09:00:00,2024-02-01 09:00:01,10.00,paid\n");
  Run();
  EXPECT_EQ(Cell("A1", "orders"), "1");
  Run(Grouping::kAgent, "2024-02");
  EXPECT_EQ(Cell("A1", "orders"), "0");
}

class SatisfactionTest : public MetricsFilesTest {};

TEST_F(SatisfactionTest, RatingsAreCreditedByAccountThenByConversation) {
  Write("messages.csv", std::string(kMessages) +
                            "店,r1,customer,2024-01-10 10:00:00,,K1,q\n"
                            "店,r1,agent,2024-01-10 10:00:10,店:a1,K1,a\n"
                            "店,r1,agent,2024-01-10 10:00:20,店:a2,K1,b\n"  // the last agent
                            "店,r2,customer,2024-01-10 10:00:00,,K2,q\n"
                            "店,r2,agent,2024-01-10 10:00:10,店:a1,K2,a\n"
                            "店,r3,customer,2024-01-10 10:00:00,,K2,q\n"  // K2 twice: ambiguous
                            "店,r3,agent,2024-01-10 10:00:10,店:a1,K2,a\n");
  Write("ratings.csv",
        "rated_at,score,account,conversation_id,customer_id,shop,void\n"
        "2024-01-10 11:00:00,5,店:a1,,,店,no\n"            // A1 by account
        "2024-01-10 11:00:00,非常不满意,店:a1,,,店,yes\n"  // void: never counts
        "2024-01-10 11:00:00,2,,K1,r1,店,no\n"             // one session K1: its last agent, A2
        "2024-01-10 11:00:00,4,,K2,,店,no\n"               // two sessions K2: the shop
        "2024-02-01 00:00:00,1,店:a1,,,店,no\n");          // February
  Run();
  EXPECT_EQ(Cell("A1", "ratings"), "1");
  EXPECT_EQ(Cell("A1", "satisfied"), "1");
  EXPECT_EQ(Cell("A1", "satisfaction_rate"), "1.000000");
  EXPECT_EQ(Cell("A1", "rating_avg"), "5.000");
  EXPECT_EQ(Cell("A1", "rating_invite_rate"), "0.333333");  // 1 rating / 3 inquiries served
  EXPECT_EQ(Cell("A2", "ratings"), "1");
  EXPECT_EQ(Cell("A2", "dissatisfied"), "1");
  EXPECT_EQ(Cell("A3", "rating_avg"), "");
  Run(Grouping::kShop);
  EXPECT_EQ(Cell("店", "ratings"), "3");  // the shop pools all three valid January ratings
  EXPECT_EQ(Cell("店", "rating_avg"), "3.667");
}

}  // namespace
}  // namespace csperf::metrics
