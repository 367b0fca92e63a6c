// Mapping profiles: the format, and importing each shipped profile's kind of export.
#include "io/profile.h"

#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include "import/importer.h"
#include "store/open_store.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::AllRows;
using csperf::testing::CopyCount;
using csperf::testing::DistinctCount;
using csperf::testing::EnvAt;
using csperf::testing::IntOf;
using csperf::testing::RowCount;
using csperf::testing::ScratchDir;
using csperf::testing::SourceDir;
using csperf::testing::TextOf;

std::string ToGb18030(const std::string& utf8) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(utf8.size() * 2 + 16, '\0');
  int32_t n = ucnv_convert("GB18030", "UTF-8", out.data(), static_cast<int32_t>(out.size()),
                           utf8.data(), static_cast<int32_t>(utf8.size()), &status);
  out.resize(U_SUCCESS(status) ? n : 0);
  return out;
}

TEST(Profile, ParsesColumnsValuesDefaultsAndTimeSettings) {
  auto p = ParseProfile(R"(
name = "x"
[messages]
files = ["*聊天*.csv"]
utc_offset = "+00:00"
time_format = "%d/%m/%Y %H:%M"
[messages.columns]
customer_id = ["买家昵称", "买家"]
[messages.values.sender]
"买家" = "customer"
[messages.defaults]
shop = "旗舰店"
)",
                        "p.toml");
  ASSERT_TRUE(p.ok()) << p.problem().ToString();
  const KindMapping* m = p->For(Kind::kMessages);
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->columns.at("customer_id"), (std::vector<std::string>{"买家昵称", "买家"}));
  EXPECT_EQ(m->values.at("sender").at("买家"), "customer");
  EXPECT_EQ(m->defaults.at("shop"), "旗舰店");
  EXPECT_EQ(m->utc_offset_s, 0);
  EXPECT_TRUE(m->time_format.has_value());
}

TEST(Profile, RefusesUnknownKindsAndColumnsWithTheirPath) {
  auto a = ParseProfile("[chats]\nfiles = [\"x\"]\n", "p.toml");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.problem().place.field, "chats");
  auto b = ParseProfile("[messages.columns]\ncustomer = \"买家\"\n", "p.toml");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.problem().place.field, "messages.columns.customer");
  EXPECT_EQ(b.problem().place.line, 2);
  auto c = ParseProfile("[messages]\nutc_offset = \"+25:00\"\n", "p.toml");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.problem().place.field, "messages.utc_offset");
}

TEST(Profile, GlobMatchesFileNames) {
  EXPECT_TRUE(GlobMatch("*聊天记录*.csv", "2024年1月聊天记录_小美.csv"));
  EXPECT_TRUE(GlobMatch("orders_*.csv", "orders_2024-01.csv"));
  EXPECT_FALSE(GlobMatch("orders_*.csv", "orders.csv"));
  EXPECT_TRUE(GlobMatch("a?c", "abc"));
  EXPECT_FALSE(GlobMatch("*.csv", "x.txt"));
}

TEST(Profile, ParsesUtcOffsets) {
  EXPECT_EQ(*ParseUtcOffset("+08:00"), 8 * 3600);
  EXPECT_EQ(*ParseUtcOffset("-0530"), -(5 * 3600 + 30 * 60));
  EXPECT_EQ(*ParseUtcOffset("Z"), 0);
  EXPECT_EQ(*ParseUtcOffset("+8"), 8 * 3600);
  EXPECT_FALSE(ParseUtcOffset("8").ok());
}

class ProfileImportTest : public ::testing::Test {
 protected:
  ProfileImportTest() : clock_(1735689600) {
    store_ = std::move(*OpenStore(dir_ / "store.db", OpenMode::kCreate));
    settings_ = DefaultSettings();
  }
  ImportReport Import(const std::string& profile_file, const std::vector<std::string>& paths,
                      const std::string& shop = "") {
    auto loaded = LoadProfileFile(SourceDir() + "/profiles/" + profile_file);
    EXPECT_TRUE(loaded.ok()) << loaded.problem().ToString();
    profile_ = *loaded;
    ImportOptions options;
    options.profile = &profile_;
    options.default_shop = shop;
    options.rejects_dir = dir_ / "rejects";
    return RunImport(*store_, settings_, paths, options, EnvAt(clock_));
  }
  // Every message's sender, in input order, joined by commas.
  std::string Senders() {
    std::string senders;
    for (const auto& row : AllRows(*store_, Kind::kMessages))
      senders += (senders.empty() ? "" : ",") + row.at("sender");
    return senders;
  }

  ScratchDir dir_;
  FixedClock clock_;
  std::unique_ptr<Store> store_;
  Settings settings_;
  Profile profile_;
};

TEST_F(ProfileImportTest, CanonicalProfileImportsTheSampleLikeNoProfile) {
  ImportReport r = Import("canonical.toml", {SourceDir() + "/samples/basic"});
  ASSERT_TRUE(r.committed) << (r.refusal ? r.refusal->ToString() : "");
  EXPECT_EQ(r.bad_rows, 0);
  EXPECT_EQ(CopyCount(*store_, Kind::kMessages), 12);
  EXPECT_EQ(RowCount(*store_, Kind::kWorkRecords), 2);
}

