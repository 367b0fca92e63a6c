// Reading one CSV text on several threads at once. The text is cut into parts at line
// starts; each part is read by its own CsvReader, which may run past the part's end to finish
// a record. A cut can land inside a quoted field that holds a line break, and then the part
// after it starts mid-record: PartsAgree tells, after the fact, whether every part began
// where the one before it stopped, and if not the caller reads the text again as one part.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "io/csv_reader.h"

namespace csperf {

// Up to `parts` offsets into `text`, each at the start of a line, the first `begin`, in
// increasing order; parts smaller than `min_part_bytes` are merged into the one before.
std::vector<size_t> PartStarts(std::string_view text, size_t begin, int parts,
                               size_t min_part_bytes);

// The records of `text` that start in [begin, end). A line with no quote, no lone CR and
// nothing but plain UTF-8 (encoding.h, IsPlainUtf8) is split right here, checked on the way;
// any other record is read by a CsvReader, and one that is not plain UTF-8 comes back with
// an error. Line numbers are not kept (a part does not know where its lines start): records
// have line 0.
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

  std::string_view text_;
  size_t end_;
  size_t pos_;
  CsvReader reader_;
  bool started_ = false;
  bool done_ = false;
  size_t first_start_;
  size_t stop_;
};

// True when each part's first record is where the part before it stopped.
bool PartsAgree(const std::vector<const CsvPartReader*>& parts);

}  // namespace csperf
