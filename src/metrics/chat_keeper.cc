#include "metrics/chat_keeper.h"

#include <xxhash.h>

#include <algorithm>
#include <numeric>
#include <utility>

namespace csperf::metrics {

void ChatKeeper::BeginChunk(size_t chunk) {
  if (in_chunk_) EndChunk();
  in_chunk_ = true;
  page_open_ = false;  // the chunk's first message starts a page
  chunks_.push_back({static_cast<uint32_t>(chunk), static_cast<uint32_t>(pages_.size()),
                     customers_.met.size(), accounts_.met.size(), conversations_.met.size()});
}

void ChatKeeper::EndChunk() {
  NumberAll();
  run_shop_ = kNone;  // a chunk's first run is a run of its own
  conversation_open_ = false;
  in_chunk_ = false;
}

void ChatKeeper::Add(std::string_view shop, std::string_view customer, Sender sender, Instant at,
                     std::string_view account, std::string_view conversation, int64_t copies) {
  if (!IsChat(sender)) return;
  if (!in_chunk_) BeginChunk(0);
  const Id shop_id = last_shop_.Intern(pools_.shops, shop);
  if (shop_id != run_shop_ || !SameText(customer, run_customer_)) {
    if (customer_runs_.full()) NumberCustomer(customer_runs_.Pop());
    Run& run = customer_runs_.Push();
    run.key.assign(shop);
    run.key += '\x1F';
    run.key += customer;
    run.shop = run_shop_ = shop_id;
    run_customer_ = std::string_view(run.key).substr(shop.size() + 1);
    customer_runs_.FetchAhead(pools_.customers);
  }
  const bool same_conversation =
      conversation_open_ && SameText(conversation, conversation_runs_.Newest().key);
  conversation_open_ = !conversation.empty();
  if (conversation_open_ && !same_conversation) {
    if (conversation_runs_.full()) NumberConversation(conversation_runs_.Pop());
    conversation_runs_.Push().key.assign(conversation);
    conversation_runs_.FetchAhead(pools_.conversations);
  }
  const Id account_id = account.empty() ? kNone : last_account_.Intern(pools_.accounts, account);
  // The conversation is written in when its run is numbered.
  const ChatMessage m = ChatMessage::Of(at, sender, account_id, kNone);
  Run& customer_run = customer_runs_.Newest();
  for (int64_t k = 0; k < copies; ++k) {
    const uint32_t position = Keep(m);
    if (customer_run.count++ == 0) customer_run.first = position;
    if (conversation_open_) {
      Run& conversation_run = conversation_runs_.Newest();
      if (conversation_run.count++ == 0) conversation_run.first = position;
    }
  }
}

uint32_t ChatKeeper::Keep(const ChatMessage& m) {
  if (!page_open_ || fills_.back() == ChatPages::kPage) {
    pages_.NewPage();
    customer_of_.push_back(std::unique_ptr<Id[]>(new Id[ChatPages::kPage]));
    fills_.push_back(0);
    page_open_ = true;
  }
  accounts_.Note(m.account());
  const auto page = static_cast<uint32_t>(pages_.size() - 1);
  const uint32_t place = fills_.back()++;
  pages_.page(page)[place] = m;
  return (page << ChatPages::kPageBits) | place;
}

ChatKeeper::Run& ChatKeeper::Waiting::Push() {
  Run& run = runs_[(begin_ + size_++) % kAhead];
  run.count = 0;
  return run;
}

ChatKeeper::Run& ChatKeeper::Waiting::Pop() {
  Run& run = runs_[begin_];
  begin_ = (begin_ + 1) % kAhead;
  --size_;
  return run;
}

void ChatKeeper::Waiting::FetchAhead(const StringPool& pool) {
  Run& run = Newest();
  run.hash = XXH3_64bits(run.key.data(), run.key.size());
  pool.Prefetch(run.hash, StringPool::kSlot);
  if (size_ > kAhead / 2) pool.Prefetch(At(kAhead / 2).hash, StringPool::kEntry);
}

// A run's messages lie one after another in the chunk's pages, a page filled before the next
// begins.
template <class Each>
void ChatKeeper::ForEachMessage(const Run& run, Each each) {
  uint32_t page = run.first >> ChatPages::kPageBits;
  uint32_t place = run.first & (ChatPages::kPage - 1);
  for (uint32_t k = 0; k < run.count; ++k, ++place) {
    if (place == ChatPages::kPage) {
      ++page;
      place = 0;
    }
    each(page, place);
  }
}

void ChatKeeper::NumberCustomer(const Run& run) {
  if (run.count == 0) return;  // a message given no times: as if never met
  const Id customer = pools_.customers.Intern(run.key, run.hash);
  ForEachMessage(run, [&](uint32_t page, uint32_t place) { customer_of_[page][place] = customer; });
  const auto c = static_cast<size_t>(customer);
  if (c >= customer_shop_.size())
    customer_shop_.resize(std::max(c + 1, customer_shop_.size() * 2), kNone);
  customer_shop_[c] = run.shop;
  customers_.Note(customer);
}

void ChatKeeper::NumberConversation(const Run& run) {
  if (run.count == 0) return;
  const Id conversation = pools_.conversations.Intern(run.key, run.hash);
  ForEachMessage(run, [&](uint32_t page, uint32_t place) {
    pages_.page(page)[place].conversation = conversation;
  });
  conversations_.Note(conversation);
}

void ChatKeeper::NumberAll() {
  while (!customer_runs_.empty()) NumberCustomer(customer_runs_.Pop());
  while (!conversation_runs_.empty()) NumberConversation(conversation_runs_.Pop());
}

// Numbers the keepers' ids in a Dataset's pools, in order of first appearance in the input,
// and lists each customer's runs.
class ChatJoiner {
 public:
  ChatJoiner(std::vector<ChatKeeper*> keepers, Dataset* d, Executor& executor)
      : keepers_(std::move(keepers)), d_(*d), executor_(executor) {}

