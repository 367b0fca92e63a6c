#include "io/encoding.h"

#include <fmt/format.h>
#include <simdjson.h>
#include <unicode/ucnv.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace csperf {

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighBits = 0x8080808080808080ULL;

// memcpy rather than a cast: the input has no alignment and the compiler makes it one load.
uint64_t LoadWord(const unsigned char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return w;
}

// Whether some byte of `w` is below `n` (n <= 128). Exact as a yes/no, which is all we use.
constexpr uint64_t AnyByteBelow(uint64_t w, uint64_t n) { return (w - kOnes * n) & ~w & kHighBits; }

bool IsControl(unsigned char c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
}

// Offset of the first control character other than TAB, LF and CR, if any. Runs over every
// decoded file: sixteen bytes at a time where the processor has SSE2, a byte at a time for
// the rest.
std::optional<size_t> FindControl(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
#if defined(__SSE2__)
  const __m128i top = _mm_set1_epi8(static_cast<char>(0x80));
  // Bytes below 0x20, as a signed compare of the bytes moved down by 0x80.
  const __m128i below = _mm_set1_epi8(static_cast<char>(0x20 ^ 0x80));
  for (; i + 16 <= n; i += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i low = _mm_cmplt_epi8(_mm_xor_si128(x, top), below);
    const __m128i allowed = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\t')),
                                                      _mm_cmpeq_epi8(x, _mm_set1_epi8('\n'))),
                                         _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')));
    const __m128i bad =
        _mm_or_si128(_mm_andnot_si128(allowed, low), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)));
    if (const int mask = _mm_movemask_epi8(bad))
      return i + static_cast<size_t>(__builtin_ctz(mask));
  }
#endif
  for (; i < n; ++i) {
    if (IsControl(s[i])) return i;
  }
  return std::nullopt;
}

// 1-based line of `offset` in text whose line feeds are the byte 0x0A: UTF-8 and GB18030
// (whose multi-byte sequences never contain 0x0A).
int64_t LineOfByte(std::string_view bytes, size_t offset) {
  offset = std::min(offset, bytes.size());
  return 1 + std::count(bytes.begin(), bytes.begin() + offset, '\n');
}

// 1-based line of byte `offset` in UTF-16 text, counting the code units U+000A before it.
int64_t LineOfUtf16Byte(std::string_view body, size_t offset, bool little_endian) {
  int64_t line = 1;
  for (size_t i = 0; i + 1 < offset && i + 1 < body.size(); i += 2) {
    const char lo = little_endian ? body[i] : body[i + 1];
    const char hi = little_endian ? body[i + 1] : body[i];
    if (lo == '\n' && hi == 0) ++line;
  }
  return line;
}

unsigned ByteAt(std::string_view bytes, size_t offset) {
  return static_cast<unsigned char>(bytes[offset]);
}

