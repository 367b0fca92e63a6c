// Keeping the chat messages of a source (a messages file read in chunks, a store read in
// ranges: direct_reader.h, store_reader.h) on every core. A ChatKeeper per core takes the rows
// of the chunks that core reads, numbering shops, customers, accounts and conversations in
// pools of its own, and keeps each chat message in sixteen bytes; JoinChats numbers everything
// in the Dataset's pools, in order of first appearance in the input, and lists each
// customer's messages in input order (chats.h).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/executor.h"
#include "metrics/chats.h"
#include "metrics/dataset.h"

namespace csperf::metrics {

// Keeps the chat messages of the chunks one core reads.
class ChatKeeper {
 public:
  // `customers`: about how many customers to expect (room is made for them up front).
  explicit ChatKeeper(size_t customers = 0) { pools_.customers.Reserve(customers); }
  // The chunk whose rows come next (none before: chunk 0). A keeper may take several chunks,
  // in any order; each starts a page of its own, so that pages can be put in input order.
  void BeginChunk(size_t chunk);
  // One message, `copies` times (as a store keeps a message given more than once). Bot and
  // system messages count nowhere and are not kept.
  void Add(std::string_view shop, std::string_view customer, Sender sender, Instant at,
           std::string_view account, std::string_view conversation, int64_t copies = 1);
  // After the last row.
  void End() { EndChunk(); }

 private:
  friend class ChatJoiner;
  void EndChunk();
  // Rows one after another with the same customer (or the same conversation) are a run. A
  // run's key is numbered in the core's pool kAhead runs later, its slot and then its entry
  // fetched ahead meanwhile: rows in no order make every row a run, and a month's
  // customers' and conversations' tables are far larger than the cache.
  struct Run {
    std::string key;
    uint64_t hash = 0;
    Id shop = kNone;     // a customer's
    uint32_t first = 0;  // its first message's position: page << kPageBits | place
    uint32_t count = 0;  // its messages, one after another from `first`
  };
  class Waiting {
   public:
    static constexpr size_t kAhead = 16;
    // A new run, its key and messages none yet (the oldest must have been taken when full).
    Run& Push();
    // Hashes the newest run's key, written now, and fetches each run a step further ahead.
    void FetchAhead(const StringPool& pool);
    Run& Pop();
    Run& Newest() { return At(0); }
    bool full() const { return size_ == kAhead; }
    bool empty() const { return size_ == 0; }

   private:
    Run& At(size_t age) { return runs_[(begin_ + size_ - 1 - age) % kAhead]; }
    std::array<Run, kAhead> runs_;  // a ring, oldest first
    size_t begin_ = 0, size_ = 0;
  };
  // Calls `each(page, place)` at the positions of a run's messages.
  template <class Each>
  static void ForEachMessage(const Run& run, Each each);
  void NumberCustomer(const Run& run);
  void NumberConversation(const Run& run);
  void NumberAll();
  // Keeps a message in the chunk's page; returns its position.
  uint32_t Keep(const ChatMessage& m);

  // One kind's ids in the order the core first met them on a chat message: chunk by chunk,
  // in order within a chunk, so that the ids of all cores come in input order by taking the
  // chunks in order.
  struct MetIds {
    std::vector<Id> met;
    std::vector<uint8_t> seen;  // per id
    void Note(Id id) {
      if (id == kNone) return;
      const auto i = static_cast<size_t>(id);
      if (i >= seen.size()) seen.resize(std::max(i + 1, seen.size() * 2), 0);
      if (seen[i] == 0) {
        seen[i] = 1;
        met.push_back(id);
      }
    }
  };
  // A chunk read here, and where the pages and each kind's ids met stood when it began: a
  // chunk starts a page of its own, so that pages can be put in input order.
  struct ChunkRead {
    uint32_t chunk;
    uint32_t first_page;
    size_t customers, accounts, conversations;
  };
  struct Pools {
    StringPool shops, customers, accounts, conversations;
  };
  ChatPages pages_;                                 // the core's ids
  std::vector<std::unique_ptr<Id[]>> customer_of_;  // per page, per message: its customer
  std::vector<uint32_t> fills_;                     // per page: the messages it holds
  bool page_open_ = false;                          // whether the chunk read now has a page
  std::vector<ChunkRead> chunks_;                   // in the order read
  Pools pools_;
  LastSeen last_shop_, last_account_;
  Waiting customer_runs_, conversation_runs_;
  std::string_view run_customer_;   // the newest customer run's customer_id (in its key)
  Id run_shop_ = kNone;             // and its shop
  bool conversation_open_ = false;  // whether the row before had a conversation
  bool in_chunk_ = false;
  MetIds customers_, accounts_, conversations_;
  std::vector<Id> customer_shop_;  // per core customer: its shop (the core's)
};

// The keepers of a source (in the order the source made them), their ids numbered in `d`'s
// pools: shops, customers (with their shops), accounts and conversations new to `d` are
// added. The keepers are emptied.
Chats JoinChats(const std::vector<std::unique_ptr<ChatKeeper>>& keepers, Dataset* d,
                Executor& executor);

}  // namespace csperf::metrics
