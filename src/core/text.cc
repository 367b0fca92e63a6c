#include "core/text.h"

namespace csperf {

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

int ParseYesNo(std::string_view s) {
  // The words exports write nearly always, before the rest.
  if (s == "no") return 0;
  if (s == "yes") return 1;
  s = Trim(s);
  for (std::string_view yes : {"yes", "y", "true", "1", "是"}) {
    if (EqualsIgnoreCaseAscii(s, yes)) return 1;
  }
  for (std::string_view no : {"no", "n", "false", "0", "否"}) {
    if (EqualsIgnoreCaseAscii(s, no)) return 0;
  }
  return -1;
}

}  // namespace csperf
