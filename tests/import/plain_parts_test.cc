// The fast path's cell readers and the checks of a file read in parts
// (import/plain_parts.h), on cells and lists worked by hand.
#include "import/plain_parts.h"

#include <gtest/gtest.h>

#include <numeric>
#include <vector>

#include "core/env.h"

namespace csperf {
namespace {

// 2024-01-01 is day 19,723 after 1970-01-01 (54 years, 13 of them leap: 54 * 365 + 13).
// 2024-01-05 is day 19,727: 19,727 * 86,400 = 1,704,412,800 s; 10:00:00 adds 36,000.
// 2024-02-29 is day 19,723 + 31 + 28 = 19,782: 1,709,164,800 s, and 1 more.
TEST(PlainLocalTimesTest, ReadsTheUsualFormAsLocalSeconds) {
  PlainLocalTimes times;
  int64_t at = 0;
  ASSERT_TRUE(times.Read("2024-01-05 10:00:00", &at));
  EXPECT_EQ(at, 1704448800);
  ASSERT_TRUE(times.Read("2024-01-05 23:59:59", &at));  // the date kept from the row before
  EXPECT_EQ(at, 1704412800 + 86399);
  ASSERT_TRUE(times.Read("2024-02-29 00:00:01", &at));  // a leap day
  EXPECT_EQ(at, 1709164801);
}

// Anything else goes to the importer's parser, which reads or refuses it with a message.
TEST(PlainLocalTimesTest, LeavesEveryOtherFormToTheImporter) {
  PlainLocalTimes times;
  int64_t at = 7;
  for (const char* cell :
       {"2023-02-29 00:00:00", "2024-02-30 00:00:00", "2024-1-05 10:00:00", "2024-01-05T10:00:00",
        "1999-12-31 23:59:59", "2099-01-01 00:00:00", "2024-01-05 24:00:00", "2024-01-05 10:60:00",
        "2024-01-05 10:00:0x", "2024-01-05 10:00", "2024/01/05 10:00:00", ""}) {
    EXPECT_FALSE(times.Read(cell, &at)) << cell;
  }
  EXPECT_EQ(at, 7);
}

TEST(PlainAmountTest, ReadsYuanAsCents) {
  Cents cents = 0;
  ASSERT_TRUE(PlainAmount("1299", &cents));
  EXPECT_EQ(cents, 129900);
  ASSERT_TRUE(PlainAmount("1299.5", &cents));
  EXPECT_EQ(cents, 129950);
  ASSERT_TRUE(PlainAmount("1299.05", &cents));
  EXPECT_EQ(cents, 129905);
  ASSERT_TRUE(PlainAmount("0.07", &cents));
  EXPECT_EQ(cents, 7);
  ASSERT_TRUE(PlainAmount("999999999999.99", &cents));  // twelve digits of yuan
  EXPECT_EQ(cents, 99999999999999);
  for (const char* cell : {"01299", "-5", "+5", "1,299", "12.345", "12.", ".5", "¥12", "12 ", "",
                           "1299999999999", "1e3"}) {
    EXPECT_FALSE(PlainAmount(cell, &cents)) << cell;
  }
}

TEST(BlocksTest, GivesItsRowsBackInOrderAndEmpties) {
  Blocks<int> rows;
  for (int i = 0; i < 40000; ++i) rows.push_back(i);  // three blocks of 16,384 rows
  EXPECT_EQ(rows.size(), 40000u);
  std::vector<int> out;
  rows.Drain([&](int& row) { out.push_back(row); });
  std::vector<int> expected(40000);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(out, expected);
  EXPECT_EQ(rows.size(), 0u);
}

TEST(ShareAValueTest, WalksTwoSortedListsSideBySide) {
  EXPECT_TRUE(ShareAValue({1, 3, 5}, {2, 4, 5}));
  EXPECT_TRUE(ShareAValue({7}, {1, 7, 9}));
  EXPECT_FALSE(ShareAValue({1, 3, 5}, {2, 4, 6}));
  EXPECT_FALSE(ShareAValue({}, {1}));
}

// A part as IdsRepeat reads it: the hashes of the ids it met, in any order.
struct IdsOfAPart {
  std::vector<uint64_t> hashes;
  std::vector<uint64_t>& id_hashes() { return hashes; }
};

TEST(IdsRepeatTest, AnIdTwiceInOnePartOrInTwo) {
  Executor& executor = *DefaultEnv().executor;
  std::vector<IdsOfAPart> apart = {{{30, 10}}, {{20}}, {{}}};
  EXPECT_FALSE(IdsRepeat(executor, apart));
  EXPECT_TRUE(apart[0].hashes.empty());  // let go once checked
  std::vector<IdsOfAPart> within = {{{10, 30, 10}}, {{20}}};
  EXPECT_TRUE(IdsRepeat(executor, within));
  std::vector<IdsOfAPart> across = {{{30, 10}}, {{20}}, {{40, 30}}};
  EXPECT_TRUE(IdsRepeat(executor, across));
}

}  // namespace
}  // namespace csperf
