// The messages of a stream handed over a block at a time by a thread of its own, a few
// blocks ahead of their reader: parsing is most of the work of the stream (chat_stream.h).
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
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

// Reads blocks on a thread of its own. Only that thread touches the MessageStream (and the
// Dataset's shops and customers, which the stream holds meanwhile: AdoptPools); the taker
// knows them only by id, and a block's new ids once the block is handed over.
class BlockReader {
 public:
  BlockReader(const Context& c, Dataset* d, MessageStream* in);
  ~BlockReader() { Stop(); }

  // The next block; one with `last` set ends them.
  MessageBlock Take();
  // Ends the thread (at once if it is still reading) and waits for it.
  void Stop();

 private:
  void Run();
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
  std::thread thread_;
};

}  // namespace csperf::metrics
