#include "io/profile.h"

#include <fmt/format.h>

#include "core/text.h"
#include "core/toml_file.h"

namespace csperf {
namespace {

class ProfileReader {
 public:
  explicit ProfileReader(std::string file) : file_(std::move(file)) {}

  Result<Profile> Read(const toml::table& root) {
    Profile profile;
    for (const auto& [key, node] : root) {
      std::string name(key.str());
      if (name == "name" || name == "description") {
        auto s = node.value<std::string>();
        if (!s) return Fail(node, name, "expected text");
        (name == "name" ? profile.name : profile.description) = *s;
        continue;
      }
      std::optional<Kind> kind = KindFromName(name);
      if (!kind) {
        return Fail(node, name,
                    "not a record kind (expected name, description, or one of agents, messages, "
                    "orders, ratings, cases, case_events, followups, assessments, qa_items, "
                    "incidents, attendance, work_records)");
      }
      const toml::table* table = node.as_table();
      if (!table) return Fail(node, name, "expected a table");
      auto mapping = ReadKind(*kind, *table, name);
      if (!mapping.ok()) return mapping.problem();
      profile.kinds.emplace(*kind, std::move(*mapping));
    }
    if (profile.kinds.empty()) {
      return MakeProblem("the profile maps no record kind", {}, Place{file_});
    }
    return profile;
  }

 private:
  Problem Fail(const toml::node& node, const std::string& path, std::string reason) const {
    return TomlProblem(file_, node, path, std::move(reason));
  }

  Result<std::vector<std::string>> TextList(const toml::node& node, const std::string& path) {
    std::vector<std::string> out;
    if (auto s = node.value<std::string>()) {
      out.push_back(*s);
    } else if (const toml::array* a = node.as_array()) {
      for (size_t i = 0; i < a->size(); ++i) {
        auto item = (*a)[i].value<std::string>();
        if (!item) return Fail((*a)[i], fmt::format("{}[{}]", path, i), "expected text");
        out.push_back(*item);
      }
    } else {
      return Fail(node, path, "expected text or a list of text");
    }
    return out;
  }

  Result<KindMapping> ReadKind(Kind kind, const toml::table& table, const std::string& prefix) {
    const KindSpec& spec = SpecOf(kind);
    KindMapping mapping;
    mapping.kind = kind;
    for (const auto& [key, node] : table) {
      std::string name(key.str());
      std::string path = prefix + "." + name;
      if (name == "files") {
        auto list = TextList(node, path);
        if (!list.ok()) return list.problem();
        mapping.file_patterns = *list;
      } else if (name == "columns" || name == "values" || name == "defaults") {
        const toml::table* t = node.as_table();
        if (!t) return Fail(node, path, "expected a table keyed by canonical column names");
        for (const auto& [col_key, col_node] : *t) {
          std::string column(col_key.str());
          std::string col_path = path + "." + column;
          if (ColumnIndex(spec, column) < 0) {
            return Fail(col_node, col_path,
                        fmt::format("'{}' is not a column of {}", column, spec.name));
          }
          if (name == "columns") {
            auto headers = TextList(col_node, col_path);
            if (!headers.ok()) return headers.problem();
            mapping.columns[column] = *headers;
          } else if (name == "defaults") {
            auto v = col_node.value<std::string>();
            if (!v) return Fail(col_node, col_path, "expected text");
            mapping.defaults[column] = *v;
          } else {
            const toml::table* words = col_node.as_table();
            if (!words) return Fail(col_node, col_path, "expected a table of export word = word");
            for (const auto& [word, target] : *words) {
              auto v = target.value<std::string>();
              if (!v)
                return Fail(target, col_path + "." + std::string(word.str()), "expected text");
              mapping.values[column][std::string(word.str())] = *v;
            }
          }
        }
      } else if (name == "time_format") {
        auto s = node.value<std::string>();
        if (!s) return Fail(node, path, "expected a format such as \"%Y-%m-%d %H:%M:%S\"");
        auto format = TimeFormat::Compile(*s);
        if (!format.ok()) return Fail(node, path, format.problem().reason);
        mapping.time_format = std::move(*format);
      } else if (name == "utc_offset") {
        auto s = node.value<std::string>();
        if (!s) return Fail(node, path, "expected an offset such as \"+08:00\"");
        auto offset = ParseUtcOffset(*s);
        if (!offset.ok()) return Fail(node, path, offset.problem().reason);
        mapping.utc_offset_s = *offset;
      } else {
        return Fail(node, path,
                    "unknown key (allowed: files, columns, values, defaults, time_format, "
                    "utc_offset)");
      }
    }
    return mapping;
  }

  std::string file_;
};

}  // namespace

const KindMapping* Profile::For(Kind kind) const {
  auto it = kinds.find(kind);
  return it == kinds.end() ? nullptr : &it->second;
}

Result<Profile> ParseProfile(std::string_view text, const std::string& file_name) {
  auto root = ParseToml(text, file_name);
  if (!root.ok()) return root.problem();
  return ProfileReader(file_name).Read(*root);
}

Result<Profile> LoadProfileFile(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.problem();
  return ParseProfile(*text, path);
}

bool GlobMatch(std::string_view pattern, std::string_view name) {
  // Iterative matcher with one backtrack point: linear in practice, never exponential.
  size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Result<int> ParseUtcOffset(std::string_view text) {
  std::string_view s = Trim(text);
  if (s == "Z" || s == "z" || s == "UTC") return 0;
  if (s.starts_with("UTC")) s.remove_prefix(3);
  if (s.empty() || (s[0] != '+' && s[0] != '-')) {
    return MakeProblem("expected an offset such as +08:00", std::string(text));
  }
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  int hours = 0, minutes = 0;
  std::string digits;
  for (char c : s) {
    if (c == ':') continue;
    if (c < '0' || c > '9')
      return MakeProblem("expected an offset such as +08:00", std::string(text));
    digits += c;
  }
  if (digits.size() == 1 || digits.size() == 2) {
    hours = std::stoi(digits);
  } else if (digits.size() == 4) {
    hours = std::stoi(digits.substr(0, 2));
    minutes = std::stoi(digits.substr(2));
  } else {
    return MakeProblem("expected an offset such as +08:00", std::string(text));
  }
  if (hours > 14 || minutes > 59) return MakeProblem("offset out of range", std::string(text));
  return sign * (hours * 3600 + minutes * 60);
}

}  // namespace csperf
