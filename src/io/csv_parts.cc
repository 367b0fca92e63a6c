#include "io/csv_parts.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "io/encoding.h"

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
      pos_(begin),
      reader_(text),
      first_start_(text.size()),
      stop_(text.size()) {}

namespace {

enum ByteClass : uint8_t { kPlain, kComma, kNewline, kCr, kLead, kStop };

// What each byte means to a plain line: quotes, control characters other than TAB and
// bytes that never start a UTF-8 sequence stop the fast path.
constexpr std::array<uint8_t, 256> MakeByteClasses() {
  std::array<uint8_t, 256> c{};
  for (int b = 0; b < 256; ++b) {
    if (b < 0x20 || b == 0x7F || b == '"' || (b >= 0x80 && b < 0xC2) || b > 0xF4) {
      c[b] = kStop;
    } else if (b >= 0xC2) {
      c[b] = kLead;
    } else {
      c[b] = kPlain;
    }
  }
  c['\t'] = kPlain;
  c[','] = kComma;
  c['\n'] = kNewline;
  c['\r'] = kCr;
  return c;
}
constexpr std::array<uint8_t, 256> kByteClasses = MakeByteClasses();

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHigh = 0x8080808080808080ULL;
constexpr uint64_t HasZeroByte(uint64_t x) { return (x - kOnes) & ~x & kHigh; }
constexpr uint64_t HasByte(uint64_t w, uint8_t b) { return HasZeroByte(w ^ (kOnes * b)); }

// How many of the 8 bytes at `p` are plain ASCII inside a field before the first that is
// not (a separator, a line end, a quote, a control character or a non-ASCII byte): most of
// a line (ids, times, amounts) is skipped a word at a time. The lowest flagged byte is
// exact; flags above it may be spurious, and are never looked at.
int PlainPrefix(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  const uint64_t special = (w & kHigh) | ((w - kOnes * 0x20) & ~w & kHigh) | HasByte(w, ',') |
                           HasByte(w, '"') | HasByte(w, 0x7F);
  return special == 0 ? 8 : std::countr_zero(special) / 8;
}

// The common three-byte sequences (U+1000–U+CFFF and U+E000–U+FFFF, all of CJK among them)
// need no range check on their second byte.
bool PlainThreeBytes(const unsigned char* p) {
  const unsigned char c = p[0];
  return ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && (p[1] & 0xC0) == 0x80 &&
         (p[2] & 0xC0) == 0x80;
}

}  // namespace

CsvPartReader::Line CsvPartReader::SplitPlainLine(CsvRecord* record) {
  const auto* s = reinterpret_cast<const unsigned char*>(text_.data());
  const size_t n = text_.size();
  const size_t begin = pos_;
  size_t field = begin;
  size_t i = begin;
  size_t line_end = n;
  size_t next = n;
  record->fields.clear();
  while (i < n) {
    if (i + 8 <= n) {
      const int plain = PlainPrefix(s + i);
      i += static_cast<size_t>(plain);
      if (plain == 8) continue;
    }
    // The usual bytes first, tested directly: a separator, or a run of CJK characters.
    if (s[i] == ',') {
      record->fields.push_back(text_.substr(field, i - field));
      field = ++i;
      continue;
    }
    if (i + 3 <= n && PlainThreeBytes(s + i)) {
      i += 3;
      while (i + 3 <= n && PlainThreeBytes(s + i)) i += 3;
      continue;
    }
    switch (kByteClasses[s[i]]) {
      case kPlain:
        ++i;
        continue;
      case kComma:
        record->fields.push_back(text_.substr(field, i - field));
        field = ++i;
        continue;
      case kNewline:
        line_end = i;
        next = i + 1;
        break;
      case kCr:
        if (i + 1 >= n || s[i + 1] != '\n') return Line::kNeedsReader;  // a lone CR ends a line
        line_end = i;
        next = i + 2;
        break;
      case kLead: {
        if (i + 3 <= n && PlainThreeBytes(s + i)) {
          i += 3;
          continue;
        }
        const size_t length = Utf8SequenceLength(s + i, n - i);
        if (length == 0) return Line::kNeedsReader;
        i += length;
        continue;
      }
      default:
        return Line::kNeedsReader;
    }
    break;
  }
  pos_ = next;
  if (line_end == begin) return Line::kBlank;
  record->fields.push_back(text_.substr(field, line_end - field));
  record->raw = text_.substr(begin, line_end - begin);
  record->line = 0;
  record->error.clear();
  record->error_column = 0;
  return Line::kRecord;
}

bool CsvPartReader::Next(CsvRecord* record) {
  if (done_) return false;
  Line line = Line::kBlank;
  while (line == Line::kBlank && pos_ < text_.size()) {
    const size_t at = pos_;
    line = SplitPlainLine(record);
    if (line == Line::kNeedsReader) {
      pos_ = at;
      reader_.Seek(pos_);
      if (!reader_.Next(record)) {
        line = Line::kBlank;
        pos_ = text_.size();
        break;
      }
      pos_ = reader_.offset();
      record->line = 0;
      if (record->ok() && !IsPlainUtf8(record->raw)) {
        record->error = "not plain UTF-8 text";
        record->error_column = 1;
      }
    }
  }
  if (line == Line::kBlank) {
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
