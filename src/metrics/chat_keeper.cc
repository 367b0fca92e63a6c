#include "metrics/chat_keeper.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace csperf::metrics {

void ChatKeeper::BeginChunk(size_t chunk) {
  chunk_ = static_cast<uint32_t>(chunk);
  in_chunk_ = 0;
  chunks_.push_back({chunk_, 0, runs_.size(), customers_.met.size(), accounts_.met.size(),
                     conversations_.met.size()});
}

void ChatKeeper::EndChunk(size_t /*chunk*/, uint32_t /*messages*/) {
  chunks_.back().messages = in_chunk_;
}

void ChatKeeper::Take(const CustomerRun& run, const PartPools& /*pools*/) {
  uint32_t count = 0;
  for (const Message& m : run.messages) count += IsChat(m.sender) ? 1 : 0;
  if (count == 0) return;
  const auto [block, begin] = blocks_.MakeRoom(count);
  uint32_t at = in_chunk_;
  for (const Message& m : run.messages) {
    if (!IsChat(m.sender)) continue;
    accounts_.Note(m.account, at);
    conversations_.Note(m.conversation, at);
    blocks_.push_back(ChatMessage::Of(m.at, m.sender, m.account, m.conversation));
    ++at;
  }
  messages_ += count;
  const auto c = static_cast<size_t>(run.customer);
  if (c >= customer_shop_.size())
    customer_shop_.resize(std::max(c + 1, customer_shop_.size() * 2), kNone);
  customer_shop_[c] = run.shop;
  customers_.Note(run.customer, in_chunk_);
  runs_.push_back({block, begin, count, run.customer, chunk_, in_chunk_});
  in_chunk_ += count;
}

// Numbers the keepers' ids in a Dataset's pools, in order of first appearance in the input,
// and lists each customer's runs.
class ChatJoiner {
 public:
  ChatJoiner(std::vector<ChatKeeper*> keepers, Dataset* d, Executor& executor)
      : keepers_(std::move(keepers)), d_(*d), executor_(executor) {}

  Chats Join() {
    PlaceChunks();
    NumberIds();
    Chats out;
    ListRuns(&out);
    for (ChatKeeper* k : keepers_) {
      out.messages_ += k->messages_;
      out.blocks_.Append(std::move(k->blocks_));
      *k = ChatKeeper();
    }
    return out;
  }

