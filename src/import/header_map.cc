#include "import/header_map.h"

#include <fmt/format.h>

#include <set>

#include "core/text.h"

namespace csperf {
namespace {

// The header names that stand for a canonical column: the profile's, then the canonical name.
std::vector<std::string> NamesFor(const ColumnSpec& column, const KindMapping* mapping) {
  std::vector<std::string> names;
  if (mapping) {
    auto it = mapping->columns.find(std::string(column.name));
    if (it != mapping->columns.end()) names = it->second;
  }
  names.emplace_back(column.name);
  return names;
}

int FindHeader(const std::vector<std::string_view>& header, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (EqualsIgnoreCaseAscii(Trim(header[i]), Trim(name))) return static_cast<int>(i);
    }
  }
  return -1;
}

bool HasDefault(const ColumnSpec& column, const KindMapping* mapping) {
  return mapping && mapping->defaults.count(std::string(column.name));
}

}  // namespace

int CountKnownColumns(const KindSpec& spec, const std::vector<std::string_view>& header,
                      const KindMapping* mapping) {
  int known = 0;
  for (const ColumnSpec& column : spec.columns) {
    if (!column.derived && FindHeader(header, NamesFor(column, mapping)) >= 0) ++known;
  }
  return known;
}

Result<HeaderMap> MapHeader(const KindSpec& spec, const std::vector<std::string_view>& header,
                            const KindMapping* mapping, const std::string& file,
                            int64_t header_line) {
  HeaderMap map;
  map.width = header.size();
  std::vector<bool> used(header.size(), false);
  std::vector<std::string> missing;
  int known = 0;
  for (const ColumnSpec& column : spec.columns) {
    const std::vector<std::string> names = NamesFor(column, mapping);
    int index = column.derived ? -1 : FindHeader(header, names);
    if (index >= 0) {
      // The same column twice: which one holds the value is anyone's guess, so refuse.
      for (size_t i = index + 1; i < header.size(); ++i) {
        if (EqualsIgnoreCaseAscii(Trim(header[i]), Trim(header[index]))) {
          return MakeProblem(
              fmt::format("the header names the column '{}' twice (columns {} "
                          "and {})",
                          Trim(header[index]), index + 1, i + 1),
              {}, Place{file, header_line, static_cast<int>(i) + 1, std::string(column.name)});
        }
      }
    }
    map.source_index.push_back(index);
    map.source_name.emplace_back(index >= 0 ? std::string(Trim(header[index])) : std::string());
    if (index >= 0) {
      if (used[index]) {
        return MakeProblem(fmt::format("the column '{}' is mapped to two fields", header[index]),
                           {}, Place{file, header_line, index + 1, std::string(column.name)});
      }
      used[index] = true;
      ++known;
    } else if (column.required && !HasDefault(column, mapping)) {
      missing.emplace_back(column.name);
    }
  }
  std::string found;
  for (size_t i = 0; i < header.size(); ++i) {
    if (!found.empty()) found += ", ";
    found += std::string(Trim(header[i]));
  }
  if (known == 0) {
    return MakeProblem(
        fmt::format("the header names no column of {} (found: {}). If the file is not UTF-8, "
                    "GBK or UTF-16 text (for example Latin-1), save it again as UTF-8; if it "
                    "comes from a platform export, import it with its --profile",
                    spec.name, ShortenForReport(found, 200)),
        {}, Place{file, header_line});
  }
  if (!missing.empty()) {
    std::string list;
    for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
    return MakeProblem(fmt::format("required column(s) missing for {}: {} (found: {})", spec.name,
                                   list, ShortenForReport(found, 200)),
                       {}, Place{file, header_line});
  }
  // Unknown columns are kept under their names; an empty or repeated name gets its column
  // number so no value overwrites another.
  std::set<std::string> taken;
  for (size_t i = 0; i < header.size(); ++i) {
    if (used[i]) continue;
    std::string name(Trim(header[i]));
    if (name.empty() || !taken.insert(name).second) {
      name = fmt::format("{} (column {})", name.empty() ? "unnamed" : name, i + 1);
      taken.insert(name);
    }
    map.extra_index.push_back(static_cast<int>(i));
    map.extra_name.push_back(std::move(name));
  }
  return map;
}

}  // namespace csperf
