// Keeping what a source of messages hands over (a messages file read in chunks, a store read
// in ranges: direct_reader.h, store_reader.h): its rows come a run of one customer's at a
// time, on every core, each core numbering shops, customers, accounts and conversations in
// pools of its own (RunBuilder). A ChatKeeper per core keeps the runs' chat messages;
// JoinChats numbers everything in the Dataset's pools, in order of first appearance in the
// input, and lists each customer's runs in input order (chats.h).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/executor.h"
#include "metrics/chats.h"
#include "metrics/dataset.h"
#include "metrics/direct_reader.h"

namespace csperf::metrics {

// Keeps the runs one core of a source hands over (a RunSink, made per core).
class ChatKeeper : public RunSink {
 public:
  void Take(const CustomerRun& run, const PartPools& pools) override;
  void BeginChunk(size_t chunk) override;
  void End(RunPools pools) override { pools_ = std::move(pools); }

 private:
  friend class ChatJoiner;
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
  ChatPages pages_;                                 // the core's ids
  std::vector<std::unique_ptr<Id[]>> customer_of_;  // per page, per message: its customer
  std::vector<uint32_t> fills_;                     // per page: the messages it holds
  bool page_open_ = false;                          // whether the chunk read now has a page
  std::vector<ChunkRead> chunks_;                   // in the order read
  RunPools pools_;
  MetIds customers_, accounts_, conversations_;
  std::vector<Id> customer_shop_;  // per core customer: its shop (the core's)
};

// The keepers of a source (in the order the source made them), their ids numbered in `d`'s
// pools: shops, customers (with their shops), accounts and conversations new to `d` are
// added. The keepers are emptied.
Chats JoinChats(std::vector<std::unique_ptr<RunSink>> keepers, Dataset* d, Executor& executor);

}  // namespace csperf::metrics
