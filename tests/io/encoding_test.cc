#include "io/encoding.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>

namespace csperf {
namespace {

using std::string_literals::operator""s;

// The bytes of `text` in UTF-16, with or without a byte-order mark.
std::string Utf16Bytes(std::u16string_view text, bool little_endian, bool bom = true) {
  std::string out;
  auto put = [&](char16_t unit) {
    const char lo = static_cast<char>(unit & 0xFF);
    const char hi = static_cast<char>(unit >> 8);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  };
  if (bom) put(0xFEFF);
  for (char16_t unit : text) put(unit);
  return out;
}

std::string Utf8Of(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

bool PointsInto(std::string_view inner, std::string_view outer) {
  return inner.data() >= outer.data() && inner.data() + inner.size() <= outer.data() + outer.size();
}

std::string Reason(std::string_view bytes) {
  auto decoded = DecodeToUtf8(bytes);
  if (decoded.ok()) return "(accepted as " + std::string(EncodingName(decoded->encoding)) + ")";
  return decoded.problem().reason;
}

// ---- What is accepted ----

TEST(Encoding, NamesEveryEncoding) {
  EXPECT_STREQ(EncodingName(Encoding::kUtf8), "UTF-8");
  EXPECT_STREQ(EncodingName(Encoding::kUtf8Bom), "UTF-8 (BOM)");
  EXPECT_STREQ(EncodingName(Encoding::kUtf16Le), "UTF-16LE (BOM)");
  EXPECT_STREQ(EncodingName(Encoding::kUtf16Be), "UTF-16BE (BOM)");
  EXPECT_STREQ(EncodingName(Encoding::kGb18030), "GB18030");
}

TEST(Encoding, EmptyInputIsEmptyUtf8) {
  auto decoded = DecodeToUtf8(std::string_view());
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->encoding, Encoding::kUtf8);
  EXPECT_TRUE(decoded->text().empty());
}

TEST(Encoding, AsciiIsUtf8AndNotCopied) {
  const std::string bytes = "id,sent_at,text\r\n1,2024-01-01 09:00,\"hello\"\n\tx\n";
  auto decoded = DecodeToUtf8(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_EQ(decoded->encoding, Encoding::kUtf8);
  EXPECT_EQ(decoded->text(), bytes);
  EXPECT_EQ(decoded->text().data(), bytes.data());
  EXPECT_TRUE(decoded->owned.empty());
}

TEST(Encoding, Utf8WithoutBomIsAViewOfTheInput) {
  const std::string bytes = "客服,消息\n小王,你好😀\n";
  auto decoded = DecodeToUtf8(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_EQ(decoded->encoding, Encoding::kUtf8);
  EXPECT_EQ(decoded->text(), bytes);
  EXPECT_EQ(decoded->text().data(), bytes.data());
}

TEST(Encoding, Utf8BomIsStrippedWithoutACopy) {
  const std::string bytes = "\xEF\xBB\xBF客服,消息\n小王,你好\n";
  auto decoded = DecodeToUtf8(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_EQ(decoded->encoding, Encoding::kUtf8Bom);
  EXPECT_EQ(decoded->text(), "客服,消息\n小王,你好\n");
  EXPECT_EQ(decoded->text().data(), bytes.data() + 3);
  EXPECT_TRUE(PointsInto(decoded->text(), bytes));
  EXPECT_TRUE(decoded->owned.empty());
}

TEST(Encoding, BomAloneIsEmptyText) {
  auto decoded = DecodeToUtf8("\xEF\xBB\xBF");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->encoding, Encoding::kUtf8Bom);
  EXPECT_TRUE(decoded->text().empty());
}

TEST(Encoding, Utf16LittleEndianWithBom) {
  const std::string bytes = Utf16Bytes(u"客服,消息\r\n小王,你好😀\n", /*little_endian=*/true);
  ASSERT_EQ(bytes.substr(0, 2), "\xFF\xFE");
  auto decoded = DecodeToUtf8(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_EQ(decoded->encoding, Encoding::kUtf16Le);
  EXPECT_EQ(decoded->text(), "客服,消息\r\n小王,你好😀\n");
  EXPECT_EQ(decoded->text().data(), decoded->owned.data());
}

TEST(Encoding, Utf16BigEndianWithBom) {
  const std::string bytes = Utf16Bytes(u"客服,消息\n小王,😀你好\n", /*little_endian=*/false);
  ASSERT_EQ(bytes.substr(0, 2), "\xFE\xFF");
  auto decoded = DecodeToUtf8(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_EQ(decoded->encoding, Encoding::kUtf16Be);
  EXPECT_EQ(decoded->text(), "客服,消息\n小王,😀你好\n");
}

TEST(Encoding, Utf16SurrogatePairAcrossTheConverterChunks) {
  // The converter works in chunks of a few thousand units; a pair split between two
  // chunks must still come out as one character.
  for (size_t pad = 8170; pad < 8200; ++pad) {
    std::u16string text(pad, u'a');
    text += u"😀\n";
    auto decoded = DecodeToUtf8(Utf16Bytes(text, /*little_endian=*/true));
    ASSERT_TRUE(decoded.ok()) << pad << ": " << decoded.problem().reason;
    EXPECT_EQ(decoded->text(), std::string(pad, 'a') + "😀\n") << pad;
  }
}

TEST(Encoding, Utf16RoundTripsManyCodePoints) {
  std::u16string text;
  std::string expected;
  for (char32_t c = 0x20; c <= 0x10FFFF; c += (c < 0x10000 ? 3 : 97)) {
    if (c == 0x7F || (c >= 0xD800 && c <= 0xDFFF)) continue;
    if (c < 0x10000) {
      text += static_cast<char16_t>(c);
    } else {
      text += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
      text += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
    }
    expected += Utf8Of(c);
  }
  for (bool little : {true, false}) {
    auto decoded = DecodeToUtf8(Utf16Bytes(text, little));
    ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
    EXPECT_TRUE(decoded->text() == expected) << (little ? "LE" : "BE");
    EXPECT_TRUE(IsStrictUtf8(decoded->text()));
  }
}

TEST(Encoding, GbkChineseText) {
  // 客服,你好 as Chinese Excel saves it.
  const std::string bytes = "\xBF\xCD\xB7\xFE,\xC4\xE3\xBA\xC3\r\n";
  auto decoded = DecodeToUtf8(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_EQ(decoded->encoding, Encoding::kGb18030);
  EXPECT_EQ(decoded->text(), "客服,你好\r\n");
  EXPECT_EQ(decoded->text().data(), decoded->owned.data());
}

TEST(Encoding, Gb18030TwoAndFourByteSequences) {
  // A2 E3 is €; 81 30 81 30 is U+0080, the first four-byte code; 94 39 FC 36 is U+1F600,
  // outside the BMP.
  auto decoded = DecodeToUtf8("\xC4\xE3\xA2\xE3|\x81\x30\x81\x30|\x94\x39\xFC\x36\n");
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_EQ(decoded->encoding, Encoding::kGb18030);
  EXPECT_EQ(decoded->text(), "你€|\xC2\x80|😀\n");
}

TEST(Encoding, Gb18030LargerThanOneChunkWithFourByteCharactersAtEveryOffset) {
  std::string bytes;
  std::string expected;
  for (int i = 0; i < 6000; ++i) {
    bytes += (i % 3 == 0) ? "\xC4\xE3" : (i % 3 == 1) ? "a" : "\x94\x39\xFC\x36";
    expected += (i % 3 == 0) ? "你" : (i % 3 == 1) ? "a" : "😀";
  }
  bytes += "\n";
  expected += "\n";
  auto decoded = DecodeToUtf8(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_EQ(decoded->encoding, Encoding::kGb18030);
  EXPECT_TRUE(decoded->text() == expected);
}

TEST(Encoding, LatinOneThatHappensToBeGb18030IsAcceptedAndLeftToTheHeaderCheck) {
  // E9 73 is a valid GB18030 pair: only the header check can tell this is not Chinese.
  auto decoded = DecodeToUtf8("caf\xE9s\n");
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->encoding, Encoding::kGb18030);
}

TEST(Encoding, DecodedTextStaysValidWhenMoved) {
  auto decoded = DecodeToUtf8("\xBF\xCD\xB7\xFE,\xC4\xE3\xBA\xC3\n");
  ASSERT_TRUE(decoded.ok());
  DecodedText moved = std::move(*decoded);
  EXPECT_EQ(moved.text(), "客服,你好\n");
  EXPECT_EQ(moved.text().data(), moved.owned.data());
  DecodedText assigned;
  assigned = std::move(moved);
  EXPECT_EQ(assigned.text(), "客服,你好\n");
  EXPECT_EQ(assigned.text().data(), assigned.owned.data());

  const std::string bytes = "plain\n";
  auto borrowed = DecodeToUtf8(bytes);
  ASSERT_TRUE(borrowed.ok());
  DecodedText moved_view = std::move(*borrowed);
  EXPECT_EQ(moved_view.text().data(), bytes.data());
}

TEST(Encoding, TabCarriageReturnAndLineFeedAreNotControlCharacters) {
  for (size_t pos = 0; pos < 20; ++pos) {
    for (char c : {'\t', '\r', '\n'}) {
      std::string bytes(20, 'x');
      bytes[pos] = c;
      EXPECT_TRUE(DecodeToUtf8(bytes).ok()) << pos;
    }
  }
}

TEST(Encoding, ContinuationBytesAreNotTakenForControlCharacters) {
  // Every byte value 0x80..0xBF appears as a continuation byte; 0x9F | 0x80 and the like
  // must not look like control characters to the word-at-a-time check.
  std::string text;
  for (char32_t c = 0xA0; c < 0x800; ++c) text += Utf8Of(c);
  for (char32_t c = 0x800; c < 0xD800; c += 5) text += Utf8Of(c);
  auto decoded = DecodeToUtf8(text);
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_EQ(decoded->encoding, Encoding::kUtf8);
}

// ---- What is refused ----

TEST(Encoding, RefusesBinary) {
  const std::string png = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\x00\0\0\x01\x00\x08\x06\0\0\0"s;
  auto decoded = DecodeToUtf8(png);
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.problem().reason.find("binary"), std::string::npos) << Reason(png);
  EXPECT_NE(decoded.problem().reason.find("NUL"), std::string::npos) << Reason(png);
}

TEST(Encoding, RefusesExcelWorkbooksWithAHint) {
  const std::string xlsx = "PK\x03\x04\x14\0\x06\0\x08\0\0\0!\0"s;
  EXPECT_NE(Reason(xlsx).find("xlsx"), std::string::npos) << Reason(xlsx);
  const std::string xls = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0"s;
  EXPECT_NE(Reason(xls).find(".xls"), std::string::npos) << Reason(xls);
}

TEST(Encoding, RefusesUtf16WithoutBom) {
  const std::string little = "a\0b\0"s;
  EXPECT_NE(Reason(little).find("UTF-16LE without a byte-order mark"), std::string::npos)
      << Reason(little);
  const std::string big = "\0a\0b"s;
  EXPECT_NE(Reason(big).find("UTF-16BE without a byte-order mark"), std::string::npos)
      << Reason(big);
  const std::string chinese = Utf16Bytes(u"客服,消息\r\n小王,你好\r\n", true, /*bom=*/false);
  EXPECT_NE(Reason(chinese).find("UTF-16"), std::string::npos) << Reason(chinese);
  EXPECT_NE(Reason(chinese).find("Unicode Text"), std::string::npos) << Reason(chinese);
}

TEST(Encoding, AStrayNulInTextIsBinaryNotUtf16) {
  std::string bytes(400, 'x');
  bytes[101] = '\0';
  EXPECT_NE(Reason(bytes).find("binary"), std::string::npos) << Reason(bytes);
}

TEST(Encoding, RefusesLatinOneThatIsNotGb18030) {
  // E9 followed by ',' is no GB18030 pair.
  const std::string bytes = "name,city\nJos\xE9,Paris\n";
  const std::string reason = Reason(bytes);
  EXPECT_NE(reason.find("neither UTF-8 nor GBK/GB18030"), std::string::npos) << reason;
  EXPECT_NE(reason.find("byte 0xE9 at line 2 cannot be decoded"), std::string::npos) << reason;
  EXPECT_NE(reason.find("Latin-1"), std::string::npos) << reason;
  EXPECT_NE(reason.find("save it again as UTF-8"), std::string::npos) << reason;

  EXPECT_NE(Reason("caf\xE9\n").find("0xE9 at line 1"), std::string::npos);
  EXPECT_NE(Reason("caf\xE9").find("0xE9 at line 1"), std::string::npos);  // cut short
  EXPECT_NE(Reason("ab\xFF").find("0xFF"), std::string::npos);
  EXPECT_NE(Reason("ab\x80").find("0x80"), std::string::npos);
}

TEST(Encoding, NamesBothPlacesWhenUtf8AndGb18030FailApart) {
  // GBK that is broken on line 3: UTF-8 stops at the first Chinese character.
  const std::string reason = Reason("\xC4\xE3\xBA\xC3\nok\n\xFF\n");
  EXPECT_NE(reason.find("byte 0xC4 at line 1 is not UTF-8"), std::string::npos) << reason;
  EXPECT_NE(reason.find("byte 0xFF at line 3 is not GB18030"), std::string::npos) << reason;
}

TEST(Encoding, RefusesInvalidUtf8AfterAUtf8Bom) {
  // Without the BOM, C4 E3 would be GBK; the BOM says UTF-8, so it is broken UTF-8.
  const std::string reason = Reason("\xEF\xBB\xBFid,name\n1,\xC4\xE3\xBA\xC3\n");
  EXPECT_NE(reason.find("UTF-8 byte-order mark but is not valid UTF-8"), std::string::npos)
      << reason;
  EXPECT_NE(reason.find("byte 0xC4 at line 2"), std::string::npos) << reason;
}

TEST(Encoding, RefusesUnpairedSurrogatesInUtf16) {
  const std::string lone_high =
      "\xFF\xFE"
      "a\0\n\0\x3D\xD8"
      "b\0"s;
  std::string reason = Reason(lone_high);
  EXPECT_NE(reason.find("not valid UTF-16"), std::string::npos) << reason;
  EXPECT_NE(reason.find("unpaired surrogate 0xD83D at line 2"), std::string::npos) << reason;

  const std::string lone_low = "\xFE\xFF\0a\xDE\x00\0b"s;
  reason = Reason(lone_low);
  EXPECT_NE(reason.find("unpaired surrogate 0xDE00 at line 1"), std::string::npos) << reason;

  const std::string high_at_end =
      "\xFF\xFE"
      "a\0\x3D\xD8"s;
  EXPECT_NE(Reason(high_at_end).find("unpaired surrogate"), std::string::npos)
      << Reason(high_at_end);

  const std::string odd_length =
      "\xFF\xFE"
      "a\0b"s;
  EXPECT_NE(Reason(odd_length).find("middle of a character"), std::string::npos)
      << Reason(odd_length);
}

TEST(Encoding, RefusesUtf32) {
  const std::string bytes = "\xFF\xFE\0\0a\0\0\0"s;
  EXPECT_NE(Reason(bytes).find("UTF-32"), std::string::npos) << Reason(bytes);
}

TEST(Encoding, RefusesControlCharactersInEveryEncoding) {
  std::string reason = Reason("id,name\n1,a\x01z\n");
  EXPECT_NE(reason.find("binary"), std::string::npos) << reason;
  EXPECT_NE(reason.find("control characters such as 0x01 at line 2"), std::string::npos) << reason;

  EXPECT_NE(Reason("a\x7F").find("0x7F"), std::string::npos);
  EXPECT_NE(Reason("\xEF\xBB\xBF"
                   "a\x1B")
                .find("0x1B"),
            std::string::npos);
  EXPECT_NE(Reason("\xC4\xE3\x0C").find("0x0C"), std::string::npos);  // GBK
  EXPECT_NE(Reason(Utf16Bytes(u"a\x0002", true)).find("0x02"), std::string::npos);
  EXPECT_NE(Reason(Utf16Bytes(u"a\0b"s, false)).find("NUL"), std::string::npos);
}

TEST(Encoding, AStrayControlCharacterInALongTextIsText) {
  std::string text = "shop,customer_id,sender,sent_at,content\n";
  for (int i = 0; i < 20; ++i) text += "旗舰店,c1,customer,2024-01-05 10:00:00,在吗\n";
  text +=
      "旗舰店,c1,customer,2024-01-05 10:00:00,a\x0B"
      "b\n";
  auto decoded = DecodeToUtf8(text);
  ASSERT_TRUE(decoded.ok()) << decoded.problem().reason;
  EXPECT_NE(decoded->text().find("a\x0B"
                                 "b"),
            std::string::npos);
}

TEST(Encoding, FindsAControlCharacterAtEveryPositionOfAWord) {
  for (size_t size = 1; size <= 40; ++size) {
    for (size_t pos = 0; pos < size; ++pos) {
      for (char bad : {'\x01', '\x0B', '\x1F', '\x7F'}) {
        std::string bytes(size, 'y');
        bytes[pos] = bad;
        EXPECT_NE(Reason(bytes).find("binary"), std::string::npos) << size << " " << pos;
      }
    }
  }
}

// ---- IsStrictUtf8 ----

TEST(Encoding, StrictUtf8AcceptsEveryValidForm) {
  EXPECT_TRUE(IsStrictUtf8(""));
  EXPECT_TRUE(IsStrictUtf8("plain ascii"));
  EXPECT_TRUE(IsStrictUtf8("\xC2\x80\xDF\xBF"));                                  // 2-byte ends
  EXPECT_TRUE(IsStrictUtf8("\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF"));  // 3-byte
  EXPECT_TRUE(IsStrictUtf8("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));  // U+10000 and U+10FFFF
  EXPECT_TRUE(IsStrictUtf8("😀客服"));
  EXPECT_TRUE(IsStrictUtf8("a\0b"s));  // NUL is UTF-8; binary files are caught elsewhere
}

TEST(Encoding, StrictUtf8RefusesMalformedSequences) {
  struct Case {
    std::string bytes;
    size_t offset;
  };
  const Case cases[] = {
      {"ab\xC0\xAF", 2},        // overlong '/'
      {"\xC1\xBF", 0},          // overlong
      {"\xE0\x80\xAF", 0},      // overlong 3-byte
      {"\xF0\x80\x80\xAF", 0},  // overlong 4-byte
      {"x\xED\xA0\x80", 1},     // surrogate U+D800
      {"\xED\xBF\xBF", 0},      // surrogate U+DFFF
      {"\xF4\x90\x80\x80", 0},  // U+110000
      {"\xF5\x80\x80\x80", 0},  // beyond any code point
      {"\xFF", 0},
      {"\x80", 0},          // lone continuation
      {"\xC3", 0},          // truncated 2-byte
      {"ok\xE4\xBD", 2},    // truncated 3-byte
      {"\xF0\x9F\x98", 0},  // truncated 4-byte
      {"\xE4\xBD"
       "a",
       0},  // continuation replaced by ASCII
      {"\xF0\x9F\x98\x80\xC3(", 4},
  };
  for (const Case& c : cases) {
    size_t offset = 12345;
    EXPECT_FALSE(IsStrictUtf8(c.bytes, &offset)) << c.offset;
    EXPECT_EQ(offset, c.offset);
    EXPECT_FALSE(IsStrictUtf8(c.bytes));  // the offset is optional
  }
}

TEST(Encoding, StrictUtf8FindsABadByteAtEveryPositionOfTheAsciiFastPath) {
  const std::string padding(80, 'a');
  for (size_t start = 0; start < 8; ++start) {  // unaligned starts too
    for (size_t size = 1; size <= 40; ++size) {
      for (size_t pos = 0; pos < size; ++pos) {
        std::string bytes(size, 'z');
        bytes[pos] = '\x80';
        const std::string buffer = padding.substr(0, start) + bytes;
        const std::string_view view = std::string_view(buffer).substr(start);
        size_t offset = 0;
        ASSERT_FALSE(IsStrictUtf8(view, &offset)) << start << " " << size << " " << pos;
        EXPECT_EQ(offset, pos) << start << " " << size << " " << pos;

        // A valid character in the same place, then ASCII again.
        std::string good = std::string(pos, 'z') + "é" + std::string(size - pos, 'z');
        EXPECT_TRUE(IsStrictUtf8(good)) << size << " " << pos;
        // A bad byte after a valid character and more ASCII.
        good += std::string(pos, 'q') + "\xC0";
        EXPECT_FALSE(IsStrictUtf8(good, &offset));
        EXPECT_EQ(offset, good.size() - 1);
      }
    }
  }
}

TEST(Encoding, StrictUtf8OnALongBuffer) {
  std::string big(1 << 20, 'a');
  for (size_t i = 100; i < big.size(); i += 4099) big.replace(i, 3, "客");
  EXPECT_TRUE(IsStrictUtf8(big));
  big[big.size() - 1] = '\xE5';
  size_t offset = 0;
  EXPECT_FALSE(IsStrictUtf8(big, &offset));
  EXPECT_EQ(offset, big.size() - 1);
}

}  // namespace
}  // namespace csperf