  Chats Join() {
    // The keepers' pools are read by id alone from now on.
    for (ChatKeeper* k : keepers_) {
      for (StringPool* pool :
           {&k->pools_.shops, &k->pools_.customers, &k->pools_.accounts, &k->pools_.conversations})
        pool->DropIndex();
    }
    PlaceChunks();
    NumberIds();
    // The keepers' strings are the Dataset's now.
    for (ChatKeeper* k : keepers_) {
      k->pools_ = ChatKeeper::Pools();
      k->customers_ = k->accounts_ = k->conversations_ = ChatKeeper::MetIds();
      std::vector<Id>().swap(k->customer_shop_);
    }
    Chats out;
    PlacePages(&out);
    ListPositions(&out);
    for (ChatKeeper* k : keepers_) *k = ChatKeeper();
    return out;
  }

 private:
  // Which keeper read each chunk, and which of its chunks it was.
  struct Owner {
    uint32_t keeper;
    uint32_t read;  // its index in the keeper's chunks_
  };
  void PlaceChunks() {
    size_t chunks = 0;
    for (const ChatKeeper* k : keepers_) {
      for (const ChatKeeper::ChunkRead& r : k->chunks_)
        chunks = std::max<size_t>(chunks, r.chunk + 1);
    }
    owner_.assign(chunks, Owner{UINT32_MAX, 0});
    for (uint32_t k = 0; k < keepers_.size(); ++k) {
      const std::vector<ChatKeeper::ChunkRead>& read = keepers_[k]->chunks_;
      for (uint32_t i = 0; i < read.size(); ++i) owner_[read[i].chunk] = {k, i};
    }
  }
  // The end of a kind's entries (runs, pages, ids met) of the keeper's chunk `read`: where
  // the next chunk read began, or the end.
  template <class T>
  static T EndOf(const ChatKeeper& k, uint32_t read, T ChatKeeper::ChunkRead::*field, T end) {
    return read + 1 < k.chunks_.size() ? k.chunks_[read + 1].*field : end;
  }

