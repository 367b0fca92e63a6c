#include "core/string_pool.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <string>
#include <vector>

namespace csperf {
namespace {

TEST(StringPoolTest, EachStringOnceInOrderOfFirstSight) {
  StringPool pool;
  EXPECT_EQ(pool.Find("a"), kNone);
  EXPECT_EQ(pool.Intern("b"), 0);
  EXPECT_EQ(pool.Intern(""), 1);
  EXPECT_EQ(pool.Intern("a"), 2);
  EXPECT_EQ(pool.Intern("b"), 0);
  EXPECT_EQ(pool.Find(""), 1);
  EXPECT_EQ(pool.Get(2), "a");
  EXPECT_EQ(pool.size(), 3u);
}

TEST(StringPoolTest, ViewsStayValidAsThePoolGrows) {
  StringPool pool;
  const std::string long_one(3 << 20, 'x');  // larger than a block
  pool.Intern("first");
  const std::string_view first = pool.Get(0);
  for (int i = 0; i < 100000; ++i) pool.Intern("customer-" + std::to_string(i));
  EXPECT_EQ(pool.Intern(long_one), 100001);
  EXPECT_EQ(first, "first");
  EXPECT_EQ(pool.Find("customer-99999"), 100000);
  EXPECT_EQ(pool.Get(100001).size(), long_one.size());
  EXPECT_EQ(pool.Find("customer-100000"), kNone);
}

// Fetching ahead changes nothing a lookup finds: for strings met before, new ones, an empty
// pool, and strings whose lengths fill an entry's eight-byte words exactly or not.
TEST(StringPoolTest, FetchingAheadLeavesLookupsAsTheyWere) {
  StringPool pool;
  pool.Prefetch(42);  // no table yet
  pool.Prefetch(42, StringPool::kEntry);
  const std::vector<std::string> strings = {"", "1234567", "12345678", "123456789", "x"};
  for (const std::string& s : strings) {
    const uint64_t hash = XXH3_64bits(s.data(), s.size());
    pool.Prefetch(hash);
    pool.Prefetch(hash, StringPool::kEntry);
    pool.Intern(s, hash);
  }
  for (size_t i = 0; i < strings.size(); ++i) {
    const uint64_t hash = XXH3_64bits(strings[i].data(), strings[i].size());
    pool.Prefetch(hash, StringPool::kEntry);
    EXPECT_EQ(pool.Intern(strings[i], hash), static_cast<Id>(i));
    EXPECT_EQ(pool.Get(static_cast<Id>(i)), strings[i]);
  }
  EXPECT_EQ(pool.size(), strings.size());
}

TEST(StringPoolTest, APoolWithoutItsIndexStillGivesItsStrings) {
  StringPool pool;
  pool.Intern(
      "店\x1F"
      "c1");
  pool.Intern(
      "店\x1F"
      "c2");
  pool.DropIndex();
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_EQ(pool.Get(1),
            "店\x1F"
            "c2");
  StringPool joined;  // what a join does with it: intern its strings elsewhere, by id
  EXPECT_EQ(joined.Intern(pool.Get(1)), 0);
  EXPECT_EQ(joined.Intern(pool.Get(0)), 1);
}

}  // namespace
// Joining a part's pool into the Dataset's: strings already there keep their ids, new ones
// follow in the part's order, and the table grows once, before the batch, past many sizes.
TEST(StringPoolTest, InternAllKeepsKnownIdsAndAppendsTheRestInOrder) {
  StringPool global;
  global.Intern("a");
  global.Intern("b");
  StringPool part;
  part.Intern("c");
  part.Intern("a");
  part.Intern("d");
  EXPECT_EQ(global.InternAll(part), (std::vector<Id>{2, 0, 3}));
  EXPECT_EQ(global.size(), 4u);
  EXPECT_EQ(global.Get(2), "c");
  EXPECT_EQ(global.Get(3), "d");

  StringPool many;
  for (int i = 0; i < 5000; ++i) many.Intern("s" + std::to_string(i % 4000));
  ASSERT_EQ(many.size(), 4000u);
  const std::vector<Id> ids = global.InternAll(many);
  ASSERT_EQ(ids.size(), 4000u);
  for (int i = 0; i < 4000; ++i) {
    EXPECT_EQ(ids[static_cast<size_t>(i)], 4 + i);
    EXPECT_EQ(global.Find("s" + std::to_string(i)), 4 + i);
  }
  EXPECT_EQ(global.Find("a"), 0);
}

}  // namespace csperf
