// Telling a text file's encoding without asking the user, and turning it into UTF-8.
//
// Chinese Excel saves CSV as GBK unless told otherwise, "Unicode Text" is UTF-16 with a BOM,
// and everything else is UTF-8 with or without a BOM; these are read as they are. Anything
// else is refused with a message that says what to do, rather than read as mojibake.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/problem.h"

namespace csperf {

enum class Encoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kGb18030 };

// "UTF-8", "UTF-8 (BOM)", "UTF-16LE (BOM)", "UTF-16BE (BOM)", "GB18030": shown in reports
// and stored with each imported file.
const char* EncodingName(Encoding e);

// The decoded UTF-8 text, without a BOM. UTF-8 input is not copied: text() then views the
// caller's bytes, which must outlive this. Converted input lives in `owned`; text() is a
// method (not a stored view) so that moving a DecodedText cannot leave it dangling.
struct DecodedText {
  Encoding encoding = Encoding::kUtf8;
  std::string owned;          // the converted text when conversion was needed
  std::string_view borrowed;  // the text in place when no conversion was needed
  bool uses_owned = false;

  std::string_view text() const { return uses_owned ? std::string_view(owned) : borrowed; }
};

// Tries, in this order: a BOM, strict UTF-8, strict GB18030. Refuses binary files, UTF-16
// without a BOM, text none of these decodes (most Latin-1) and text holding control
// characters other than TAB, LF and CR; the reason names what was found, where, and what
// to do. Zero bytes decode to empty UTF-8 text: the caller reports the empty file.
Result<DecodedText> DecodeToUtf8(std::string_view bytes);
// The same, telling `done_with(begin, end)` of each stretch of `bytes` it has checked when
// the text needs no conversion (UTF-8, with or without BOM), so that a mapped file's pages
// can be let go while a large file is checked (the text stays a view of `bytes`).
Result<DecodedText> DecodeToUtf8(std::string_view bytes,
                                 const std::function<void(size_t, size_t)>& done_with);

// True when `text` is strict UTF-8: no overlong forms, no surrogates, nothing above
// U+10FFFF, no truncated sequences. On false, `*first_bad_offset` (when given) is the
// offset of the first byte of the first sequence that is not valid.
bool IsStrictUtf8(std::string_view text, size_t* first_bad_offset = nullptr);

// The length of the valid UTF-8 sequence at `s` whose first byte is ≥ 0x80 (2 to 4), or 0
// when it is not valid (`left` bytes are readable).
size_t Utf8SequenceLength(const unsigned char* s, size_t left);

// True when `text` is strict UTF-8 without a single control character other than TAB, LF
// and CR: text DecodeToUtf8 would take as it is, whatever surrounds it.
bool IsPlainUtf8(std::string_view text);

}  // namespace csperf
