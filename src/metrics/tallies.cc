#include "metrics/tallies.h"

#include <algorithm>

namespace csperf::metrics {
namespace {

// Distinct customers: sorting a list of ids beats a tree set by far at millions of sessions.
int64_t CountDistinct(std::vector<Id>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return static_cast<int64_t>(ids.size());
}

// Adds `customer` to a list counted distinct at the end. A full list is made distinct
// before it grows, so a long stream keeps it near its distinct size; when that leaves it
// more than half full it grows anyway, so each value is sorted a few times at most.
void AddCustomer(std::vector<Id>* ids, Id customer) {
  if (!ids->empty() && ids->back() == customer) return;
  if (ids->size() >= 4096 && ids->size() == ids->capacity()) {
    CountDistinct(*ids);
    if (ids->size() * 2 > ids->capacity()) ids->reserve(ids->capacity() * 2);
  }
  ids->push_back(customer);
}

// Appends to `touched` the row of `actor` in a session of `shop` once.
int Touch(const RowMap& map, Actor actor, Id shop, std::vector<int>* touched) {
  const int row = map.Row(actor, shop);
  if (row >= 0 && std::find(touched->begin(), touched->end(), row) == touched->end())
    touched->push_back(row);
  return row;
}

}  // namespace

SessionView ViewOf(const Sessions& s, const Session& session) {
  return {session,
          std::span<const AgentLine>(s.lines.data() + session.lines_begin,
                                     s.lines.data() + session.lines_end),
          std::span<const Wait>(s.waits.data() + session.waits_begin,
                                s.waits.data() + session.waits_end)};
}

void SecondsValues::Add(int64_t seconds) {
  ++count_;
  sum_ += seconds;
  if (seconds < 0 || seconds >= kDense) {
    others_.push_back(seconds);
    return;
  }
  const auto v = static_cast<size_t>(seconds);
  if (v >= counts_.size()) counts_.resize(std::min<size_t>(kDense, std::max(v + 1, v * 2)), 0);
  ++counts_[v];
}

void SecondsValues::Merge(const SecondsValues& other) {
  if (counts_.size() < other.counts_.size()) counts_.resize(other.counts_.size(), 0);
  for (size_t v = 0; v < other.counts_.size(); ++v) counts_[v] += other.counts_[v];
  others_.insert(others_.end(), other.others_.begin(), other.others_.end());
  count_ += other.count_;
  sum_ += other.sum_;
}

MetricValue SecondsValues::Mean() const { return MetricValue::Ratio(sum_, count_); }

MetricValue SecondsValues::Rank(int64_t num, int64_t den) const {
  if (count_ == 0) return MetricValue::Empty();
  int64_t k = (num * count_ + den - 1) / den;  // 1-based rank
  std::sort(others_.begin(), others_.end());
  // Values below the dense ones, then the dense ones, then those above.
  const auto negatives = static_cast<int64_t>(
      std::lower_bound(others_.begin(), others_.end(), int64_t{0}) - others_.begin());
  if (k <= negatives) return MetricValue::Whole(others_[static_cast<size_t>(k - 1)], count_);
  k -= negatives;
  for (size_t v = 0; v < counts_.size(); ++v) {
    if (k <= static_cast<int64_t>(counts_[v]))
      return MetricValue::Whole(static_cast<int64_t>(v), count_);
    k -= counts_[v];
  }
  return MetricValue::Whole(others_[static_cast<size_t>(negatives + k - 1)], count_);
}

void ChatTallies::AddSession(const SessionView& s) {
  AddLines(s);
  for (const Wait& wait : s.waits) AddWait(s.session, wait);
}

void ChatTallies::AddLines(const SessionView& s) {
  const Session& session = s.session;
  if (!session.in_period) return;
  // A session counts once for each row it touches, however many of the row's agents served
  // it (a session shared by two agents of a team counts once for the team).
  touched_.clear();
  for (const AgentLine& line : s.lines) {
    const int row = Touch(map_, line.actor, session.shop, &touched_);
    if (row >= 0) ++rows_[static_cast<size_t>(row)].agent_messages;
  }
  for (int row : touched_) {
    Row& t = rows_[static_cast<size_t>(row)];
    ++t.sessions;
    t.customer_messages += session.customer_messages;
    if (session.customer_opened) ++t.inquiries;
  }
}

void ChatTallies::AddWait(const Session& session, const Wait& wait) {
  if (!session.in_period) return;
  const int row = map_.Row(wait.actor, session.shop);
  if (row < 0) return;
  Row& t = rows_[static_cast<size_t>(row)];
  if (wait.first) ++t.first_waits;
  if (!wait.answered) {
    ++t.unanswered;
    return;
  }
  t.responses.Add(wait.seconds);
  if (wait.within) ++t.responses_within;
  if (wait.first) {
    t.frts.Add(wait.seconds);
    if (wait.within) ++t.frt_within;
  }
}

void ChatTallies::Merge(const ChatTallies& part, std::span<const int> rows) {
  for (size_t r = 0; r < part.rows_.size() && r < rows.size(); ++r) {
    if (rows[r] < 0) continue;
    const Row& from = part.rows_[r];
    Row& t = rows_[static_cast<size_t>(rows[r])];
    t.sessions += from.sessions;
    t.agent_messages += from.agent_messages;
    t.customer_messages += from.customer_messages;
    t.inquiries += from.inquiries;
    t.unanswered += from.unanswered;
    t.first_waits += from.first_waits;
    t.frt_within += from.frt_within;
    t.responses_within += from.responses_within;
    t.frts.Merge(from.frts);
    t.responses.Merge(from.responses);
  }
}

void ChatTallies::AppendColumns(size_t r, Columns* out) const {
  const Row& t = rows_[r];
  const int64_t frt_count = t.frts.size();
  const int64_t responses = t.responses.size();
  out->emplace_back("sessions", MetricValue::Count(t.sessions));
  out->emplace_back("agent_messages", MetricValue::Count(t.agent_messages));
  out->emplace_back("customer_messages", MetricValue::Count(t.customer_messages));
  out->emplace_back("frt_count", MetricValue::Count(frt_count));
  out->emplace_back("frt_avg_s", t.frts.Mean());
  out->emplace_back("frt_median_s", t.frts.Rank(1, 2));
  out->emplace_back("frt_p90_s", t.frts.Rank(9, 10));
  out->emplace_back("responses", MetricValue::Count(responses));
  out->emplace_back("art_avg_s", t.responses.Mean());
  out->emplace_back("art_median_s", t.responses.Rank(1, 2));
  out->emplace_back("art_p90_s", t.responses.Rank(9, 10));
  out->emplace_back("responses_within_s", MetricValue::Count(t.responses_within));
  out->emplace_back("response_within_rate", MetricValue::Ratio(t.responses_within, responses));
  out->emplace_back("unanswered_waits", MetricValue::Count(t.unanswered));
  out->emplace_back("first_waits", MetricValue::Count(t.first_waits));
  out->emplace_back("frt_within_s", MetricValue::Count(t.frt_within));
  out->emplace_back("frt_within_rate", MetricValue::Ratio(t.frt_within, t.first_waits));
  out->emplace_back("reply_rate", MetricValue::Ratio(responses, responses + t.unanswered));
  out->emplace_back("inquiries", MetricValue::Count(t.inquiries));
  out->emplace_back("answer_ratio", MetricValue::Ratio(t.agent_messages, t.customer_messages));
  out->emplace_back("messages_per_session",
                    MetricValue::Ratio(t.agent_messages + t.customer_messages, t.sessions));
}

void SaleTallies::AddSession(const SessionView& s) {
  const Session& session = s.session;
  if (!session.inquiry() || !session.in_period) return;
  touched_.clear();
  for (const AgentLine& line : s.lines) {
    const size_t before = touched_.size();
    const int row = Touch(map_, line.actor, session.shop, &touched_);
    if (touched_.size() > before)
      AddCustomer(&rows_[static_cast<size_t>(row)].inquirers, session.customer);
  }
}

void SaleTallies::AddOrder(Id customer, Cents amount, bool refunded, Actor actor, Id shop) {
  const int row = map_.Row(actor, shop);
  if (row < 0) return;
  Row& t = rows_[static_cast<size_t>(row)];
  ++t.orders;
  t.sales += amount;
  if (!refunded) t.net += amount;
  AddCustomer(&t.buyers, customer);
}

void SaleTallies::Merge(SaleTallies& part, std::span<const int> rows,
                        std::span<const Id> customers) {
  for (size_t r = 0; r < part.rows_.size() && r < rows.size(); ++r) {
    if (rows[r] < 0) continue;
    Row& from = part.rows_[r];
    Row& t = rows_[static_cast<size_t>(rows[r])];
    auto mapped = [&](Id customer) {
      return customers.empty() ? customer : customers[static_cast<size_t>(customer)];
    };
    for (Id customer : from.inquirers) t.inquirers.push_back(mapped(customer));
    for (Id customer : from.buyers) t.buyers.push_back(mapped(customer));
    t.orders += from.orders;
    t.sales += from.sales;
    t.net += from.net;
    std::vector<Id>().swap(from.inquirers);
    std::vector<Id>().swap(from.buyers);
  }
}

void SaleTallies::AppendColumns(size_t r, Columns* out) {
  Row& t = rows_[r];
  const int64_t inquirers = CountDistinct(t.inquirers);
  const int64_t buyers = CountDistinct(t.buyers);
  out->emplace_back("inquirers", MetricValue::Count(inquirers));
  out->emplace_back("buyers", MetricValue::Count(buyers));
  out->emplace_back("inquiry_conversion", MetricValue::Ratio(buyers, inquirers));
  out->emplace_back("orders", MetricValue::Count(t.orders));
  out->emplace_back("sales_amount", MetricValue::Ratio(t.sales, 1, t.orders));
  out->emplace_back("net_sales_amount", MetricValue::Ratio(t.net, 1, t.orders));
  out->emplace_back("aov", MetricValue::Ratio(t.sales, buyers));
}

void RatingTallies::AddRating(int score, Actor actor, Id shop) {
  const int row = map_.Row(actor, shop);
  if (row < 0) return;
  Row& t = rows_[static_cast<size_t>(row)];
  ++t.ratings;
  t.score_sum += score;
  if (score >= 4) ++t.satisfied;
  if (score <= 2) ++t.dissatisfied;
}

void RatingTallies::AppendColumns(size_t r, int64_t inquiries, Columns* out) const {
  const Row& t = rows_[r];
  out->emplace_back("ratings", MetricValue::Count(t.ratings));
  out->emplace_back("satisfied", MetricValue::Count(t.satisfied));
  out->emplace_back("dissatisfied", MetricValue::Count(t.dissatisfied));
  out->emplace_back("satisfaction_rate", MetricValue::Ratio(t.satisfied, t.ratings));
  out->emplace_back("rating_avg", MetricValue::Ratio(t.score_sum, t.ratings));
  out->emplace_back("rating_invite_rate", MetricValue::Ratio(t.ratings, inquiries));
}

}  // namespace csperf::metrics
