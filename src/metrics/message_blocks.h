// The messages of a stream handed over a block at a time, read a few blocks ahead of their
// taker on a thread of the executor: parsing is most of the work of the stream
// (chat_stream.h). When no thread of the executor is free by the time the first block is
// wanted, the taker reads each block itself, so the stream never waits for a busy pool.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "metrics/context.h"
#include "metrics/direct_reader.h"

namespace csperf::metrics {

// A block of messages, and the Dataset's terms for the reader's ids first seen in it (the
// reader numbers ids densely, so each list goes on from the one of the block before).
struct MessageBlock {
  std::vector<Message> messages;
  std::vector<Id> message_shops;                   // the shop of each message
  std::vector<const ShopSettings*> shop_settings;  // of each new shop
  std::vector<Id> account_owners;                  // the agent of each new account, or kNone
  std::vector<Id> conversations;  // the Dataset's id of each new one, kNone if none
  size_t customers = 0;           // how many customers the Dataset holds with the block's
  bool last = false;              // the end of the file, or of what could be read: no messages
  bool ok = true;                 // with `last`: the whole file read, no message id repeated
};

// Reads blocks ahead on a thread of the executor. Only the reading side touches the
// MessageStream (and the Dataset's shops and customers, which the stream holds meanwhile:
// AdoptPools); the taker knows them only by id, and a block's new ids once the block is
// handed over. Who reads is settled once: the executor's thread, or the taker itself.
class BlockReader {
 public:
  BlockReader(const Context& c, Dataset* d, MessageStream* in);
  ~BlockReader() { Stop(); }

  // The next block; one with `last` set ends them.
  MessageBlock Take();
  // Ends the reading ahead (at once if it is still reading) and waits for it.
  void Stop();

 private:
  enum Reader : int { kUndecided, kAhead, kTaker };
  void Run();
  MessageBlock ReadBlock();
  void NewIds(MessageBlock* b);

  const Context& c_;
  Dataset& d_;
  MessageStream& in_;
  std::unordered_map<std::string, Id> owner_of_account_;
  struct Seen {
    Id shops = 0, accounts = 0, customers = 0, conversations = 0;
  } seen_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<MessageBlock> ready_;
  bool stop_ = false;
  std::atomic<int> reader_{kUndecided};
  Executor::Task ahead_;
};

}  // namespace csperf::metrics
