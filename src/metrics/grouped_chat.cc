#include "metrics/grouped_chat.h"

#include <xxhash.h>

#include <algorithm>
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

// Of each run with chat messages: the first and last of its messages without a conversation
// id (the sessions cut by the gap), for the check of a customer met in several runs.
struct RunSpan {
  Id customer;  // the part's
  Id shop;      // the part's
  Instant plain_first;
  Instant plain_last;  // before plain_first: the run has none
};

// A run's span as the check across parts reads it: customers numbered among all parts'.
struct PlainSpan {
  Id customer;
  Instant first, last;
  const ShopSettings* settings;  // of the customer's shop
};

// A conversation id of a customer's run (its hash): in two runs it would be one session.
struct RunConversation {
  Id customer;  // the part's
  uint64_t conversation;
};

// One part's sessions, tallied a run at a time in the part's own numbering of shops,
// customers, accounts and conversations; GroupedChat checks the runs of a customer met more
// than once and brings the parts into the Dataset's terms.
class PartTallier : public RunSink {
 public:
  explicit PartTallier(const Shared& shared)
      : shared_(shared), tallies_(MakeTallies(shared.c, shared.groupings)) {}

  void Upcoming(std::string_view /*key*/, uint64_t hash) override {
    key_hash_ = hash;
    shared_.orders.Prefetch(hash);
  }
  void Midway() override { shared_.orders.PrefetchOrders(key_hash_); }

  void Take(const CustomerRun& run, const PartPools& pools) override {
    NewIds(pools);
    chat_.clear();
    RunSpan span{run.customer, run.shop, INT64_MAX, INT64_MIN};
    for (uint32_t i = 0; i < run.messages.size(); ++i) {
      const Message& m = run.messages[i];
      if (!IsChat(m)) continue;
      chat_.push_back(i);
      if (m.conversation == kNone) {
        span.plain_first = std::min(span.plain_first, m.at);
        span.plain_last = std::max(span.plain_last, m.at);
      }
    }
    if (chat_.empty()) return;
    spans_.push_back(span);
    if (static_cast<size_t>(run.customer) >= chat_runs_.size())
      chat_runs_.resize(static_cast<size_t>(run.customer) + 1, 0);
    ++chat_runs_[static_cast<size_t>(run.customer)];
    cutter_->AddCustomer(run.messages.data(), run.first_index, run.customer, run.shop, chat_);
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
      if (s.conversation == kNone) continue;
      const auto conversation = static_cast<size_t>(s.conversation);
      conversations_.push_back({run.customer, conversation_hash_[conversation]});
      if (conversation_[conversation] != kNone) {
        if (customer_ids_.empty() || customer_ids_.back() != run.customer_id)
          customer_ids_.emplace_back(run.customer_id);
        conversed_.push_back({conversation_[conversation], s.shop, customer_ids_.back(), s.served(),
                              s.served() ? view.lines.back().actor : kNone, 0});
      }
    }
    sessions_.sessions.clear();
    sessions_.lines.clear();
    sessions_.waits.clear();
  }

  // Offers name their session's first message by its index in its chunk: each chunk's
  // offers are noted, and placed among all messages once the chunks' sizes are all known.
  void BeginChunk(size_t chunk) override { chunk_offers_.push_back({chunk, offers_.size()}); }
  void EndChunk(size_t chunk, uint32_t messages) override {
    chunk_messages_.push_back({chunk, messages});
  }
  void End(RunPools pools) override { pools_ = std::move(pools); }

  const StringPool& customers() const { return pools_.customers; }
  // Notes how many messages each chunk it read held, per chunk.
  void CountChunks(std::vector<uint32_t>* messages) const {
    for (const auto& [chunk, count] : chunk_messages_) {
      if (chunk >= messages->size()) messages->resize(chunk + 1, 0);
      (*messages)[chunk] = count;
    }
  }

  // For each run of a customer with more than one (`customers`: this part's customer i is
  // customers[i] among all parts'; `multi`: per such number, whether the customer has more
  // than one run): its span of messages without a conversation id, and its conversations.
  void Gather(std::span<const Id> customers, const std::vector<uint8_t>& multi,
              std::vector<PlainSpan>* spans,
              std::vector<std::pair<Id, uint64_t>>* conversations) const {
    for (const RunSpan& s : spans_) {
      const Id g = customers[static_cast<size_t>(s.customer)];
      if (multi[static_cast<size_t>(g)] && s.plain_first <= s.plain_last) {
        spans->push_back(
            {g, s.plain_first, s.plain_last, shop_settings_[static_cast<size_t>(s.shop)]});
      }
    }
    for (const RunConversation& r : conversations_) {
      const Id g = customers[static_cast<size_t>(r.customer)];
      if (multi[static_cast<size_t>(g)]) conversations->push_back({g, r.conversation});
    }
  }
  bool HasMoreRuns(Id customer) const {
    return static_cast<size_t>(customer) < chat_runs_.size() &&
           chat_runs_[static_cast<size_t>(customer)] > 1;
  }

  // Adds this part into the Dataset's terms: its shops interned in `d` (in order of first
  // appearance), its tallies into `into` (customers numbered by `customers`), its offers to
  // `orders` (a chunk's messages counted after chunk_base[chunk]), its sessions with a
  // conversation id a rating names to `conversed`.
  void Merge(Dataset* d, std::span<const Id> customers, std::span<const uint32_t> chunk_base,
             const AllTallies& into, StreamOrders* orders,
             std::vector<ConversationSession>* conversed) {
    std::vector<Id> shops;
    for (const std::string& name : shop_names_) shops.push_back(d->shops.Intern(name));
    auto global = [&](Actor actor) {
      return IsShopActor(actor) ? ShopActor(shops[static_cast<size_t>(ShopOfActor(actor))]) : actor;
    };
    for (auto& t : into) t->HaveShops(d->shops.size());
    for (size_t g = 0; g < into.size(); ++g) into[g]->Merge(*tallies_[g], shops, customers);
    for (size_t c = 0; c < chunk_offers_.size(); ++c) {
      const size_t end =
          c + 1 < chunk_offers_.size() ? chunk_offers_[c + 1].second : offers_.size();
      for (size_t i = chunk_offers_[c].second; i < end; ++i) {
        OrderOffer offer = offers_[i];
        offer.actor = global(offer.actor);
        offer.first_message += chunk_base[chunk_offers_[c].first];
        orders->Take(offer);
      }
    }
    for (ConversationSession s : conversed_) {
      s.shop = shops[static_cast<size_t>(s.shop)];
      s.last_actor = global(s.last_actor);
      s.session = static_cast<int64_t>(conversed->size());
      conversed->push_back(s);
    }
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
    for (size_t cv = conversation_.size(); cv < pools.conversations.size(); ++cv) {
      const std::string_view id = pools.conversations.Get(static_cast<Id>(cv));
      conversation_.push_back(shared_.c.data.conversations.Find(id));
      conversation_hash_.push_back(XXH3_64bits(id.data(), id.size()));
    }
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
  std::vector<uint64_t> conversation_hash_;  // per part conversation
  std::optional<CustomerCutter> cutter_;
  Sessions sessions_;           // one run's, reused
  std::vector<uint32_t> chat_;  // reused: the run's chat messages
  std::vector<OrderOffer> offers_;
  std::deque<std::string> customer_ids_;  // of conversed_, which views them
  std::vector<ConversationSession> conversed_;
  std::vector<uint32_t> chat_runs_;  // per part customer: its runs with chat messages
  std::vector<RunSpan> spans_;
  std::vector<RunConversation> conversations_;
  std::vector<std::pair<size_t, size_t>> chunk_offers_;      // chunk, its first offer
  std::vector<std::pair<size_t, uint32_t>> chunk_messages_;  // chunk, its messages
  RunPools pools_;
  uint64_t key_hash_ = 0;  // of the run handed over next
};