// Writes well-formed UTF-16 (as ICU produces it) to `out` as UTF-8; returns the new end.
// `out` must have room for 3 bytes per unit.
char* WriteUtf16AsUtf8(const UChar* units, size_t count, char* out) {
  for (size_t i = 0; i < count; ++i) {
    uint32_t c = units[i];
    if (c < 0x80) {
      *out++ = static_cast<char>(c);
      continue;
    }
    if (U16_IS_LEAD(c) && i + 1 < count && U16_IS_TRAIL(units[i + 1])) {
      c = U16_GET_SUPPLEMENTARY(c, units[i + 1]);
      ++i;
    }
    if (c < 0x800) {
      *out++ = static_cast<char>(0xC0 | (c >> 6));
    } else if (c < 0x10000) {
      *out++ = static_cast<char>(0xE0 | (c >> 12));
      *out++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    } else {
      *out++ = static_cast<char>(0xF0 | (c >> 18));
      *out++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      *out++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    }
    *out++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

struct Conversion {
  std::string text;  // UTF-8
  bool ok = false;
  size_t bad_offset = 0;  // when !ok: the first byte of what the converter could not map
};

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts `bytes` to UTF-8 with ICU's converter `name`, stopping at the first illegal,
// unmapped or truncated sequence: substituting U+FFFD would hide a wrong guess of encoding.
Result<Conversion> ConvertToUtf8(const char* name, std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> converter(ucnv_open(name, &status));
  if (U_FAILURE(status)) {
    return MakeProblem(
        fmt::format("cannot decode {}: ICU has no such converter ({})", name, u_errorName(status)));
  }
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  if (U_FAILURE(status)) {
    return MakeProblem(fmt::format("cannot decode {}: {}", name, u_errorName(status)));
  }

  Conversion result;
  // No encoding read here takes more than 1.5 UTF-8 bytes per input byte.
  result.text.reserve(bytes.size() + bytes.size() / 2);
  constexpr size_t kChunk = size_t{8} * 1024;  // small: this may run on a worker thread's stack
  UChar units[kChunk];
  char utf8[kChunk * 3];
  size_t carried = 0;  // a lead surrogate held back until its trail arrives
  const char* source = bytes.data();
  const char* const end = bytes.data() + bytes.size();
  while (true) {
    UChar* target = units + carried;
    status = U_ZERO_ERROR;
    ucnv_toUnicode(converter.get(), &target, units + kChunk, &source, end, nullptr,
                   /*flush=*/true, &status);
    size_t count = static_cast<size_t>(target - units);
    carried = 0;
    if (status == U_BUFFER_OVERFLOW_ERROR && count > 0 && U16_IS_LEAD(units[count - 1])) {
      carried = 1;
      --count;
    }
    result.text.append(utf8, WriteUtf16AsUtf8(units, count, utf8));
    if (carried) units[0] = units[count];
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_SUCCESS(status)) break;
    // With the STOP callback the source has moved past the bytes it refused.
    char invalid[32];
    int8_t invalid_length = sizeof invalid;
    UErrorCode ignored = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter.get(), invalid, &invalid_length, &ignored);
    if (U_FAILURE(ignored)) invalid_length = 0;
    const size_t consumed = static_cast<size_t>(source - bytes.data());
    result.bad_offset = consumed - std::min<size_t>(consumed, invalid_length);
    return result;
  }
  result.ok = true;
  return result;
}

Problem BinaryProblem(std::string_view what) {
  return MakeProblem(fmt::format("the file is binary ({}), not a CSV text file", what));
}

// Refuses text holding NUL bytes, or control characters at a density no text has: a
// binary file that happened to decode. A few stray ones (a vertical tab pasted into a chat)
// are text and stay in their fields.
std::optional<Problem> CheckNoControls(std::string_view text) {
  std::optional<size_t> first = FindControl(text);
  if (!first) return std::nullopt;
  size_t count = 0;
  std::optional<size_t> first_nul;
  for (std::optional<size_t> at = first; at;) {
    ++count;
    if (ByteAt(text, *at) == 0 && !first_nul) first_nul = at;
    std::optional<size_t> next = FindControl(text.substr(*at + 1));
    at = next ? std::optional<size_t>(*at + 1 + *next) : std::nullopt;
  }
  if (first_nul) {
    return BinaryProblem(
        fmt::format("it holds NUL bytes, the first at line {}", LineOfByte(text, *first_nul)));
  }
  if (count * 100 < text.size()) return std::nullopt;
  const unsigned c = ByteAt(text, *first);
  return BinaryProblem(fmt::format("it holds control characters such as 0x{:02X} at line {}", c,
                                   LineOfByte(text, *first)));
}

Result<DecodedText> Accept(DecodedText decoded) {
  if (std::optional<Problem> problem = CheckNoControls(decoded.text())) return *problem;
  return decoded;
}

Result<DecodedText> DecodeUtf16(std::string_view bytes, bool little_endian) {
  const Encoding encoding = little_endian ? Encoding::kUtf16Le : Encoding::kUtf16Be;
  const std::string_view body = bytes.substr(2);
  auto converted = ConvertToUtf8(little_endian ? "UTF-16LE" : "UTF-16BE", body);
  if (!converted.ok()) return converted.problem();
  if (!converted->ok) {
    const size_t offset = converted->bad_offset;
    const int64_t line = LineOfUtf16Byte(body, offset, little_endian);
    std::string what;
    if (offset + 2 > body.size()) {
      what = fmt::format("it ends in the middle of a character, at line {}", line);
    } else {
      const unsigned unit = little_endian ? ByteAt(body, offset) | ByteAt(body, offset + 1) << 8
                                          : ByteAt(body, offset) << 8 | ByteAt(body, offset + 1);
      what = fmt::format("an unpaired surrogate 0x{:04X} at line {}", unit, line);
    }
    return MakeProblem(fmt::format(
        "the file starts with a {} byte-order mark but is not valid UTF-16 ({}); save it "
        "again as UTF-8",
        little_endian ? "UTF-16LE" : "UTF-16BE", what));
  }
  DecodedText decoded;
  decoded.encoding = encoding;
  decoded.owned = std::move(converted->text);
  decoded.uses_owned = true;
  return Accept(std::move(decoded));
}

