// The records behind one number (`csperf evidence`): every record that went into a metric
// of one agent, with what it contributed. Re-aggregating the rows gives the number back,
// which a test checks for every column of a demo month.
#pragma once

#include <string>
#include <vector>

#include "core/problem.h"
#include "metrics/columns.h"
#include "metrics/context.h"

namespace csperf::metrics {

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

// How each family of columns explains itself, for one agent (a Group of one); BuildEvidence
// picks one by the column's family and sets `out->aggregate` from the registry (columns.h).
void ChatEvidence(const Context& c, Id agent, const std::string& metric, Evidence* out);
void RecordEvidence(const Context& c, Id agent, Family family, const std::string& metric,
                    Evidence* out);
void DimensionEvidence(const Context& c, Id agent, const std::string& metric, Evidence* out);

std::string RenderEvidenceCsv(const Evidence& evidence);

}  // namespace csperf::metrics
