// The duplicate and replacement rules, settled a batch at a time: whatever the batch size,
// and on every store, the store ends with the same records and the import reports the same.
#include "import/record_writer.h"

#include <gtest/gtest.h>

#include "import/importer.h"
#include "report/import_text.h"
#include "store/memory/memory_store.h"
#include "store/sqlite/sqlite_store.h"
#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::AllRows;
using csperf::testing::EnvAt;
using csperf::testing::ScratchDir;
using csperf::testing::StoredRow;

using csperf::testing::Backend;
using csperf::testing::MakeStore;

// Two imports: the first with repeats within a file and across files; the second revising
// one order, repeating others, and bringing more copies of id-less rows.
void WriteInputs(const ScratchDir& dir) {
  const std::string orders = "order_id,shop,customer_id,created_at,amount,status\n";
  dir.Write("one/orders_a.csv", orders +
                                    "O1,店,c1,2024-01-05 10:00:00,10,paid\n"
                                    "O2,店,c2,2024-01-05 10:00:00,20,paid\n"
                                    "O1,店,c1,2024-01-05 10:00:00,10,paid\n"  // repeat
                                    "O3,店,c3,2024-01-05 10:00:00,30,paid\n");
  dir.Write("one/orders_b.csv", orders +
                                    "O2,店,c2,2024-01-05 10:00:00,20,paid\n"  // repeat, other file
                                    "O4,店,c4,2024-01-05 10:00:00,40,paid\n");
  const std::string messages = "shop,customer_id,sender,sent_at,content\n";
  const std::string hi = "店,c1,customer,2024-01-05 10:00:00,在吗\n";
  const std::string yo = "店,c2,customer,2024-01-05 10:01:00,你好\n";
  // hi three times in a: three copies; twice in b: no more copies; yo in b only.
  dir.Write("one/messages_a.csv", messages + hi + yo + hi + hi + yo);
  dir.Write("one/messages_b.csv", messages + hi + hi + "店,c3,customer,2024-01-05 10:02:00,嗯\n");
  dir.Write("two/orders.csv", orders +
                                  "O3,店,c3,2024-01-05 10:00:00,30,refunded\n"    // revised
                                  "O1,店,c1,2024-01-05 10:00:00,10,paid\n"        // unchanged
                                  "O5,店,c5,2024-01-05 10:00:00,50,paid\n"        // new
                                  "O3,店,c3,2024-01-05 10:00:00,30,refunded\n");  // repeat
  // Four copies of hi now: the fourth is kept.
  dir.Write("two/messages.csv", messages + hi + hi + yo + hi + hi + yo + yo);
}

struct Outcome {
  std::string reports;
  std::vector<StoredRow> orders, messages;
};

Outcome ImportInBatches(Backend backend, const ScratchDir& dir, size_t batch) {
  auto store = MakeStore(backend, dir / ("s" + std::to_string(batch) + ".db"));
  FixedClock clock(1735689600);
  ImportOptions options;
  options.batch_rows = batch;
  Outcome out;
  for (const char* folder : {"one", "two"}) {
    ImportReport r = RunImport(*store, DefaultSettings(), {dir / folder}, options, EnvAt(clock));
    EXPECT_TRUE(r.committed) << folder;
    out.reports += RenderImportReport(r, options);
  }
  out.orders = AllRows(*store, Kind::kOrders);
  out.messages = AllRows(*store, Kind::kMessages);
  // Where each record stands in input order depends on the rows removed in between; what
  // comes in which order does not.
  for (auto* rows : {&out.orders, &out.messages}) {
    for (StoredRow& row : *rows) row.erase("ord");
  }
  return out;
}

class RecordWriterTest : public ::testing::TestWithParam<Backend> {};

TEST_P(RecordWriterTest, EveryBatchSizeGivesTheSameStoreAndReports) {
  ScratchDir dir;
  WriteInputs(dir);
  const Outcome whole = ImportInBatches(GetParam(), dir, size_t{1} << 19);
  // By hand: orders O1..O5 once each, O3 refunded; messages hi ×4, yo ×3 (two files of
  // the second import with three), 嗯 ×1.
  ASSERT_EQ(whole.orders.size(), 5u);
  EXPECT_EQ(whole.orders[2].at("order_id"), "O3");
  EXPECT_EQ(whole.orders[2].at("status"), "refunded");
  ASSERT_EQ(whole.messages.size(), 8u);
  EXPECT_NE(whole.reports.find("replaced 更新 1"), std::string::npos) << whole.reports;
  for (size_t batch : {size_t{1}, size_t{2}, size_t{3}, size_t{5}}) {
    SCOPED_TRACE(batch);
    const Outcome small = ImportInBatches(GetParam(), dir, batch);
    EXPECT_EQ(small.reports, whole.reports);
    EXPECT_EQ(small.orders, whole.orders);
    EXPECT_EQ(small.messages, whole.messages);
  }
}

TEST_P(RecordWriterTest, AConflictAcrossBatchesIsABadRowNamingBothLines) {
  ScratchDir dir;
  dir.Write("in/orders.csv",
            "order_id,shop,customer_id,created_at,amount\n"
            "O1,店,c1,2024-01-05 10:00:00,10\n"
            "O2,店,c2,2024-01-05 10:00:00,20\n"
            "O1,店,c1,2024-01-05 10:00:00,11\n");  // line 4: other content
  for (size_t batch : {size_t{1}, size_t{2}, size_t{1} << 19}) {
    SCOPED_TRACE(batch);
    auto store = MakeStore(GetParam(), dir / ("c" + std::to_string(batch) + ".db"));
    FixedClock clock(1735689600);
    ImportOptions options;
    options.batch_rows = batch;
    ImportReport r = RunImport(*store, DefaultSettings(), {dir / "in"}, options, EnvAt(clock));
    EXPECT_FALSE(r.committed);
    EXPECT_EQ(r.bad_rows, 2);
    ASSERT_EQ(r.problems.size(), 2u);
    EXPECT_EQ(r.problems[0].place.line, 2);  // the first version, named by the second
    EXPECT_EQ(r.problems[1].place.line, 4);
    EXPECT_EQ(r.problems[1].code, ProblemCode::kConflict);
    EXPECT_EQ(csperf::testing::RowCount(*store, Kind::kOrders), 0);  // nothing stored
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, RecordWriterTest, csperf::testing::AllBackends(),
                         csperf::testing::BackendName);

}  // namespace
}  // namespace csperf
