// Reading one CSV text in parts (io/csv_parts.h): the parts must see exactly the records a
// single CsvReader sees, field for field, wherever the cuts, the 64-byte blocks of the
// vector splitter and the windows of the UTF-8 check fall.
#include "io/csv_parts.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace csperf {
namespace {

// Every record of `text` through one part and through a CsvReader: the same fields and raw
// text, all without error. Stops at the first difference, naming the record.
void ExpectSplitLikeTheCsvReader(const std::string& text) {
  CsvReader reader(text);
  CsvPartReader part(text, 0, text.size());
  CsvRecord expected, got;
  while (reader.Next(&expected)) {
    ASSERT_TRUE(part.Next(&got)) << "missing: " << expected.raw;
    ASSERT_TRUE(got.ok()) << got.error << " in: " << got.raw;
    ASSERT_EQ(got.fields, expected.fields) << "in: " << expected.raw;
    ASSERT_EQ(got.raw, expected.raw);
  }
  EXPECT_FALSE(part.Next(&got)) << "extra: " << got.raw;
}

TEST(CsvPartsTest, CutsAtLineStartsAndTheParts) {
  const std::string text = "h\naa\nbb\ncc\ndd\n";
  std::vector<size_t> starts = PartStarts(text, 2, 4, 1);
  EXPECT_EQ(starts, (std::vector<size_t>{2, 5, 8, 11}));
  std::vector<std::string> seen;
  std::vector<CsvPartReader> readers;
  for (size_t k = 0; k < starts.size(); ++k) {
    readers.emplace_back(text, starts[k], k + 1 < starts.size() ? starts[k + 1] : text.size());
  }
  for (CsvPartReader& r : readers) {
    CsvRecord row;
    while (r.Next(&row)) seen.emplace_back(row.fields[0]);
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"aa", "bb", "cc", "dd"}));
  EXPECT_TRUE(PartsAgree({&readers[0], &readers[1], &readers[2], &readers[3]}));
  // Too small to share: one part.
  EXPECT_EQ(PartStarts(text, 2, 4, 100), (std::vector<size_t>{2}));
}

TEST(CsvPartsTest, ACutInsideAQuotedLineBreakIsCaught) {
  // The cut after "x" lands on the line `y",2` inside the quoted field: read alone, that part
  // starts mid-record, and its first record is not where the first part stopped.
  const std::string text = "h\n\"x\ny\",2\nz,3\n";
  const size_t cut = text.find("y\"");
  CsvPartReader first(text, 2, cut);
  CsvPartReader second(text, cut, text.size());
  CsvRecord row;
  std::vector<std::string> a;
  while (first.Next(&row)) a.emplace_back(row.fields[0]);
  while (second.Next(&row)) {
  }
  EXPECT_EQ(a, (std::vector<std::string>{"x\ny"}));
  EXPECT_EQ(first.stop(), text.find("z,3"));
  EXPECT_FALSE(PartsAgree({&first, &second}));
}

TEST(CsvPartsTest, CountsLineFeeds) {
  EXPECT_EQ(CountLineFeeds(""), 0u);
  EXPECT_EQ(CountLineFeeds("a\nb\n\nc"), 3u);
  // 10,000 bytes with a line feed at every offset 7k + 6: k = 0 … 1427, 1,428 of them; past
  // 255 rounds of 16 bytes, so the byte-wide counters are summed along the way.
  std::string text(10000, 'x');
  for (size_t at = 6; at < text.size(); at += 7) text[at] = '\n';
  EXPECT_EQ(CountLineFeeds(text), 1428u);
  EXPECT_EQ(CountLineFeeds(std::string_view(text).substr(1, 12)), 1u);  // offsets 1–12: just 6
}

const std::vector<std::string>& ShapesOfText() {
  static const std::vector<std::string> texts = {
      "a,b,c\n1,2,3\n",
      "a,b\r\n1,2\r\n\r\n\n3,4",                   // CRLF, blank lines, no final line end
      "a,b,\n,,\n",                                // empty fields, a trailing separator
      "店铺,客户\n旗舰店,买家😀\n",                 // 3- and 4-byte characters
      "x,y\n\"q,1\",2\nplain,after\n",             // a quoted field, then plain lines
      "x,y\n\"multi\nline\",2\nz,3\n",             // a quoted line break
      "x,y\r1,2\r3,4\r",                           // lone CRs end lines
      "tab\tinside,ok\n12345678901234567890,x\n",  // TAB is text; long ASCII runs
      "\xE0\xA0\x80,\xED\x9F\xBF,\xEF\xBF\xBD\n",  // the edges of the 3-byte ranges
      "x,\"a\"\"b\",y\r\nlast,\"\"\r\n",           // escaped quotes, an empty quoted field
  };
  return texts;
}

