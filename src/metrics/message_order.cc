#include "metrics/message_order.h"

#include <algorithm>
#include <string_view>

#include "core/file_system.h"
#include "core/text.h"
#include "import/header_map.h"
#include "io/csv_reader.h"

namespace csperf::metrics {
namespace {

// "2024-01-05 10:00:00": digits and separators where they belong, so that two such times
// of one zone compare as text as they compare as local times.
bool PlainTime(std::string_view s) {
  constexpr std::string_view kPattern = "0000-00-00 00:00:00";  // 0: a digit
  if (s.size() != kPattern.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool digit = s[i] >= '0' && s[i] <= '9';
    if (kPattern[i] == '0' ? !digit : s[i] != kPattern[i]) return false;
  }
  return true;
}

}  // namespace

void CustomerRuns::Add(std::string_view shop, std::string_view customer) {
  ++rows_;
  const bool same = key_.size() == shop.size() + 1 + customer.size() &&
                    key_.compare(0, shop.size(), shop) == 0 && key_[shop.size()] == '\x1F' &&
                    key_.compare(shop.size() + 1, std::string::npos, customer) == 0;
  if (same && runs_ > 0) return;
  key_.assign(shop).append(1, '\x1F').append(customer);
  ++runs_;
}

MessageOrder FirstRowsOrder(const std::string& path, size_t rows) {
  // The first rows only, read into memory: parsing them with the stream's reader here (its
  // first use in the process) was seen to slow the batch read after it by a fifth.
  constexpr size_t kPrefixBytes = 256 << 10;
  auto mapped = RealFileSystem().Map(path);
  if (!mapped.ok()) return MessageOrder::kByTime;  // the stream decides, and says why
  std::string prefix((*mapped)->bytes().substr(0, kPrefixBytes));
  const bool whole = prefix.size() < kPrefixBytes;
  if (prefix.starts_with("\xEF\xBB\xBF")) prefix.erase(0, 3);
  CsvReader reader(prefix);
  CsvRecord row;
  if (!reader.Next(&row) || !row.ok()) return MessageOrder::kByTime;  // the stream decides
  const KindSpec& spec = SpecOf(Kind::kMessages);
  auto header = MapHeader(spec, row.fields, nullptr, path);
  if (!header.ok()) return MessageOrder::kByTime;
  auto source = [&](const char* column) {
    return header->source_index[static_cast<size_t>(ColumnIndex(spec, column))];
  };
  const int at = source("sent_at");
  const int shop = source("shop");
  const int customer = source("customer_id");
  if (at < 0 || shop < 0 || customer < 0) return MessageOrder::kByTime;
  const auto width = static_cast<size_t>(std::max({at, shop, customer}));
  bool by_time = true;
  CustomerRuns runs;
  std::string before;  // the time of the row before
  for (size_t n = 0; n < rows && reader.Next(&row); ++n) {
    // A record cut by the end of the prefix is no record.
    if (!whole && reader.offset() >= prefix.size()) break;
    if (!row.ok() || row.fields.size() <= width) return MessageOrder::kByTime;
    const std::string_view sent = Trim(row.fields[static_cast<size_t>(at)]);
    // Only times in the usual form compare as text; anything else is the stream's to judge.
    if (!PlainTime(sent)) return MessageOrder::kByTime;
    if (!before.empty() && sent < before) by_time = false;
    before.assign(sent);
    runs.Add(Trim(row.fields[static_cast<size_t>(shop)]),
             Trim(row.fields[static_cast<size_t>(customer)]));
  }
  if (by_time) return MessageOrder::kByTime;
  return runs.InRuns() ? MessageOrder::kByCustomer : MessageOrder::kOther;
}

}  // namespace csperf::metrics
