// Import into the store: all-or-nothing, bad-row reports, duplicates and replacement.
#include <gtest/gtest.h>

#include "core/time_zone.h"
#include "import/importer.h"
#include "store/open_store.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::CopyCount;
using csperf::testing::EnvAt;
using csperf::testing::IntOf;
using csperf::testing::ReadFile;
using csperf::testing::RowCount;
using csperf::testing::ScratchDir;
using csperf::testing::TextOf;

const char kAgents[] =
    "agent_id,name,team,role,position,manager_id,accounts\n"
    "A01,李娜,A组,agent,presales,M01,店:小美\n"
    "M01,王芳,A组,manager,supervisor,,店:王芳\n";

// Every test runs on every store: the rules are the importer's, the same on each.
class ImportTest : public ::testing::TestWithParam<csperf::testing::Backend> {
 protected:
  ImportTest() : clock_(1735689600) /* 2025-01-01T00:00:00Z */ {
    store_ = csperf::testing::MakeStore(GetParam(), dir_ / "store.db");
    settings_ = DefaultSettings();
    options_.rejects_dir = dir_ / "rejects";
  }

  // Every stored message, assessment and order, bookkeeping but the import and line aside.
  std::vector<csperf::testing::StoredRow> Stored() {
    std::vector<csperf::testing::StoredRow> rows;
    for (Kind kind : {Kind::kMessages, Kind::kAssessments, Kind::kOrders}) {
      for (auto row : csperf::testing::AllRows(*store_, kind)) {
        row.erase("src_file");
        row.erase("src_line");
        rows.push_back(std::move(row));
      }
    }
    return rows;
  }

  ImportReport Import(const std::vector<std::string>& paths) {
    return RunImport(*store_, settings_, paths, options_, EnvAt(clock_));
  }

  ScratchDir dir_;
  FixedClock clock_;
  std::unique_ptr<Store> store_;
  Settings settings_;
  ImportOptions options_;
};

TEST_P(ImportTest, ImportsTheSampleFolderWithEveryKind) {
  ImportReport report = Import({csperf::testing::SourceDir() + "/samples/basic"});
  ASSERT_FALSE(report.refusal) << report.refusal->ToString();
  ASSERT_TRUE(report.committed);
  EXPECT_EQ(report.bad_rows, 0);
  EXPECT_EQ(report.files.size(), 12u);
  EXPECT_EQ(RowCount(*store_, Kind::kAgents), 4);
  EXPECT_EQ(CopyCount(*store_, Kind::kMessages), 12);
  EXPECT_EQ(RowCount(*store_, Kind::kOrders), 4);
  EXPECT_EQ(RowCount(*store_, Kind::kQaItems), 4);
  EXPECT_EQ(static_cast<int64_t>(store_->QaForms().size()), 1);
  // ¥1500 → 150000 cents; "1,299.00" → 129900; ￥89 → 8900; 退款成功 → refunded.
  EXPECT_EQ(IntOf(*store_, Kind::kAgents, "base_bonus", {{"agent_id", "A03"}}), 150000);
  EXPECT_EQ(IntOf(*store_, Kind::kOrders, "amount", {{"order_id", "T1001"}}), 129900);
  EXPECT_EQ(TextOf(*store_, Kind::kOrders, "status", {{"order_id", "T1002"}}), "refunded");
  // 2024/1/6 20:15:00 Asia/Shanghai = 2024-01-06T12:15:00Z = 1704543300.
  EXPECT_EQ(IntOf(*store_, Kind::kMessages, "sent_at",
                  {{"customer_id", "buyer002"}, {"sender", "customer"}}),
            1704543300);
  // 1704700920000 ms → 1704700920 s.
  EXPECT_EQ(IntOf(*store_, Kind::kMessages, "sent_at", {{"account", "旗舰店:临时号"}}), 1704700920);
  // The embedded newline is kept inside the content.
  EXPECT_EQ(TextOf(*store_, Kind::kMessages, "content",
                   {{"customer_id", "buyer002"}, {"sender", "customer"}}),
            "尺码怎么选？\n我身高170");
  // qa result "na" is NULL; 非常不满意 is 1.
  EXPECT_EQ(RowCount(*store_, Kind::kQaItems, {{"result", ""}}), 1);
  EXPECT_EQ(IntOf(*store_, Kind::kRatings, "score", {{"void", "1"}}), 1);
}

