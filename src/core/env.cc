#include "core/env.h"

#include <cstdlib>
#include <memory>

namespace csperf {
namespace {

size_t ThreadsFromEnvironment() {
  const char* threads = std::getenv("CSPERF_THREADS");
  if (threads == nullptr) return 0;
  const long n = std::strtol(threads, nullptr, 10);
  return n > 0 && n <= 1024 ? static_cast<size_t>(n) : 0;
}

}  // namespace

const Env& DefaultEnv() {
  static const SystemClock clock;
  static const std::unique_ptr<Executor> pool = NewThreadPool(ThreadsFromEnvironment());
  static const Env env{&clock, &RealFileSystem(), pool.get()};
  return env;
}

}  // namespace csperf
