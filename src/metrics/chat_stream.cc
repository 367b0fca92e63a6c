#include "metrics/chat_stream.h"

#include <deque>
#include <fstream>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/text.h"
#include "import/header_map.h"
#include "io/csv_reader.h"
#include "metrics/attribution.h"
#include "metrics/direct_reader.h"
#include "metrics/message_blocks.h"
#include "metrics/tallies.h"

namespace csperf::metrics {
namespace {

// How long a conversation may be silent before the stream wagers it is over.
constexpr Instant kConversationIdle = Instant{24} * 3600;

bool IsChat(const Message& m) {
  return m.sender == Sender::kCustomer || m.sender == Sender::kAgent;
}

class ChatStreamer {
 public:
  ChatStreamer(const Context& c, Dataset* d, MessageStream* in, std::span<const Grouping> groupings)
      : c_(c), d_(*d), in_(*in), tallies_(MakeTallies(c, groupings)), orders_(c, d) {
    for (auto& t : tallies_) t->HaveShops(d_.shops.size());
  }

  // False when the stream gave up.
  bool Run() {
    // The reader numbers shops and customers in the Dataset's pools, which are its own till
    // it ends: this thread knows shops and customers only by id meanwhile.
    in_.AdoptPools(&d_);
    const bool read = ReadAll();
    in_.ReturnPools(&d_);
    if (!read) return false;
    for (int32_t slot = 0; slot < static_cast<int32_t>(open_.size()); ++slot) {
      if (open_[static_cast<size_t>(slot)].open) Close(slot);
    }
    return true;
  }

  StreamedChat Finish() {
    for (size_t i = 0; i < conversed_.size(); ++i) {
      const std::string_view key = d_.customers.Get(conversed_customer_[i]);
      conversed_[i].customer_id = key.substr(key.find('\x1F') + 1);
    }
    return StreamedColumns(c_, d_, tallies_, orders_, conversed_);
  }

 private:
  // Every message through Take, while the reader's thread parses ahead; false when the
  // stream gave up.
  bool ReadAll() {
    BlockReader reader(c_, &d_, &in_);  // its thread ends when it goes out of scope
    for (;;) {
      MessageBlock b = reader.Take();
      if (b.last) return b.ok;
      UseIds(b);
      for (size_t i = 0; i < b.messages.size(); ++i) {
        if (!Take(b.messages[i], b.message_shops[i])) return false;
        ++index_;
      }
    }
  }

  struct OpenSession {
    SessionBuilder builder;
    std::vector<AgentLine> lines;
    Id customer = kNone;      // the reader's
    Id conversation = kNone;  // the Dataset's, kNone when no rating can name it
    uint32_t generation = 0;
    bool open = false;
  };
  // A plain session's last message, to close it once idle past the gap.
  struct Idle {
    Instant last_at;
    int32_t slot;
    uint32_t generation;
  };

  // The Dataset's terms for the ids a block brought.
  void UseIds(const MessageBlock& b) {
    shop_settings_.insert(shop_settings_.end(), b.shop_settings.begin(), b.shop_settings.end());
    idle_.resize(shop_settings_.size());
    for (auto& t : tallies_) t->HaveShops(shop_settings_.size());
    account_owner_.insert(account_owner_.end(), b.account_owners.begin(), b.account_owners.end());
    plain_of_.resize(b.customers, -1);
    conversation_.insert(conversation_.end(), b.conversations.begin(), b.conversations.end());
    closed_conversation_.resize(conversation_.size(), 0);
  }

