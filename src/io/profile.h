// Mapping profiles: how a platform's export (Chinese headers, its own words, its own time
// format and zone) maps onto the canonical record kinds. A profile is a small TOML file a
// user can write without touching code; docs/profiles.md describes the format.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/problem.h"
#include "core/time_parse.h"
#include "domain/kinds.h"

namespace csperf {

struct KindMapping {
  Kind kind = Kind::kAgents;
  std::vector<std::string> file_patterns;  // glob patterns on the file name ("*聊天*.csv")
  // canonical column → the export's header names for it (first match wins)
  std::map<std::string, std::vector<std::string>> columns;
  // canonical column → export word → canonical word
  std::map<std::string, std::map<std::string, std::string>> values;
  // canonical column → value used when the export has no such column or the cell is empty
  std::map<std::string, std::string> defaults;
  std::optional<TimeFormat> time_format;
  std::optional<int> utc_offset_s;  // the zone the export was written in
};

struct Profile {
  std::string name;
  std::string description;
  std::map<Kind, KindMapping> kinds;

  const KindMapping* For(Kind kind) const;
};

Result<Profile> ParseProfile(std::string_view text, const std::string& file_name);
Result<Profile> LoadProfileFile(const std::string& path);

// Matches a file name against a glob pattern with * and ? (bytes; UTF-8 safe for literals).
bool GlobMatch(std::string_view pattern, std::string_view name);

// "+08:00", "-0530", "+8", "Z" → seconds east of UTC.
Result<int> ParseUtcOffset(std::string_view text);

}  // namespace csperf
