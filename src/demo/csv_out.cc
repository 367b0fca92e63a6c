#include "demo/csv_out.h"

#include <fmt/format.h>

#include "core/money.h"

namespace csperf::demo {
namespace {

constexpr size_t kFlushAt = 1 << 20;

void Append2(std::string* out, int v) {
  out->push_back(static_cast<char>('0' + v / 10));
  out->push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

CsvOut::~CsvOut() { (void)Close(); }

Status CsvOut::Open(const std::string& path, std::string_view header) {
  path_ = path;
  auto writer = RealFileSystem().NewWriter(path);
  if (!writer.ok()) return writer.problem();
  file_ = std::move(*writer);
  buffer_.reserve(kFlushAt + 4096);
  buffer_.append(header);
  buffer_.push_back('\n');
  return Status::Ok();
}

Status CsvOut::Close() {
  if (!file_) return Status::Ok();
  Flush();
  Status committed =
      failed_ ? Status(MakeProblem("cannot write the file (disk full?)", {}, Place{path_}))
              : file_->Commit();
  file_.reset();
  return committed;
}

void CsvOut::Flush() {
  if (!buffer_.empty() && file_ && !failed_) {
    if (!file_->Append(buffer_).ok()) failed_ = true;
  }
  buffer_.clear();
}

void CsvOut::Separator() {
  if (!first_field_) buffer_.push_back(',');
  first_field_ = false;
}

CsvOut& CsvOut::Text(std::string_view value) {
  Separator();
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    buffer_.append(value);
    return *this;
  }
  buffer_.push_back('"');
  for (char c : value) {
    if (c == '"') buffer_.push_back('"');
    buffer_.push_back(c);
  }
  buffer_.push_back('"');
  return *this;
}

CsvOut& CsvOut::Int(int64_t value) {
  Separator();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
  return *this;
}

CsvOut& CsvOut::Money(int64_t cents) {
  Separator();
  buffer_.append(FormatCents(cents));
  return *this;
}

CsvOut& CsvOut::Decimal(int64_t micros) {
  Separator();
  buffer_.append(FormatMicros(micros));
  return *this;
}

CsvOut& CsvOut::Date(const CivilDate& d) {
  Separator();
  fmt::format_to(std::back_inserter(buffer_), "{:04}-", d.year);
  Append2(&buffer_, d.month);
  buffer_.push_back('-');
  Append2(&buffer_, d.day);
  return *this;
}

CsvOut& CsvOut::Time(Instant instant, const TimeZone& zone) {
  CivilTime t = zone.ToLocal(instant);
  Date(t.date);
  buffer_.push_back(' ');
  Append2(&buffer_, t.hour);
  buffer_.push_back(':');
  Append2(&buffer_, t.minute);
  buffer_.push_back(':');
  Append2(&buffer_, t.second);
  return *this;
}

CsvOut& CsvOut::ClockTime(int seconds_of_day) {
  Separator();
  Append2(&buffer_, seconds_of_day / 3600 % 24);
  buffer_.push_back(':');
  Append2(&buffer_, seconds_of_day / 60 % 60);
  return *this;
}

CsvOut& CsvOut::Empty() {
  Separator();
  return *this;
}

void CsvOut::End() {
  buffer_.push_back('\n');
  first_field_ = true;
  ++rows_;
  if (buffer_.size() >= kFlushAt) Flush();
}

}  // namespace csperf::demo