  // Every keeper's pages, chunk by chunk in input order: a position then grows with input
  // order. order_: the keepers' pages (keeper, page) in that order.
  void PlacePages(Chats* out) {
    std::vector<uint32_t> first(keepers_.size(), 0);  // each keeper's first page among all
    for (size_t k = 1; k < keepers_.size(); ++k)
      first[k] = first[k - 1] + static_cast<uint32_t>(keepers_[k - 1]->pages_.size());
    std::vector<uint32_t> order;
    for (const Owner& o : owner_) {
      if (o.keeper == UINT32_MAX) continue;
      const ChatKeeper& keeper = *keepers_[o.keeper];
      const uint32_t end = EndOf(keeper, o.read, &ChatKeeper::ChunkRead::first_page,
                                 static_cast<uint32_t>(keeper.pages_.size()));
      for (uint32_t p = keeper.chunks_[o.read].first_page; p < end; ++p) {
        order.push_back(first[o.keeper] + p);
        order_.emplace_back(o.keeper, p);
      }
    }
    for (ChatKeeper* k : keepers_) out->pages_.Append(std::move(k->pages_));
    out->pages_.Reorder(order);
  }

  // One kind's ids of every keeper, in order of first appearance in the input (chunk by
  // chunk, each chunk's from the keeper that read it), interned in `pool`: the Dataset then
  // numbers them as one reading of the input in order would. Returns each keeper's ids in the
  // pool; `added(keeper, id, pool id)` for each new to the pool.
  template <class PoolOf, class MetOf>
  std::vector<std::vector<Id>> Number(StringPool* pool, PoolOf pool_of, MetOf met_of,
                                      size_t ChatKeeper::ChunkRead::*offset,
                                      const std::function<void(uint32_t, Id, Id)>& added) {
    struct Entry {
      uint32_t keeper;
      Id id;
    };
    // Interned a batch at a time: the batch's slots are fetched ahead, and the keys of a
    // month's customers are never all listed at once.
    constexpr size_t kBatch = size_t{1} << 16;
    std::vector<Entry> entries;
    std::vector<std::string_view> keys;
    entries.reserve(kBatch);
    keys.reserve(kBatch);
    std::vector<std::vector<Id>> maps(keepers_.size());
    for (uint32_t k = 0; k < keepers_.size(); ++k)
      maps[k].assign(pool_of(*keepers_[k]).size(), kNone);
    auto intern = [&] {
      const size_t before = pool->size();
      const std::vector<Id> ids = pool->InternAll(keys);
      for (size_t i = 0; i < entries.size(); ++i) {
        maps[entries[i].keeper][static_cast<size_t>(entries[i].id)] = ids[i];
        if (static_cast<size_t>(ids[i]) >= before && added)
          added(entries[i].keeper, entries[i].id, ids[i]);
      }
      entries.clear();
      keys.clear();
    };
    for (const Owner& o : owner_) {
      if (o.keeper == UINT32_MAX) continue;
      const ChatKeeper& keeper = *keepers_[o.keeper];
      const std::vector<Id>& met = met_of(keeper).met;
      const size_t end = EndOf(keeper, o.read, offset, met.size());
      for (size_t i = keeper.chunks_[o.read].*offset; i < end; ++i) {
        entries.push_back({o.keeper, met[i]});
        keys.push_back(pool_of(keeper).Get(met[i]));
        if (keys.size() == kBatch) intern();
      }
    }
    intern();
    return maps;
  }

