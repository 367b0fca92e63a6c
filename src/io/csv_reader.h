// An RFC 4180 reader over text already decoded to UTF-8.
//
// Quoted fields may hold commas, doubled quotes and line breaks; lines end in LF, CRLF or a lone
// CR. Unquoted fields are views into the text (no copy); only quoted fields that hold a doubled
// quote are unescaped into a per-record buffer. A quote inside an unquoted field is kept as
// a literal character, as spreadsheet programs do.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csperf {

struct CsvRecord {
  std::vector<std::string_view> fields;  // valid until the next call to Next()
  int64_t line = 0;                      // physical line where the record starts (1-based)
  std::string_view raw;  // the record's text as it stands in the file, line end excluded
  // A malformed record: the reader recovered at the next line; `fields` is unusable.
  std::string error;
  int error_column = 0;  // 1-based field index where the fault was found
  bool ok() const { return error.empty(); }
};

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Reads the next record; false at the end of the text. Blank lines are skipped.
  bool Next(CsvRecord* record);

  // Byte offset of the next unread character, for progress reporting.
  size_t offset() const { return pos_; }

  // Reads on from `offset`, which must be where a record (or a blank line) starts. Line
  // numbers after a seek count from where the reader was.
  void Seek(size_t offset) { pos_ = offset; }

 private:
  // A field unescaped into scratch_: its place among the record's fields and in scratch_.
  struct Span {
    size_t field;
    size_t begin;
    size_t size;
  };

  std::string_view RawSlice(size_t begin, size_t end) const;
  size_t LineEndLength(size_t pos) const;

  std::string_view text_;
  size_t pos_ = 0;
  int64_t line_ = 1;
  std::vector<Span> spans_;
  std::string scratch_;
};

}  // namespace csperf
