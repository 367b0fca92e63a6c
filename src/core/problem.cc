#include "core/problem.h"

#include <fmt/format.h>

namespace csperf {

Problem MakeProblem(std::string reason, std::string value, Place place) {
  return Problem{std::move(place), std::move(value), std::move(reason)};
}

Problem MakeProblem(ProblemCode code, std::string reason, std::string value, Place place) {
  return Problem{std::move(place), std::move(value), std::move(reason), code};
}

const char* ProblemCodeName(ProblemCode code) {
  switch (code) {
    case ProblemCode::kBadInput:
      return "bad_input";
    case ProblemCode::kNotFound:
      return "not_found";
    case ProblemCode::kForbidden:
      return "forbidden";
    case ProblemCode::kConflict:
      return "conflict";
    case ProblemCode::kWrongState:
      return "wrong_state";
    case ProblemCode::kTooLarge:
      return "too_large";
    case ProblemCode::kUnavailable:
      return "unavailable";
  }
  return "bad_input";
}

std::string Problem::ToString() const {
  std::string out;
  if (!place.file.empty()) {
    out += place.file;
    if (place.line > 0) out += fmt::format(":{}", place.line);
    if (place.column > 0) out += fmt::format(":{}", place.column);
  }
  if (!place.field.empty()) {
    out += out.empty() ? place.field : fmt::format(" ({})", place.field);
  }
  if (!value.empty()) out += fmt::format(" '{}'", ShortenForReport(value));
  if (!out.empty()) out += ": ";
  out += reason;
  return out;
}

std::string ShortenForReport(std::string_view value, size_t max_bytes) {
  if (value.size() <= max_bytes) return std::string(value);
  size_t cut = max_bytes;
  // Step back to the start of a UTF-8 sequence so the shortened text stays valid.
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "…";
}

}  // namespace csperf
