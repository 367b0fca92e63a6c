#include "io/csv_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace csperf {
namespace {

struct Row {
  std::vector<std::string> fields;
  int64_t line;
  std::string error;
};

std::vector<Row> ReadAll(std::string_view text) {
  CsvReader reader(text);
  CsvRecord record;
  std::vector<Row> rows;
  while (reader.Next(&record)) {
    Row row{{}, record.line, record.error};
    for (std::string_view f : record.fields) row.fields.emplace_back(f);
    rows.push_back(row);
  }
  return rows;
}

TEST(CsvReader, SplitsPlainFieldsWithLfAndCrlf) {
  auto rows = ReadAll("a,b,c\r\n1,2,3\n4,,6");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"4", "", "6"}));
  EXPECT_EQ(rows[2].line, 3);
}

TEST(CsvReader, QuotedFieldsHoldCommasQuotesAndNewlines) {
  auto rows = ReadAll("h1,h2\n\"a,b\",\"say \"\"hi\"\"\"\n\"line1\nline2\r\nline3\",x\nnext,row\n");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1].fields[0], "a,b");
  EXPECT_EQ(rows[1].fields[1], "say \"hi\"");
  EXPECT_EQ(rows[2].fields[0], "line1\nline2\r\nline3");
  EXPECT_EQ(rows[2].line, 3);
  EXPECT_EQ(rows[3].line, 6);  // physical line numbers count the embedded line breaks
}

TEST(CsvReader, SkipsBlankLinesAndKeepsTrailingEmptyField) {
  auto rows = ReadAll("a,b\n\n1,\n\r\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields, (std::vector<std::string>{"1", ""}));
  EXPECT_EQ(rows[1].line, 3);
}

TEST(CsvReader, UnclosedQuoteIsAnErrorAtItsLine) {
  auto rows = ReadAll("a,b\n1,\"open\n2,3\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_FALSE(rows[1].error.empty());
  EXPECT_NE(rows[1].error.find("line 2"), std::string::npos);
}

TEST(CsvReader, TextAfterClosingQuoteIsAnErrorAndReadingResumes) {
  auto rows = ReadAll("a,b\n\"x\"y,2\n3,4\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_FALSE(rows[1].error.empty());
  EXPECT_TRUE(rows[2].error.empty());
  EXPECT_EQ(rows[2].fields, (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(rows[2].line, 3);
}

TEST(CsvReader, BareQuoteInsideUnquotedFieldIsKept) {
  auto rows = ReadAll("a\n5\"3 screen\n");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].fields[0], "5\"3 screen");
}

TEST(CsvReader, RawTextIsTheRecordAsWritten) {
  CsvReader reader("a,b\r\n\"x,1\",2\r\n");
  CsvRecord record;
  ASSERT_TRUE(reader.Next(&record));
  ASSERT_TRUE(reader.Next(&record));
  EXPECT_EQ(record.raw, "\"x,1\",2");
}

TEST(CsvReader, EmptyTextHasNoRecords) {
  EXPECT_TRUE(ReadAll("").empty());
  EXPECT_TRUE(ReadAll("\n\n").empty());
}

}  // namespace
}  // namespace csperf

namespace csperf {
namespace {

TEST(CsvReader, ALoneCarriageReturnEndsALineToo) {
  CsvReader reader("agent_id,name\rA1,\"Al\"\rA2,Bob\r");
  CsvRecord r;
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;
  while (reader.Next(&r)) {
    ASSERT_TRUE(r.ok()) << r.error;
    rows.emplace_back(r.fields.begin(), r.fields.end());
    lines.push_back(r.line);
  }
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"A1", "Al"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"A2", "Bob"}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 3}));
}

}  // namespace
}  // namespace csperf
