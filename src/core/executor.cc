#include "core/executor.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace csperf {

// What a scheduled task and its waiter share. Whoever moves `started` from false to true
// runs the task: a pool thread, or the waiter when no pool thread got to it first.
struct Executor::Task::State {
  std::function<void()> task;
  std::atomic<bool> started{false};
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;

  // Runs the task unless someone else took it; true when this call ran it.
  bool RunIfNotStarted() {
    if (started.exchange(true)) return false;
    task();
    task = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu);
      done = true;
    }
    cv.notify_all();
    return true;
  }
};

void Executor::Task::Wait() {
  if (state_ == nullptr) return;
  if (!state_->RunIfNotStarted()) {
    std::unique_lock<std::mutex> lock(state_->mu);
    state_->cv.wait(lock, [&] { return state_->done; });
  }
  state_ = nullptr;
}

namespace {

// The indices of one ParallelFor, taken one at a time by every thread that helps. The
// caller waits for the helpers that took an index; a helper that starts after the last
// index was taken returns without touching the caller's task (which may be gone by then).
struct Loop {
  const std::function<void(size_t)>* task;
  size_t n;
  std::atomic<size_t> next{0};
  std::mutex mu;
  std::condition_variable cv;
  size_t helping = 0;
  bool closed = false;

  void Drain() {
    for (size_t i = next++; i < n; i = next++) (*task)(i);
  }
  void Help() {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (closed || next.load() >= n) return;
      ++helping;
    }
    Drain();
    std::lock_guard<std::mutex> lock(mu);
    if (--helping == 0) cv.notify_all();
  }
  void Finish() {
    std::unique_lock<std::mutex> lock(mu);
    closed = true;
    cv.wait(lock, [&] { return helping == 0; });
  }
};

class ThreadPool final : public Executor {
 public:
  explicit ThreadPool(size_t concurrency) : concurrency_(concurrency) {
    for (size_t t = 1; t < concurrency_; ++t) threads_.emplace_back([this] { Work(); });
  }
  ~ThreadPool() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  size_t concurrency() const override { return concurrency_; }

  void ParallelFor(size_t n, const std::function<void(size_t)>& task) override {
    if (n == 0) return;
    if (n == 1 || threads_.empty()) {
      for (size_t i = 0; i < n; ++i) task(i);
      return;
    }
    auto loop = std::make_shared<Loop>();
    loop->task = &task;
    loop->n = n;
    const size_t helpers = std::min(n - 1, threads_.size());
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (size_t h = 0; h < helpers; ++h) jobs_.push_back([loop] { loop->Help(); });
    }
    if (helpers == 1) {
      cv_.notify_one();
    } else {
      cv_.notify_all();
    }
    loop->Drain();
    loop->Finish();
  }

  Task Schedule(std::function<void()> task, Priority priority) override {
    auto state = std::make_shared<Task::State>();
    state->task = std::move(task);
    if (threads_.empty()) return Task(state);  // the waiter runs it
    {
      std::lock_guard<std::mutex> lock(mu_);
      (priority == Priority::kBackground ? background_ : jobs_).push_back([state] {
        state->RunIfNotStarted();
      });
    }
    cv_.notify_one();
    return Task(state);
  }

 private:
  void Work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stopping_ || !jobs_.empty() || !background_.empty(); });
        std::deque<std::function<void()>>& from = jobs_.empty() ? background_ : jobs_;
        if (from.empty()) return;  // stopping, and nothing left to do
        job = std::move(from.front());
        from.pop_front();
      }
      job();
    }
  }

  const size_t concurrency_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::deque<std::function<void()>> background_;  // taken only when jobs_ is empty
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

class InlineExecutor final : public Executor {
 public:
  size_t concurrency() const override { return 1; }
  void ParallelFor(size_t n, const std::function<void(size_t)>& task) override {
    for (size_t i = 0; i < n; ++i) task(i);
  }
  Task Schedule(std::function<void()> task, Priority) override {
    auto state = std::make_shared<Task::State>();
    state->task = std::move(task);
    return Task(state);
  }
};

}  // namespace

std::unique_ptr<Executor> NewThreadPool(size_t concurrency) {
  if (concurrency == 0) concurrency = std::max(1u, std::thread::hardware_concurrency());
  return std::make_unique<ThreadPool>(concurrency);
}

std::unique_ptr<Executor> NewInlineExecutor() { return std::make_unique<InlineExecutor>(); }

}  // namespace csperf
