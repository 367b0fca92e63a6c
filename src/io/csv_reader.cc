#include "io/csv_reader.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace csperf {
namespace {

// The first comma, LF or CR at or after `pos`: sixteen bytes at a time where the processor
// has SSE2 (a field is a few bytes: one load often finds its end).
size_t FieldEnd(const char* data, size_t pos, size_t n) {
#if defined(__SSE2__)
  for (; pos + 16 <= n; pos += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos));
    const __m128i stop = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
        _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')));
    if (const int mask = _mm_movemask_epi8(stop))
      return pos + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  while (pos < n && data[pos] != ',' && data[pos] != '\n' && data[pos] != '\r') ++pos;
  return pos;
}

}  // namespace

// 2 for CRLF, 1 for LF or a lone CR (old Mac files), 0 elsewhere.
size_t CsvReader::LineEndLength(size_t pos) const {
  if (pos >= text_.size()) return 0;
  if (text_[pos] == '\n') return 1;
  if (text_[pos] != '\r') return 0;
  return pos + 1 < text_.size() && text_[pos + 1] == '\n' ? 2 : 1;
}

std::string_view CsvReader::RawSlice(size_t begin, size_t end) const {
  std::string_view raw = text_.substr(begin, end - begin);
  if (!raw.empty() && raw.back() == '\n') raw.remove_suffix(1);
  if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
  return raw;
}

bool CsvReader::Next(CsvRecord* record) {
  // Skip blank lines so a trailing newline or an empty line between records never becomes
  // a record of one empty field.
  while (size_t end = LineEndLength(pos_)) {
    pos_ += end;
    ++line_;
  }
  if (pos_ >= text_.size()) return false;

  record->line = line_;
  const size_t record_begin = pos_;
  record->error.clear();
  record->error_column = 0;
  record->fields.clear();
  spans_.clear();  // the fields unescaped into scratch_, set once scratch_ stops moving
  scratch_.clear();

  const char* data = text_.data();
  const size_t n = text_.size();
  bool end_of_record = false;
  while (!end_of_record) {
    const int column = static_cast<int>(record->fields.size()) + 1;
    if (pos_ < n && data[pos_] == '"') {
      // Quoted field: runs to the closing quote; "" is one quote.
      const int64_t opened_at = line_;
      ++pos_;
      size_t begin = pos_;
      bool escaped = false;
      size_t scratch_begin = scratch_.size();
      bool closed = false;
      while (pos_ < n) {
        const char* q = static_cast<const char*>(std::memchr(data + pos_, '"', n - pos_));
        size_t stop = q ? static_cast<size_t>(q - data) : n;
        for (size_t p = pos_; p < stop; ++p) {
          line_ += data[p] == '\n' || (data[p] == '\r' && (p + 1 >= n || data[p + 1] != '\n'));
        }
        if (!q) {
          pos_ = n;
          break;
        }
        if (stop + 1 < n && data[stop + 1] == '"') {
          if (!escaped) {
            scratch_.append(data + begin, stop - begin);
            escaped = true;
          } else {
            scratch_.append(data + pos_, stop - pos_);
          }
          scratch_ += '"';
          pos_ = stop + 2;
          continue;
        }
        if (escaped) scratch_.append(data + pos_, stop - pos_);
        pos_ = stop + 1;
        closed = true;
        if (escaped) {
          spans_.push_back({record->fields.size(), scratch_begin, scratch_.size() - scratch_begin});
          record->fields.emplace_back();
        } else {
          record->fields.push_back(text_.substr(begin, stop - begin));
        }
        break;
      }
      if (!closed) {
        record->error = "a quoted field opened on line " + std::to_string(opened_at) +
                        " is never closed (a missing closing quote swallows the rest of the file)";
        record->error_column = column;
        record->raw = RawSlice(record_begin, pos_);
        return true;
      }
      // After a closing quote only a separator or the end of the line may follow.
      if (pos_ >= n) {
        end_of_record = true;
      } else if (data[pos_] == ',') {
        ++pos_;
      } else if (size_t end = LineEndLength(pos_)) {
        pos_ += end;
        ++line_;
        end_of_record = true;
      } else {
        record->error =
            "text after a closing quote (a quote inside a quoted field must be doubled)";
        record->error_column = column;
        const char* nl = static_cast<const char*>(std::memchr(data + pos_, '\n', n - pos_));
        pos_ = nl ? static_cast<size_t>(nl - data) + 1 : n;
        if (nl) ++line_;
        record->raw = RawSlice(record_begin, pos_);
        return true;
      }
      continue;
    }
    // Unquoted field: up to the next comma or line end.
    const size_t begin = pos_;
    pos_ = FieldEnd(data, pos_, n);
    record->fields.push_back(text_.substr(begin, pos_ - begin));
    if (pos_ < n && data[pos_] == ',') {
      ++pos_;
      // A trailing comma at the end of the text still ends with an empty last field.
      if (pos_ >= n) {
        record->fields.push_back(text_.substr(pos_, 0));
        end_of_record = true;
      }
    } else {
      if (pos_ < n) {
        pos_ += LineEndLength(pos_);
        ++line_;
      }
      end_of_record = true;
    }
  }
  record->raw = RawSlice(record_begin, pos_);
  for (const Span& s : spans_)
    record->fields[s.field] = std::string_view(scratch_).substr(s.begin, s.size);
  return true;
}

}  // namespace csperf