// A NUL byte means binary or UTF-16 without a BOM. In UTF-16 the NULs are the high halves
// of ASCII characters (digits, separators, line ends, all common in a CSV), so they sit
// almost all at odd offsets (LE) or even offsets (BE); binary data puts them anywhere.
Problem RefuseNulBytes(std::string_view bytes, size_t first_nul) {
  if (bytes.starts_with("PK\x03\x04")) {
    return MakeProblem(
        "the file is an Excel workbook (.xlsx) or another ZIP archive, not a CSV text file; in "
        "Excel use Save As 'CSV UTF-8' and import that");
  }
  if (bytes.starts_with("\xD0\xCF\x11\xE0")) {
    return MakeProblem(
        "the file is an old Excel workbook (.xls) or another Office file, not a CSV text file; "
        "in Excel use Save As 'CSV UTF-8' and import that");
  }
  size_t at_even = 0;
  size_t at_odd = 0;
  for (size_t i = first_nul; i < bytes.size(); ++i) {
    if (bytes[i] == '\0') ++((i & 1) ? at_odd : at_even);
  }
  const size_t total = at_even + at_odd;
  const size_t most = std::max(at_even, at_odd);
  const size_t units = bytes.size() / 2;
  // At least 90% on one side, and frequent enough (one unit in 50) that a stray NUL in a
  // text file is not taken for UTF-16.
  if (total >= 2 && most * 10 >= total * 9 && most * 50 >= units) {
    return MakeProblem(fmt::format(
        "the file looks like {} without a byte-order mark; save it again as UTF-8 or as "
        "UTF-16 with BOM (Excel: 'Unicode Text')",
        at_odd > at_even ? "UTF-16LE" : "UTF-16BE"));
  }
  return BinaryProblem("it holds NUL bytes");
}

}  // namespace

const char* EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kUtf8:
      return "UTF-8";
    case Encoding::kUtf8Bom:
      return "UTF-8 (BOM)";
    case Encoding::kUtf16Le:
      return "UTF-16LE (BOM)";
    case Encoding::kUtf16Be:
      return "UTF-16BE (BOM)";
    case Encoding::kGb18030:
      return "GB18030";
  }
  return "unknown";
}

// The ranges of the second byte are what rule out overlongs (E0, F0), surrogates (ED) and
// code points above U+10FFFF (F4); C0, C1 and F5..FF never start a sequence.
size_t Utf8SequenceLength(const unsigned char* s, size_t left) {
  const unsigned char c = s[0];
  size_t length;
  unsigned char low = 0x80;
  unsigned char high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (left < length) return 0;
  if (s[1] < low || s[1] > high) return 0;
  for (size_t k = 2; k < length; ++k) {
    if ((s[k] & 0xC0) != 0x80) return 0;
  }
  return length;
}

bool IsStrictUtf8(std::string_view text, size_t* first_bad_offset) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Exports are mostly ASCII (ids, times, amounts, separators): skip it a word at a time.
    while (i + 8 <= n && (LoadWord(s + i) & kHighBits) == 0) i += 8;
    if (i >= n) break;
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(s + i, n - i);
    if (length == 0) {
      if (first_bad_offset != nullptr) *first_bad_offset = i;
      return false;
    }
    i += length;
  }
  return true;
}

