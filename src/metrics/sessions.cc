#include "metrics/sessions.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace csperf::metrics {
namespace {

// Seconds between two instants as the rules count them: wall-clock seconds, or only those
// inside the shop's service hours when it has them.
int64_t Span(const Context& c, const ShopSettings& shop, Instant from, Instant to) {
  if (!shop.service_hours) return to - from;
  return SecondsInServiceHours(from, to, *shop.service_hours, c.zone);
}

class SessionBuilder {
 public:
  SessionBuilder(const Context& c, Sessions* out) : c_(c), out_(out) {}

  // `messages`: one session's customer and agent messages, in time order then input order.
  void Add(const std::vector<uint32_t>& messages, Id conversation) {
    const Dataset& d = c_.data;
    const Message& first = d.messages[messages.front()];
    // Every message of a session has the session's customer, hence its shop.
    const Id shop_id = d.ShopOf(first.customer);
    const ShopSettings& shop = c_.settings.ForShop(d.shops.Get(shop_id));
    Session s{};
    s.shop = shop_id;
    s.customer = first.customer;
    s.conversation = conversation;
    s.first_at = first.at;
    s.last_at = d.messages[messages.back()].at;
    s.first_message = messages.front();
    s.customer_opened = first.sender == Sender::kCustomer;
    s.in_period = first.at >= c_.begin && first.at < c_.end;
    s.lines_begin = static_cast<uint32_t>(out_->lines.size());
    s.waits_begin = static_cast<uint32_t>(out_->waits.size());

    bool wait_open = false;
    bool first_wait = true;
    Instant opened = 0;
    Actor last_speaker = kNone;  // the last agent who sent a message, kNone before any
    Actor charge = kNone;        // who an unanswered wait is charged to
    for (uint32_t index : messages) {
      const Message& m = d.messages[index];
      if (m.sender == Sender::kCustomer) {
        ++s.customer_messages;
        if (!wait_open) {
          wait_open = true;
          opened = m.at;
          // Charged, if never answered, to the last agent who spoke before the wait opened;
          // else to the agent the customer was routed to; else to the shop.
          charge = last_speaker != kNone ? last_speaker
                   : m.account != kNone  ? ActorOfAccount(d, m.account, shop_id)
                                         : ShopActor(shop_id);
        }
        continue;
      }
      const Actor actor = ActorOfAccount(d, m.account, shop_id);
      out_->lines.push_back({m.at, actor});
      if (wait_open) {
        const int64_t seconds = Span(c_, shop, opened, m.at);
        out_->waits.push_back(
            {opened, m.at, seconds, actor, true, first_wait, seconds <= shop.fast_response_s});
        wait_open = false;
        first_wait = false;
      }
      last_speaker = actor;
    }
    if (wait_open) out_->waits.push_back({opened, 0, 0, charge, false, first_wait, false});
    s.lines_end = static_cast<uint32_t>(out_->lines.size());
    s.waits_end = static_cast<uint32_t>(out_->waits.size());
    out_->sessions.push_back(s);
  }

 private:
  const Context& c_;
  Sessions* out_;
};

}  // namespace

Actor ActorOfAccount(const Dataset& data, Id account, Id shop) {
  if (account != kNone && static_cast<size_t>(account) < data.account_owner.size()) {
    Id owner = data.account_owner[static_cast<size_t>(account)];
    if (owner != kNone) return owner;
  }
  return ShopActor(shop);
}

Sessions BuildSessions(const Context& c) {
  const Dataset& d = c.data;
  Sessions out;
  // Bucket the chat messages by customer, keeping input order inside each bucket (a
  // counting sort), then order each bucket by time: equal times keep input order.
  const size_t customers = d.customers.size();
  std::vector<uint32_t> start(customers + 1, 0);
  size_t from_customers = 0;
  size_t from_agents = 0;
  for (const Message& m : d.messages) {
    if (m.sender == Sender::kCustomer || m.sender == Sender::kAgent) ++start[m.customer + 1];
    from_customers += m.sender == Sender::kCustomer;
    from_agents += m.sender == Sender::kAgent;
  }
  // Room for the most there can be (a session needs a message, a wait a customer's, a line
  // an agent's): no copying as they grow, and pages never written are never used.
  out.sessions.reserve(from_customers + from_agents);
  out.waits.reserve(from_customers);
  out.lines.reserve(from_agents);
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<uint32_t> order(start.back());
  std::vector<uint32_t> fill(start.begin(), start.end() - 1);
  for (uint32_t i = 0; i < d.messages.size(); ++i) {
    const Message& m = d.messages[i];
    if (m.sender == Sender::kCustomer || m.sender == Sender::kAgent) order[fill[m.customer]++] = i;
  }
  SessionBuilder builder(c, &out);
  std::vector<uint32_t> plain;
  std::map<Id, std::vector<uint32_t>> by_conversation;
  for (size_t cu = 0; cu < customers; ++cu) {
    auto first = order.begin() + start[cu];
    auto last = order.begin() + start[cu + 1];
    if (first == last) continue;
    std::stable_sort(first, last,
                     [&](uint32_t a, uint32_t b) { return d.messages[a].at < d.messages[b].at; });
    const ShopSettings& shop = c.settings.ForShop(d.shops.Get(d.ShopOf(static_cast<Id>(cu))));
    plain.clear();
    by_conversation.clear();
    for (auto it = first; it != last; ++it) {
      const Message& m = d.messages[*it];
      if (m.conversation != kNone) {
        by_conversation[m.conversation].push_back(*it);
        continue;
      }
      // A new session when the gap since the previous such message exceeds session_gap.
      if (!plain.empty() && Span(c, shop, d.messages[plain.back()].at, m.at) > shop.session_gap_s) {
        builder.Add(plain, kNone);
        plain.clear();
      }
      plain.push_back(*it);
    }
    if (!plain.empty()) builder.Add(plain, kNone);
    for (const auto& [conversation, messages] : by_conversation)
      builder.Add(messages, conversation);
  }
  return out;
}

}  // namespace csperf::metrics