  static uint64_t ConversationKey(Id customer, Id conversation) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(customer)) << 32) |
           static_cast<uint32_t>(conversation);
  }

  Actor ActorOf(Id account, Id shop) const {
    const Id owner = account == kNone ? kNone : account_owner_[static_cast<size_t>(account)];
    return owner != kNone ? owner : ShopActor(shop);
  }

  bool Take(const Message& m, Id shop) {
    if (m.at < now_) return false;  // not in time order: the batch path sorts
    if (m.at > now_) {
      now_ = m.at;
      CloseIdle();
    }
    if (!IsChat(m)) return true;
    const ShopSettings& settings = *shop_settings_[static_cast<size_t>(shop)];
    int32_t slot = -1;
    if (m.conversation != kNone) {
      const uint64_t key = ConversationKey(m.customer, m.conversation);
      auto [it, fresh] = conversed_open_.emplace(key, -1);
      // A conversation closed for being idle a day comes back (or its id, at another
      // customer: the stream does not tell them apart): the batch path holds it.
      if (fresh && closed_conversation_[static_cast<size_t>(m.conversation)]) return false;
      if (fresh) {
        it->second = Begin(m, shop, settings, m.conversation);
        open_[static_cast<size_t>(it->second)].conversation =
            conversation_[static_cast<size_t>(m.conversation)];
      }
      slot = it->second;
      conversation_idle_.push_back({m.at, slot, open_[static_cast<size_t>(slot)].generation});
    } else {
      slot = plain_of_[static_cast<size_t>(m.customer)];
      // A new session when the gap since the customer's previous plain message exceeds it.
      if (slot >= 0 && Span(c_, settings, open_[static_cast<size_t>(slot)].builder.last_at(),
                            m.at) > settings.session_gap_s) {
        Close(slot);
        slot = -1;
      }
      if (slot < 0) {
        slot = Begin(m, shop, settings, kNone);
        plain_of_[static_cast<size_t>(m.customer)] = slot;
      }
      idle_[static_cast<size_t>(shop)].push_back(
          {m.at, slot, open_[static_cast<size_t>(slot)].generation});
    }
    Add(slot, m, shop);
    return true;
  }

  int32_t Begin(const Message& m, Id shop, const ShopSettings& settings, Id conversation) {
    int32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<int32_t>(open_.size());
      open_.emplace_back();
    }
    OpenSession& o = open_[static_cast<size_t>(slot)];
    o.open = true;
    o.customer = m.customer;
    o.conversation = kNone;
    o.builder.Begin(c_, settings, shop, m.customer, conversation, m.at, index_,
                    m.sender == Sender::kCustomer, &o.lines, &waits_);
    return slot;
  }

  // One message into its open session; a wait it closes is tallied at once (all a wait
  // needs of its session is known at the session's first message).
  void Add(int32_t slot, const Message& m, Id shop) {
    OpenSession& o = open_[static_cast<size_t>(slot)];
    if (m.sender == Sender::kCustomer) {
      o.builder.AddCustomer(m.at, o.builder.NeedsRouted() ? ActorOf(m.account, shop) : kNone);
    } else {
      o.builder.AddAgent(m.at, ActorOf(m.account, shop));
    }
    TallyWaits(o.builder.session());
  }

  void TallyWaits(const Session& session) {
    for (const Wait& w : waits_) {
      for (auto& t : tallies_) t->chat->AddWait(session, w);
    }
    waits_.clear();
  }

  // Closes the sessions idle long enough at now_: conversations silent for a day, on the
  // wager that they are over (a conversation id names one chat; should one come back, the
  // stream gives up), and plain sessions idle past their shop's gap.
  void CloseIdle() {
    CloseIdleFronts(conversation_idle_,
                    [&](Instant last_at) { return now_ - last_at > kConversationIdle; });
    for (size_t s = 0; s < idle_.size(); ++s) {
      const ShopSettings& settings = *shop_settings_[s];
      CloseIdleFronts(idle_[s], [&](Instant last_at) {
        // Span never exceeds the wall-clock seconds: most fronts are decided without it.
        return now_ - last_at > settings.session_gap_s &&
               Span(c_, settings, last_at, now_) > settings.session_gap_s;
      });
    }
  }

  // The front of a queue is its oldest entry: while it is idle long enough its session is
  // closed, and once it is not, neither is any behind it. Entries of sessions closed or
  // written to since are dropped on the way.
  template <class IdleEnough>
  void CloseIdleFronts(std::deque<Idle>& queue, IdleEnough idle_enough) {
    while (!queue.empty()) {
      const Idle& e = queue.front();
      const OpenSession& o = open_[static_cast<size_t>(e.slot)];
      const bool stale =
          !o.open || o.generation != e.generation || o.builder.last_at() != e.last_at;
      if (!stale) {
        if (!idle_enough(e.last_at)) break;
        Close(e.slot);
      }
      queue.pop_front();
    }
  }

  void Close(int32_t slot) {
    OpenSession& o = open_[static_cast<size_t>(slot)];
    const Session session = o.builder.End();
    TallyWaits(session);
    const SessionView view{session, o.lines, {}};
    for (auto& t : tallies_) {
      t->chat->AddLines(view);
      t->sales->AddSession(view);
    }
    if (session.inquiry()) OfferOrders(session, o.lines);
    if (session.conversation != kNone) {
      const uint64_t key = ConversationKey(o.customer, session.conversation);
      conversed_open_.erase(key);
      closed_conversation_[static_cast<size_t>(session.conversation)] = 1;
      if (o.conversation != kNone) {
        // Its customer id is looked up at the end: the reader's pools are its own till then.
        conversed_.push_back({o.conversation,
                              session.shop,
                              {},
                              session.served(),
                              session.served() ? o.lines.back().actor : kNone,
                              static_cast<int64_t>(conversed_.size())});
        conversed_customer_.push_back(o.customer);
      }
    } else if (plain_of_[static_cast<size_t>(o.customer)] == slot) {
      plain_of_[static_cast<size_t>(o.customer)] = -1;
    }
    o.lines.clear();
    o.open = false;
    ++o.generation;
    free_.push_back(slot);
  }

  // The inquiry to each order of its customer created within the window after its first
  // message: an order keeps the latest it is offered.
  void OfferOrders(const Session& s, const std::vector<AgentLine>& lines) {
    // The Dataset's customer: orders know only customers it held before the stream.
    offers_.clear();
    orders_.Offers(s.customer, s, lines, &offers_);
    for (const OrderOffer& offer : offers_) orders_.Take(offer);
  }

  const Context& c_;
  Dataset& d_;
  MessageStream& in_;
  AllTallies tallies_;
  StreamOrders orders_;
  std::vector<OrderOffer> offers_;  // reused

  // The reader's ids in the Dataset's terms.
  std::vector<const ShopSettings*> shop_settings_;
  std::vector<Id> account_owner_;
  std::vector<Id> conversation_;  // kNone: a conversation no rating names

  std::deque<OpenSession> open_;  // slots, reused; a deque, as builders point into them
  std::vector<int32_t> free_;
  std::vector<int32_t> plain_of_;  // per reader's customer: its open plain session, or -1
  std::unordered_map<uint64_t, int32_t> conversed_open_;  // (customer, conversation) → slot
  std::vector<uint8_t> closed_conversation_;  // per reader's conversation: a session closed
  std::deque<Idle> conversation_idle_;
  std::vector<std::deque<Idle>> idle_;  // per reader's shop
  std::vector<Wait> waits_;             // the waits the last message closed or opened
  std::vector<ConversationSession> conversed_;
  std::vector<Id> conversed_customer_;  // the reader's customer of each

  Instant now_ = INT64_MIN;
  uint32_t index_ = 0;  // the message's place in the file
};

}  // namespace

std::optional<StreamedChat> StreamChat(const std::string& path, const Context& c,
                                       std::shared_ptr<const TimeZone> zone,
                                       std::span<const Grouping> groupings, Dataset* data) {
  std::unique_ptr<MessageStream> in = MessageStream::Open(path, std::move(zone));
  if (in == nullptr) return std::nullopt;
  ChatStreamer streamer(c, data, in.get(), groupings);
  if (!streamer.Run()) return std::nullopt;
  return streamer.Finish();
}

}  // namespace csperf::metrics
