#include "core/toml_file.h"

#include <fmt/format.h>

#include "core/file_system.h"

namespace csperf {

Result<toml::table> ParseToml(std::string_view text, const std::string& file_name) {
  try {
    return toml::parse(text, file_name);
  } catch (const toml::parse_error& err) {
    Place place{file_name, static_cast<int64_t>(err.source().begin.line),
                static_cast<int>(err.source().begin.column), ""};
    return MakeProblem(fmt::format("not valid TOML: {}", err.description()), {}, place);
  }
}

Result<std::string> ReadWholeFile(const std::string& path) {
  return RealFileSystem().ReadAll(path);
}

std::optional<Micros> TomlExactDecimal(const toml::node& node) {
  std::string text;
  if (auto i = node.value_exact<int64_t>()) {
    text = std::to_string(*i);
  } else if (auto d = node.value_exact<double>()) {
    text = fmt::format("{}", *d);
  } else {
    return std::nullopt;
  }
  auto value = ParseDecimal(text);
  if (!value.ok()) return std::nullopt;
  return *value;
}

Problem TomlProblem(const std::string& file, const toml::node& node, const std::string& path,
                    std::string reason) {
  Place place{file, static_cast<int64_t>(node.source().begin.line), 0, path};
  return MakeProblem(std::move(reason), {}, std::move(place));
}

}  // namespace csperf