// Short texts, read as they are: shorter than a block, they take the byte-checked path.
TEST(CsvPartsTest, PlainLinesSplitAsTheCsvReaderSplitsThem) {
  for (const std::string& text : ShapesOfText()) ExpectSplitLikeTheCsvReader(text);
}

// The same shapes inside long lines, shifted a byte at a time across the 64-byte blocks of
// the vector splitter: every separator, CRLF, quote and multi-byte character meets a block
// edge somewhere.
TEST(CsvPartsTest, LongLinesSplitAlikeWhereverTheBlocksFall) {
  const std::string long_line =
      "旗舰店,tb_9e3779b1,customer,2024-01-01 "
      "01:59:33,旗舰店:小雨13,,,您好，欢迎光临！客服马上为您服务\n";
  for (const std::string& shape : ShapesOfText()) {
    for (int shift = 0; shift <= 70; ++shift) {
      std::string text = std::string(static_cast<size_t>(shift), 'p') + "," + long_line;
      text += shape;
      if (!text.ends_with('\n') && !text.ends_with('\r')) text += "\n";
      text += long_line + long_line + long_line;
      ExpectSplitLikeTheCsvReader(text);
    }
  }
}

// A deterministic mix of every kind of line, long enough for several windows of the UTF-8
// check.
std::string MixedText(size_t bytes) {
  static const std::vector<std::string> cells = {"plain",
                                                 "客服马上为您服务",
                                                 "",
                                                 "😀x",
                                                 "tab\there",
                                                 "\"q,uoted\"",
                                                 "\"two\nlines\"",
                                                 "2024-01-01 01:59:33",
                                                 "\"a\"\"b\"",
                                                 "12345678901234567890123456789012345"};
  std::string text = "h1,h2,h3\n";
  uint32_t state = 12345;
  auto next = [&] {
    state = state * 1103515245u + 12345u;
    return state >> 16;
  };
  while (text.size() < bytes) {
    const int fields = 1 + static_cast<int>(next() % 8);
    for (int f = 0; f < fields; ++f) {
      if (f > 0) text += ',';
      text += cells[next() % cells.size()];
    }
    const uint32_t end = next() % 10;
    text += end == 0 ? "\r\n" : end == 1 ? "\n\n" : "\n";
  }
  return text;
}

TEST(CsvPartsTest, AMixedTextOfManyWindowsSplitsAlike) {
  ExpectSplitLikeTheCsvReader(MixedText(600 << 10));
}

// One line of bytes that are not UTF-8 deep inside a long text: that record, and only that
// one, comes back with an error; the window around it is checked byte by byte.
TEST(CsvPartsTest, OneBadLineInALongTextIsTheOnlyError) {
  std::string text = MixedText(300 << 10);
  if (!text.ends_with('\n')) text += '\n';
  const std::string bad = "bad,\xB5\xEA\xC7\xEA,line\n";
  text += bad;
  text += MixedText(300 << 10).substr(9);
  CsvReader reader(text);
  CsvPartReader part(text, 0, text.size());
  CsvRecord expected, got;
  int errors = 0;
  while (reader.Next(&expected)) {
    ASSERT_TRUE(part.Next(&got));
    EXPECT_EQ(got.fields, expected.fields);
    if (!got.ok()) {
      ++errors;
      EXPECT_EQ(got.raw, bad.substr(0, bad.size() - 1));
    }
  }
  EXPECT_EQ(errors, 1);
}

TEST(CsvPartsTest, ARecordThatIsNotPlainUtf8ComesBackWithAnError) {
  for (const std::string text : {"a,\xB5\xEA\n", "a,\x01\n", "\"a\xFF\",b\n", "a,\xED\xA0\x80\n"}) {
    CsvPartReader part(text, 0, text.size());
    CsvRecord row;
    ASSERT_TRUE(part.Next(&row)) << text;
    EXPECT_FALSE(row.ok()) << text;
  }
  // The same inside a long text: a control character, a lone surrogate, a stray byte.
  const std::string pad(100, 'x');
  for (const std::string bad : {"a,\x01", "a,\xED\xA0\x80", "a,\xFF", "a,\x7F"}) {
    const std::string text = pad + "\n" + bad + pad + "\n" + pad + "\n" + pad + "\n";
    CsvPartReader part(text, 0, text.size());
    CsvRecord row;
    ASSERT_TRUE(part.Next(&row));
    EXPECT_TRUE(row.ok());
    ASSERT_TRUE(part.Next(&row));
    EXPECT_FALSE(row.ok()) << bad;
    ASSERT_TRUE(part.Next(&row));
    EXPECT_TRUE(row.ok());
  }
}

}  // namespace
}  // namespace csperf