TEST_F(ProfileImportTest, QianniuChatExportInGbkWithChineseHeaders) {
  std::string utf8 =
      "买家昵称,客服昵称,发送时间,消息内容,发送方\r\n"
      "tb_buyer01,旗舰店:小美,2024-01-05 10:00:00,在吗,买家\r\n"
      "tb_buyer01,旗舰店:小美,2024-01-05 10:00:01,您好,自动回复\r\n"
      "tb_buyer01,旗舰店:小美,2024-01-05 10:00:40,\"亲，在的\",客服\r\n";
  std::string path = dir_.Write("2024年1月聊天记录_小美.csv", ToGb18030(utf8));
  ImportReport r = Import("qianniu.toml", {path}, "旗舰店");
  ASSERT_TRUE(r.committed) << (r.refusal ? r.refusal->ToString() : "") << r.problem_count;
  ASSERT_EQ(r.files.size(), 1u);
  EXPECT_EQ(r.files[0].kind, "messages");
  EXPECT_EQ(r.files[0].encoding, "GB18030");
  EXPECT_EQ(RowCount(*store_, Kind::kMessages), 3);
  EXPECT_EQ(Senders(), "customer,bot,agent");
  EXPECT_EQ(DistinctCount(*store_, Kind::kMessages, "shop"), 1);
  EXPECT_EQ(TextOf(*store_, Kind::kMessages, "shop"), "旗舰店");
  EXPECT_EQ(TextOf(*store_, Kind::kMessages, "content", {{"sender", "agent"}}), "亲，在的");
  EXPECT_EQ(IntOf(*store_, Kind::kMessages, "sent_at", {{"sender", "agent"}}), 1704420040);
}

TEST_F(ProfileImportTest, QianniuExportWithoutAShopNeedsOne) {
  std::string path =
      dir_.Write("聊天记录.csv",
                 "买家昵称,客服昵称,发送时间,消息内容,发送方\nb,a,2024-01-05 10:00:00,x,买家\n");
  ImportReport r = Import("qianniu.toml", {path});
  ASSERT_TRUE(r.refusal);
  EXPECT_NE(r.refusal->reason.find("shop"), std::string::npos);
}

TEST_F(ProfileImportTest, HelpdeskTicketsInUtcBecomeCases) {
  std::string tickets = dir_.Write(
      "tickets_2024-01.csv",
      "Ticket ID,Type,Assignee,Created at,Solved at,Status,Requester,Order number,Priority\n"
      "5001,Return,shop:amy,2024-01-05 02:00:00,2024-01-06 02:00:00,solved,jo@example.com,T9,high\n"
      "5002,Exchange,shop:bob,2024-01-07 03:30:00,,open,al@example.com,,low\n");
  std::string csat =
      dir_.Write("satisfaction_2024-01.csv",
                 "Ticket ID,Rated at,Satisfaction score,Assignee,Satisfaction comment\n"
                 "5001,2024-01-06 05:00:00,Good,shop:amy,quick\n");
  ImportReport r = Import("helpdesk.toml", {tickets, csat});
  ASSERT_TRUE(r.committed) << (r.refusal ? r.refusal->ToString() : "");
  EXPECT_EQ(RowCount(*store_, Kind::kCases), 2);
  EXPECT_EQ(TextOf(*store_, Kind::kCases, "type", {{"case_id", "5002"}}), "exchange");
  // 2024-01-05 02:00:00 written in UTC (the profile's offset) = 1704420000.
  EXPECT_EQ(IntOf(*store_, Kind::kCases, "opened_at", {{"case_id", "5001"}}), 1704420000);
  EXPECT_EQ(RowCount(*store_, Kind::kCases, {{"closed_at", ""}}), 1);
  EXPECT_EQ(IntOf(*store_, Kind::kRatings, "score"), 5);
  EXPECT_EQ(TextOf(*store_, Kind::kRatings, "conversation_id"), "5001");
  EXPECT_EQ(TextOf(*store_, Kind::kCases, "extra", {{"case_id", "5001"}}),
            "{\"Priority\":\"high\"}");
}

TEST(ProfileZone, TimesOfDayAreReadInTheExportsOffset) {
  ScratchDir dir;
  dir.Write("p.toml", "[attendance]\nutc_offset = \"+00:00\"\n");
  auto profile = LoadProfileFile(dir / "p.toml");
  ASSERT_TRUE(profile.ok());
  auto store = OpenStore(dir / "s.db", OpenMode::kCreate);
  ImportOptions options;
  options.profile = &*profile;
  FixedClock clock(1735689600);
  ImportReport r = RunImport(**store, DefaultSettings(),
                             {dir.Write("attendance.csv",
                                        "agent_id,date,scheduled_start,scheduled_end,clock_in\n"
                                        "A,2024-01-25,09:00,18:00,2024-01-25 09:05:00\n")},
                             options, EnvAt(clock));
  ASSERT_TRUE(r.committed) << (r.refusal ? r.refusal->ToString() : "");
  // 09:00 and 09:05 both in UTC: 2024-01-25T09:00:00Z = 1706173200.
  EXPECT_EQ(IntOf(**store, Kind::kAttendance, "scheduled_start"), 1706173200);
  EXPECT_EQ(IntOf(**store, Kind::kAttendance, "clock_in"), 1706173500);
}

}  // namespace
}  // namespace csperf
