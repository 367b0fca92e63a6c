// A record after parsing: one typed value per canonical column of its kind.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csperf {

struct Value {
  enum class Type : uint8_t { kNull, kInt, kText };
  Type type = Type::kNull;
  int64_t i = 0;
  std::string s;

  static Value Null() { return {}; }
  static Value Int(int64_t v) { return {Type::kInt, v, {}}; }
  static Value Text(std::string v) { return {Type::kText, 0, std::move(v)}; }
  bool is_null() const { return type == Type::kNull; }
  // The same in place: a parser fills one Value per cell of millions of rows, and a text
  // assigned keeps the string's memory from row to row.
  void SetNull() {
    type = Type::kNull;
    i = 0;
    s.clear();
  }
  void SetInt(int64_t v) {
    type = Type::kInt;
    i = v;
    s.clear();
  }
  void SetText(std::string_view v) {
    type = Type::kText;
    i = 0;
    s.assign(v);
  }
  bool operator==(const Value&) const = default;
};

struct Record {
  std::vector<Value> values;  // aligned with SpecOf(kind).columns
  std::string extra_json;     // unknown columns, kept aside as {"header": "value"}
  int64_t line = 0;           // where the row starts in its file
};

}  // namespace csperf