 private:
  // Which keeper read each chunk (and which of its chunks it was), and where each chunk's
  // chat messages start in input order.
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
    chunk_base_.assign(chunks + 1, 0);
    for (uint32_t k = 0; k < keepers_.size(); ++k) {
      const std::vector<ChatKeeper::ChunkRead>& read = keepers_[k]->chunks_;
      for (uint32_t i = 0; i < read.size(); ++i) {
        owner_[read[i].chunk] = {k, i};
        chunk_base_[read[i].chunk + 1] = read[i].messages;
      }
    }
    std::partial_sum(chunk_base_.begin(), chunk_base_.end(), chunk_base_.begin());
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
    std::vector<Entry> entries;
    std::vector<std::string_view> keys;
    std::vector<std::vector<Id>> maps(keepers_.size());
    size_t total = 0;
    for (uint32_t k = 0; k < keepers_.size(); ++k) {
      maps[k].assign(pool_of(*keepers_[k]).size(), kNone);
      total += met_of(*keepers_[k]).met.size();
    }
    entries.reserve(total);
    keys.reserve(total);
    for (const Owner& o : owner_) {
      if (o.keeper == UINT32_MAX) continue;
      const ChatKeeper& keeper = *keepers_[o.keeper];
      const std::vector<ChatKeeper::Met>& met = met_of(keeper).met;
      const size_t begin = keeper.chunks_[o.read].*offset;
      const size_t end =
          o.read + 1 < keeper.chunks_.size() ? keeper.chunks_[o.read + 1].*offset : met.size();
      for (size_t i = begin; i < end; ++i) {
        entries.push_back({o.keeper, met[i].id});
        keys.push_back(pool_of(keeper).Get(met[i].id));
      }
    }
    const size_t before = pool->size();
    const std::vector<Id> ids = pool->InternAll(keys);
    for (size_t i = 0; i < entries.size(); ++i) {
      maps[entries[i].keeper][static_cast<size_t>(entries[i].id)] = ids[i];
      if (static_cast<size_t>(ids[i]) >= before && added)
        added(entries[i].keeper, entries[i].id, ids[i]);
    }
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
    // Each keeper's messages in the Dataset's ids, a block at a time on every core.
    std::vector<std::pair<size_t, uint32_t>> blocks;  // keeper, block
    for (size_t k = 0; k < keepers_.size(); ++k) {
      for (uint32_t b = 0; b < keepers_[k]->blocks_.size(); ++b) blocks.emplace_back(k, b);
    }
    executor_.ParallelFor(blocks.size(), [&](size_t i) {
      const auto [k, b] = blocks[i];
      const std::vector<Id>& accounts = accounts_[k];
      const std::vector<Id>& conversations = conversations_[k];
      for (ChatMessage& m : keepers_[k]->blocks_.block(b)) {
        if (const Id account = m.account(); account != kNone)
          m.set_account(accounts[static_cast<size_t>(account)]);
        if (m.conversation != kNone)
          m.conversation = conversations[static_cast<size_t>(m.conversation)];
      }
    });
  }

  // Every run under its customer, each customer's in input order: a counting sort.
  void ListRuns(Chats* out) {
    const size_t customers = d_.customers.size();
    out->start_.assign(customers + 1, 0);
    out->before_.assign(customers + 1, 0);
    for (size_t k = 0; k < keepers_.size(); ++k) {
      for (const ChatKeeper::KeptRun& r : keepers_[k]->runs_) {
        const auto c = static_cast<size_t>(customers_[k][static_cast<size_t>(r.customer)]);
        ++out->start_[c + 1];
        out->before_[c + 1] += r.count;
      }
    }
    std::partial_sum(out->start_.begin(), out->start_.end(), out->start_.begin());
    std::partial_sum(out->before_.begin(), out->before_.end(), out->before_.begin());
    out->runs_.resize(out->start_.back());
    std::vector<uint32_t> fill(out->start_.begin(), out->start_.end() - 1);
    // Chunks in input order, each chunk's runs in order: each customer's runs come in
    // input order with no sort.
    std::vector<uint32_t> first_block(keepers_.size(), 0);  // Join appends the keepers' blocks
    for (size_t k = 1; k < keepers_.size(); ++k)
      first_block[k] = first_block[k - 1] + static_cast<uint32_t>(keepers_[k - 1]->blocks_.size());
    for (const Owner& o : owner_) {
      if (o.keeper == UINT32_MAX) continue;
      const ChatKeeper& keeper = *keepers_[o.keeper];
      const size_t end = o.read + 1 < keeper.chunks_.size() ? keeper.chunks_[o.read + 1].runs
                                                            : keeper.runs_.size();
      for (size_t r = keeper.chunks_[o.read].runs; r < end; ++r) {
        const ChatKeeper::KeptRun& run = keeper.runs_[r];
        const auto c = static_cast<size_t>(customers_[o.keeper][static_cast<size_t>(run.customer)]);
        out->runs_[fill[c]++] = {first_block[o.keeper] + run.block, run.begin, run.count,
                                 static_cast<uint32_t>(chunk_base_[run.chunk] + run.at)};
      }
    }
  }

  std::vector<ChatKeeper*> keepers_;
  Dataset& d_;
  Executor& executor_;
  std::vector<Owner> owner_;          // per chunk
  std::vector<uint64_t> chunk_base_;  // per chunk, and one past the last
  std::vector<std::vector<Id>> shops_, customers_, accounts_, conversations_;
};

Chats JoinChats(std::vector<std::unique_ptr<RunSink>> keepers, Dataset* d, Executor& executor) {
  std::vector<ChatKeeper*> kept;
  for (auto& k : keepers) kept.push_back(static_cast<ChatKeeper*>(k.get()));
  return ChatJoiner(std::move(kept), d, executor).Join();
}

}  // namespace csperf::metrics