TEST_P(ImportTest, BadRowsStoreNothingAndAreAllReported) {
  std::string agents = dir_.Write("in/agents.csv", kAgents);
  std::string orders = dir_.Write(
      "in/orders.csv",
      "order_id,shop,customer_id,created_at,paid_at,amount,status\n"
      "O1,店,c1,2024-01-05 10:00:00,2024-01-05 10:01:00,100.00,paid\n"
      "O2,店,c2,2024-01-05 10:00:00,2024-01-05 09:00:00,100.00,paid\n"  // paid before created
      "O3,店,c3,2024-02-30 10:00:00,,100.00,paid\n"                     // no such day
      "O4,店,c4,2024-01-05 10:00:00,,1.005,paid\n"                      // three decimals
      "O5,店,,2024-01-05 10:00:00,,1.00,paid\n"                         // required empty
      "O6,店,c6,2024-01-05 10:00:00,,1.00\n");                          // a field short
  ImportReport report = Import({agents, orders});
  EXPECT_FALSE(report.committed);
  EXPECT_EQ(report.bad_rows, 5);
  ASSERT_EQ(report.problems.size(), 5u);
  EXPECT_EQ(report.problems[0].place.file, orders);
  EXPECT_EQ(report.problems[0].place.line, 3);
  EXPECT_EQ(report.problems[0].place.field, "paid_at");
  EXPECT_EQ(report.problems[0].place.column, 5);
  EXPECT_EQ(report.problems[1].place.line, 4);
  EXPECT_EQ(report.problems[1].place.field, "created_at");
  EXPECT_EQ(report.problems[1].value, "2024-02-30 10:00:00");
  EXPECT_EQ(report.problems[2].place.field, "amount");
  EXPECT_EQ(report.problems[3].place.field, "customer_id");
  EXPECT_NE(report.problems[4].reason.find("6 fields but the header has 7"), std::string::npos);
  // Nothing at all was stored, not even the good rows or the agents.
  EXPECT_EQ(RowCount(*store_, Kind::kOrders), 0);
  EXPECT_EQ(RowCount(*store_, Kind::kAgents), 0);
  EXPECT_EQ(store_->ImportCount(), 0);
}

TEST_P(ImportTest, ReportIsCappedWithACountOfTheRest) {
  std::string rows = "order_id,shop,customer_id,created_at,amount\n";
  for (int i = 0; i < 30; ++i) rows += "O" + std::to_string(i) + ",店,c,not a time,1\n";
  options_.report_limit = 10;
  ImportReport report = Import({dir_.Write("orders.csv", rows)});
  EXPECT_EQ(report.bad_rows, 30);
  EXPECT_EQ(report.problem_count, 30);
  EXPECT_EQ(report.problems.size(), 10u);
}

TEST_P(ImportTest, SkipBadRowsTakesTheGoodOnesAndWritesRejects) {
  options_.skip_bad_rows = true;
  std::string orders = dir_.Write("orders_2024-01.csv",
                                  "order_id,shop,customer_id,created_at,amount\n"
                                  "O1,店,c1,2024-01-05 10:00:00,100\n"
                                  "O2,店,c2,yesterday,100\n"
                                  "O3,店,c3,2024-01-05 10:00:00,\"1,000\"\n");
  ImportReport report = Import({orders});
  ASSERT_TRUE(report.committed);
  EXPECT_EQ(report.bad_rows, 1);
  EXPECT_EQ(RowCount(*store_, Kind::kOrders), 2);
  ASSERT_EQ(report.reject_files.size(), 1u);
  std::string rejects = ReadFile(report.reject_files[0]);
  EXPECT_EQ(rejects.substr(0, rejects.find('\n')),
            "order_id,shop,customer_id,created_at,amount,csperf_error");
  EXPECT_NE(rejects.find("O2,店,c2,yesterday,100,"), std::string::npos);
  EXPECT_NE(rejects.find("orders_2024-01.csv:3"), std::string::npos);
}

TEST_P(ImportTest, ReimportingTheSameFilesChangesNothing) {
  std::string folder = csperf::testing::SourceDir() + "/samples/basic";
  ASSERT_TRUE(Import({folder}).committed);
  const std::vector<csperf::testing::StoredRow> before = Stored();
  ImportReport again = Import({folder});
  ASSERT_TRUE(again.committed);
  RowCounts t = again.Totals();
  EXPECT_EQ(t.inserted, 0);
  EXPECT_EQ(t.replaced, 0);
  EXPECT_EQ(t.copies, 0);
  EXPECT_EQ(t.unchanged + t.collapsed, t.rows);
  const std::vector<csperf::testing::StoredRow> after = Stored();
  EXPECT_EQ(before, after);
}

