#include "cli/huge_pages.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace csperf::cli {

void StartOnHugePages(char** argv) {
#if defined(__GLIBC__) && !defined(CSPERF_PLAIN_MALLOC)
  if (std::getenv("CSPERF_SMALL_PAGES") != nullptr) return;
  const char* before = std::getenv("GLIBC_TUNABLES");
  if (before != nullptr && std::strstr(before, "glibc.malloc.hugetlb") != nullptr) return;
  const std::string kept = before == nullptr ? "" : before;
  const std::string value =
      kept.empty() ? "glibc.malloc.hugetlb=1" : kept + ":glibc.malloc.hugetlb=1";
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // Could not start over (no /proc): go on with small pages, the environment as it was.
  if (before == nullptr) {
    ::unsetenv("GLIBC_TUNABLES");
  } else {
    ::setenv("GLIBC_TUNABLES", kept.c_str(), 1);
  }
#else
  (void)argv;
#endif
}

}  // namespace csperf::cli
