// libFuzzer target: any bytes through the decoder, the CSV reader and the row parser of
// every record kind, and through the part reader of `--data`, which must see in plain UTF-8
// text exactly the records the CSV reader sees. Nothing may crash, hang or read out of
// bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/time_zone.h"
#include "domain/kinds.h"
#include "import/header_map.h"
#include "import/row_parser.h"
#include "io/csv_parts.h"
#include "io/csv_reader.h"
#include "io/encoding.h"

namespace {

// The part reader against the CSV reader on text the part reader takes as plain.
void CompareTheReaders(std::string_view text) {
  using namespace csperf;
  if (!IsPlainUtf8(text)) return;
  CsvReader reader(text);
  CsvPartReader part(text, 0, text.size());
  CsvRecord expected, got;
  while (reader.Next(&expected)) {
    if (!part.Next(&got) || got.fields != expected.fields || got.raw != expected.raw ||
        got.ok() != expected.ok()) {
      __builtin_trap();
    }
  }
  if (part.Next(&got)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace csperf;
  static const std::shared_ptr<const TimeZone> zone = *TimeZone::Load("Asia/Shanghai");
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CompareTheReaders(bytes);
  auto decoded = DecodeToUtf8(bytes);
  if (!decoded.ok()) return 0;
  CsvReader reader(decoded->text());
  CsvRecord header;
  if (!reader.Next(&header) || !header.ok()) return 0;
  std::vector<std::unique_ptr<RowParser>> parsers;
  for (const KindSpec& spec : AllKinds()) {
    auto map = MapHeader(spec, header.fields, nullptr, "fuzz.csv");
    if (map.ok())
      parsers.push_back(std::make_unique<RowParser>(spec, *map, nullptr, zone, "fuzz.csv"));
  }
  CsvRecord row;
  Record record;
  std::vector<Problem> problems;
  while (reader.Next(&row)) {
    for (auto& parser : parsers) {
      problems.clear();
      parser->Parse(row, &record, &problems);
    }
  }
  return 0;
}
