#include "import/row_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/civil_time.h"
#include "core/money.h"
#include "core/text.h"
#include "core/time_parse.h"
#include "import/row_rules.h"

namespace csperf {
namespace {

std::optional<std::string_view> MatchEnum(const ColumnSpec& column, std::string_view text) {
  for (const EnumWord& word : column.words) {
    if (EqualsIgnoreCaseAscii(text, word.canonical)) return word.canonical;
    for (std::string_view alias : word.aliases) {
      if (EqualsIgnoreCaseAscii(text, alias)) return word.canonical;
    }
  }
  return std::nullopt;
}

std::string AllowedWords(const ColumnSpec& column) {
  std::string list;
  for (const EnumWord& word : column.words) {
    if (!list.empty()) list += ", ";
    list += std::string(word.canonical);
  }
  return list;
}

int RatingFromWord(std::string_view text) {
  static const std::pair<std::string_view, int> kWords[] = {
      {"非常满意", 5}, {"满意", 4}, {"一般", 3}, {"不满意", 2}, {"非常不满意", 1}};
  for (const auto& [word, score] : kWords) {
    if (text == word) return score;
  }
  return 0;
}

}  // namespace

RowParser::RowParser(const KindSpec& spec, HeaderMap header, const KindMapping* mapping,
                     std::shared_ptr<const TimeZone> zone, std::string file)
    : spec_(spec),
      header_(std::move(header)),
      mapping_(mapping),
      zone_(std::move(zone)),
      file_(std::move(file)),
      time_of_day_(spec.columns.size(), -1),
      date_only_(spec.columns.size(), false) {
  parse_zone_ = zone_;
  if (mapping_ && mapping_->utc_offset_s)
    parse_zone_ = TimeZone::FixedOffset(*mapping_->utc_offset_s);
}

Problem RowParser::ProblemAt(const CsvRecord& row, size_t column, std::string_view value,
                             std::string reason) const {
  int source = header_.source_index[column];
  std::string field(spec_.columns[column].name);
  const std::string& found = header_.source_name[column];
  if (!found.empty() && found != field) field += " (" + found + ")";
  return MakeProblem(std::move(reason), std::string(value),
                     Place{file_, row.line, source >= 0 ? source + 1 : 0, field});
}

bool RowParser::ParseField(size_t column, std::string_view text, Value* out, std::string* reason) {
  const ColumnSpec& spec = spec_.columns[column];
  time_of_day_[column] = -1;
  date_only_[column] = false;
  switch (spec.type) {
    case FieldType::kText:
      out->SetText(text);
      return true;
    case FieldType::kList: {
      std::string joined;
      std::vector<std::string_view> seen;
      for (std::string_view part : Split(text, ';')) {
        part = Trim(part);
        if (part.empty() || std::find(seen.begin(), seen.end(), part) != seen.end()) continue;
        seen.push_back(part);
        if (!joined.empty()) joined += ';';
        joined += part;
      }
      out->SetText(std::move(joined));
      return true;
    }
    case FieldType::kInstant:
    case FieldType::kDueInstant: {
      Result<ParsedTime> t = mapping_ && mapping_->time_format
                                 ? mapping_->time_format->Parse(text, ParseZone())
                                 : ParseTimestamp(text, ParseZone());
      if (!t.ok()) {
        // A profile's format is the export's usual form; the canonical forms still count.
        if (mapping_ && mapping_->time_format) t = ParseTimestamp(text, ParseZone());
        if (!t.ok()) {
          *reason = t.problem().reason;
          return false;
        }
      }
      Instant instant = t->instant;
      date_only_[column] = t->date_only;
      if (t->date_only && spec.type == FieldType::kDueInstant) {
        CivilTime local = ParseZone().ToLocal(instant);
        local.date = AddDays(local.date, 1);
        instant = ParseZone().FromLocal(local);
      }
      out->SetInt(instant);
      return true;
    }
    case FieldType::kDate: {
      auto d = ParseDate(text);
      if (!d.ok()) {
        // Spreadsheets often write a date as a timestamp at midnight.
        auto t = ParseTimestamp(text, ParseZone());
        if (!t.ok()) {
          *reason = d.problem().reason;
          return false;
        }
        out->SetText(FormatDate(ParseZone().ToLocal(t->instant).date));
        return true;
      }
      out->SetText(FormatDate(*d));
      return true;
    }
    case FieldType::kClockTime: {
      auto tod = ParseTimeOfDay(text);
      if (tod.ok()) {
        time_of_day_[column] = *tod;
        out->SetInt(0);  // resolved against the record's date in CheckRecord
        return true;
      }
      auto t = ParseTimestamp(text, ParseZone());
      if (!t.ok()) {
        *reason = "expected a time of day such as 09:00 or a full date and time";
        return false;
      }
      out->SetInt(t->instant);
      return true;
    }
    case FieldType::kMoney: {
      auto cents = ParseMoney(text);
      if (!cents.ok()) {
        *reason = "not an amount of money: " + cents.problem().reason;
        return false;
      }
      out->SetInt(*cents);
      return true;
    }
    case FieldType::kDecimal: {
      auto v = ParseDecimal(text);
      if (!v.ok()) {
        *reason = v.problem().reason;
        return false;
      }
      out->SetInt(*v);
      return true;
    }
    case FieldType::kInteger: {
      auto v = ParseDecimal(text);
      if (!v.ok() || *v % kMicrosPerUnit != 0) {
        *reason = "expected a whole number";
        return false;
      }
      out->SetInt(*v / kMicrosPerUnit);
      return true;
    }
    case FieldType::kYesNo: {
      int yn = ParseYesNo(text);
      if (yn < 0) {
        *reason = "expected yes or no";
        return false;
      }
      out->SetInt(yn);
      return true;
    }
    case FieldType::kEnum: {
      auto word = MatchEnum(spec, text);
      if (!word) {
        if (spec.open_enum) {
          out->SetText(ToLowerAscii(text));
          return true;
        }
        *reason =
            fmt::format("not a known {} (expected one of: {})", spec.name, AllowedWords(spec));
        return false;
      }
      out->SetText(*word);
      return true;
    }
    case FieldType::kRatingScore: {
      int score = RatingFromWord(text);
      if (score == 0) {
        auto v = ParseDecimal(text);
        if (v.ok() && *v % kMicrosPerUnit == 0) score = static_cast<int>(*v / kMicrosPerUnit);
        if (score < 1 || score > 5) {
          *reason =
              "a rating is a whole score from 1 to 5 (or 非常满意/满意/一般/不满意/非常不满意)";
          return false;
        }
      }
      out->SetInt(score);
      return true;
    }
    case FieldType::kQaResult: {
      if (EqualsIgnoreCaseAscii(text, "na") || EqualsIgnoreCaseAscii(text, "n/a") ||
          text == "不适用") {
        out->SetNull();
        return true;
      }
      auto v = ParseDecimal(text);
      if (!v.ok() || *v < 0) {
        *reason = "expected the points earned (a number ≥ 0) or na";
        return false;
      }
      out->SetInt(*v);
      return true;
    }
  }
  *reason = "unsupported field type";
  return false;
}

std::string_view RowParser::Mapped(const ColumnSpec& column, std::string_view raw) {
  auto values = mapping_->values.find(std::string(column.name));
  if (values != mapping_->values.end()) {
    auto word = values->second.find(std::string(Trim(raw)));
    if (word != values->second.end()) {
      mapped_ = word->second;
      raw = mapped_;
    }
  }
  if (Trim(raw).empty()) {
    auto d = mapping_->defaults.find(std::string(column.name));
    if (d != mapping_->defaults.end()) raw = d->second;
  }
  return raw;
}

bool RowParser::Parse(const CsvRecord& row, Record* out, std::vector<Problem>* problems) {
  size_t before = problems->size();
  out->line = row.line;
  out->extra_json.clear();
  if (!row.ok()) {
    problems->push_back(MakeProblem(row.error, {}, Place{file_, row.line, row.error_column, ""}));
    return false;
  }
  if (row.fields.size() != header_.width) {
    problems->push_back(MakeProblem(
        fmt::format("the row has {} fields but the header has {} (an unquoted comma, or a "
                    "missing one?)",
                    row.fields.size(), header_.width),
        {}, Place{file_, row.line, 0, ""}));
    return false;
  }
  out->values.resize(spec_.columns.size());
  for (size_t c = 0; c < spec_.columns.size(); ++c) {
    const ColumnSpec& column = spec_.columns[c];
    if (column.derived) {
      out->values[c].SetNull();  // the row rules fill it
      continue;
    }
    int source = header_.source_index[c];
    std::string_view raw = source >= 0 ? row.fields[source] : std::string_view();
    if (mapping_) raw = Mapped(column, raw);
    std::string_view text = Trim(raw);
    if (text.empty()) text = Trim(column.default_value);
    if (text.empty()) {
      if (column.required) {
        problems->push_back(ProblemAt(row, c, {}, "required value is empty"));
      }
      out->values[c].SetNull();
      time_of_day_[c] = -1;
      continue;
    }
    reason_.clear();
    if (!ParseField(c, text, &out->values[c], &reason_)) {
      problems->push_back(
          ProblemAt(row, c, source >= 0 ? row.fields[source] : text, std::move(reason_)));
    }
  }
  if (problems->size() == before) CheckRecord(out, row, problems);
  if (problems->size() != before) return false;
  // Extra columns are mostly empty (a comment column): the JSON is built only for a row
  // that has something in one.
  const auto has_value = [&](int e) { return !row.fields[static_cast<size_t>(e)].empty(); };
  if (std::any_of(header_.extra_index.begin(), header_.extra_index.end(), has_value)) {
    nlohmann::json extra = nlohmann::json::object();
    for (size_t e = 0; e < header_.extra_index.size(); ++e) {
      std::string_view v = row.fields[header_.extra_index[e]];
      if (!v.empty()) extra[header_.extra_name[e]] = std::string(v);
    }
    out->extra_json = extra.dump();
  }
  return true;
}

void RowParser::CheckRecord(Record* record, const CsvRecord& row, std::vector<Problem>* problems) {
  RowRuleContext context{ParseZone(), time_of_day_, date_only_};
  for (RowFault& fault : ApplyRowRules(spec_, context, record)) {
    int source = header_.source_index[fault.column];
    std::string_view cell = source >= 0 ? row.fields[source] : std::string_view();
    problems->push_back(ProblemAt(row, fault.column, cell, std::move(fault.reason)));
  }
}

}  // namespace csperf
