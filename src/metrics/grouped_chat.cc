#include "metrics/grouped_chat.h"

#include <deque>
#include <unordered_map>
#include <utility>
#include <vector>

#include "metrics/direct_reader.h"

namespace csperf::metrics {
namespace {

bool IsChat(const Message& m) {
  return m.sender == Sender::kCustomer || m.sender == Sender::kAgent;
}

// What every part reads and none writes while the parts run.
struct Shared {
  const Context& c;
  std::span<const Grouping> groupings;
  const StreamOrders& orders;
  std::unordered_map<std::string, Id> owner_of_account;  // the first agent listing it
};

// One part's sessions, tallied a customer at a time in the part's own numbering of shops,
// accounts, conversations and customers (its runs); Merge brings them into the Dataset's.
class PartTallier : public RunSink {
 public:
  explicit PartTallier(const Shared& shared)
      : shared_(shared), tallies_(MakeTallies(shared.c, shared.groupings)) {}

  void Upcoming(std::string_view /*key*/, uint64_t hash) override {
    key_hash_ = hash;
    shared_.orders.Prefetch(hash);
  }

  void Take(const CustomerRun& run, const PartPools& pools) override {
    NewIds(pools);
    chat_.clear();
    for (uint32_t i = 0; i < run.messages.size(); ++i) {
      if (IsChat(run.messages[i])) chat_.push_back(i);
    }
    if (chat_.empty()) return;
    const Id customer = run.messages.front().customer;
    cutter_->AddCustomer(run.messages.data(), run.first_index, customer, run.shop, chat_);
    bool looked_up = false;  // the customer's orders, looked up at its first inquiry
    StreamOrders::Range orders;
    for (const Session& s : sessions_.sessions) {
      const SessionView view = ViewOf(sessions_, s);
      for (auto& t : tallies_) {
        t->chat->AddSession(view);
        t->sales->AddSession(view);
      }
      if (s.inquiry()) {
        if (!looked_up) orders = shared_.orders.OrdersOf(run.key, key_hash_);
        looked_up = true;
        shared_.orders.Offers(orders, s, view.lines, &offers_);
      }
      if (s.conversation != kNone && conversation_[static_cast<size_t>(s.conversation)] != kNone) {
        if (customer_ids_.empty() || customer_ids_.back() != run.customer_id)
          customer_ids_.emplace_back(run.customer_id);
        conversed_.push_back({conversation_[static_cast<size_t>(s.conversation)], s.shop,
                              customer_ids_.back(), s.served(),
                              s.served() ? view.lines.back().actor : kNone, 0});
      }
    }
    sessions_.sessions.clear();
    sessions_.lines.clear();
    sessions_.waits.clear();
    runs_ = static_cast<Id>(customer) + 1;
  }

  // Adds this part into the Dataset's terms: its shops interned in `d` (in order of first
  // appearance), its tallies into `into`, its offers to `orders`, its sessions with a
  // conversation id a rating names to `conversed`. Its customers are numbered from
  // `customer_offset` there; returns how many it had.
  Id Merge(Dataset* d, Id customer_offset, const AllTallies& into, StreamOrders* orders,
           std::vector<ConversationSession>* conversed) {
    std::vector<Id> shops;
    for (const std::string& name : shop_names_) shops.push_back(d->shops.Intern(name));
    auto global = [&](Actor actor) {
      return IsShopActor(actor) ? ShopActor(shops[static_cast<size_t>(ShopOfActor(actor))]) : actor;
    };
    for (auto& t : into) t->HaveShops(d->shops.size());
    for (size_t g = 0; g < into.size(); ++g) into[g]->Merge(*tallies_[g], shops, customer_offset);
    for (OrderOffer offer : offers_) {
      offer.actor = global(offer.actor);
      orders->Take(offer);
    }
    for (ConversationSession s : conversed_) {
      s.shop = shops[static_cast<size_t>(s.shop)];
      s.last_actor = global(s.last_actor);
      s.session = static_cast<int64_t>(conversed->size());
      conversed->push_back(s);
    }
    return runs_;
  }