// One pass for both checks: the direct reader runs it over every byte of the largest files.
bool IsPlainUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    for (; i + 8 <= n; i += 8) {
      const uint64_t w = LoadWord(s + i);
      if (((w & kHighBits) | AnyByteBelow(w, 0x20) | AnyByteBelow(w ^ (kOnes * 0x7F), 1)) != 0) {
        break;
      }
    }
    if (i >= n) break;
    const unsigned char c = s[i];
    if (c < 0x80) {
      if (IsControl(c)) return false;
      ++i;
      continue;
    }
    const size_t length = Utf8SequenceLength(s + i, n - i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes) {
  DecodedText decoded;
  if (bytes.empty()) return decoded;  // also keeps a null data() away from memchr
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    const std::string_view body = bytes.substr(3);
    size_t bad = 0;
    if (!IsStrictUtf8(body, &bad)) {
      return MakeProblem(fmt::format(
          "the file starts with a UTF-8 byte-order mark but is not valid UTF-8 (byte 0x{:02X} "
          "at line {} cannot be decoded); save it again as UTF-8",
          ByteAt(body, bad), LineOfByte(body, bad)));
    }
    decoded.encoding = Encoding::kUtf8Bom;
    decoded.borrowed = body;
    return Accept(std::move(decoded));
  }
  if (bytes.starts_with(std::string_view("\xFF\xFE\0\0", 4)) ||
      bytes.starts_with(std::string_view("\0\0\xFE\xFF", 4))) {
    return MakeProblem(
        "the file starts with a UTF-32 byte-order mark; UTF-32 is not read: save it again as "
        "UTF-8 or as UTF-16 with BOM (Excel: 'Unicode Text')");
  }
  if (bytes.starts_with("\xFF\xFE")) return DecodeUtf16(bytes, /*little_endian=*/true);
  if (bytes.starts_with("\xFE\xFF")) return DecodeUtf16(bytes, /*little_endian=*/false);

  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    return RefuseNulBytes(bytes, static_cast<size_t>(static_cast<const char*>(nul) - bytes.data()));
  }
  size_t utf8_bad = 0;
  if (IsStrictUtf8(bytes, &utf8_bad)) {
    decoded.encoding = Encoding::kUtf8;
    decoded.borrowed = bytes;
    return Accept(std::move(decoded));
  }
  auto converted = ConvertToUtf8("GB18030", bytes);
  if (!converted.ok()) return converted.problem();
  if (converted->ok) {
    decoded.encoding = Encoding::kGb18030;
    decoded.owned = std::move(converted->text);
    decoded.uses_owned = true;
    return Accept(std::move(decoded));
  }
  // Name both failures when they differ: the first is where a UTF-8 reader would stop, the
  // second shows where a file that is mostly GBK is broken.
  const size_t gb_bad = std::min(converted->bad_offset, bytes.size() - 1);
  std::string where;
  if (gb_bad == utf8_bad) {
    where = fmt::format("byte 0x{:02X} at line {} cannot be decoded", ByteAt(bytes, utf8_bad),
                        LineOfByte(bytes, utf8_bad));
  } else {
    where = fmt::format(
        "byte 0x{:02X} at line {} is not UTF-8, byte 0x{:02X} at line {} is "
        "not GB18030",
        ByteAt(bytes, utf8_bad), LineOfByte(bytes, utf8_bad), ByteAt(bytes, gb_bad),
        LineOfByte(bytes, gb_bad));
  }
  return MakeProblem(fmt::format(
      "the file is neither UTF-8 nor GBK/GB18030 text ({}); it may be Latin-1 or another "
      "encoding: save it again as UTF-8 (Excel: 'CSV UTF-8')",
      where));
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes,
                                 const std::function<void(size_t, size_t)>& done_with) {
  // Windows cut after a line feed, which is never inside a UTF-8 sequence: a text that is
  // strict UTF-8 without a control character in every window is one in the whole. Anything
  // else is decided (and explained) by the whole-text path.
  constexpr size_t kWindow = size_t{32} << 20;
  const bool bom = bytes.starts_with("\xEF\xBB\xBF");
  if (bytes.empty() || (!bom && (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") ||
                                 bytes.starts_with(std::string_view("\0\0\xFE\xFF", 4))))) {
    return DecodeToUtf8(bytes);
  }
  const size_t body = bom ? 3 : 0;
  for (size_t begin = body; begin < bytes.size();) {
    size_t end = std::min(bytes.size(), begin + kWindow);
    if (end < bytes.size()) {
      const void* lf = std::memchr(bytes.data() + end, '\n', bytes.size() - end);
      end = lf == nullptr ? bytes.size()
                          : static_cast<size_t>(static_cast<const char*>(lf) - bytes.data()) + 1;
    }
    const std::string_view window = bytes.substr(begin, end - begin);
    // simdjson's validator (strict UTF-8, as IsStrictUtf8) a window at a time: the whole-text
    // path finds where a bad byte is.
    if (std::memchr(window.data(), '\0', window.size()) != nullptr ||
        !simdjson::validate_utf8(window.data(), window.size()) || FindControl(window)) {
      return DecodeToUtf8(bytes);
    }
    done_with(begin, end);
    begin = end;
  }
  DecodedText decoded;
  decoded.encoding = bom ? Encoding::kUtf8Bom : Encoding::kUtf8;
  decoded.borrowed = bytes.substr(body);
  return decoded;
}

}  // namespace csperf
