// The chat columns (metrics.md, the table under "Chat: sessions and waits") from the cut
// sessions; the rules are the tallies' (tallies.h).
#include "metrics/report.h"
#include "metrics/tallies.h"

namespace csperf::metrics {

SessionView ViewOf(const Sessions& s, const Session& session) {
  return {session,
          std::span<const AgentLine>(s.lines.data() + session.lines_begin,
                                     s.lines.data() + session.lines_end),
          std::span<const Wait>(s.waits.data() + session.waits_begin,
                                s.waits.data() + session.waits_end)};
}

void AddChatColumns(const Context& c, const Sessions& s, const RowMap& map,
                    std::vector<ReportRow>* rows) {
  (void)c;
  ChatTallies tally(map, rows->size());
  for (const Session& session : s.sessions) tally.AddSession(ViewOf(s, session));
  for (size_t r = 0; r < rows->size(); ++r) tally.AppendColumns(r, &(*rows)[r].columns);
}

}  // namespace csperf::metrics
