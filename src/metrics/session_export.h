// `csperf sessions`: one row per session of the period — the per-conversation export
// helpdesk users ask for: who served it, every wait with its time, the first response,
// what was left unanswered and who was charged, the ratings and the orders it earned.
#pragma once

#include <string>

#include "metrics/context.h"

namespace csperf::metrics {

// `agent`: only sessions the agent served or was charged in (kNone: all sessions).
std::string RenderSessionsCsv(const Context& c, Id agent);

}  // namespace csperf::metrics
