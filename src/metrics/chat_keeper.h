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
    uint32_t at;  // its first message's place among the chunk's chat messages
  };
  ChatBlocks blocks_;  // the core's ids
  size_t messages_ = 0;
  std::vector<KeptRun> runs_;
  std::vector<uint32_t> chunk_messages_;  // per chunk read here: its chat messages
  uint32_t chunk_ = 0;
  uint32_t in_chunk_ = 0;  // chat messages kept of the current chunk so far
  RunPools pools_;
  // Per id of the core's pools: where its first chat message was met (chunk, place).
  std::vector<uint64_t> first_customer_, first_account_, first_conversation_;
  std::vector<Id> customer_shop_;  // per core customer: its shop (the core's)
};

// The keepers of a source (in the order the source made them), their ids numbered in `d`'s
// pools: shops, customers (with their shops), accounts and conversations new to `d` are
// added. The keepers are emptied.
Chats JoinChats(std::vector<std::unique_ptr<RunSink>> keepers, Dataset* d, Executor& executor);

}  // namespace csperf::metrics
