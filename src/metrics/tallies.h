// What a report row adds up for the chat, conversion and satisfaction columns, fed one
// session, order or rating at a time (chat_report.h), and the columns read off at the end.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "metrics/report.h"

namespace csperf::metrics {

// Whole seconds a mean, a median and a p90 are taken over, kept as counts per value: response
// times are mostly short, so a row's millions of them take a few kilobytes, and the ranks are
// exact. Values outside [0, kDense) are kept one by one.
class SecondsValues {
 public:
  void Add(int64_t seconds);
  int64_t size() const { return count_; }
  MetricValue Mean() const;
  // The ⌈q·n⌉-th smallest (q = num/den): the lower median for 1/2, nearest-rank p90 for 9/10.
  MetricValue Rank(int64_t num, int64_t den) const;
  void Merge(const SecondsValues& other);

 private:
  static constexpr int64_t kDense = 4096;
  std::vector<uint32_t> counts_;         // counts_[v]: how many are v; grown up to the largest seen
  mutable std::vector<int64_t> others_;  // sorted when a rank is asked
  int64_t count_ = 0;
  Wide sum_ = 0;
};

// A session as the tallies read it: its agents' lines and its waits.
struct SessionView {
  const Session& session;
  std::span<const AgentLine> lines;
  std::span<const Wait> waits;
};

// The lines and waits of one of the cut sessions.
SessionView ViewOf(const Sessions& s, const Session& session);

// The chat columns (metrics.md, the table under "Chat: sessions and waits") of every row.
class ChatTallies {
 public:
  ChatTallies(const RowMap& map, size_t rows) : map_(map), rows_(rows) {}
  void Resize(size_t rows) { rows_.resize(rows); }
  // A session of any period: only those of the period count. The same as AddLines, then
  // AddWait for each of its waits: a stream may feed a wait as soon as it is known (whether
  // the session is of the period is known at its first message).
  void AddSession(const SessionView& s);
  void AddLines(const SessionView& s);
  void AddWait(const Session& session, const Wait& wait);
  // Adds `part`'s row r into row rows[r] (none when -1).
  void Merge(const ChatTallies& part, std::span<const int> rows);
  // Appends row `r`'s columns.
  void AppendColumns(size_t r, Columns* out) const;
  // Row `r`'s inquiries (the satisfaction columns' invite rate reads them).
  int64_t Inquiries(size_t r) const { return rows_[r].inquiries; }

 private:
  struct Row {
    int64_t sessions = 0, agent_messages = 0, customer_messages = 0, inquiries = 0;
    int64_t unanswered = 0, first_waits = 0, frt_within = 0, responses_within = 0;
    SecondsValues frts, responses;
  };
  const RowMap& map_;
  std::vector<Row> rows_;
  std::vector<int> touched_;  // reused
};

// The conversion columns (metrics.md, "Sales conversion") of every row.
class SaleTallies {
 public:
  SaleTallies(const RowMap& map, size_t rows) : map_(map), rows_(rows) {}
  void Resize(size_t rows) { rows_.resize(rows); }
  // A session of any period: the inquiries of the period count their customers.
  void AddSession(const SessionView& s);
  // An order of `customer` credited to `actor` through an inquiry of the period in `shop`.
  void AddOrder(Id customer, Cents amount, bool refunded, Actor actor, Id shop);
  // Adds `part`'s row r into row rows[r] (none when -1), its customer i as customers[i] (as
  // i when `customers` is empty).
  void Merge(SaleTallies& part, std::span<const int> rows, std::span<const Id> customers);
  void AppendColumns(size_t r, Columns* out);  // counts distinct customers: not const

 private:
  struct Row {
    std::vector<Id> inquirers, buyers;  // with repeats until counted
    int64_t orders = 0;
    Wide sales = 0, net = 0;
  };
  const RowMap& map_;
  std::vector<Row> rows_;
  std::vector<int> touched_;  // reused
};

// The satisfaction columns (metrics.md, "Satisfaction") of every row.
class RatingTallies {
 public:
  RatingTallies(const RowMap& map, size_t rows) : map_(map), rows_(rows) {}
  void Resize(size_t rows) { rows_.resize(rows); }
  void AddRating(int score, Actor actor, Id shop);
  // Appends row `r`'s columns; `inquiries`: the row's (ChatTallies::Inquiries), which the
  // invite rate is taken over.
  void AppendColumns(size_t r, int64_t inquiries, Columns* out) const;

 private:
  struct Row {
    int64_t ratings = 0, satisfied = 0, dissatisfied = 0, score_sum = 0;
  };
  const RowMap& map_;
  std::vector<Row> rows_;
};

}  // namespace csperf::metrics
