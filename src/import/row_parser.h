// Turns one CSV row of a file into a typed record, or into the problems that make it bad.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/problem.h"
#include "core/time_zone.h"
#include "domain/kinds.h"
#include "domain/record.h"
#include "import/header_map.h"
#include "io/csv_reader.h"
#include "io/profile.h"

namespace csperf {

class RowParser {
 public:
  RowParser(const KindSpec& spec, HeaderMap header, const KindMapping* mapping,
            std::shared_ptr<const TimeZone> zone, std::string file);

  // Fills `out` and returns true for a good row; otherwise appends one problem per fault.
  bool Parse(const CsvRecord& row, Record* out, std::vector<Problem>* problems);

  const HeaderMap& header() const { return header_; }

 private:
  // `text`: the cell trimmed, not empty.
  bool ParseField(size_t column, std::string_view text, Value* out, std::string* reason);
  // The cell as the profile's mapping has it: its word mapped, or its default when empty.
  std::string_view Mapped(const ColumnSpec& column, std::string_view raw);
  void CheckRecord(Record* record, const CsvRecord& row, std::vector<Problem>* problems);
  Problem ProblemAt(const CsvRecord& row, size_t column, std::string_view value,
                    std::string reason) const;
  const TimeZone& ParseZone() const { return *parse_zone_; }

  const KindSpec& spec_;
  HeaderMap header_;
  const KindMapping* mapping_;
  std::shared_ptr<const TimeZone> zone_;        // the installation's zone
  std::shared_ptr<const TimeZone> parse_zone_;  // the export's zone when the profile sets one
  std::string file_;
  std::vector<int> time_of_day_;    // per column: seconds of a bare time of day, or -1
  std::vector<uint8_t> date_only_;  // per column: the instant came from a date alone
  std::string reason_;              // a field's problem, kept from field to field
  std::string mapped_;              // the last cell the profile's mapping changed
};

}  // namespace csperf
