#include "metrics/sessions.h"

#include <algorithm>
#include <numeric>
#include <span>

namespace csperf::metrics {
namespace {

// Below this many chat messages per thread, starting a thread costs more than it saves.
constexpr size_t kMinMessagesPerThread = size_t{1} << 16;

bool IsChat(const Message& m) {
  return m.sender == Sender::kCustomer || m.sender == Sender::kAgent;
}

// The chat messages (customers' and agents'; bots' and the system's count nowhere) bucketed
// by customer, in input order inside each bucket: a counting sort.
struct Buckets {
  std::vector<uint32_t> start;  // customer cu's messages are order[start[cu], start[cu + 1])
  std::vector<uint32_t> asked;  // how many of the messages before start[cu] are customers'
  std::vector<uint32_t> order;  // message indices
};

Buckets BucketByCustomer(const Dataset& d) {
  const size_t customers = d.customers.size();
  Buckets b;
  b.start.assign(customers + 1, 0);
  b.asked.assign(customers + 1, 0);
  for (const Message& m : d.messages) {
    if (!IsChat(m)) continue;
    ++b.start[m.customer + 1];
    b.asked[m.customer + 1] += m.sender == Sender::kCustomer;
  }
  std::partial_sum(b.start.begin(), b.start.end(), b.start.begin());
  std::partial_sum(b.asked.begin(), b.asked.end(), b.asked.begin());
  b.order.resize(b.start.back());
  std::vector<uint32_t> fill(b.start.begin(), b.start.end() - 1);
  for (uint32_t i = 0; i < d.messages.size(); ++i) {
    const Message& m = d.messages[i];
    if (IsChat(m)) b.order[fill[m.customer]++] = i;
  }
  return b;
}

// Customers [begin, end): the share of one thread.
struct CustomerRange {
  size_t begin;
  size_t end;
};

// `parts` contiguous ranges of customers with about as many chat messages each: customers
// differ widely in how much they write, so equal numbers of customers would not balance.
std::vector<CustomerRange> SplitByMessages(const Buckets& b, size_t parts) {
  const size_t customers = b.start.size() - 1;
  const uint64_t total = b.start.back();
  std::vector<CustomerRange> ranges;
  size_t begin = 0;
  for (size_t p = 1; p <= parts; ++p) {
    size_t end = customers;
    if (p < parts) {
      // The first customer whose messages start at or past this part's share of the total.
      const uint64_t share = total * p / parts;
      end = static_cast<size_t>(
          std::lower_bound(b.start.begin() + begin, b.start.end() - 1, share) - b.start.begin());
    }
    ranges.push_back({begin, end});
    begin = end;
  }
  return ranges;
}

// Room for the most the customers of `r` can make (a session needs a message, a wait a
// customer's, a line an agent's): no copying as they grow, and pages never written are never
// used.
void Reserve(const Buckets& b, CustomerRange r, Sessions* out) {
  const size_t messages = b.start[r.end] - b.start[r.begin];
  const size_t from_customers = b.asked[r.end] - b.asked[r.begin];
  out->sessions.reserve(messages);
  out->waits.reserve(from_customers);
  out->lines.reserve(messages - from_customers);
}

// The sessions of the customers of `r`, into `out`. Threads share `b`, each sorting only
// its own customers' buckets.
void BuildRange(const Context& c, CutTerms terms, CustomerRange r, Buckets* b, Sessions* out) {
  CustomerCutter cutter(c, terms, out);
  const Dataset& d = c.data;
  for (size_t cu = r.begin; cu < r.end; ++cu) {
    const std::span<uint32_t> messages(b->order.data() + b->start[cu],
                                       b->order.data() + b->start[cu + 1]);
    if (!messages.empty()) {
      const auto customer = static_cast<Id>(cu);
      cutter.AddCustomer(d.messages.data(), 0, customer, d.ShopOf(customer), messages);
    }
  }
}

// Moves `from` to the end of `to` and frees it at once, so that a part's copy lives no
// longer than its append.
template <class T>
void AppendAndFree(std::vector<T>* from, std::vector<T>* to) {
  to->insert(to->end(), from->begin(), from->end());
  std::vector<T>().swap(*from);
}

// Where a part's lines and waits begin in the joined result.
struct Offsets {
  uint32_t lines;
  uint32_t waits;
};

// Points the sessions of `part` at its lines and waits in the joined result.
void Shift(Offsets at, Sessions* part) {
  for (Session& s : part->sessions) {
    s.lines_begin += at.lines;
    s.lines_end += at.lines;
    s.waits_begin += at.waits;
    s.waits_end += at.waits;
  }
}

// The parts, in range order, as one: the later parts append to the first, which has room
// for all, each freed as it is appended. The columns are independent: the waits move on a
// second thread while this one shifts and moves the sessions, then moves the lines.
Sessions Join(Executor& executor, std::vector<Sessions> parts) {
  Sessions out = std::move(parts.front());
  if (parts.size() == 1) return out;
  std::vector<Offsets> offsets(parts.size());
  Offsets next{static_cast<uint32_t>(out.lines.size()), static_cast<uint32_t>(out.waits.size())};
  for (size_t p = 1; p < parts.size(); ++p) {
    offsets[p] = next;
    next.lines += static_cast<uint32_t>(parts[p].lines.size());
    next.waits += static_cast<uint32_t>(parts[p].waits.size());
  }
  executor.ParallelFor(2, [&](size_t task) {
    if (task == 1) {
      for (size_t p = 1; p < parts.size(); ++p) AppendAndFree(&parts[p].waits, &out.waits);
      return;
    }
    for (size_t p = 1; p < parts.size(); ++p) {
      Shift(offsets[p], &parts[p]);
      AppendAndFree(&parts[p].sessions, &out.sessions);
      AppendAndFree(&parts[p].lines, &out.lines);
    }
  });
  return out;
}

}  // namespace

CustomerCutter::CustomerCutter(const Context& c, CutTerms terms, Sessions* out)
    : c_(c), terms_(terms), out_(out) {}

void CustomerCutter::AddCustomer(const Message* column, uint32_t index_base, Id customer, Id shop,
                                 std::span<uint32_t> messages) {
  column_ = column;
  index_base_ = index_base;
  customer_ = customer;
  shop_ = shop;
  settings_ = terms_.shop_settings[static_cast<size_t>(shop)];
  // Equal times keep input order. Most customers' messages come in time order already:
  // then the sort, and the buffer it allocates, are skipped.
  auto earlier = [&](uint32_t a, uint32_t b) { return column[a].at < column[b].at; };
  if (!std::is_sorted(messages.begin(), messages.end(), earlier))
    std::stable_sort(messages.begin(), messages.end(), earlier);
  plain_.clear();
  conversed_.clear();
  for (uint32_t index : messages) {
    const Message& m = column[index];
    if (m.conversation != kNone) {
      conversed_.push_back(index);
      continue;
    }
    // A new session when the gap since the previous such message exceeds session_gap.
    if (!plain_.empty() &&
        Span(c_, *settings_, column[plain_.back()].at, m.at) > settings_->session_gap_s) {
      Add(plain_, kNone);
      plain_.clear();
    }
    plain_.push_back(index);
  }
  if (!plain_.empty()) Add(plain_, kNone);
  AddConversations();
}

void CustomerCutter::AddConversations() {
  auto conversation = [&](uint32_t index) { return column_[index].conversation; };
  auto lower = [&](uint32_t a, uint32_t b) { return conversation(a) < conversation(b); };
  if (!std::is_sorted(conversed_.begin(), conversed_.end(), lower))
    std::stable_sort(conversed_.begin(), conversed_.end(), lower);
  for (auto first = conversed_.begin(); first != conversed_.end();) {
    const Id id = conversation(*first);
    auto last = std::find_if(first, conversed_.end(),
                             [&](uint32_t index) { return conversation(index) != id; });
    Add({first, last}, id);
    first = last;
  }
}

Actor CustomerCutter::ActorOf(Id account) const {
  if (account != kNone && static_cast<size_t>(account) < terms_.account_owner.size()) {
    const Id owner = terms_.account_owner[static_cast<size_t>(account)];
    if (owner != kNone) return owner;
  }
  return ShopActor(shop_);
}

void CustomerCutter::Add(std::span<const uint32_t> messages, Id conversation) {
  const Message& first = column_[messages.front()];
  SessionBuilder& b = builder_;
  b.Begin(c_, *settings_, shop_, customer_, conversation, first.at, index_base_ + messages.front(),
          first.sender == Sender::kCustomer, &out_->lines, &out_->waits);
  for (uint32_t index : messages) {
    const Message& m = column_[index];
    if (m.sender == Sender::kCustomer) {
      b.AddCustomer(m.at, b.NeedsRouted() ? ActorOf(m.account) : kNone);
    } else {
      b.AddAgent(m.at, ActorOf(m.account));
    }
  }
  out_->sessions.push_back(b.End());
}

int64_t Span(const Context& c, const ShopSettings& shop, Instant from, Instant to) {
  if (!shop.service_hours) return to - from;
  return SecondsInServiceHours(from, to, *shop.service_hours, c.zone);
}

void SessionBuilder::Begin(const Context& c, const ShopSettings& shop, Id shop_id, Id customer,
                           Id conversation, Instant at, uint32_t index, bool customer_first,
                           std::vector<AgentLine>* lines, std::vector<Wait>* waits) {
  c_ = &c;
  shop_ = &shop;
  lines_ = lines;
  waits_ = waits;
  s_ = Session{};
  s_.shop = shop_id;
  s_.customer = customer;
  s_.conversation = conversation;
  s_.first_at = at;
  s_.last_at = at;
  s_.first_message = index;
  s_.customer_opened = customer_first;
  s_.in_period = at >= c.begin && at < c.end;
  s_.lines_begin = static_cast<uint32_t>(lines->size());
  s_.waits_begin = static_cast<uint32_t>(waits->size());
  wait_open_ = false;
  first_wait_ = true;
  opened_ = 0;
  last_speaker_ = kNone;
  charge_ = kNone;
}

void SessionBuilder::CloseWait(Instant at, Actor actor) {
  const int64_t seconds = Span(*c_, *shop_, opened_, at);
  waits_->push_back(
      {opened_, at, seconds, actor, true, first_wait_, seconds <= shop_->fast_response_s});
  wait_open_ = false;
  first_wait_ = false;
}

Session SessionBuilder::End() {
  if (wait_open_) waits_->push_back({opened_, 0, 0, charge_, false, first_wait_, false});
  wait_open_ = false;
  s_.lines_end = static_cast<uint32_t>(lines_->size());
  s_.waits_end = static_cast<uint32_t>(waits_->size());
  return s_;
}

Actor ActorOfAccount(const Dataset& data, Id account, Id shop) {
  if (account != kNone && static_cast<size_t>(account) < data.account_owner.size()) {
    Id owner = data.account_owner[static_cast<size_t>(account)];
    if (owner != kNone) return owner;
  }
  return ShopActor(shop);
}

Sessions BuildSessions(const Context& c) { return BuildSessions(c, 0); }

Sessions BuildSessions(const Context& c, int threads) {
  Buckets b = BucketByCustomer(c.data);
  Executor& executor = ExecutorOf(c);
  size_t parts = static_cast<size_t>(threads);
  if (threads <= 0) {
    parts = std::clamp<size_t>(b.order.size() / kMinMessagesPerThread, 1, executor.concurrency());
  }
  const std::vector<CustomerRange> ranges = SplitByMessages(b, parts);
  std::vector<const ShopSettings*> shop_settings;
  for (size_t shop = 0; shop < c.data.shops.size(); ++shop)
    shop_settings.push_back(&c.settings.ForShop(c.data.shops.Get(static_cast<Id>(shop))));
  const CutTerms terms{c.data.account_owner, shop_settings};
  // Each range into its own part; the first part becomes the result, so it has room for all.
  std::vector<Sessions> results(ranges.size());
  Reserve(b, {0, c.data.customers.size()}, &results[0]);
  for (size_t r = 1; r < ranges.size(); ++r) Reserve(b, ranges[r], &results[r]);
  executor.ParallelFor(ranges.size(),
                       [&](size_t r) { BuildRange(c, terms, ranges[r], &b, &results[r]); });
  b = Buckets{};  // freed before the join grows the result, which is when memory peaks
  return Join(executor, std::move(results));
}

}  // namespace csperf::metrics
