// Writing an export file whole or not at all: the bytes go to `<out>.partial` next to it, which
// replaces `<out>` only once complete, so a failed export never leaves half a payroll file.
#pragma once

#include <string>
#include <string_view>

#include "core/problem.h"

namespace csperf::exporting {

// Whether `path` can become the output: its folder exists and it is not itself a folder.
Status CheckOutputPath(const std::string& path);
// The temporary name the output is written under first.
std::string PartialPath(const std::string& path);
// Makes PartialPath(path) and removes it again, so a file that cannot be written is known
// (and said, with the system's reason) before a writer that opens the path itself starts.
Status CreatePartial(const std::string& path);
// Moves a complete `partial` file to `path` (removing `partial` if that fails).
Status CommitPartial(const std::string& partial, const std::string& path);
// Writes `bytes` to `path` through PartialPath and CommitPartial.
Status WriteOutputFile(const std::string& path, std::string_view bytes);

}  // namespace csperf::exporting