  void NumberIds() {
    using Read = ChatKeeper::ChunkRead;
    shops_.resize(keepers_.size());
    for (size_t k = 0; k < keepers_.size(); ++k)
      shops_[k].assign(keepers_[k]->pools_.shops.size(), kNone);
    // A new customer's shop, numbered as its first customer is (shops are few: this thread).
    auto shop_of = [&](uint32_t k, Id local_customer) {
      const Id local = keepers_[k]->customer_shop_[static_cast<size_t>(local_customer)];
      Id& shop = shops_[k][static_cast<size_t>(local)];
      if (shop == kNone) shop = d_.shops.Intern(keepers_[k]->pools_.shops.Get(local));
      return shop;
    };
    // Customers, accounts and conversations, each kind on a core of its own.
    executor_.ParallelFor(3, [&](size_t kind) {
      if (kind == 0) {
        customers_ = Number(
            &d_.customers,
            [](const ChatKeeper& k) -> const StringPool& { return k.pools_.customers; },
            [](const ChatKeeper& k) -> const ChatKeeper::MetIds& { return k.customers_; },
            &Read::customers,
            [&](uint32_t k, Id local, Id id) {
              if (static_cast<size_t>(id) >= d_.customer_shop.size())
                d_.customer_shop.resize(static_cast<size_t>(id) + 1, kNone);
              d_.customer_shop[static_cast<size_t>(id)] = shop_of(k, local);
            });
      } else if (kind == 1) {
        accounts_ = Number(
            &d_.accounts,
            [](const ChatKeeper& k) -> const StringPool& { return k.pools_.accounts; },
            [](const ChatKeeper& k) -> const ChatKeeper::MetIds& { return k.accounts_; },
            &Read::accounts, nullptr);
      } else {
        conversations_ = Number(
            &d_.conversations,
            [](const ChatKeeper& k) -> const StringPool& { return k.pools_.conversations; },
            [](const ChatKeeper& k) -> const ChatKeeper::MetIds& { return k.conversations_; },
            &Read::conversations, nullptr);
      }
    });
    // Each keeper's messages in the Dataset's ids, a page at a time on every core.
    std::vector<std::pair<size_t, uint32_t>> pages;  // keeper, page
    for (size_t k = 0; k < keepers_.size(); ++k) {
      for (uint32_t p = 0; p < keepers_[k]->pages_.size(); ++p) pages.emplace_back(k, p);
    }
    executor_.ParallelFor(pages.size(), [&](size_t i) {
      const auto [k, p] = pages[i];
      const std::vector<Id>& accounts = accounts_[k];
      const std::vector<Id>& conversations = conversations_[k];
      ChatKeeper& keeper = *keepers_[k];
      ChatMessage* page = keeper.pages_.page(p);
      for (ChatMessage* m = page; m != page + keeper.fills_[p]; ++m) {
        if (const Id account = m->account(); account != kNone)
          m->set_account(accounts[static_cast<size_t>(account)]);
        if (m->conversation != kNone)
          m->conversation = conversations[static_cast<size_t>(m->conversation)];
      }
    });
  }

  // Each customer's messages' positions, in input order (the pages taken in input order):
  // a counting sort.
  void ListPositions(Chats* out) {
    const size_t customers = d_.customers.size();
    out->start_.assign(customers + 1, 0);
    for (size_t k = 0; k < keepers_.size(); ++k) {
      const ChatKeeper& keeper = *keepers_[k];
      for (size_t p = 0; p < keeper.fills_.size(); ++p) {
        const Id* of = keeper.customer_of_[p].get();
        for (uint32_t i = 0; i < keeper.fills_[p]; ++i)
          ++out->start_[static_cast<size_t>(customers_[k][static_cast<size_t>(of[i])]) + 1];
      }
    }
    std::partial_sum(out->start_.begin(), out->start_.end(), out->start_.begin());
    out->positions_.resize(out->start_.back());
    std::vector<uint32_t> fill(out->start_.begin(), out->start_.end() - 1);
    for (uint32_t g = 0; g < order_.size(); ++g) {
      const auto [k, p] = order_[g];
      ChatKeeper& keeper = *keepers_[k];
      const Id* of = keeper.customer_of_[p].get();
      const std::vector<Id>& customers_of = customers_[k];
      for (uint32_t i = 0; i < keeper.fills_[p]; ++i) {
        const auto c = static_cast<size_t>(customers_of[static_cast<size_t>(of[i])]);
        out->positions_[fill[c]++] = (g << ChatPages::kPageBits) | i;
      }
      keeper.customer_of_[p].reset();
    }
  }

  std::vector<ChatKeeper*> keepers_;
  Dataset& d_;
  Executor& executor_;
  std::vector<Owner> owner_;                          // per chunk
  std::vector<std::pair<uint32_t, uint32_t>> order_;  // the keepers' pages in input order
  std::vector<std::vector<Id>> shops_, customers_, accounts_, conversations_;
};

Chats JoinChats(const std::vector<std::unique_ptr<ChatKeeper>>& keepers, Dataset* d,
                Executor& executor) {
  std::vector<ChatKeeper*> kept;
  kept.reserve(keepers.size());
  for (const auto& k : keepers) kept.push_back(k.get());
  return ChatJoiner(std::move(kept), d, executor).Join();
}

}  // namespace csperf::metrics
