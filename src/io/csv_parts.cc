#include "io/csv_parts.h"

#include <simdjson.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "io/encoding.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

size_t CountLineFeeds(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t count = 0;
  size_t i = 0;
#if defined(__SSE2__)
  // Sixteen byte-wide counters (a match is -1, so subtracting it adds one), summed before
  // any of them can overflow.
  const __m128i line_feed = _mm_set1_epi8('\n');
  const __m128i zero = _mm_setzero_si128();
  auto sum = [&](__m128i counters) {
    const __m128i sums = _mm_sad_epu8(counters, zero);
    return static_cast<size_t>(_mm_cvtsi128_si64(sums)) +
           static_cast<size_t>(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
  };
  __m128i counters = zero;
  int rounds = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(x, line_feed));
    if (++rounds == 255) {
      count += sum(counters);
      counters = zero;
      rounds = 0;
    }
  }
  count += sum(counters);
#endif
  for (; i < n; ++i) count += s[i] == '\n';
  return count;
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

constexpr size_t kBlockBytes = 64;
// Big enough to amortise the validator's setup, small enough that the lines are still in
// the cache when they are split.
constexpr size_t kWindowBytes = 128 << 10;

}  // namespace

const CsvPartReader::Block& CsvPartReader::BlockAt(size_t at) {
  if (!block_.valid || at < block_.at || at >= block_.at + kBlockBytes) {
    static_cast<ByteMasks&>(block_) =
        MaskBlock(reinterpret_cast<const unsigned char*>(text_.data()) + at);
    block_.at = at;
    block_.valid = true;
  }
  return block_;
}

void CsvPartReader::CheckNextWindow() {
  const size_t n = text_.size();
  const size_t from = pos_;
  size_t to = std::min(n, from + kWindowBytes);
  if (to < n) {
    // Whole lines: up to the last line end inside, or the first one after a longer line.
    const void* last = memrchr(text_.data() + from, '\n', to - from);
    if (last != nullptr) {
      to = static_cast<size_t>(static_cast<const char*>(last) - text_.data()) + 1;
    } else {
      const void* next = std::memchr(text_.data() + to, '\n', n - to);
      to = next == nullptr ? n
                           : static_cast<size_t>(static_cast<const char*>(next) - text_.data()) + 1;
    }
  }
  window_end_ = to;
  // A line feed is never inside a UTF-8 sequence, so whole lines can be checked apart.
  if (simdjson::validate_utf8(text_.data() + from, to - from)) {
    checked_begin_ = from;
    checked_end_ = to;
  } else {
    checked_begin_ = checked_end_ = 0;
  }
}

CsvPartReader::Line CsvPartReader::SplitPlainLine(CsvRecord* record) {
  if (pos_ >= window_end_) CheckNextWindow();
  if (pos_ < checked_begin_ || pos_ >= checked_end_) return SplitCheckedLine(record);
  // Every byte of the line is known to be UTF-8 (its line feed lies inside the window):
  // only the separators and the stops are looked at, a block of 64 bytes at a time.
  const size_t n = text_.size();
  const size_t begin = pos_;
  size_t field = begin;
  size_t scan = begin;
  size_t carriage_return = n;  // a CR right before the line feed ends the line there
  record->fields.clear();
  for (;;) {
    if (scan + kBlockBytes > n &&
        !(block_.valid && scan >= block_.at && scan < block_.at + kBlockBytes)) {
      return SplitCheckedLine(record);  // the last bytes of the text
    }
    const Block& b = BlockAt(scan);
    uint64_t bits = (b.commas | b.newlines | b.stops) & (~uint64_t{0} << (scan - b.at));
    while (bits != 0) {
      const int j = std::countr_zero(bits);
      const uint64_t bit = uint64_t{1} << j;
      const size_t at = b.at + static_cast<size_t>(j);
      bits &= bits - 1;
      if ((b.commas & bit) != 0) {
        record->fields.push_back(text_.substr(field, at - field));
        field = at + 1;
      } else if ((b.newlines & bit) != 0) {
        const size_t line_end = carriage_return + 1 == at ? carriage_return : at;
        return FinishLine(begin, field, line_end, at + 1, record);
      } else if (text_[at] == '\r' && at + 1 < n && text_[at + 1] == '\n') {
        carriage_return = at;
      } else {
        return SplitCheckedLine(record);  // a quote or a control character: not plain
      }
    }
    scan = b.at + kBlockBytes;
  }
}

CsvPartReader::Line CsvPartReader::SplitCheckedLine(CsvRecord* record) {
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
  return FinishLine(begin, field, line_end, next, record);
}

CsvPartReader::Line CsvPartReader::FinishLine(size_t begin, size_t field, size_t line_end,
                                              size_t next, CsvRecord* record) {
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