TEST_P(ImportTest, ANewerImportReplacesARecordWithTheSameId) {
  const std::string header = "order_id,shop,customer_id,created_at,paid_at,amount,status\n";
  ASSERT_TRUE(Import({dir_.Write("a/orders.csv",
                                 header + "O1,店,c1,2024-01-05 10:00,2024-01-05 10:01,99,paid\n"
                                          "O1,店2,c1,2024-01-05 10:00,,50,unpaid\n")})
                  .committed);
  ImportReport second = Import({dir_.Write(
      "b/orders.csv", header + "O1,店,c1,2024-01-05 10:00,2024-01-05 10:01,99,refunded\n")});
  ASSERT_TRUE(second.committed);
  EXPECT_EQ(second.Totals().replaced, 1);
  // Orders are keyed by (shop, order_id): the other shop's O1 is another order.
  EXPECT_EQ(RowCount(*store_, Kind::kOrders), 2);
  EXPECT_EQ(TextOf(*store_, Kind::kOrders, "status", {{"shop", "店"}}), "refunded");
}

TEST_P(ImportTest, OneIdWithTwoContentsInOneImportIsABadRow) {
  const std::string header = "case_id,type,account,opened_at\n";
  std::string a = dir_.Write("x/cases_a.csv", header + "K1,return,店:小美,2024-01-05 10:00\n");
  std::string b = dir_.Write("x/cases_b.csv", header +
                                                  "K1,exchange,店:小美,2024-01-05 10:00\n"
                                                  "K2,return,店:小美,2024-01-05 10:00\n"
                                                  "K2,return,店:小美,2024-01-05 10:00\n");
  ImportReport report = Import({a, b});
  EXPECT_FALSE(report.committed);
  // Both versions are bad rows, each naming the other.
  ASSERT_EQ(report.bad_rows, 2);
  ASSERT_EQ(report.problems.size(), 2u);
  EXPECT_EQ(report.problems[0].place.file, a);
  EXPECT_EQ(report.problems[0].place.line, 2);
  EXPECT_NE(report.problems[0].reason.find("line 2 of " + b), std::string::npos);
  EXPECT_EQ(report.problems[1].place.file, b);
  EXPECT_EQ(report.problems[1].place.line, 2);
  EXPECT_EQ(report.problems[1].place.field, "case_id");
  EXPECT_NE(report.problems[1].reason.find("line 2 of " + a), std::string::npos);
  // The identical repeat of K2 is not an error.
  EXPECT_EQ(report.files[1].counts.repeated, 1);
}

TEST_P(ImportTest, MessagesWithoutIdKeepTheMostCopiesSeenInOneFile) {
  const std::string header = "shop,customer_id,sender,sent_at,account,content\n";
  const std::string hello = "店,c1,customer,2024-01-05 10:00:00,,在吗\n";
  // File a: the customer said 在吗 twice in the same second; file b (an overlapping export)
  // has it once; c has it three times.
  std::string a = dir_.Write("m/messages_a.csv", header + hello + hello);
  std::string b = dir_.Write("m/messages_b.csv", header + hello);
  ASSERT_TRUE(Import({a, b}).committed);
  EXPECT_EQ(RowCount(*store_, Kind::kMessages), 2);
  ASSERT_TRUE(Import({a}).committed);
  EXPECT_EQ(RowCount(*store_, Kind::kMessages), 2);
  std::string c = dir_.Write("m/messages_c.csv", header + hello + hello + hello);
  ASSERT_TRUE(Import({c}).committed);
  EXPECT_EQ(RowCount(*store_, Kind::kMessages), 3);
  EXPECT_EQ(CopyCount(*store_, Kind::kMessages), 3);  // each copy is a row of its own
}

