// Helpers for tests: scratch folders, writing files, running the csperf binary.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace csperf::testing {

// A fresh folder under the system temp dir, removed when the object goes away.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  const std::filesystem::path& path() const { return path_; }
  std::string Write(const std::string& relative, const std::string& content) const;
  std::string operator/(const std::string& relative) const { return (path_ / relative).string(); }

 private:
  std::filesystem::path path_;
};

std::string ReadFile(const std::string& path);
std::string SourceDir();  // the project's root folder
std::string CsperfBinary();

struct RunResult {
  int exit_code = -1;
  std::string out;  // stdout and stderr together
};
// Runs the csperf binary with arguments (no shell), capturing its output.
RunResult RunCsperf(const std::vector<std::string>& args);

}  // namespace csperf::testing
