// A store held in memory: for reports read straight from files (`--data`), which import the
// files here through the same rules as an import into a database, and for tests. An import
// works on a copy of the records and replaces them when it commits.
#pragma once

#include <memory>
#include <string>

#include "store/store.h"

namespace csperf {

std::unique_ptr<Store> NewMemoryStore(std::string name = "memory");

}  // namespace csperf