TEST_P(ImportTest, MessagesWithIdAreKeyedByShopAndId) {
  const std::string header = "shop,customer_id,sender,sent_at,account,message_id,content\n";
  std::string a =
      dir_.Write("m/messages_1.csv", header +
                                         "店,c1,customer,2024-01-05 10:00:00,,m1,在吗\n"
                                         "店,c1,customer,2024-01-05 10:00:00,,m1,在吗\n"
                                         "店2,c1,customer,2024-01-05 10:00:00,,m1,在吗\n");
  std::string b =
      dir_.Write("m/messages_2.csv", header + "店,c1,customer,2024-01-05 10:00:00,,m1,在吗\n");
  ASSERT_TRUE(Import({a, b}).committed);
  EXPECT_EQ(RowCount(*store_, Kind::kMessages), 2);
  EXPECT_EQ(CopyCount(*store_, Kind::kMessages), 2);
}

TEST_P(ImportTest, CountedKindsAreKeyedByAllFields) {
  const std::string header = "agent_id,date,dimension,source,score\n";
  std::string a = dir_.Write("assessments.csv", header +
                                                    "A01,2024-01-31,teamwork,peer,80\n"
                                                    "A01,2024-01-31,teamwork,peer,80\n"
                                                    "A01,2024-01-31,teamwork,peer,90\n");
  ASSERT_TRUE(Import({a}).committed);
  EXPECT_EQ(RowCount(*store_, Kind::kAssessments), 3);  // the repeated row is a second copy
  EXPECT_EQ(CopyCount(*store_, Kind::kAssessments), 3);
  EXPECT_EQ(IntOf(*store_, Kind::kAssessments, "max_score"), 100'000'000);  // default 100
}

TEST_P(ImportTest, RefusesFilesThatCannotBeRead) {
  {
    ImportReport r = Import({dir_.Write("e1/orders.csv", "")});
    ASSERT_TRUE(r.refusal);
    EXPECT_NE(r.refusal->reason.find("empty"), std::string::npos);
  }
  {
    ImportReport r = Import({dir_.Write("e2/orders.csv", "order_id,shop,amount\nO1,店,5\n")});
    ASSERT_TRUE(r.refusal);
    EXPECT_NE(r.refusal->reason.find("customer_id, created_at"), std::string::npos);
  }
  {
    ImportReport r = Import({dir_.Write("e3/stuff.csv", "foo,bar\n1,2\n")});
    ASSERT_TRUE(r.refusal);
    EXPECT_NE(r.refusal->reason.find("cannot tell which kind"), std::string::npos);
  }
  {
    ImportReport r = Import({dir_ / "e4/none.csv"});
    ASSERT_TRUE(r.refusal);
  }
  EXPECT_EQ(store_->ImportCount(), 0);
}

TEST_P(ImportTest, AHeaderWithoutRowsIsZeroRecords) {
  ImportReport r =
      Import({dir_.Write("orders.csv", "order_id,shop,customer_id,created_at,amount\n")});
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(r.Totals().rows, 0);
}

TEST_P(ImportTest, RecognisesAKindByItsHeaderWhenTheNameDoesNotTell) {
  ImportReport r = Import({dir_.Write(
      "export_2024.csv", "order_id,shop,customer_id,created_at,amount\nO1,店,c,2024-01-05,5\n")});
  ASSERT_TRUE(r.committed) << (r.refusal ? r.refusal->ToString() : "");
  EXPECT_EQ(r.files[0].kind, "orders");
}

TEST_P(ImportTest, UnknownColumnsAreKeptAsideNotAnError) {
  ASSERT_TRUE(Import({dir_.Write("orders.csv",
                                 "order_id,shop,备注,customer_id,created_at,amount\n"
                                 "O1,店,加急,c,2024-01-05,5\n")})
                  .committed);
  EXPECT_EQ(TextOf(*store_, Kind::kOrders, "extra"), "{\"备注\":\"加急\"}");
}

TEST_P(ImportTest, StoreRefusesAnotherTimeZone) {
  ASSERT_TRUE(Import({dir_.Write("agents.csv", kAgents)}).committed);
  settings_.timezone = "Europe/Berlin";
  ImportReport r = Import({dir_.Write("agents.csv", kAgents)});
  ASSERT_TRUE(r.refusal);
  EXPECT_EQ(r.refusal->place.field, "timezone");
}

