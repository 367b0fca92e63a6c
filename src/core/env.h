// The outside world as csperf sees it: the clock, the files and the threads. Everything that
// reads the time, touches a file or runs work in parallel goes through an Env, so a test can
// set the time, keep files in memory or run every step on one thread, and a server answering
// many requests at once runs them all on one pool sized once.
#pragma once

#include "core/clock.h"
#include "core/executor.h"
#include "core/file_system.h"

namespace csperf {

struct Env {
  const Clock* clock;
  FileSystem* files;
  Executor* executor;
};

// The system clock, the real file system and one thread pool for the process, sized to the
// machine's cores (or to CSPERF_THREADS when that is set to a positive number).
const Env& DefaultEnv();

}  // namespace csperf
