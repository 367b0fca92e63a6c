#include "core/file_system.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <glob.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace csperf {
namespace {

namespace fs = std::filesystem;

Problem CannotWrite(const std::string& path, const std::string& why) {
  return MakeProblem("cannot write the file: " + why, {}, Place{path});
}

// Writes to `path.partial`, made here: O_EXCL after removing what stood there refuses a link
// put in its place meanwhile, and O_NOFOLLOW refuses one at the last step of the name.
class PosixWriter final : public FileWriter {
 public:
  static Result<std::unique_ptr<FileWriter>> Open(const std::string& path) {
    const std::string partial = FileSystem::PartialPath(path);
    ::unlink(partial.c_str());
    const int fd =
        ::open(partial.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return CannotWrite(path, std::strerror(errno));
    return std::unique_ptr<FileWriter>(new PosixWriter(path, partial, fd));
  }
  ~PosixWriter() override {
    if (fd_ >= 0) {
      ::close(fd_);
      ::unlink(partial_.c_str());
    }
  }
  Status Append(std::string_view bytes) override {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return CannotWrite(path_, std::strerror(errno));
      }
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  }
  Status Commit() override {
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
      const std::string why = std::strerror(errno);
      ::unlink(partial_.c_str());
      return CannotWrite(path_, why);
    }
    if (::rename(partial_.c_str(), path_.c_str()) != 0) {
      const std::string why = std::strerror(errno);
      ::unlink(partial_.c_str());
      return CannotWrite(path_, why);
    }
    return Status::Ok();
  }

 private:
  PosixWriter(std::string path, std::string partial, int fd)
      : path_(std::move(path)), partial_(std::move(partial)), fd_(fd) {}
  std::string path_, partial_;
  int fd_;
};

class PosixFileSystem final : public FileSystem {
 public:
  Result<std::unique_ptr<MappedFile>> Map(const std::string& path) override {
    return MappedFile::Open(path);
  }
  Result<std::string> ReadAll(const std::string& path) override {
    auto mapped = MappedFile::Open(path);
    if (!mapped.ok()) return mapped.problem();
    return std::string((*mapped)->bytes());
  }
  Result<std::unique_ptr<FileWriter>> NewWriter(const std::string& path) override {
    return PosixWriter::Open(path);
  }
  PathKind KindOf(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return PathKind::kNone;
    if (S_ISREG(st.st_mode)) return PathKind::kFile;
    if (S_ISDIR(st.st_mode)) return PathKind::kFolder;
    return PathKind::kOther;
  }
  // Every error (a loop of links, a folder that cannot be read) is a problem naming the
  // folder, never an exception.
  Result<std::vector<std::string>> FilesUnder(const std::string& folder) override {
    std::vector<std::string> files;
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::error_code file_ec;
      if (!it->is_regular_file(file_ec) || file_ec) continue;
      files.push_back(it->path().string());
    }
    if (ec) {
      return MakeProblem(fmt::format("cannot read the folder: {}", ec.message()), {},
                         Place{folder});
    }
    return files;
  }
  Result<std::vector<std::string>> Glob(const std::string& pattern) override {
    glob_t matches{};
    const int rc = ::glob(pattern.c_str(), 0, nullptr, &matches);
    std::vector<std::string> paths;
    if (rc == 0) {
      for (size_t i = 0; i < matches.gl_pathc; ++i) paths.emplace_back(matches.gl_pathv[i]);
    }
    ::globfree(&matches);
    if (rc != 0 && rc != GLOB_NOMATCH) {
      return MakeProblem("cannot read the folders of this pattern", {}, Place{pattern});
    }
    return paths;
  }
  Status CreateFolders(const std::string& path) override {
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) return MakeProblem("cannot make the folder: " + ec.message(), {}, Place{path});
    return Status::Ok();
  }
  Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) return CannotWrite(to, std::strerror(errno));
    return Status::Ok();
  }
  void Remove(const std::string& path) override { ::unlink(path.c_str()); }
};

}  // namespace

Status FileSystem::WriteAll(const std::string& path, std::string_view bytes) {
  auto writer = NewWriter(path);
  if (!writer.ok()) return writer.problem();
  Status appended = (*writer)->Append(bytes);
  if (!appended.ok()) return appended;
  return (*writer)->Commit();
}

FileSystem& RealFileSystem() {
  static PosixFileSystem files;
  return files;
}

}  // namespace csperf
