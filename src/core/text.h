// Small text helpers shared by the readers.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace csperf {

std::string_view Trim(std::string_view s);
std::string ToLowerAscii(std::string_view s);
bool EqualsIgnoreCaseAscii(std::string_view a, std::string_view b);
std::vector<std::string_view> Split(std::string_view s, char separator);
// Parses yes/no words (yes/no, y/n, true/false, 1/0, 是/否); returns -1 when not one of them.
int ParseYesNo(std::string_view s);

}  // namespace csperf
