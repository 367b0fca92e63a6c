// Reading a plain CSV file of one kind on every core (metrics/direct_reader.h): the file
// mapped and cut into parts, each part's rows read on a fast path when their cells have
// their usual form and by the importer's own RowParser otherwise, the ids met remembered so
// that a repeat anywhere in the file is found.
#pragma once

#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/executor.h"
#include "core/mapped_file.h"
#include "core/money.h"
#include "core/text.h"
#include "core/time_zone.h"
#include "domain/kinds.h"
#include "import/header_map.h"
#include "import/row_parser.h"
#include "io/csv_parts.h"

namespace csperf {

// Calls f(k) for every k in [0, n) on the executor's threads.
template <class F>
void RunOnEach(Executor& executor, size_t n, F f) {
  executor.ParallelFor(n, std::function<void(size_t)>(std::move(f)));
}

// "2024-01-05 10:00:00" with a plain date and clock, as local seconds. Years outside
// 2000–2098 (well inside the zone's table) and anything else go to the importer's parser.
// Rows mostly share the date of the row before: a date is read once for each run of rows.
class PlainLocalTimes {
 public:
  bool Read(std::string_view s, int64_t* local_seconds);

 private:
  bool ReadDate(std::string_view s);

  std::string date_;
  int64_t day_seconds_ = 0;
  bool has_date_ = false;
};

// "1299", "1299.5" or "1299.50" (no sign, separators, currency or leading zeros) as cents.
bool PlainAmount(std::string_view s, Cents* cents);

// Rows kept in blocks that are let go one by one as the rows are moved on: the parts' rows
// and the joined column are never all in memory at once.
template <class T>
class Blocks {
 public:
  void push_back(T row) {
    if (blocks_.empty() || blocks_.back().size() == kBlockRows) {
      blocks_.emplace_back();
      blocks_.back().reserve(kBlockRows);
    }
    blocks_.back().push_back(std::move(row));
    ++size_;
  }
  size_t size() const { return size_; }
  // Calls take(row) on every row in order, freeing each block once it is taken.
  template <class F>
  void Drain(F take) {
    for (std::vector<T>& block : blocks_) {
      for (T& row : block) take(row);
      std::vector<T>().swap(block);
    }
    blocks_.clear();
    size_ = 0;
  }

 private:
  static constexpr size_t kBlockRows = 1 << 14;
  std::vector<std::vector<T>> blocks_;
  size_t size_ = 0;
};

// A plain file, mapped, its header matched.
struct PlainFile {
  std::unique_ptr<MappedFile> file;
  std::string_view text;  // after a BOM
  size_t body = 0;        // where the first record after the header starts
  HeaderMap header;
};

std::optional<PlainFile> OpenPlain(const std::string& path, const KindSpec& spec);

// Hands each record of [starts[k], starts[k + 1]) to add(row) until it returns false (then
// false), giving the pages read back as it goes: the file counts against the process's
// memory only a little at a time.
template <class F>
bool ReadPart(const PlainFile& file, CsvPartReader& reader, const std::vector<size_t>& starts,
              size_t k, F add) {
  constexpr size_t kReleaseEvery = 32 << 20;
  const size_t offset = static_cast<size_t>(file.text.data() - file.file->bytes().data());
  const size_t end = k + 1 < starts.size() ? starts[k + 1] : file.text.size();
  size_t released = starts[k];
  CsvRecord row;
  while (reader.Next(&row)) {
    if (!add(row)) return false;
    const size_t at = static_cast<size_t>(row.raw.data() - file.text.data());
    if (at - released >= kReleaseEvery) {
      file.file->Release(offset + released, offset + at);
      released = at;
    }
  }
  file.file->Release(offset + released, offset + end);
  return true;
}

std::vector<CsvPartReader> ReadersOf(const PlainFile& file, const std::vector<size_t>& starts);
// Whether every part began where the one before it stopped: a part that started inside a
// quoted line break reads nonsense, and only the reading in one part is the file's own.
bool ReadersAgree(const std::vector<CsvPartReader>& readers);

// What every part of a file does with a row: its cells read on the fast path when they are
// plain, else by the importer's own parser; the ids it met remembered to find repeats.
class PlainPart {
 public:
  PlainPart(Kind kind, const PlainFile& file, std::shared_ptr<const TimeZone> zone,
            const std::string& path)
      : spec_(SpecOf(kind)),
        header_(file.header),
        zone_(*zone),
        parser_(spec_, file.header, nullptr, std::move(zone), path) {}

  std::vector<uint64_t>& id_hashes() { return id_hashes_; }

 protected:
  int Source(std::string_view column) const {
    return header_.source_index[static_cast<size_t>(ColumnIndex(spec_, column))];
  }
  static std::string_view Cell(const CsvRecord& row, int source) {
    return source < 0 ? std::string_view() : Trim(row.fields[static_cast<size_t>(source)]);
  }
  size_t Canonical(std::string_view column) const {
    return static_cast<size_t>(ColumnIndex(spec_, column));
  }
  // The importer's reading of a row; null for a row it refuses.
  const Record* Slow(const CsvRecord& row) {
    problems_.clear();
    return parser_.Parse(row, &record_, &problems_) ? &record_ : nullptr;
  }
  void NoteId(std::string_view shop, std::string_view id) {
    if (id.empty()) return;
    key_.assign(shop);
    key_ += '\x1F';
    key_ += id;
    id_hashes_.push_back(XXH3_64bits(key_.data(), key_.size()));
  }
  bool Plain(const CsvRecord& row) const { return row.ok() && row.fields.size() == header_.width; }

  const KindSpec& spec_;
  HeaderMap header_;
  const TimeZone& zone_;
  PlainLocalTimes times_;
  std::string key_;  // reused

 private:
  RowParser parser_;
  Record record_;
  std::vector<Problem> problems_;
  std::vector<uint64_t> id_hashes_;
};

// Whether two sorted lists share a value.
bool ShareAValue(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b);

// Ids seen twice (or two ids of one 64-bit hash, which the general path then sorts out).
// Each part's ids are sorted on its own core, then each pair of parts walked side by side
// (the parts are as many as the cores: a few).
template <class Part>
bool IdsRepeat(Executor& executor, std::vector<Part>& parts) {
  std::vector<char> repeats(parts.size(), 0);
  RunOnEach(executor, parts.size(), [&](size_t k) {
    std::vector<uint64_t>& ids = parts[k].id_hashes();
    std::sort(ids.begin(), ids.end());
    repeats[k] = std::adjacent_find(ids.begin(), ids.end()) != ids.end();
  });
  bool repeat = std::find(repeats.begin(), repeats.end(), 1) != repeats.end();
  for (size_t a = 0; a < parts.size() && !repeat; ++a) {
    for (size_t b = a + 1; b < parts.size() && !repeat; ++b)
      repeat = ShareAValue(parts[a].id_hashes(), parts[b].id_hashes());
  }
  for (Part& p : parts) std::vector<uint64_t>().swap(p.id_hashes());
  return repeat;
}

}  // namespace csperf