TEST_P(ImportTest, EachMalformedRowKindIsReportedWithItsField) {
  struct Case {
    const char* file;
    const char* content;
    const char* field;
  };
  const Case cases[] = {
      {"messages.csv", "shop,customer_id,sender,sent_at,account\n店,c,agent,2024-01-05 10:00,\n",
       "account"},
      {"messages.csv", "shop,customer_id,sender,sent_at\n店,c,martian,2024-01-05 10:00\n",
       "sender"},
      {"messages.csv", "shop,customer_id,sender,sent_at\n店,c,customer,2024-01-05 25:00\n",
       "sent_at"},
      {"assessments.csv",
       "agent_id,date,dimension,source,score,max_score\nA,2024-01-05,teamwork,peer,6,5\n", "score"},
      {"assessments.csv",
       "agent_id,date,dimension,source,score,max_score\nA,2024-01-05,teamwork,peer,0,0\n",
       "max_score"},
      {"ratings.csv", "rated_at,score\n2024-01-05,6\n", "score"},
      {"cases.csv", "case_id,type,account,opened_at,closed_at\nK,return,a,2024-01-05,2024-01-04\n",
       "closed_at"},
      {"followups.csv", "followup_id,agent_id,customer_id,due_at,quality\nF,A,c,2024-01-05,9\n",
       "quality"},
      {"incidents.csv",
       "incident_id,agent_id,occurred_at,kind,recovered\nI,A,2024-01-05,error,maybe\n",
       "recovered"},
      {"agents.csv", "agent_id,name,hire_date,leave_date\nA,x,2024-02-01,2024-01-01\n",
       "leave_date"},
      {"qa_items.csv", "review_id,agent_id,date,form,item,result\nR,A,2024-01-05,f,i,-1\n",
       "result"},
      {"attendance.csv",
       "agent_id,date,scheduled_start,scheduled_end,status\nA,2024-01-05,9am,18:00,present\n",
       "scheduled_start"},
  };
  int n = 0;
  for (const Case& c : cases) {
    std::string path = dir_.Write("bad" + std::to_string(n++) + "/" + c.file, c.content);
    ImportReport r = Import({path});
    ASSERT_FALSE(r.refusal) << c.file << ": " << r.refusal->ToString();
    EXPECT_FALSE(r.committed) << c.content;
    ASSERT_EQ(r.problems.size(), 1u) << c.content;
    EXPECT_EQ(r.problems[0].place.line, 2);
    EXPECT_EQ(r.problems[0].place.field, c.field) << c.content;
    EXPECT_FALSE(r.problems[0].reason.empty());
  }
}

TEST_P(ImportTest, AttendanceTimesOfDayBecomeInstantsAroundTheShift) {
  ASSERT_TRUE(Import({dir_.Write("attendance.csv",
                                 "agent_id,date,scheduled_start,scheduled_end,clock_in,clock_out\n"
                                 "A,2024-01-05,22:00,06:00,21:58,06:01\n"
                                 "B,2024-01-05,00:30,09:00,23:55,09:00\n")})
                  .committed);
  // Night shift: 2024-01-05 22:00 +08 = 1704463200; ends next day 06:00 = 1704492000;
  // clock-in 21:58 the same evening; clock-out 06:01 the next morning.
  EXPECT_EQ(IntOf(*store_, Kind::kAttendance, "scheduled_start", {{"agent_id", "A"}}), 1704463200);
  EXPECT_EQ(IntOf(*store_, Kind::kAttendance, "scheduled_end", {{"agent_id", "A"}}), 1704492000);
  EXPECT_EQ(IntOf(*store_, Kind::kAttendance, "clock_in", {{"agent_id", "A"}}), 1704463200 - 120);
  EXPECT_EQ(IntOf(*store_, Kind::kAttendance, "clock_out", {{"agent_id", "A"}}), 1704492000 + 60);
  // A clock-in at 23:55 for a 00:30 start is the evening before: 2024-01-04 23:55 +08.
  EXPECT_EQ(IntOf(*store_, Kind::kAttendance, "clock_in", {{"agent_id", "B"}}), 1704383700);
}

TEST_P(ImportTest, DateOnlyDueAtMeansTheEndOfThatDay) {
  ASSERT_TRUE(Import({dir_.Write("followups.csv",
                                 "followup_id,agent_id,customer_id,due_at\nF1,A,c,2024-01-12\n"
                                 "F2,A,c,2024-01-12 18:00\n")})
                  .committed);
  // 2024-01-13 00:00 +08 = 2024-01-12T16:00Z = 1705075200.
  EXPECT_EQ(IntOf(*store_, Kind::kFollowups, "due_at", {{"followup_id", "F1"}}), 1705075200);
  EXPECT_EQ(IntOf(*store_, Kind::kFollowups, "due_at", {{"followup_id", "F2"}}), 1705053600);
}

}  // namespace
}  // namespace csperf

