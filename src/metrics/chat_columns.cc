// The chat columns (metrics.md, the table under "Chat: sessions and waits").
#include <algorithm>
#include <set>

#include "metrics/report.h"

namespace csperf::metrics {
namespace {

struct ChatTally {
  int64_t sessions = 0, agent_messages = 0, customer_messages = 0, inquiries = 0;
  int64_t unanswered = 0, first_waits = 0, frt_within = 0, responses_within = 0;
  std::vector<int64_t> frts, responses;
};

// The ⌈q·n⌉-th smallest (q = num/den): the lower median for 1/2, nearest-rank p90 for 9/10.
MetricValue Rank(std::vector<int64_t>& values, int64_t num, int64_t den) {
  const int64_t n = static_cast<int64_t>(values.size());
  if (n == 0) return MetricValue::Empty();
  const int64_t k = (num * n + den - 1) / den;  // 1-based rank
  auto nth = values.begin() + (k - 1);
  std::nth_element(values.begin(), nth, values.end());
  return MetricValue::Whole(*nth, n);
}

MetricValue Mean(const std::vector<int64_t>& values) {
  Wide sum = 0;
  for (int64_t v : values) sum += v;
  return MetricValue::Ratio(sum, static_cast<Wide>(values.size()));
}

}  // namespace

void AddChatColumns(const Context& c, const Sessions& s, const RowMap& map,
                    std::vector<ReportRow>* rows) {
  (void)c;
  std::vector<ChatTally> tally(rows->size());
  std::vector<int> touched;
  for (const Session& session : s.sessions) {
    if (!session.in_period) continue;
    // A session counts once for each row it touches, however many of the row's agents
    // served it (a session shared by two agents of a team counts once for the team).
    touched.clear();
    for (uint32_t l = session.lines_begin; l < session.lines_end; ++l) {
      const int row = map.Row(s.lines[l].actor, session.shop);
      if (row < 0) continue;
      ++tally[static_cast<size_t>(row)].agent_messages;
      if (std::find(touched.begin(), touched.end(), row) == touched.end()) touched.push_back(row);
    }
    for (int row : touched) {
      ChatTally& t = tally[static_cast<size_t>(row)];
      ++t.sessions;
      t.customer_messages += session.customer_messages;
      if (session.customer_opened) ++t.inquiries;
    }
    for (uint32_t w = session.waits_begin; w < session.waits_end; ++w) {
      const Wait& wait = s.waits[w];
      const int row = map.Row(wait.actor, session.shop);
      if (row < 0) continue;
      ChatTally& t = tally[static_cast<size_t>(row)];
      if (wait.first) ++t.first_waits;
      if (!wait.answered) {
        ++t.unanswered;
        continue;
      }
      t.responses.push_back(wait.seconds);
      if (wait.within) ++t.responses_within;
      if (wait.first) {
        t.frts.push_back(wait.seconds);
        if (wait.within) ++t.frt_within;
      }
    }
  }
  for (size_t r = 0; r < rows->size(); ++r) {
    ChatTally& t = tally[r];
    Columns& out = (*rows)[r].columns;
    const int64_t frt_count = static_cast<int64_t>(t.frts.size());
    const int64_t responses = static_cast<int64_t>(t.responses.size());
    out.emplace_back("sessions", MetricValue::Count(t.sessions));
    out.emplace_back("agent_messages", MetricValue::Count(t.agent_messages));
    out.emplace_back("customer_messages", MetricValue::Count(t.customer_messages));
    out.emplace_back("frt_count", MetricValue::Count(frt_count));
    out.emplace_back("frt_avg_s", Mean(t.frts));
    out.emplace_back("frt_median_s", Rank(t.frts, 1, 2));
    out.emplace_back("frt_p90_s", Rank(t.frts, 9, 10));
    out.emplace_back("responses", MetricValue::Count(responses));
    out.emplace_back("art_avg_s", Mean(t.responses));
    out.emplace_back("art_median_s", Rank(t.responses, 1, 2));
    out.emplace_back("art_p90_s", Rank(t.responses, 9, 10));
    out.emplace_back("responses_within_s", MetricValue::Count(t.responses_within));
    out.emplace_back("response_within_rate", MetricValue::Ratio(t.responses_within, responses));
    out.emplace_back("unanswered_waits", MetricValue::Count(t.unanswered));
    out.emplace_back("first_waits", MetricValue::Count(t.first_waits));
    out.emplace_back("frt_within_s", MetricValue::Count(t.frt_within));
    out.emplace_back("frt_within_rate", MetricValue::Ratio(t.frt_within, t.first_waits));
    out.emplace_back("reply_rate", MetricValue::Ratio(responses, responses + t.unanswered));
    out.emplace_back("inquiries", MetricValue::Count(t.inquiries));
    out.emplace_back("answer_ratio", MetricValue::Ratio(t.agent_messages, t.customer_messages));
  }
}

}  // namespace csperf::metrics
