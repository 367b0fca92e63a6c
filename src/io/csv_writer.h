// Writing CSV: quoting only where RFC 4180 needs it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace csperf {

std::string CsvEscape(std::string_view field);
std::string CsvLine(const std::vector<std::string>& fields);  // without the line end

}  // namespace csperf
