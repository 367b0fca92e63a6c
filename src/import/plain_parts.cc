#include "import/plain_parts.h"

#include "core/civil_time.h"
#include "io/encoding.h"

namespace csperf {

namespace {
bool Digits(std::string_view s, size_t at, size_t count, int* out) {
  int v = 0;
  for (size_t i = at; i < at + count; ++i) {
    const char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

bool PlainLocalTimes::Read(std::string_view s, int64_t* local_seconds) {
  if (s.size() != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':') return false;
  if (!has_date_ || !SameText(s.substr(0, 10), date_)) {
    if (!ReadDate(s.substr(0, 10))) return false;
  }
  int hour = 0, minute = 0, second = 0;
  if (!Digits(s, 11, 2, &hour) || !Digits(s, 14, 2, &minute) || !Digits(s, 17, 2, &second) ||
      hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  *local_seconds = day_seconds_ + int64_t{hour} * 3600 + int64_t{minute} * 60 + second;
  return true;
}

bool PlainLocalTimes::ReadDate(std::string_view s) {
  CivilDate d;
  if (s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, &d.year) || !Digits(s, 5, 2, &d.month) ||
      !Digits(s, 8, 2, &d.day)) {
    return false;
  }
  if (d.year < 2000 || d.year > 2098 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month)) {
    return false;
  }
  date_.assign(s);
  day_seconds_ = DaysFromCivil(d) * kSecondsPerDay;
  has_date_ = true;
  return true;
}

bool PlainAmount(std::string_view s, Cents* cents) {
  const size_t dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? "" : s.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || (whole.size() > 1 && whole[0] == '0')) return false;
  if (dot != std::string_view::npos && (fraction.empty() || fraction.size() > 2)) return false;
  int64_t v = 0;
  for (char c : whole) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  int64_t f = 0;
  for (size_t i = 0; i < 2; ++i) {
    const char c = i < fraction.size() ? fraction[i] : '0';
    if (c < '0' || c > '9') return false;
    f = f * 10 + (c - '0');
  }
  *cents = v * 100 + f;
  return true;
}

std::optional<PlainFile> OpenPlain(const std::string& path, const KindSpec& spec) {
  auto mapped = MappedFile::Open(path);
  if (!mapped.ok()) return std::nullopt;
  PlainFile f;
  f.file = std::move(*mapped);
  f.text = f.file->bytes();
  if (f.text.starts_with("\xEF\xBB\xBF")) f.text.remove_prefix(3);
  CsvReader reader(f.text);
  CsvRecord header;
  if (!reader.Next(&header) || !header.ok()) return std::nullopt;
  f.body = reader.offset();
  if (!IsPlainUtf8(f.text.substr(0, f.body))) return std::nullopt;
  auto map = MapHeader(spec, header.fields, nullptr, path, header.line);
  if (!map.ok() || !map->extra_index.empty()) return std::nullopt;
  f.header = std::move(*map);
  return f;
}

std::vector<CsvPartReader> ReadersOf(const PlainFile& file, const std::vector<size_t>& starts) {
  std::vector<CsvPartReader> readers;
  readers.reserve(starts.size());
  for (size_t k = 0; k < starts.size(); ++k)
    readers.emplace_back(file.text, starts[k],
                         k + 1 < starts.size() ? starts[k + 1] : file.text.size());
  return readers;
}

// Whether every part began where the one before it stopped: a part that started inside a
// quoted line break reads nonsense, and only the reading in one part is the file's own.
bool ReadersAgree(const std::vector<CsvPartReader>& readers) {
  std::vector<const CsvPartReader*> views;
  views.reserve(readers.size());
  for (const CsvPartReader& r : readers) views.push_back(&r);
  return PartsAgree(views);
}

bool ShareAValue(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  for (size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] == b[j]) return true;
    a[i] < b[j] ? ++i : ++j;
  }
  return false;
}

}  // namespace csperf
