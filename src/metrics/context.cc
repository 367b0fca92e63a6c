#include "metrics/context.h"

#include "core/env.h"

namespace csperf::metrics {

Executor& ExecutorOf(const Context& c) {
  return c.executor != nullptr ? *c.executor : *DefaultEnv().executor;
}

}  // namespace csperf::metrics
