// Crash safety: an import killed with SIGKILL half-way leaves the store exactly as it was.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>

#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::ReadFile;
using csperf::testing::ScratchDir;

struct Child {
  pid_t pid = -1;
  int err_fd = -1;  // the child's stderr
};

Child Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    int null_fd = ::open("/dev/null", O_WRONLY);
    ::dup2(null_fd, 1);
    ::dup2(fds[1], 2);
    ::close(fds[0]);
    ::close(fds[1]);
    for (const std::string& e : env) ::putenv(const_cast<char*>(e.c_str()));
    std::vector<std::string> all = {csperf::testing::CsperfBinary()};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

// Reads the child's stderr until `marker` appears (or the pipe closes).
bool WaitForMarker(int fd, const std::string& marker) {
  std::string seen;
  char buffer[512];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) {
    seen.append(buffer, n);
    if (seen.find(marker) != std::string::npos) return true;
  }
  return false;
}

// Opening and reading is what rolls a hot journal back, as any next csperf command does.
int64_t CountMessages(const std::string& db_path) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  int64_t count = -1;
  if (sqlite3_prepare_v2(db, "SELECT coalesce(sum(copies), 0) FROM messages", -1, &stmt, nullptr) ==
          SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    count = sqlite3_column_int64(stmt, 0);
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return count;
}

// A journal that still holds a transaction starts with SQLite's journal magic; a rolled
// back one is gone, empty, or has that header zeroed.
bool IsHotJournal(const std::string& path) {
  static const unsigned char kMagic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
  std::string head = ReadFile(path).substr(0, 8);
  return head.size() == 8 && std::memcmp(head.data(), kMagic, 8) == 0;
}

class KillTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = dir_ / "store.db";
    std::string agents =
        dir_.Write("base/agents.csv", "agent_id,name,accounts\nA01,李娜,店:小美\n");
    std::string base = "shop,customer_id,sender,sent_at,account,content\n";
    for (int i = 0; i < 500; ++i) {
      base += "店,base" + std::to_string(i) + ",customer,2024-01-05 10:00:00,,在吗\n";
    }
    dir_.Write("base/messages.csv", base);
    auto r = csperf::testing::RunCsperf({"import", "--db", db_, dir_ / "base"});
    ASSERT_EQ(r.exit_code, 0) << r.out;
    before_ = ReadFile(db_);
    ASSERT_FALSE(before_.empty());

    std::string big = "shop,customer_id,sender,sent_at,account,content\n";
    for (int i = 0; i < kRows; ++i) {
      big += "店,c" + std::to_string(i % 3000) + ",customer,2024-01-0" + std::to_string(1 + i % 9) +
             " 10:" + std::to_string(10 + i % 50) + ":00,,第" + std::to_string(i) + "条消息\n";
    }
    big_ = dir_.Write("big/messages_2.csv", big);
  }

  static constexpr int kRows = 60000;
  ScratchDir dir_;
  std::string db_;
  std::string before_;
  std::string big_;
};

TEST_F(KillTest, KilledInsideTheWriteLeavesTheStoreByteForByteAsBefore) {
  const std::vector<std::pair<std::string, std::string>> points = {
      {"CSPERF_TEST_STOP_AT_ROWS=1", "rows=1"},
      {"CSPERF_TEST_STOP_AT_ROWS=20000", "rows=20000"},
      {"CSPERF_TEST_STOP_AT_ROWS=59999", "rows=59999"},
      {"CSPERF_TEST_STOP_BEFORE_COMMIT=1", "before-commit"},
  };
  for (const auto& [env, marker] : points) {
    SCOPED_TRACE(marker);
    Child child = Spawn({"import", "--db", db_, big_}, {env});
    ASSERT_GT(child.pid, 0);
    ASSERT_TRUE(WaitForMarker(child.err_fd, "inside write at " + marker));
    int status = 0;
    ASSERT_EQ(::waitpid(child.pid, &status, WUNTRACED), child.pid);
    ASSERT_TRUE(WIFSTOPPED(status)) << "the import must be stopped at the point";
    // Inside the write: the transaction's rollback journal exists right now.
    EXPECT_TRUE(std::filesystem::exists(db_ + "-journal"));
    ::kill(child.pid, SIGKILL);
    ::waitpid(child.pid, &status, 0);
    ::close(child.err_fd);
    ASSERT_TRUE(WIFSIGNALED(status));

    EXPECT_EQ(CountMessages(db_), 500);
    EXPECT_FALSE(IsHotJournal(db_ + "-journal")) << "the journal was not rolled back";
    EXPECT_TRUE(ReadFile(db_) == before_) << "the store's bytes changed";
  }
}

TEST_F(KillTest, KilledAtAnyMomentLeavesEitherTheOldOrTheWholeNewStore) {
  std::mt19937 rng(7);
  for (int round = 0; round < 4; ++round) {
    Child child = Spawn({"import", "--db", db_, big_}, {});
    ::usleep(20000 + rng() % 400000);
    ::kill(child.pid, SIGKILL);
    int status = 0;
    ::waitpid(child.pid, &status, 0);
    ::close(child.err_fd);
    int64_t count = CountMessages(db_);
    if (count == 500) {
      EXPECT_TRUE(ReadFile(db_) == before_);
    } else {
      EXPECT_EQ(count, 500 + kRows);  // finished before the kill: everything is there
      return;
    }
  }
}

}  // namespace
}  // namespace csperf
