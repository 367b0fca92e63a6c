// One kind's one file read as a store's records without a store (file_records.h, for
// `--data`): its rows in file order, parsed by the importer's parser, the same records an
// import into a store in memory keeps; a bad row, an id met twice or a file that cannot be
// opened ends the scan and marks the reading failed.
#include "import/file_records.h"

#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/env.h"
#include "core/settings.h"
#include "import/importer.h"
#include "store/memory/memory_store.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::AllRows;
using csperf::testing::StoredRow;

// Cases are keyed by case_id, ratings are counted (no id: a row repeated in one file is two
// ratings). Rows not in order of id.
const char kCases[] =
    "case_id,type,account,opened_at,closed_at,shop,customer_id\n"
    "K2,return,店:a1,2024-01-05 10:00:00,2024-01-06 10:00:00,店,c1\n"
    "K1,refund_only,店:a2,2024-01-07 09:00:00,,店,\n"
    "K3,repair,二店:a3,1704852000,2024-01-10T12:00:00+08:00,二店,c3\n";

const char kRatings[] =
    "rated_at,score,account,shop,comment\n"
    "2024-01-10 11:00:00,5,店:a1,店,好\n"
    "2024-01-10 11:00:00,5,店:a1,店,好\n"  // the same again: a second rating
    "2024-01-11 09:30:00,非常不满意,,店,\"差,很差\"\n";

class FileRecordsTest : public ::testing::Test {
 protected:
  FileRecordsTest() : zone_(*TimeZone::Load("Asia/Shanghai")), clock_(1735689600) {}

  // The file `name` written into its own folder, as a source.
  SourceFile Source(const std::string& name, const std::string& content) {
    const std::string path = dir_.Write(name + ".d/" + name, content);
    return SourceFile{path, name, false};
  }

  std::unique_ptr<FileRecords> Records(std::vector<SourceFile> files) {
    return std::make_unique<FileRecords>(std::move(files), zone_, *DefaultEnv().files);
  }

  // `kind`'s records after importing `path` into a store in memory.
  std::vector<StoredRow> Imported(const std::string& path, Kind kind) {
    std::unique_ptr<Store> store = NewMemoryStore();
    const ImportReport report = RunImport(*store, DefaultSettings(), {path}, ImportOptions{},
                                          csperf::testing::EnvAt(clock_));
    EXPECT_TRUE(report.committed) << (report.problems.empty() ? "" : report.problems[0].ToString());
    return AllRows(*store, kind);
  }

  // The values of `column` of each row.
  static std::vector<std::string> Column(const std::vector<StoredRow>& rows,
                                         const std::string& column) {
    std::vector<std::string> out;
    for (const StoredRow& row : rows) {
      auto it = row.find(column);
      out.push_back(it == row.end() ? "<null>" : it->second);
    }
    return out;
  }

  // The case ids a scan of cases gives, in order.
  static std::vector<std::string> CaseIds(Store& store) {
    std::vector<std::string> ids;
    auto cursor = store.Scan({Kind::kCases, {"case_id"}});
    while (cursor->Next()) ids.emplace_back(cursor->Text(0));
    return ids;
  }

  csperf::testing::ScratchDir dir_;
  std::shared_ptr<const TimeZone> zone_;
  FixedClock clock_;
};

using Strings = std::vector<std::string>;

TEST_F(FileRecordsTest, AFilesRowsAreItsRecordsInFileOrder) {
  const SourceFile cases = Source("cases.csv", kCases);
  auto records = Records({cases});
  EXPECT_FALSE(records->failed());
  const std::vector<StoredRow> read = AllRows(*records, Kind::kCases);
  EXPECT_FALSE(records->failed());
  // File order, not the order of ids; parsed as the importer parses: times to epoch seconds
  // (2024-01-05 10:00:00 +08 = 1704420000, 2024-01-07 09:00:00 +08 = 1704589200, 1704852000 as
  // written; 2024-01-10T12:00:00+08:00 = 1704859200), an empty cell NULL, the canonical type word.
  EXPECT_EQ(Column(read, "case_id"), (Strings{"K2", "K1", "K3"}));
  EXPECT_EQ(Column(read, "opened_at"), (Strings{"1704420000", "1704589200", "1704852000"}));
  EXPECT_EQ(Column(read, "closed_at"), (Strings{"1704506400", "<null>", "1704859200"}));
  EXPECT_EQ(Column(read, "type"), (Strings{"return", "refund_only", "repair"}));
  EXPECT_EQ(Column(read, "customer_id"), (Strings{"c1", "<null>", "c3"}));
  // Each record stands for one row: one copy, its line in the file (the header is line 1),
  // its place in input order from 0.
  EXPECT_EQ(Column(read, "copies"), (Strings{"1", "1", "1"}));
  EXPECT_EQ(Column(read, "src_line"), (Strings{"2", "3", "4"}));
  EXPECT_EQ(Column(read, "ord"), (Strings{"0", "1", "2"}));
  // The same records as an import of the file into a store in memory.
  EXPECT_EQ(read, Imported(cases.path, Kind::kCases));
  // A kind with no file has no records, and fails nothing.
  EXPECT_TRUE(AllRows(*records, Kind::kRatings).empty());
  EXPECT_FALSE(records->failed());
}

