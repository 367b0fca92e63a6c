#include <gtest/gtest.h>

#include <string>

#include "metrics/dataset.h"

namespace csperf::metrics {
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

}  // namespace
}  // namespace csperf::metrics
