#include "store/open_store.h"

#include "store/sqlite/sqlite_store.h"

namespace csperf {

Result<std::unique_ptr<Store>> OpenStore(const std::string& where, OpenMode mode) {
  return OpenSqliteStore(where, mode);
}

}  // namespace csperf