 private:
  // The Dataset's terms for the ids the part numbered since the last run.
  void NewIds(const PartPools& pools) {
    const size_t shops = shop_names_.size();
    const size_t accounts = account_owner_.size();
    for (size_t s = shops; s < pools.shops.size(); ++s) {
      shop_names_.emplace_back(pools.shops.Get(static_cast<Id>(s)));
      shop_settings_.push_back(&shared_.c.settings.ForShop(shop_names_.back()));
    }
    for (size_t a = accounts; a < pools.accounts.size(); ++a) {
      auto it = shared_.owner_of_account.find(std::string(pools.accounts.Get(static_cast<Id>(a))));
      account_owner_.push_back(it == shared_.owner_of_account.end() ? kNone : it->second);
    }
    for (size_t cv = conversation_.size(); cv < pools.conversations.size(); ++cv)
      conversation_.push_back(
          shared_.c.data.conversations.Find(pools.conversations.Get(static_cast<Id>(cv))));
    if (shop_names_.size() != shops) {
      for (auto& t : tallies_) t->HaveShops(shop_names_.size());
    }
    // The cutter reads the lists through spans: made again when they grew.
    if (!cutter_ || shop_names_.size() != shops || account_owner_.size() != accounts)
      cutter_.emplace(shared_.c, CutTerms{account_owner_, shop_settings_}, &sessions_);
  }

  const Shared& shared_;
  AllTallies tallies_;
  std::vector<std::string> shop_names_;             // per part shop
  std::vector<const ShopSettings*> shop_settings_;  // per part shop
  std::vector<Id> account_owner_;                   // per part account: its agent, or kNone
  std::vector<Id> conversation_;  // per part conversation: the Dataset's, kNone if unnamed
  std::optional<CustomerCutter> cutter_;
  Sessions sessions_;           // one customer's, reused
  std::vector<uint32_t> chat_;  // reused: the run's chat messages
  std::vector<OrderOffer> offers_;
  std::deque<std::string> customer_ids_;  // of conversed_, which views them
  std::vector<ConversationSession> conversed_;
  Id runs_ = 0;
  uint64_t key_hash_ = 0;  // of the run handed over next
};

}  // namespace

std::optional<StreamedChat> GroupedChat(const CustomerRunReader& read, const Context& c,
                                        std::span<const Grouping> groupings, Dataset* data) {
  StreamOrders orders(c, data);
  orders.IndexKeys(*data);
  Shared shared{c, groupings, orders, {}};
  for (size_t a = 0; a < data->agents.size(); ++a) {
    for (const std::string& account : data->agents[a].accounts)
      shared.owner_of_account.emplace(account, static_cast<Id>(a));
  }
  std::vector<std::unique_ptr<RunSink>> sinks;
  if (!read([&](size_t) { return std::make_unique<PartTallier>(shared); }, &sinks))
    return std::nullopt;
  const AllTallies tallies = MakeTallies(c, groupings);
  std::vector<ConversationSession> conversed;
  Id customers = 0;
  for (auto& sink : sinks) {
    customers +=
        static_cast<PartTallier&>(*sink).Merge(data, customers, tallies, &orders, &conversed);
  }
  StreamedChat out = StreamedColumns(c, *data, tallies, orders, conversed);
  out.order = MessageOrder::kByCustomer;
  return out;
}

std::optional<StreamedChat> GroupedChat(const std::string& path, const Context& c,
                                        std::shared_ptr<const TimeZone> zone,
                                        std::span<const Grouping> groupings, Dataset* data,
                                        const GroupedChatOptions& options) {
  return GroupedChat(
      [&](const RunSinkMaker& make_sink, std::vector<std::unique_ptr<RunSink>>* sinks) {
        return ReadCustomerRuns(path, zone,
                                DirectReadOptions{options.threads, options.min_part_bytes},
                                make_sink, sinks);
      },
      c, groupings, data);
}

}  // namespace csperf::metrics
