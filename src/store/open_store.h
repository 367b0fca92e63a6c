// Opening a store by where it is: a file path is an SQLite store (the embedded default).
#pragma once

#include <memory>
#include <string>

#include "core/problem.h"
#include "store/store.h"

namespace csperf {

enum class OpenMode {
  kCreate,    // make the store if there is none (an import)
  kExisting,  // the store must exist (a report)
};

Result<std::unique_ptr<Store>> OpenStore(const std::string& where, OpenMode mode);

}  // namespace csperf