// Each part's customers numbered among all parts': a customer keeps the number of the first
// part that met it, and parts number their new customers one after another. The parts'
// customers are looked up in the parts before them a slice at a time, on every core.
std::vector<std::vector<Id>> NumberCustomers(Executor& executor,
                                             const std::vector<PartTallier*>& parts) {
  std::vector<Id> offsets;
  Id next = 0;
  for (const PartTallier* p : parts) {
    offsets.push_back(next);
    next += static_cast<Id>(p->customers().size());
  }
  std::vector<std::vector<Id>> numbers(parts.size());
  struct Slice {
    size_t part, begin, end;
  };
  std::vector<Slice> slices;
  const size_t threads = executor.concurrency();
  for (size_t k = 0; k < parts.size(); ++k) {
    const size_t n = parts[k]->customers().size();
    numbers[k].resize(n);
    for (size_t i = 0; i < n; ++i) numbers[k][i] = offsets[k] + static_cast<Id>(i);
    if (k == 0) continue;
    for (size_t t = 0; t < threads; ++t)
      slices.push_back({k, n * t / threads, n * (t + 1) / threads});
  }
  auto number = [&](const Slice& slice) {
    const StringPool& mine = parts[slice.part]->customers();
    std::vector<std::string_view> keys;
    keys.reserve(slice.end - slice.begin);
    for (size_t i = slice.begin; i < slice.end; ++i) keys.push_back(mine.Get(static_cast<Id>(i)));
    std::vector<char> found(keys.size(), 0);
    for (size_t j = 0; j < slice.part; ++j) {
      const std::vector<Id> there = parts[j]->customers().FindAll(keys);
      for (size_t i = 0; i < keys.size(); ++i) {
        if (found[i] || there[i] == kNone) continue;
        numbers[slice.part][slice.begin + i] = offsets[j] + there[i];
        found[i] = 1;
      }
    }
  };
  executor.ParallelFor(slices.size(), [&](size_t s) { number(slices[s]); });
  return numbers;
}

