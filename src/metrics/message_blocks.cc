#include "metrics/message_blocks.h"

#include <chrono>

namespace csperf::metrics {
namespace {

// Messages handed over at a time: enough to amortise a block's bookkeeping, few enough
// that the blocks ahead take little memory.
constexpr size_t kBlock = size_t{1} << 13;
// Blocks read ahead of the taker at most.
constexpr size_t kAhead = 4;

}  // namespace

BlockReader::BlockReader(const Context& c, Dataset* d, MessageStream* in)
    : c_(c), d_(*d), in_(*in) {
  // An account's agent: the first agent in input order who lists it (IndexAgents).
  for (size_t a = 0; a < d_.agents.size(); ++a) {
    for (const std::string& account : d_.agents[a].accounts)
      owner_of_account_.emplace(account, static_cast<Id>(a));
  }
  ahead_ = ExecutorOf(c).Schedule([this] {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (reader_ != kUndecided) return;
      reader_ = kAhead;
    }
    cv_.notify_all();
    Run();
  });
}

MessageBlock BlockReader::Take() {
  if (reader_ == kUndecided) {
    std::unique_lock<std::mutex> lock(mu_);
    // A free thread of the executor starts within a moment; a busy pool is not waited for.
    cv_.wait_for(lock, std::chrono::milliseconds(5), [&] { return reader_ != kUndecided; });
    if (reader_ == kUndecided) reader_ = kTaker;
  }
  if (reader_ == kTaker) return ReadBlock();
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return !ready_.empty(); });
  MessageBlock b = std::move(ready_.front());
  ready_.pop_front();
  cv_.notify_all();
  return b;
}

void BlockReader::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  {
    // The task returns at once if it starts after this.
    std::lock_guard<std::mutex> lock(mu_);
    if (reader_ == kUndecided) reader_ = kTaker;
  }
  ahead_.Wait();
}

MessageBlock BlockReader::ReadBlock() {
  MessageBlock b;
  if (!in_.Next(kBlock, &b.messages)) {
    b.last = true;
    b.ok = !in_.failed() && !in_.IdsRepeat();
  } else {
    NewIds(&b);
  }
  return b;
}

void BlockReader::Run() {
  for (;;) {
    MessageBlock b = ReadBlock();
    const bool last = b.last;
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return stop_ || ready_.size() < kAhead; });
    if (stop_) return;
    ready_.push_back(std::move(b));
    cv_.notify_all();
    if (last) return;
  }
}

void BlockReader::NewIds(MessageBlock* b) {
  // Shops and customers are numbered in the Dataset's pools (MessageStream::AdoptPools).
  for (Id s = seen_.shops; s < static_cast<Id>(in_.shops().size()); ++s)
    b->shop_settings.push_back(&c_.settings.ForShop(in_.shops().Get(s)));
  b->message_shops.reserve(b->messages.size());
  for (const Message& m : b->messages) b->message_shops.push_back(in_.ShopOf(m.customer));
  for (Id a = seen_.accounts; a < static_cast<Id>(in_.accounts().size()); ++a) {
    auto it = owner_of_account_.find(std::string(in_.accounts().Get(a)));
    b->account_owners.push_back(it == owner_of_account_.end() ? kNone : it->second);
  }
  b->customers = in_.customers().size();
  for (Id cv = seen_.conversations; cv < static_cast<Id>(in_.conversations().size()); ++cv)
    b->conversations.push_back(d_.conversations.Find(in_.conversations().Get(cv)));
  seen_ = {static_cast<Id>(in_.shops().size()), static_cast<Id>(in_.accounts().size()),
           static_cast<Id>(in_.customers().size()), static_cast<Id>(in_.conversations().size())};
}

}  // namespace csperf::metrics
