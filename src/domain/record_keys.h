// How records are told apart: the hash of a record's canonical fields, and its key — its id
// when it has one, else its content and which copy of it in its file it is (inputs.md). The
// import's rules (import/record_writer.h) decide with these; a store keeps them.
#pragma once

#include <compare>
#include <cstdint>
#include <string>

#include "domain/kinds.h"
#include "domain/record.h"

namespace csperf {

// A 128-bit hash (XXH3), ordered as its big-endian bytes are.
struct Hash128 {
  uint64_t high = 0;
  uint64_t low = 0;
  bool operator==(const Hash128&) const = default;
  auto operator<=>(const Hash128&) const = default;
};

// Of every canonical field; `buffer` is scratch space.
Hash128 ContentHash(const Record& record, std::string* buffer);
// The key of a record with an id: its kind's key columns.
Hash128 IdKey(const KindSpec& spec, const Record& record, std::string* buffer);
// The key of the `copy`-th copy (from 1) in a file of an id-less record of this content.
Hash128 CopyKey(const Hash128& content, int64_t copy);
// Whether a record of this kind has no id and is keyed by its content.
bool IsCounted(const KindSpec& spec, const Record& record);

}  // namespace csperf
