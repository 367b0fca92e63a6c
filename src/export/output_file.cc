#include "export/output_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/file_system.h"

namespace csperf::exporting {
namespace {

namespace fs = std::filesystem;

Problem CannotWrite(const std::string& path, const std::string& why) {
  return MakeProblem("cannot write the file: " + why, {}, Place{path});
}

}  // namespace

Status CheckOutputPath(const std::string& path) {
  if (path.empty()) return MakeProblem("no output file given");
  std::error_code ec;
  const fs::path p(path);
  if (fs::is_directory(p, ec)) {
    return CannotWrite(path, "it is a folder; give a file name such as pay_2024-01.xlsx");
  }
  const fs::path folder = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  if (!fs::is_directory(folder, ec)) {
    return CannotWrite(path, "the folder " + folder.string() + " does not exist");
  }
  return Status::Ok();
}

std::string PartialPath(const std::string& path) { return path + ".partial"; }

Status CreatePartial(const std::string& path) {
  // Made here, not through a link (core/file_system.h), and left in place for the writer.
  auto writer = RealFileSystem().NewWriter(path);
  if (!writer.ok()) return CannotWrite(path, writer.problem().reason);
  return Status::Ok();
}

Status CommitPartial(const std::string& partial, const std::string& path) {
  std::error_code ec;
  fs::rename(partial, path, ec);
  if (ec) {
    const std::string why = ec.message();
    fs::remove(partial, ec);
    return CannotWrite(path, why);
  }
  return Status::Ok();
}

Status WriteOutputFile(const std::string& path, std::string_view bytes) {
  Status usable = CheckOutputPath(path);
  if (!usable.ok()) return usable;
  return RealFileSystem().WriteAll(path, bytes);
}

}  // namespace csperf::exporting
