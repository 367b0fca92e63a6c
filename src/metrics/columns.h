// Every column of the metrics report, in report order, in one table: what it is called, which
// family computes it, how it prints, its unit, what its sample is, how its evidence adds up,
// its labels in Chinese and English and one line of meaning. The report's headers, the
// formats, the check of a template's `metric = …`, the workbook's number formats and units
// and the evidence dispatch all read this table; docs/metrics.md lists the same columns (a
// test checks it). docs/adding-a-column.md says how to add one.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/value.h"

namespace csperf::metrics {

// The part of the report that computes a column, in report order.
enum class Family : uint8_t {
  kChat,
  kConversion,
  kSatisfaction,
  kAfterSales,
  kFollowups,
  kDimensions,
  kIncidents,
  kAttendance,
  kSupervisors,
};

// What a column's number counts or measures, for people and spreadsheets.
enum class Unit : uint8_t {
  kCount,    // a number of things
  kSeconds,  // seconds
  kHours,    // hours (kept in seconds, printed as hours)
  kShare,    // a fraction of 1 (rates; shown as a percentage)
  kRatio,    // one count over another (answer_ratio, messages per session)
  kMoney,    // yuan (kept in cents)
  kScore,    // a score from 1 to 5 (ratings, follow-up quality)
  kPoints,   // points out of 100 (dimensions)
  kDays,     // days
};

// How the records behind a column add up to its number (`csperf evidence`).
enum class Aggregate : uint8_t {
  kSum,        // Σ num (counts: each row num 1)
  kRatio,      // Σ num / Σ den (rates and means)
  kMedian,     // the lower median of the rows' num
  kP90,        // the nearest-rank 90th percentile of the rows' num
  kDimension,  // per `source`: mean of num/den; then Σ weight·mean / Σ weight (self alone: empty;
               // weight ≤ 0: left out; den 0: a row shown only, e.g. a void assessment)
};

struct ColumnInfo {
  std::string_view name;
  Family family;
  Format format;
  Unit unit;
  Aggregate aggregate;
  // What `min_sample` tests for this column: a column's name, a sum of columns, or words
  // when no column holds it; empty for counts and sums (their sample is themselves).
  std::string_view sample;
  std::string_view label_zh;
  std::string_view label_en;
  std::string_view meaning;
};

// Every column of metrics.md in report order, the five standard dimensions among them. A
// report may hold more dimension columns, named after dimensions found in the data: they
// follow the five and are no entry of this table.
std::span<const ColumnInfo> AllColumns();
// The entry of `name`, or nullptr: then `name` is a dimension of the data, or nothing.
const ColumnInfo* FindColumn(std::string_view name);
// The entry of `name` when it is one, else that of a dimension of the data (format, unit and
// aggregate of the standard dimensions, the name as its labels). For a dimension of the
// data the entry's name and labels view `name`: keep `name` alive while they are read.
ColumnInfo ColumnOf(std::string_view name);

// A report's columns: AllColumns() with `dimensions` (the five standard ones first, then
// those of the data: DimensionColumns) in the place of the five.
std::vector<std::string> ReportColumns(const std::vector<std::string>& dimensions);
// The names of AllColumns(), in order.
const std::vector<std::string>& StandardColumns();
// The format of a column; a name that is no entry prints as a dimension.
Format FormatOfColumn(std::string_view name);

const char* FamilyName(Family family);  // "chat", "conversion", … as docs/metrics.md has them
const char* UnitName(Unit unit);        // "count", "seconds", … as docs/metrics.md has them

}  // namespace csperf::metrics
