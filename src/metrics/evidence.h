// The records behind one number (`csperf evidence`): every record that went into a metric
// of one agent, with what it contributed. Re-aggregating the rows gives the number back,
// which a test checks for every column of a demo month.
#pragma once

#include <string>
#include <vector>

#include "core/problem.h"
#include "metrics/context.h"

namespace csperf::metrics {

enum class Aggregate {
  kSum,        // Σ num (counts: each row num 1)
  kRatio,      // Σ num / Σ den (rates and means)
  kMedian,     // the lower median of the rows' num
  kP90,        // the nearest-rank 90th percentile of the rows' num
  kDimension,  // per `source`: mean of num/den; then Σ weight·mean / Σ weight (self alone: empty;
               // weight ≤ 0: left out; den 0: a row shown only, e.g. a void assessment)
};

struct EvidenceRow {
  std::string kind;  // session, wait, order, rating, case, followup, assessment, qa_review, …
  std::string when;  // local time or date of the record
  std::string what;  // which record: customer, ids, accounts, steps
  Wide num = 0;      // the row's contribution (see Aggregate)
  Wide den = 0;
  std::string source;  // kDimension: the assessment source
  Wide weight = 0;     // kDimension: that source's weight (millionths)
};

struct Evidence {
  std::string agent_id;
  std::string metric;
  Aggregate aggregate = Aggregate::kSum;
  std::vector<EvidenceRow> rows;
};

MetricValue Reaggregate(const Evidence& evidence);

Result<Evidence> BuildEvidence(const Context& c, const std::string& agent_id,
                               const std::string& metric);

// How each family of columns explains itself, for one agent (a Group of one).
// Returns false when `metric` is not one of the family's columns.
bool ChatEvidence(const Context& c, Id agent, const std::string& metric, Evidence* out);
bool RecordEvidence(const Context& c, Id agent, const std::string& metric, Evidence* out);
bool DimensionEvidence(const Context& c, Id agent, const std::string& metric, Evidence* out);

std::string RenderEvidenceCsv(const Evidence& evidence);

}  // namespace csperf::metrics
