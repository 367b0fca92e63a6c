// The files csperf reads and writes, behind an interface: the real file system, or a test's.
// Writes are whole or not at all (through a partial file next to the target that replaces it
// once complete) and never follow a link: a link where the partial file goes is refused.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/mapped_file.h"
#include "core/problem.h"

namespace csperf {

enum class PathKind { kNone, kFile, kFolder, kOther };

// A file being written: bytes go to its partial file until Commit puts it in place. Dropped
// without Commit, the partial file is removed and the target left as it was.
class FileWriter {
 public:
  virtual ~FileWriter() = default;
  virtual Status Append(std::string_view bytes) = 0;
  virtual Status Commit() = 0;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // The whole file, read-only (memory-mapped for the real file system).
  virtual Result<std::unique_ptr<MappedFile>> Map(const std::string& path) = 0;
  virtual Result<std::string> ReadAll(const std::string& path) = 0;

  virtual Result<std::unique_ptr<FileWriter>> NewWriter(const std::string& path) = 0;
  // NewWriter, Append and Commit in one.
  Status WriteAll(const std::string& path, std::string_view bytes);
  // The name a writer writes under until it commits.
  static std::string PartialPath(const std::string& path) { return path + ".partial"; }

  virtual PathKind KindOf(const std::string& path) = 0;
  // Every regular file under `folder`, at any depth, in no particular order.
  virtual Result<std::vector<std::string>> FilesUnder(const std::string& folder) = 0;
  // The paths a shell pattern (* ? [...]) matches, sorted; none is not a problem.
  virtual Result<std::vector<std::string>> Glob(const std::string& pattern) = 0;
  virtual Status CreateFolders(const std::string& path) = 0;
  // Moves a file over `to` (replacing it, not following a link there).
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual void Remove(const std::string& path) = 0;
};

// The machine's file system.
FileSystem& RealFileSystem();

}  // namespace csperf
