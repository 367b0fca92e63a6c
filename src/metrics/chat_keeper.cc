#include "metrics/chat_keeper.h"

#include <algorithm>
#include <numeric>
#include <utility>

namespace csperf::metrics {
namespace {

// Where a core first met an id: its chunk and the place there, until the chunks' places in
// input order are known.
constexpr uint64_t kUnseen = UINT64_MAX;
uint64_t SeenAt(uint32_t chunk, uint32_t at) { return (uint64_t{chunk} << 32) | at; }

void NoteFirst(Id id, uint64_t at, std::vector<uint64_t>* first) {
  if (id == kNone) return;
  const auto i = static_cast<size_t>(id);
  if (i >= first->size()) first->resize(i + 1, kUnseen);
  if ((*first)[i] == kUnseen) (*first)[i] = at;
}

}  // namespace

void ChatKeeper::BeginChunk(size_t chunk) {
  chunk_ = static_cast<uint32_t>(chunk);
  in_chunk_ = 0;
}

void ChatKeeper::EndChunk(size_t chunk, uint32_t /*messages*/) {
  if (chunk >= chunk_messages_.size()) chunk_messages_.resize(chunk + 1, 0);
  chunk_messages_[chunk] = in_chunk_;
}

void ChatKeeper::Take(const CustomerRun& run, const PartPools& /*pools*/) {
  uint32_t count = 0;
  for (const Message& m : run.messages) count += IsChat(m.sender) ? 1 : 0;
  if (count == 0) return;
  const auto [block, begin] = blocks_.MakeRoom(count);
  uint32_t kept = 0;
  for (const Message& m : run.messages) {
    if (!IsChat(m.sender)) continue;
    const uint64_t at = SeenAt(chunk_, in_chunk_ + kept++);
    NoteFirst(m.account, at, &first_account_);
    NoteFirst(m.conversation, at, &first_conversation_);
    blocks_.push_back(ChatMessage::Of(m.at, m.sender, m.account, m.conversation));
  }
  messages_ += count;
  const auto c = static_cast<size_t>(run.customer);
  if (c >= first_customer_.size()) {
    first_customer_.resize(c + 1, kUnseen);
    customer_shop_.resize(c + 1, kNone);
  }
  if (first_customer_[c] == kUnseen) {
    first_customer_[c] = SeenAt(chunk_, in_chunk_);
    customer_shop_[c] = run.shop;
  }
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
  // Where each chunk's chat messages start in input order.
  void PlaceChunks() {
    size_t chunks = 0;
    for (const ChatKeeper* k : keepers_) chunks = std::max(chunks, k->chunk_messages_.size());
    chunk_base_.assign(chunks + 1, 0);
    for (const ChatKeeper* k : keepers_) {
      for (size_t ch = 0; ch < k->chunk_messages_.size(); ++ch)
        chunk_base_[ch + 1] += k->chunk_messages_[ch];
    }
    std::partial_sum(chunk_base_.begin(), chunk_base_.end(), chunk_base_.begin());
  }
  uint64_t InputIndex(uint64_t seen) const { return chunk_base_[seen >> 32] + (seen & 0xFFFFFFFF); }

  // One kind's ids of every keeper, interned in `pool` in order of first appearance: the
  // Dataset then numbers them as one reading of the input in order would.
  struct Entry {
    uint64_t first;
    uint32_t keeper;
    Id id;
  };
  template <class PoolOf, class FirstOf>
  std::vector<std::vector<Id>> Number(StringPool* pool, PoolOf pool_of, FirstOf first_of,
                                      const std::function<void(uint32_t, Id, Id)>& added) {
    std::vector<Entry> entries;
    std::vector<std::vector<Id>> maps(keepers_.size());
    for (uint32_t k = 0; k < keepers_.size(); ++k) {
      const std::vector<uint64_t>& first = first_of(*keepers_[k]);
      maps[k].assign(pool_of(*keepers_[k]).size(), kNone);
      for (size_t i = 0; i < first.size(); ++i) {
        if (first[i] != kUnseen) entries.push_back({InputIndex(first[i]), k, static_cast<Id>(i)});
      }
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.first < b.first; });
    std::vector<std::string_view> keys;
    keys.reserve(entries.size());
    for (const Entry& e : entries) keys.push_back(pool_of(*keepers_[e.keeper]).Get(e.id));
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
    // Shops first, in the order of their first customers, so that a new customer's shop is
    // numbered when the customer is.
    shops_.resize(keepers_.size());
    for (size_t k = 0; k < keepers_.size(); ++k) {
      const ChatKeeper& keeper = *keepers_[k];
      shops_[k].assign(keeper.pools_.shops.size(), kNone);
    }
    std::vector<Entry> shop_entries;
    for (uint32_t k = 0; k < keepers_.size(); ++k) {
      const ChatKeeper& keeper = *keepers_[k];
      std::vector<uint64_t> first(keeper.pools_.shops.size(), kUnseen);
      for (size_t c = 0; c < keeper.first_customer_.size(); ++c) {
        if (keeper.first_customer_[c] == kUnseen) continue;
        uint64_t& f = first[static_cast<size_t>(keeper.customer_shop_[c])];
        f = std::min(f, InputIndex(keeper.first_customer_[c]));
      }
      for (size_t s = 0; s < first.size(); ++s) {
        if (first[s] != kUnseen) shop_entries.push_back({first[s], k, static_cast<Id>(s)});
      }
    }
    std::sort(shop_entries.begin(), shop_entries.end(),
              [](const Entry& a, const Entry& b) { return a.first < b.first; });
    for (const Entry& e : shop_entries) {
      shops_[e.keeper][static_cast<size_t>(e.id)] =
          d_.shops.Intern(keepers_[e.keeper]->pools_.shops.Get(e.id));
    }
    // Customers, accounts and conversations, each kind on a core of its own.
    executor_.ParallelFor(3, [&](size_t kind) {
      if (kind == 0) {
        customers_ = Number(
            &d_.customers,
            [](const ChatKeeper& k) -> const StringPool& { return k.pools_.customers; },
            [](const ChatKeeper& k) -> const std::vector<uint64_t>& { return k.first_customer_; },
            [&](uint32_t k, Id local, Id id) {
              if (static_cast<size_t>(id) >= d_.customer_shop.size())
                d_.customer_shop.resize(static_cast<size_t>(id) + 1, kNone);
              d_.customer_shop[static_cast<size_t>(id)] = shops_[k][static_cast<size_t>(
                  keepers_[k]->customer_shop_[static_cast<size_t>(local)])];
            });
      } else if (kind == 1) {
        accounts_ = Number(
            &d_.accounts,
            [](const ChatKeeper& k) -> const StringPool& { return k.pools_.accounts; },
            [](const ChatKeeper& k) -> const std::vector<uint64_t>& { return k.first_account_; },
            nullptr);
      } else {
        conversations_ = Number(
            &d_.conversations,
            [](const ChatKeeper& k) -> const StringPool& { return k.pools_.conversations; },
            [](const ChatKeeper& k) -> const std::vector<uint64_t>& {
              return k.first_conversation_;
            },
            nullptr);
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
    uint32_t first_block = 0;  // the keeper's first block among all keepers' (Join appends them)
    for (uint32_t k = 0; k < keepers_.size(); ++k) {
      for (const ChatKeeper::KeptRun& r : keepers_[k]->runs_) {
        const auto c = static_cast<size_t>(customers_[k][static_cast<size_t>(r.customer)]);
        out->runs_[fill[c]++] = {first_block + r.block, r.begin, r.count,
                                 static_cast<uint32_t>(InputIndex(SeenAt(r.chunk, r.at)))};
      }
      first_block += static_cast<uint32_t>(keepers_[k]->blocks_.size());
    }
    // A customer's runs from several cores come core by core: put them in input order.
    auto earlier = [](const ChatRun& a, const ChatRun& b) { return a.first_index < b.first_index; };
    for (size_t c = 0; c < customers; ++c) {
      auto first = out->runs_.begin() + out->start_[c];
      auto last = out->runs_.begin() + out->start_[c + 1];
      if (last - first > 1 && !std::is_sorted(first, last, earlier))
        std::sort(first, last, earlier);
    }
  }

  std::vector<ChatKeeper*> keepers_;
  Dataset& d_;
  Executor& executor_;
  std::vector<uint64_t> chunk_base_;
  std::vector<std::vector<Id>> shops_, customers_, accounts_, conversations_;
};

Chats JoinChats(std::vector<std::unique_ptr<RunSink>> keepers, Dataset* d, Executor& executor) {
  std::vector<ChatKeeper*> kept;
  for (auto& k : keepers) kept.push_back(static_cast<ChatKeeper*>(k.get()));
  return ChatJoiner(std::move(kept), d, executor).Join();
}

}  // namespace csperf::metrics
