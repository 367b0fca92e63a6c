#include "store/store.h"

#include <fmt/format.h>

namespace csperf {

Status Store::CheckTimezone(const std::string& timezone) {
  auto stored = GetMeta("timezone");
  if (stored && *stored != timezone) {
    return MakeProblem(fmt::format("this store was filled with time zone {}, but the settings "
                                   "say {}; use the same settings file as for earlier imports",
                                   *stored, timezone),
                       {}, Place{name(), 0, 0, "timezone"});
  }
  return Status::Ok();
}

}  // namespace csperf
