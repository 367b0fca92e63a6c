// Writing files whole or not at all, never through a link.
#include "core/file_system.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::ReadFile;
using csperf::testing::ScratchDir;

TEST(FileSystemTest, AWriterPutsTheFileInPlaceOnlyWhenItCommits) {
  ScratchDir dir;
  FileSystem& files = RealFileSystem();
  const std::string out = dir / "pay.csv";
  dir.Write("pay.csv", "old\n");
  {
    auto writer = files.NewWriter(out);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Append("new ").ok());
    EXPECT_EQ(ReadFile(out), "old\n");  // not yet
  }                                     // dropped without Commit
  EXPECT_EQ(ReadFile(out), "old\n");
  EXPECT_FALSE(std::filesystem::exists(FileSystem::PartialPath(out)));
  ASSERT_TRUE(files.WriteAll(out, "new\n").ok());
  EXPECT_EQ(ReadFile(out), "new\n");
  EXPECT_FALSE(std::filesystem::exists(FileSystem::PartialPath(out)));
}

TEST(FileSystemTest, ALinkWhereThePartialFileGoesIsNotFollowed) {
  ScratchDir dir;
  const std::string victim = dir.Write("victim.txt", "keep me\n");
  const std::string out = dir / "report.csv";
  ASSERT_EQ(::symlink(victim.c_str(), FileSystem::PartialPath(out).c_str()), 0);
  ASSERT_TRUE(RealFileSystem().WriteAll(out, "report\n").ok());
  EXPECT_EQ(ReadFile(victim), "keep me\n");
  EXPECT_EQ(ReadFile(out), "report\n");
  EXPECT_TRUE(std::filesystem::is_regular_file(out));
}

TEST(FileSystemTest, KindsFilesAndPatterns) {
  ScratchDir dir;
  dir.Write("a/x.csv", "1");
  dir.Write("a/b/y.csv", "2");
  FileSystem& files = RealFileSystem();
  EXPECT_EQ(files.KindOf(dir / "a"), PathKind::kFolder);
  EXPECT_EQ(files.KindOf(dir / "a/x.csv"), PathKind::kFile);
  EXPECT_EQ(files.KindOf(dir / "nothing"), PathKind::kNone);
  auto under = files.FilesUnder(dir / "a");
  ASSERT_TRUE(under.ok());
  EXPECT_EQ(under->size(), 2u);
  auto matched = files.Glob(dir / "a/*.csv");
  ASSERT_TRUE(matched.ok());
  ASSERT_EQ(matched->size(), 1u);
  EXPECT_EQ(matched->front(), dir / "a/x.csv");
  auto none = files.Glob(dir / "a/*.txt");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace csperf