namespace csperf {
namespace {

class ImportEncodingTest : public ImportTest {};

TEST_P(ImportEncodingTest, Utf16WithBomImports) {
  std::string utf8 =
      "order_id,shop,customer_id,created_at,amount\r\nO1,旗舰店,买家,2024-01-05,5\r\n";
  // UTF-16LE with BOM, as Excel's "Unicode Text" writes (ASCII and BMP Chinese only here).
  std::u16string u16;
  for (size_t i = 0; i < utf8.size();) {
    unsigned char c = utf8[i];
    char32_t cp;
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;
    cp = len == 1 ? c : len == 2 ? (c & 0x1F) : (c & 0x0F);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (utf8[i + k] & 0x3F);
    u16.push_back(static_cast<char16_t>(cp));
    i += len;
  }
  std::string bytes = "\xFF\xFE";
  for (char16_t ch : u16) {
    bytes.push_back(static_cast<char>(ch & 0xFF));
    bytes.push_back(static_cast<char>(ch >> 8));
  }
  ImportReport r = Import({dir_.Write("orders.csv", bytes)});
  ASSERT_TRUE(r.committed) << (r.refusal ? r.refusal->ToString() : "");
  EXPECT_EQ(r.files[0].encoding, "UTF-16LE (BOM)");
  EXPECT_EQ(*TextOf(*store_, Kind::kOrders, "shop") + "/" +
                *TextOf(*store_, Kind::kOrders, "customer_id"),
            "旗舰店/买家");
}

TEST_P(ImportEncodingTest, Latin1IsCaughtEvenWhenItDecodesAsGb18030) {
  // "café" headers in Latin-1: é followed by a letter is a valid GB18030 pair, so only the
  // header check can tell.
  ImportReport r = Import({dir_.Write("orders.csv",
                                      "order_id,caf\xE9s,customer_id,created_at,amount\n"
                                      "O1,caf\xE9s,c,2024-01-05,5\n")});
  ASSERT_TRUE(r.refusal);
  EXPECT_NE(r.refusal->reason.find("shop"), std::string::npos);
  ImportReport r2 = Import({dir_.Write("x/orders.csv", "\xE9t\xE9,caf\xE9s\nx\xE9,y\xE9\n")});
  ASSERT_TRUE(r2.refusal);
  EXPECT_NE(r2.refusal->reason.find("Latin-1"), std::string::npos) << r2.refusal->reason;
  ImportReport r3 = Import({dir_.Write("y/orders.csv", "order_id,shop\nO1,caf\xE9\n")});
  ASSERT_TRUE(r3.refusal);
  EXPECT_NE(r3.refusal->reason.find("Latin-1"), std::string::npos) << r3.refusal->reason;
}

TEST_P(ImportEncodingTest, BinaryAndBomlessUtf16AreRefused) {
  ImportReport bin =
      Import({dir_.Write("a/orders.csv", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16))});
  ASSERT_TRUE(bin.refusal);
  EXPECT_NE(bin.refusal->reason.find("binary"), std::string::npos);
  EXPECT_NE(bin.refusal->place.file.find("orders.csv"), std::string::npos);
  ImportReport u16 =
      Import({dir_.Write("b/orders.csv", std::string("o\0r\0d\0e\0r\0_\0i\0d\0\n\0", 18))});
  ASSERT_TRUE(u16.refusal);
  EXPECT_NE(u16.refusal->reason.find("UTF-16"), std::string::npos);
}

TEST_P(ImportTest, RepeatedIdsAreNotedForTheQualityReport) {
  const std::string header = "incident_id,agent_id,occurred_at,kind\n";
  ImportReport r = Import({dir_.Write("incidents.csv", header + "I1,A,2024-01-05,error\n"
                                                                "I1,A,2024-01-05,error\n"
                                                                "I2,A,2024-01-05,praise\n")});
  ASSERT_TRUE(r.committed);
  EXPECT_EQ(r.repeated_ids.count, 1);
  ASSERT_EQ(r.repeated_ids.examples.size(), 1u);
  EXPECT_NE(r.repeated_ids.examples[0].find("incidents.csv:3 same incident_id as line 2"),
            std::string::npos);
  EXPECT_EQ(r.conflicting_ids.count, 0);
}

}  // namespace
}  // namespace csperf

