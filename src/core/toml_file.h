// Reading the project's TOML files (settings, mapping profiles, QA forms, templates) with
// problems that name the file, the line and the key path.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/money.h"
#include "core/problem.h"

namespace csperf {

Result<toml::table> ParseToml(std::string_view text, const std::string& file_name);
Result<std::string> ReadWholeFile(const std::string& path);

// A TOML number as an exact decimal (millionths): a float is read back through its shortest
// decimal form, so 0.6 means exactly six tenths. Empty for a non-number or more than six
// decimal places.
std::optional<Micros> TomlExactDecimal(const toml::node& node);

// A problem at a node of a TOML document: the node's line and the key path.
Problem TomlProblem(const std::string& file, const toml::node& node, const std::string& path,
                    std::string reason);

}  // namespace csperf
