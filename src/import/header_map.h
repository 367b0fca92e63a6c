// Matching a file's header row to the canonical columns of its kind, through a profile.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/problem.h"
#include "domain/kinds.h"
#include "io/profile.h"

namespace csperf {

struct HeaderMap {
  std::vector<int> source_index;         // per canonical column: its index in the file, or -1
  std::vector<std::string> source_name;  // per canonical column: the header text found
  std::vector<int> extra_index;          // columns the kind does not know: kept aside
  std::vector<std::string> extra_name;
  size_t width = 0;  // number of header fields
};

// Refuses a header that lacks a required column (and has no default for it in the
// profile), names the same column twice, or names no column of the kind at all.
Result<HeaderMap> MapHeader(const KindSpec& spec, const std::vector<std::string_view>& header,
                            const KindMapping* mapping, const std::string& file,
                            int64_t header_line = 1);

// How many of the kind's columns a header names (used to recognise a file's kind).
int CountKnownColumns(const KindSpec& spec, const std::vector<std::string_view>& header,
                      const KindMapping* mapping);

}  // namespace csperf
