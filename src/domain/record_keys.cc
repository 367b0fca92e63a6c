#include "domain/record_keys.h"

#include <xxhash.h>

#include <cstring>

namespace csperf {
namespace {

// Appends a value to a hashing buffer unambiguously: a type tag, then a fixed-width integer
// or a length-prefixed string, so ("ab","c") and ("a","bc") never collide by construction.
void AppendValue(const Value& v, std::string* buffer) {
  buffer->push_back(static_cast<char>(v.type));
  if (v.type == Value::Type::kInt) {
    char bytes[8];
    std::memcpy(bytes, &v.i, 8);
    buffer->append(bytes, 8);
  } else if (v.type == Value::Type::kText) {
    const uint64_t size = v.s.size();
    char bytes[8];
    std::memcpy(bytes, &size, 8);
    buffer->append(bytes, 8);
    buffer->append(v.s);
  }
}

Hash128 HashOf(std::string_view bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  return {h.high64, h.low64};
}

}  // namespace

Hash128 ContentHash(const Record& record, std::string* buffer) {
  buffer->clear();
  for (const Value& v : record.values) AppendValue(v, buffer);
  return HashOf(*buffer);
}

Hash128 IdKey(const KindSpec& spec, const Record& record, std::string* buffer) {
  buffer->assign(1, 'I');
  for (std::string_view column : spec.key_columns) {
    AppendValue(record.values[static_cast<size_t>(ColumnIndex(spec, column))], buffer);
  }
  return HashOf(*buffer);
}

Hash128 CopyKey(const Hash128& content, int64_t copy) {
  char bytes[1 + 16 + 8];
  bytes[0] = 'C';
  std::memcpy(bytes + 1, &content.high, 8);
  std::memcpy(bytes + 9, &content.low, 8);
  std::memcpy(bytes + 17, &copy, 8);
  return HashOf(std::string_view(bytes, sizeof bytes));
}

bool IsCounted(const KindSpec& spec, const Record& record) {
  if (spec.key_rule == KeyRule::kCounted) return true;
  if (spec.key_rule == KeyRule::kMessage) {
    return record.values[static_cast<size_t>(ColumnIndex(spec, "message_id"))].is_null();
  }
  return false;
}

}  // namespace csperf
