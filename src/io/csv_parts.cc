#include "io/csv_parts.h"

#include <cstring>

namespace csperf {

std::vector<size_t> PartStarts(std::string_view text, size_t begin, int parts,
                               size_t min_part_bytes) {
  std::vector<size_t> starts{begin};
  if (parts <= 1 || begin >= text.size()) return starts;
  const size_t length = text.size() - begin;
  const size_t step = length / static_cast<size_t>(parts);
  if (step < min_part_bytes) return starts;
  for (int k = 1; k < parts; ++k) {
    // The first line start at or after the even cut.
    const size_t at = begin + step * static_cast<size_t>(k) - 1;
    const void* nl = std::memchr(text.data() + at, '\n', text.size() - at);
    if (nl == nullptr) break;
    const size_t start = static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;
    if (start >= text.size()) break;
    if (start > starts.back()) starts.push_back(start);
  }
  return starts;
}

CsvPartReader::CsvPartReader(std::string_view text, size_t begin, size_t end)
    : text_(text),
      end_(end),
      reader_(text.substr(begin)),
      first_start_(text.size()),
      stop_(text.size()) {}

bool CsvPartReader::Next(CsvRecord* record) {
  if (done_) return false;
  if (!reader_.Next(record)) {
    done_ = true;
    if (!started_) first_start_ = text_.size();
    stop_ = text_.size();
    return false;
  }
  const size_t start = static_cast<size_t>(record->raw.data() - text_.data());
  if (!started_) {
    started_ = true;
    first_start_ = start;
  }
  if (start >= end_) {
    done_ = true;
    stop_ = start;
    return false;
  }
  return true;
}

bool PartsAgree(const std::vector<const CsvPartReader*>& parts) {
  for (size_t k = 1; k < parts.size(); ++k) {
    if (parts[k - 1]->stop() != parts[k]->first_start()) return false;
  }
  return true;
}

}  // namespace csperf
