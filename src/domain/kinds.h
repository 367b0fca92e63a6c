// The record kinds of the input spec, described as data: columns, their types, which are
// required, and how records of a kind are keyed. The readers, the store and the reports all
// read these descriptions instead of repeating per-kind code.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace csperf {

enum class Kind {
  kAgents,
  kMessages,
  kOrders,
  kRatings,
  kCases,
  kCaseEvents,
  kFollowups,
  kAssessments,
  kQaItems,
  kIncidents,
  kAttendance,
  kWorkRecords,
};
inline constexpr int kKindCount = 12;

enum class FieldType {
  kText,
  kList,        // ';'-separated, kept as normalised text "a;b"
  kInstant,     // a timestamp in any accepted format → epoch seconds
  kDueInstant,  // like kInstant, but a date alone means the end of that day
  kDate,        // a calendar day → "YYYY-MM-DD"
  kClockTime,   // a time of day or a full timestamp (attendance) → epoch seconds
  kMoney,       // → integer cents
  kDecimal,     // → integer millionths
  kInteger,
  kYesNo,        // → 0 / 1
  kEnum,         // → the canonical word
  kRatingScore,  // 1–5 or 非常满意…非常不满意 → 1–5
  kQaResult,     // points earned (decimal) or "na" → millionths or NULL
};

// A canonical word of an enum column and the other words that mean it.
struct EnumWord {
  std::string_view canonical;
  std::vector<std::string_view> aliases;  // compared case-insensitively for ASCII
};

struct ColumnSpec {
  std::string_view name;
  FieldType type;
  bool required = false;
  std::vector<EnumWord> words = {};     // for kEnum
  std::string_view default_value = {};  // used when the cell is empty
  bool open_enum = false;               // unknown words are kept as they are (order status)
  bool derived = false;                 // not read from files: filled from other columns
};

enum class KeyRule {
  kById,     // key columns identify a record; a newer import replaces it
  kCounted,  // no id: all canonical fields are the key; copies counted per file
  kMessage,  // kById on (shop, message_id) when message_id is given, else kCounted
};

struct KindSpec {
  Kind kind;
  std::string_view name;  // "messages": also the file name and the table name
  std::vector<ColumnSpec> columns;
  KeyRule key_rule;
  std::vector<std::string_view> key_columns;  // for kById
};

const KindSpec& SpecOf(Kind kind);
std::span<const KindSpec> AllKinds();
std::optional<Kind> KindFromName(std::string_view name);
// The header of a canonical file of this kind: its columns read from files, in order.
std::string CanonicalHeader(const KindSpec& spec);
// Index of a column in SpecOf(kind).columns, or -1.
int ColumnIndex(const KindSpec& spec, std::string_view column);

}  // namespace csperf
