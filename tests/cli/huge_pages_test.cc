// The csperf command starts itself over on transparent huge pages (cli/huge_pages.h): the
// same report either way, and the environment it was given kept for what it names.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::RunCsperf;
using csperf::testing::SourceDir;

// Sets an environment variable for the scope (the csperf run inherits it).
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* was = std::getenv(name)) was_ = was, had_ = true;
    ::setenv(name, value, 1);
  }
  ~ScopedEnv() { had_ ? ::setenv(name_, was_.c_str(), 1) : ::unsetenv(name_); }

 private:
  const char* name_;
  std::string was_;
  bool had_ = false;
};

TEST(HugePagesTest, TheReportIsTheSameOnSmallPages) {
  const std::vector<std::string> args = {"metrics",  "--data",  SourceDir() + "/samples/basic",
                                         "--period", "2024-01", "--group",
                                         "team"};
  const auto huge = RunCsperf(args);
  ASSERT_EQ(huge.exit_code, 0) << huge.out;
  {
    ScopedEnv small("CSPERF_SMALL_PAGES", "1");
    const auto plain = RunCsperf(args);
    EXPECT_EQ(plain.exit_code, 0);
    EXPECT_EQ(plain.out, huge.out);
  }
  {
    // Tunables of the caller's own are kept beside csperf's.
    ScopedEnv tunables("GLIBC_TUNABLES", "glibc.malloc.arena_max=2");
    const auto tuned = RunCsperf(args);
    EXPECT_EQ(tuned.exit_code, 0);
    EXPECT_EQ(tuned.out, huge.out);
  }
}

}  // namespace
}  // namespace csperf
