// Buffered CSV output for the demo generator: millions of rows, so rows are formatted into a
// large buffer and written in big blocks, never a stream per field.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/civil_time.h"
#include "core/file_system.h"
#include "core/problem.h"
#include "core/time_zone.h"

namespace csperf::demo {

class CsvOut {
 public:
  CsvOut() = default;
  ~CsvOut();
  CsvOut(const CsvOut&) = delete;
  CsvOut& operator=(const CsvOut&) = delete;

  Status Open(const std::string& path, std::string_view header);
  Status Close();
  int64_t rows() const { return rows_; }

  // Fields of one row, then End(). Text is quoted when it needs to be.
  CsvOut& Text(std::string_view value);
  CsvOut& Int(int64_t value);
  CsvOut& Money(int64_t cents);                         // 1299.50
  CsvOut& Decimal(int64_t micros);                      // 4.5
  CsvOut& Date(const CivilDate& date);                  // 2024-01-25
  CsvOut& Time(Instant instant, const TimeZone& zone);  // 2024-01-25 09:35:30, local
  CsvOut& ClockTime(int seconds_of_day);                // 09:05
  CsvOut& Empty();
  void End();

 private:
  void Separator();
  void Flush();

  std::unique_ptr<FileWriter> file_;  // whole or not at all (core/file_system.h)
  std::string path_;
  std::string buffer_;
  bool first_field_ = true;
  int64_t rows_ = 0;
  bool failed_ = false;
};

}  // namespace csperf::demo