namespace csperf {
namespace {

TEST_P(ImportTest, AConflictIsCaughtEvenWhenTheFirstVersionIsUnchanged) {
  const std::string header = "order_id,shop,customer_id,created_at,amount,status\n";
  const std::string paid = "O1,店,c1,2024-01-05 10:00,99,paid\n";
  ASSERT_TRUE(Import({dir_.Write("one/orders.csv", header + paid)}).committed);
  ImportReport r = Import(
      {dir_.Write("two/orders.csv", header + paid + "O1,店,c1,2024-01-05 10:00,99,refunded\n")});
  EXPECT_FALSE(r.committed);
  EXPECT_EQ(r.bad_rows, 2);
  EXPECT_EQ(TextOf(*store_, Kind::kOrders, "status"), "paid");
}

TEST_P(ImportTest, AHeaderNamingAColumnTwiceIsRefused) {
  ImportReport r = Import({dir_.Write("orders.csv",
                                      "order_id,shop,customer_id,created_at,amount,amount\n"
                                      "O1,店,c,2024-01-05,1,2\n")});
  ASSERT_TRUE(r.refusal);
  EXPECT_EQ(r.refusal->place.column, 6);
  EXPECT_NE(r.refusal->reason.find("twice"), std::string::npos);
}

TEST_P(ImportTest, UnknownColumnsWithoutOrWithRepeatedNamesKeepEveryValue) {
  ASSERT_TRUE(Import({dir_.Write("orders.csv",
                                 "order_id,shop,customer_id,created_at,amount,note,note,\n"
                                 "O1,店,c,2024-01-05,1,a,b,z\n")})
                  .committed);
  EXPECT_EQ(TextOf(*store_, Kind::kOrders, "extra"),
            "{\"note\":\"a\",\"note (column 7)\":\"b\",\"unnamed (column 8)\":\"z\"}");
}

TEST_P(ImportTest, HeaderProblemsNameTheHeadersLine) {
  ImportReport r = Import({dir_.Write("orders.csv", "\n\n\norder_id,shop,amount\nO1,店,1\n")});
  ASSERT_TRUE(r.refusal);
  EXPECT_EQ(r.refusal->place.line, 4);
}

TEST_P(ImportTest, RejectFilesOfInputsWithOneNameDoNotOverwriteEachOther) {
  options_.skip_bad_rows = true;
  const std::string header = "order_id,shop,customer_id,created_at,amount\n";
  ImportReport r = Import({dir_.Write("a/orders.csv", header + "O1,店,c,bad time,1\n"),
                           dir_.Write("b/orders.csv", header + "O2,店,c,bad time,1\n")});
  ASSERT_TRUE(r.committed);
  ASSERT_EQ(r.reject_files.size(), 2u);
  EXPECT_NE(r.reject_files[0], r.reject_files[1]);
  EXPECT_NE(ReadFile(r.reject_files[0]).find("O1"), std::string::npos);
  EXPECT_NE(ReadFile(r.reject_files[1]).find("O2"), std::string::npos);
}

TEST_P(ImportTest, RuleProblemsShowTheCellAsWritten) {
  ImportReport r = Import({dir_.Write("orders.csv",
                                      "order_id,shop,customer_id,created_at,paid_at,amount\n"
                                      "O1,店,c,2024/1/5 10:00,2024/1/5 9:00,¥-5\n")});
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].value, "2024/1/5 9:00");
  EXPECT_EQ(r.problems[1].value, "¥-5");
}

TEST_P(ImportTest, AFolderWithASymlinkLoopIsAProblemNotACrash) {
  std::filesystem::create_directories(dir_ / "loop");
  dir_.Write("loop/orders.csv", "order_id,shop,customer_id,created_at,amount\n");
  std::filesystem::create_directory_symlink(dir_ / "loop", dir_ / "loop/again");
  ImportReport r = Import({dir_ / "loop"});
  if (r.refusal) {
    EXPECT_NE(r.refusal->place.file.find("loop"), std::string::npos);
  } else {
    EXPECT_TRUE(r.committed);
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, ImportTest, csperf::testing::AllBackends(),
                         csperf::testing::BackendName);
INSTANTIATE_TEST_SUITE_P(Stores, ImportEncodingTest, csperf::testing::AllBackends(),
                         csperf::testing::BackendName);

}  // namespace
}  // namespace csperf
