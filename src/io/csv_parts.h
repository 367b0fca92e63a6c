// Reading one CSV text on several threads at once. The text is cut into parts at line
// starts; each part is read by its own CsvReader, which may run past the part's end to finish
// a record. A cut can land inside a quoted field that holds a line break, and then the part
// after it starts mid-record: PartsAgree tells, after the fact, whether every part began
// where the one before it stopped, and if not the caller reads the text again as one part.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "io/byte_masks.h"
#include "io/csv_reader.h"

namespace csperf {

// Up to `parts` offsets into `text`, each at the start of a line, the first `begin`, in
// increasing order; parts smaller than `min_part_bytes` are merged into the one before.
std::vector<size_t> PartStarts(std::string_view text, size_t begin, int parts,
                               size_t min_part_bytes);

// How many line feeds `text` holds: one more is a bound on the records that start in it.
size_t CountLineFeeds(std::string_view text);

// The records of `text` that start in [begin, end). A line with no quote, no lone CR and
// nothing but plain UTF-8 (encoding.h, IsPlainUtf8) is split right here; any other record
// is read by a CsvReader, and one that is not plain UTF-8 comes back with an error. Line
// numbers are not kept (a part does not know where its lines start): records have line 0.
//
// The text is checked for UTF-8 a window of whole lines at a time (simdjson's validator),
// and the lines of a window that passes are split 64 bytes at a time by the positions of
// their separators, found with vector compares; a window that fails is split line by line
// with every byte checked, so the one bad line is found and its record carries the error.
class CsvPartReader {
 public:
  CsvPartReader(std::string_view text, size_t begin, size_t end);

  // Reads the next record of the part; false once the next record starts at or after `end`.
  bool Next(CsvRecord* record);

  // Where the first record the reader met starts (even one it left to the next part), and
  // where the first record it left to the next part starts; text.size() for the end of the
  // text. Valid once Next has returned false.
  size_t first_start() const { return first_start_; }
  size_t stop() const { return stop_; }

 private:
  enum class Line { kRecord, kBlank, kNeedsReader };
  Line SplitPlainLine(CsvRecord* record);
  Line SplitCheckedLine(CsvRecord* record);
  // The line [begin, line_end) whose last field starts at `field`; the next starts at `next`.
  Line FinishLine(size_t begin, size_t field, size_t line_end, size_t next, CsvRecord* record);
  void CheckNextWindow();

  // The masks (byte_masks.h) of the 64 bytes at `at`.
  struct Block : ByteMasks {
    size_t at = 0;
    bool valid = false;
  };
  const Block& BlockAt(size_t at);

  std::string_view text_;
  size_t end_;
  size_t pos_;
  CsvReader reader_;
  Block block_;
  size_t checked_begin_ = 0;  // [checked_begin_, checked_end_) is whole lines of strict UTF-8
  size_t checked_end_ = 0;
  size_t window_end_ = 0;  // the end of the window last checked, whether it passed or not
  bool started_ = false;
  bool done_ = false;
  size_t first_start_;
  size_t stop_;
};

// True when each part's first record is where the part before it stopped.
bool PartsAgree(const std::vector<const CsvPartReader*>& parts);

}  // namespace csperf
