// Keeping the chat messages of a source (a messages file read in chunks, a store read in
// ranges: direct_reader.h, store_reader.h) on every core. A ChatKeeper per core takes the rows
// of the chunks that core reads, numbering shops, customers, accounts and conversations in
// pools of its own, and keeps each chat message in sixteen bytes; JoinChats numbers everything
// in the Dataset's pools, in order of first appearance in the input, and lists each
// customer's messages in input order (chats.h).
#pragma once

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
  // A customer's rows that come one after another are a run: its key is interned once, at
  // its end (its slot fetched while the run is read).
  void StartRun(Id shop, std::string_view shop_name, std::string_view customer);
  void Flush();

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
  LastSeen last_shop_, last_account_, last_conversation_;
  std::vector<ChatMessage> run_;  // reused: the run's messages, in the core's ids
  Id run_shop_ = kNone;
  std::string run_key_;            // "shop\x1Fcustomer_id"
  std::string_view run_customer_;  // its customer_id
  uint64_t run_hash_ = 0;          // of run_key_
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
