#include "core/executor.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace csperf {
namespace {

TEST(ExecutorTest, ParallelForRunsEveryIndexOnce) {
  for (size_t threads : {1, 2, 5}) {
    auto pool = NewThreadPool(threads);
    EXPECT_EQ(pool->concurrency(), threads);
    std::vector<std::atomic<int>> runs(1000);
    pool->ParallelFor(runs.size(), [&](size_t i) { ++runs[i]; });
    for (const auto& r : runs) ASSERT_EQ(r.load(), 1);
  }
}

TEST(ExecutorTest, ParallelForUsesThePoolsThreads) {
  auto pool = NewThreadPool(3);
  std::mutex mu;
  std::set<std::thread::id> seen;
  std::atomic<int> waiting{0};
  // Three tasks that each wait until all three have started: only three threads at once
  // can finish them.
  pool->ParallelFor(3, [&](size_t) {
    {
      std::lock_guard<std::mutex> lock(mu);
      seen.insert(std::this_thread::get_id());
    }
    ++waiting;
    while (waiting.load() < 3) std::this_thread::yield();
  });
  EXPECT_EQ(seen.size(), 3u);
}

TEST(ExecutorTest, NestedParallelForFinishesOnABusyPool) {
  auto pool = NewThreadPool(2);
  std::atomic<int> inner{0};
  pool->ParallelFor(4, [&](size_t) { pool->ParallelFor(8, [&](size_t) { ++inner; }); });
  EXPECT_EQ(inner.load(), 32);
}

TEST(ExecutorTest, ParallelForFromManyCallersShareThePool) {
  auto pool = NewThreadPool(2);
  std::atomic<int> total{0};
  std::vector<std::thread> callers;
  for (int c = 0; c < 4; ++c) {
    callers.emplace_back([&] {
      for (int round = 0; round < 50; ++round) pool->ParallelFor(16, [&](size_t) { ++total; });
    });
  }
  for (std::thread& t : callers) t.join();
  EXPECT_EQ(total.load(), 4 * 50 * 16);
}

TEST(ExecutorTest, ScheduledTaskRunsOnceAndWaitWaitsForIt) {
  auto pool = NewThreadPool(2);
  std::atomic<int> runs{0};
  Executor::Task task = pool->Schedule([&] { ++runs; });
  task.Wait();
  EXPECT_EQ(runs.load(), 1);
  task.Wait();  // a second wait is harmless
  EXPECT_EQ(runs.load(), 1);
}

TEST(ExecutorTest, AWaiterRunsATaskNoThreadHasStarted) {
  // The pool's one thread is held by a task until the test lets it go: the second task can
  // only run on the thread that waits for it.
  auto pool = NewThreadPool(2);
  std::atomic<bool> release{false};
  Executor::Task blocker = pool->Schedule([&] {
    while (!release) std::this_thread::yield();
  });
  std::thread::id ran_on;
  Executor::Task second = pool->Schedule([&] { ran_on = std::this_thread::get_id(); });
  second.Wait();
  EXPECT_EQ(ran_on, std::this_thread::get_id());
  release = true;
  blocker.Wait();
}

TEST(ExecutorTest, InlineExecutorRunsInOrderOnTheCaller) {
  auto inline_executor = NewInlineExecutor();
  EXPECT_EQ(inline_executor->concurrency(), 1u);
  std::vector<size_t> order;
  inline_executor->ParallelFor(4, [&](size_t i) { order.push_back(i); });
  EXPECT_EQ(order, (std::vector<size_t>{0, 1, 2, 3}));
  bool ran = false;
  Executor::Task task = inline_executor->Schedule([&] { ran = true; });
  EXPECT_FALSE(ran);  // only a waiter runs it
  task.Wait();
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace csperf