TEST_F(FileRecordsTest, RowsWithoutAnIdAreEachARecord) {
  const SourceFile ratings = Source("ratings.csv", kRatings);
  auto records = Records({ratings});
  const std::vector<StoredRow> read = AllRows(*records, Kind::kRatings);
  EXPECT_FALSE(records->failed());
  // The repeated row is a second rating; 非常不满意 is 1; the quoted comma stays in.
  EXPECT_EQ(Column(read, "score"), (Strings{"5", "5", "1"}));
  EXPECT_EQ(Column(read, "comment"), (Strings{"好", "好", "差,很差"}));
  EXPECT_EQ(Column(read, "account"), (Strings{"店:a1", "店:a1", "<null>"}));
  EXPECT_EQ(read, Imported(ratings.path, Kind::kRatings));
}

TEST_F(FileRecordsTest, EachKindScansItsOwnFile) {
  auto records = Records({Source("cases.csv", kCases), Source("ratings.csv", kRatings)});
  EXPECT_EQ(CaseIds(*records), (Strings{"K2", "K1", "K3"}));
  EXPECT_EQ(AllRows(*records, Kind::kRatings).size(), 3u);
  // A scan is read again from the start each time.
  EXPECT_EQ(CaseIds(*records), (Strings{"K2", "K1", "K3"}));
  EXPECT_FALSE(records->failed());
  // A scan of a range is not something a file can give.
  EXPECT_THROW(records->Scan({Kind::kCases, {"case_id"}, 1}), std::logic_error);
}

TEST_F(FileRecordsTest, ABadRowEndsTheScanAndFails) {
  auto records = Records({Source("cases.csv",
                                 "case_id,type,account,opened_at,closed_at\n"
                                 "K1,return,店:a1,2024-01-05 10:00:00,\n"
                                 "K2,return,店:a1,2024-02-30 10:00:00,\n"  // no such day
                                 "K3,return,店:a1,2024-01-07 10:00:00,\n")});
  // Nothing is read before a scan asks.
  EXPECT_FALSE(records->failed());
  // The rows before the bad one, then nothing more.
  EXPECT_EQ(CaseIds(*records), (Strings{"K1"}));
  EXPECT_TRUE(records->failed());
}

TEST_F(FileRecordsTest, AnUnknownWordIsABadRow) {
  auto records = Records({Source("cases.csv",
                                 "case_id,type,account,opened_at\n"
                                 "K1,teleport,店:a1,2024-01-05 10:00:00\n")});
  EXPECT_EQ(CaseIds(*records), Strings{});
  EXPECT_TRUE(records->failed());
}

TEST_F(FileRecordsTest, AnIdGivenTwiceFails) {
  // The same case twice, even unchanged: which one stays is the import's rule to apply.
  auto same = Records({Source("cases.csv",
                              "case_id,type,account,opened_at\n"
                              "K1,return,店:a1,2024-01-05 10:00:00\n"
                              "K2,return,店:a1,2024-01-05 10:00:00\n"
                              "K1,return,店:a1,2024-01-05 10:00:00\n")});
  EXPECT_EQ(CaseIds(*same), (Strings{"K1", "K2"}));
  EXPECT_TRUE(same->failed());
  auto changed = Records({Source("cases.csv",
                                 "case_id,type,account,opened_at\n"
                                 "K1,return,店:a1,2024-01-05 10:00:00\n"
                                 "K1,exchange,店:a1,2024-01-05 10:00:00\n")});
  EXPECT_EQ(CaseIds(*changed), (Strings{"K1"}));
  EXPECT_TRUE(changed->failed());
}

TEST_F(FileRecordsTest, AMessageIdGivenTwiceInAShopFailsButNotInTwoShops) {
  // Messages are keyed by (shop, message_id) when they have one: m1 in two shops is two
  // messages; m1 twice in 店 is a repeat. Rows without an id are each a message.
  const std::string header = "shop,customer_id,sender,sent_at,account,conversation_id,message_id\n";
  auto count = [](Store& store) {
    int64_t n = 0;
    for (auto c = store.Scan({Kind::kMessages, {"customer_id"}}); c->Next();) ++n;
    return n;
  };
  auto apart =
      Records({Source("messages.csv", header + "店,c1,customer,2024-01-05 10:00:00,,,m1\n"
                                               "铺,c1,customer,2024-01-05 10:00:00,,,m1\n"
                                               "店,c1,customer,2024-01-05 10:00:00,,,\n"
                                               "店,c1,customer,2024-01-05 10:00:00,,,\n")});
  EXPECT_EQ(count(*apart), 4);
  EXPECT_FALSE(apart->failed());
  auto twice =
      Records({Source("messages.csv", header + "店,c1,customer,2024-01-05 10:00:00,,,m1\n"
                                               "店,c2,customer,2024-01-05 11:00:00,,,m1\n")});
  EXPECT_EQ(count(*twice), 1);
  EXPECT_TRUE(twice->failed());
}

TEST_F(FileRecordsTest, AMissingFileFails) {
  auto records = Records({SourceFile{dir_ / "nowhere/cases.csv", "cases.csv", false}});
  EXPECT_FALSE(records->failed());
  EXPECT_EQ(CaseIds(*records), Strings{});
  EXPECT_TRUE(records->failed());
}

TEST_F(FileRecordsTest, ItTakesNoImport) {
  auto records = Records({Source("cases.csv", kCases)});
  EXPECT_FALSE(records->BeginImport(ImportStart{}).ok());
}

}  // namespace
}  // namespace csperf
