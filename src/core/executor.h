// One bounded pool of threads that every parallel step of csperf runs on. It is sized once,
// so requests served at the same time share the cores instead of each starting threads of
// its own; the thread that asks for work takes tasks too, so a parallel step inside another
// (or on a pool that is busy with someone else's work) still makes progress.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace csperf {

class Executor {
 public:
  // A task handed to the pool by Schedule. Wait() returns once it has run; a task no pool
  // thread has started yet is run by the waiting thread itself.
  class Task {
   public:
    struct State;
    Task() = default;
    explicit Task(std::shared_ptr<State> state) : state_(std::move(state)) {}
    void Wait();
    bool valid() const { return state_ != nullptr; }

   private:
    std::shared_ptr<State> state_;
  };

  virtual ~Executor() = default;

  // How many tasks run at once at most: the pool's threads and the caller.
  virtual size_t concurrency() const = 0;

  // Runs task(0) … task(n - 1), on the pool's threads and on the calling thread, and returns
  // once every one has run. The tasks may run in any order, on any thread, any number at
  // once (one at a time when the pool is busy): they must not wait for one another.
  virtual void ParallelFor(size_t n, const std::function<void(size_t)>& task) = 0;

  enum class Priority {
    kNormal,
    // Taken by a pool thread only when no other work waits: for work that can run whenever
    // a core is idle (a parallel step's tasks go first).
    kBackground,
  };
  // Starts `task` on a pool thread as soon as one is free.
  virtual Task Schedule(std::function<void()> task, Priority priority = Priority::kNormal) = 0;
};

// A pool of `concurrency - 1` threads (the caller is the last one); 0 means one per core.
std::unique_ptr<Executor> NewThreadPool(size_t concurrency = 0);

// An executor that runs everything on the calling thread, in order: for tests that want one
// order of events, and for a machine of one core.
std::unique_ptr<Executor> NewInlineExecutor();

}  // namespace csperf