// Whether cutting each run on its own gave the sessions of cutting each customer's messages
// together (as the batch does): a customer's runs, in order of their first message without a
// conversation id, are apart by more than the session gap, and no conversation id is in two
// of them. Only customers met more than once are looked at.
bool RunsCutApart(const Context& c, const std::vector<PartTallier*>& parts,
                  const std::vector<std::vector<Id>>& numbers, Id customers) {
  // A customer numbered by an earlier part, or with more runs in its part, has more runs.
  std::vector<uint8_t> multi(static_cast<size_t>(customers), 0);
  Id own = 0;  // the number a part's next customer gets when no earlier part met it
  for (size_t k = 0; k < parts.size(); ++k) {
    for (size_t i = 0; i < numbers[k].size(); ++i, ++own) {
      const Id g = numbers[k][i];
      if (g != own || parts[k]->HasMoreRuns(static_cast<Id>(i))) multi[static_cast<size_t>(g)] = 1;
    }
  }
  std::vector<PlainSpan> spans;
  std::vector<std::pair<Id, uint64_t>> conversations;
  for (size_t k = 0; k < parts.size(); ++k)
    parts[k]->Gather(numbers[k], multi, &spans, &conversations);
  std::sort(spans.begin(), spans.end(), [](const PlainSpan& a, const PlainSpan& b) {
    return std::make_pair(a.customer, a.first) < std::make_pair(b.customer, b.first);
  });
  for (size_t i = 1; i < spans.size(); ++i) {
    const PlainSpan& before = spans[i - 1];
    const PlainSpan& after = spans[i];
    if (before.customer == after.customer &&
        Span(c, *after.settings, before.last, after.first) <= after.settings->session_gap_s)
      return false;
  }
  std::sort(conversations.begin(), conversations.end());
  return std::adjacent_find(conversations.begin(), conversations.end()) == conversations.end();
}

}  // namespace

std::optional<StreamedChat> GroupedChat(const CustomerRunReader& read, const Context& c,
                                        std::span<const Grouping> groupings, StreamOrders orders,
                                        Dataset* data) {
  Shared shared{c, groupings, orders, {}};
  for (size_t a = 0; a < data->agents.size(); ++a) {
    for (const std::string& account : data->agents[a].accounts)
      shared.owner_of_account.emplace(account, static_cast<Id>(a));
  }
  std::vector<std::unique_ptr<RunSink>> sinks;
  if (!read([&](size_t) { return std::make_unique<PartTallier>(shared); }, &sinks))
    return std::nullopt;
  std::vector<PartTallier*> parts;
  parts.reserve(sinks.size());
  for (auto& sink : sinks) parts.push_back(static_cast<PartTallier*>(sink.get()));
  const std::vector<std::vector<Id>> numbers = NumberCustomers(ExecutorOf(c), parts);
  Id customers = 0;
  for (const PartTallier* p : parts) customers += static_cast<Id>(p->customers().size());
  if (!RunsCutApart(c, parts, numbers, customers)) return std::nullopt;
  const AllTallies tallies = MakeTallies(c, groupings);
  // Where each chunk's messages start among all the chunks'.
  std::vector<uint32_t> chunk_base;
  for (const PartTallier* p : parts) p->CountChunks(&chunk_base);
  uint32_t before = 0;
  for (uint32_t& base : chunk_base) before += std::exchange(base, before);
  std::vector<ConversationSession> conversed;
  for (size_t k = 0; k < parts.size(); ++k)
    parts[k]->Merge(data, numbers[k], chunk_base, tallies, &orders, &conversed);
  StreamedChat out = StreamedColumns(c, *data, tallies, orders, conversed);
  out.order = MessageOrder::kByCustomer;
  return out;
}

std::optional<StreamedChat> GroupedChat(const std::string& path, const Context& c,
                                        std::shared_ptr<const TimeZone> zone,
                                        std::span<const Grouping> groupings, Dataset* data,
                                        const GroupedChatOptions& options) {
  StreamOrders orders(c, data);
  orders.IndexKeys(*data);
  return GroupedChat(
      [&](const RunSinkMaker& make_sink, std::vector<std::unique_ptr<RunSink>>* sinks) {
        return ReadCustomerRuns(
            path, zone, DirectReadOptions{options.parts, options.min_part_bytes, c.executor},
            make_sink, sinks);
      },
      c, groupings, std::move(orders), data);
}

}  // namespace csperf::metrics
