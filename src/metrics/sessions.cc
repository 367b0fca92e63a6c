#include "metrics/sessions.h"

#include <algorithm>
#include <numeric>
#include <span>

namespace csperf::metrics {
namespace {

// Below this many chat messages a range, cutting it apart costs more than it saves.
constexpr uint64_t kMinMessagesPerRange = uint64_t{1} << 14;
// Ranges several times as many as cores: a core that runs slower (a machine shared with
// others) cuts fewer of them, and the cores finish together.
constexpr size_t kRangesPerCore = 8;

// Customers [begin, end): one range.
struct CustomerRange {
  size_t begin;
  size_t end;
};

// `parts` contiguous ranges of customers with about as many chat messages each: customers
// differ widely in how much they write, so equal numbers of customers would not balance.
std::vector<CustomerRange> SplitByMessages(const Chats& chats, size_t parts) {
  const size_t customers = chats.customers();
  const uint64_t total = customers == 0 ? 0 : chats.MessagesBefore(customers);
  std::vector<CustomerRange> ranges;
  size_t begin = 0;
  for (size_t p = 1; p <= parts; ++p) {
    size_t end = customers;
    if (p < parts) {
      // The first customer whose messages start at or past this part's share of the total.
      const uint64_t share = total * p / parts;
      size_t lo = begin, hi = customers;
      while (lo < hi) {
        const size_t mid = lo + (hi - lo) / 2;
        if (chats.MessagesBefore(mid) < share) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      end = lo;
    }
    ranges.push_back({begin, end});
    begin = end;
  }
  return ranges;
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

// The parts, in range order, as one: the later parts append to the first, each freed as it
// is appended. The columns are independent: the waits move on a second thread while this one
// shifts and moves the sessions, then moves the lines.
Sessions Join(Executor& executor, std::vector<Sessions> parts) {
  Sessions out = std::move(parts.front());
  if (parts.size() == 1) return out;
  std::vector<Offsets> offsets(parts.size());
  Offsets next{static_cast<uint32_t>(out.lines.size()), static_cast<uint32_t>(out.waits.size())};
  size_t sessions = out.sessions.size();
  for (size_t p = 1; p < parts.size(); ++p) {
    offsets[p] = next;
    next.lines += static_cast<uint32_t>(parts[p].lines.size());
    next.waits += static_cast<uint32_t>(parts[p].waits.size());
    sessions += parts[p].sessions.size();
  }
  out.sessions.reserve(sessions);
  out.lines.reserve(next.lines);
  out.waits.reserve(next.waits);
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

// Keeps every session of its range (BuildSessions).
class Collector : public SessionSink {
 public:
  void Take(const CustomerChat& /*chat*/, const Sessions& s) override {
    const auto lines = static_cast<uint32_t>(all.lines.size());
    const auto waits = static_cast<uint32_t>(all.waits.size());
    for (Session x : s.sessions) {
      x.lines_begin += lines;
      x.lines_end += lines;
      x.waits_begin += waits;
      x.waits_end += waits;
      all.sessions.push_back(x);
    }
    all.lines.insert(all.lines.end(), s.lines.begin(), s.lines.end());
    all.waits.insert(all.waits.end(), s.waits.begin(), s.waits.end());
  }
  Sessions all;
};

}  // namespace

CustomerCutter::CustomerCutter(const Context& c, CutTerms terms, Sessions* out)
    : c_(c), terms_(terms), out_(out) {}

void CustomerCutter::Cut(const CustomerChat& chat) {
  chat_ = &chat;
  settings_ = terms_.shop_settings[static_cast<size_t>(chat.shop)];
  const std::span<const ChatMessage> m = chat.messages;
  order_.resize(m.size());
  for (uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
  // Equal times keep input order. Most customers' messages come in time order already:
  // then the sort, and the buffer it allocates, are skipped.
  auto earlier = [&](uint32_t a, uint32_t b) { return m[a].at < m[b].at; };
  if (!std::is_sorted(order_.begin(), order_.end(), earlier))
    std::stable_sort(order_.begin(), order_.end(), earlier);
  plain_.clear();
  conversed_.clear();
  for (uint32_t i : order_) {
    if (m[i].conversation != kNone) {
      conversed_.push_back(i);
      continue;
    }
    // A new session when the gap since the previous such message exceeds session_gap.
    if (!plain_.empty() &&
        Span(c_, *settings_, m[plain_.back()].at, m[i].at) > settings_->session_gap_s) {
      Add(plain_, kNone);
      plain_.clear();
    }
    plain_.push_back(i);
  }
  if (!plain_.empty()) Add(plain_, kNone);
  AddConversations();
}

void CustomerCutter::AddConversations() {
  auto conversation = [&](uint32_t i) { return chat_->messages[i].conversation; };
  auto lower = [&](uint32_t a, uint32_t b) { return conversation(a) < conversation(b); };
  if (!std::is_sorted(conversed_.begin(), conversed_.end(), lower))
    std::stable_sort(conversed_.begin(), conversed_.end(), lower);
  for (auto first = conversed_.begin(); first != conversed_.end();) {
    const Id id = conversation(*first);
    auto last =
        std::find_if(first, conversed_.end(), [&](uint32_t i) { return conversation(i) != id; });
    Add({first, last}, id);
    first = last;
  }
}

Actor CustomerCutter::ActorOf(Id account) const {
  if (account != kNone && static_cast<size_t>(account) < terms_.account_owner.size()) {
    const Id owner = terms_.account_owner[static_cast<size_t>(account)];
    if (owner != kNone) return owner;
  }
  return ShopActor(chat_->shop);
}

void CustomerCutter::Add(std::span<const uint32_t> order, Id conversation) {
  const CustomerChat& chat = *chat_;
  const ChatMessage& first = chat.messages[order.front()];
  SessionBuilder& b = builder_;
  b.Begin(c_, *settings_, chat.shop, chat.customer, conversation, first.at,
          chat.index[order.front()], first.sender() == Sender::kCustomer, &out_->lines,
          &out_->waits);
  for (uint32_t i : order) {
    const ChatMessage& m = chat.messages[i];
    if (m.sender() == Sender::kCustomer) {
      b.AddCustomer(m.at, b.NeedsRouted() ? ActorOf(m.account()) : kNone);
    } else {
      b.AddAgent(m.at, ActorOf(m.account()));
    }
  }
  out_->sessions.push_back(b.End());
}

size_t CutRanges(const Context& c) {
  const Chats& chats = c.data.chats;
  const uint64_t messages = chats.messages();
  const size_t most = ExecutorOf(c).concurrency() * kRangesPerCore;
  return static_cast<size_t>(std::clamp<uint64_t>(messages / kMinMessagesPerRange, 1, most));
}

void CutChats(const Context& c, size_t ranges, const std::function<SessionSink*(size_t)>& sink_of) {
  const Chats& chats = c.data.chats;
  if (ranges == 0) ranges = CutRanges(c);
  const std::vector<CustomerRange> split = SplitByMessages(chats, ranges);
  std::vector<const ShopSettings*> shop_settings;
  for (size_t shop = 0; shop < c.data.shops.size(); ++shop)
    shop_settings.push_back(&c.settings.ForShop(c.data.shops.Get(static_cast<Id>(shop))));
  const CutTerms terms{c.data.account_owner, shop_settings};
  ExecutorOf(c).ParallelFor(split.size(), [&](size_t r) {
    SessionSink* sink = sink_of(r);
    Sessions s;
    CustomerCutter cutter(c, terms, &s);
    std::vector<ChatMessage> gathered;
    for (size_t cu = split[r].begin; cu < split[r].end; ++cu) {
      if (chats.PositionsOf(cu).empty()) continue;
      CustomerChat chat = chats.Gather(cu, &gathered);
      chat.shop = c.data.ShopOf(chat.customer);
      cutter.Cut(chat);
      sink->Take(chat, s);
      s.sessions.clear();
      s.lines.clear();
      s.waits.clear();
    }
  });
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

Sessions BuildSessions(const Context& c, size_t ranges) {
  if (ranges == 0) ranges = CutRanges(c);
  std::vector<Collector> parts(ranges);
  CutChats(c, ranges, [&](size_t r) { return &parts[r]; });
  std::vector<Sessions> sessions;
  sessions.reserve(parts.size());
  for (Collector& p : parts) sessions.push_back(std::move(p.all));
  return Join(ExecutorOf(c), std::move(sessions));
}

}  // namespace csperf::metrics
