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
  void EndChunk(size_t chunk, uint32_t messages) override;
  void End(RunPools pools) override { pools_ = std::move(pools); }

 private:
  friend class ChatJoiner;
  struct KeptRun {
    uint32_t block, begin, count;  // in blocks_
    Id customer;                   // the core's
    uint32_t chunk;                // the chunk it came in
    uint32_t at;                   // its first message's place among the chunk's chat messages
  };
  // An id of the core's pools met for the first time (on a chat message), where in its chunk.
  struct Met {
    uint32_t at;
    Id id;
  };
  // One kind's ids in the order the core first met them: chunk by chunk, in order within a
  // chunk, so that the ids of all cores come in input order by taking the chunks in order.
  struct MetIds {
    std::vector<Met> met;
    std::vector<uint8_t> seen;  // per id
    void Note(Id id, uint32_t at) {
      if (id == kNone) return;
      const auto i = static_cast<size_t>(id);
      if (i >= seen.size()) seen.resize(std::max(i + 1, seen.size() * 2), 0);
      if (seen[i] == 0) {
        seen[i] = 1;
        met.push_back({at, id});
      }
    }
  };
  // A chunk read here, and where the runs and each kind's list of ids met stood when it
  // began.
  struct ChunkRead {
    uint32_t chunk;
    uint32_t messages;  // its chat messages
    size_t runs, customers, accounts, conversations;
  };
  ChatBlocks blocks_;  // the core's ids
  size_t messages_ = 0;
  std::vector<KeptRun> runs_;
  std::vector<ChunkRead> chunks_;  // in the order read
  uint32_t chunk_ = 0;
  uint32_t in_chunk_ = 0;  // chat messages kept of the current chunk so far
  RunPools pools_;
  MetIds customers_, accounts_, conversations_;
  std::vector<Id> customer_shop_;  // per core customer: its shop (the core's)
};

// The keepers of a source (in the order the source made them), their ids numbered in `d`'s
// pools: shops, customers (with their shops), accounts and conversations new to `d` are
// added. The keepers are emptied.
Chats JoinChats(std::vector<std::unique_ptr<RunSink>> keepers, Dataset* d, Executor& executor);

}  // namespace csperf::metrics
