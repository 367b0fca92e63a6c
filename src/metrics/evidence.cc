#include "metrics/evidence.h"

#include <fmt/format.h>

#include <algorithm>

#include "io/csv_writer.h"
#include "metrics/dimension_rules.h"
#include "metrics/report.h"

namespace csperf::metrics {
namespace {

MetricValue Ranked(const std::vector<EvidenceRow>& rows, int64_t num, int64_t den) {
  std::vector<Wide> values;
  values.reserve(rows.size());
  for (const EvidenceRow& r : rows) values.push_back(r.num);
  const int64_t n = static_cast<int64_t>(values.size());
  if (n == 0) return MetricValue::Empty();
  std::sort(values.begin(), values.end());
  const int64_t k = (num * n + den - 1) / den;
  return MetricValue::Whole(static_cast<int64_t>(values[static_cast<size_t>(k - 1)]), n);
}

// The report's own rule (dimension_rules.h) over the rows' scores. A row with den 0 is shown
// only (a void assessment, a review without a score): it is no score of its source.
MetricValue DimensionValue(const std::vector<EvidenceRow>& rows) {
  DimensionSources sources;
  for (const EvidenceRow& r : rows) {
    if (r.den <= 0) continue;
    SourceScores& s = sources[r.source];
    s.Add(r.num, r.den);
    s.weight = static_cast<Micros>(r.weight);
  }
  return WeightedDimensionValue(sources);
}

}  // namespace

MetricValue Reaggregate(const Evidence& e) {
  switch (e.aggregate) {
    case Aggregate::kSum: {
      Wide sum = 0;
      for (const EvidenceRow& r : e.rows) sum += r.num;
      return MetricValue::Ratio(sum, 1, static_cast<int64_t>(e.rows.size()));
    }
    case Aggregate::kRatio: {
      Wide num = 0, den = 0;
      for (const EvidenceRow& r : e.rows) {
        num += r.num;
        den += r.den;
      }
      return MetricValue::Ratio(num, den);
    }
    case Aggregate::kMedian:
      return Ranked(e.rows, 1, 2);
    case Aggregate::kP90:
      return Ranked(e.rows, 9, 10);
    case Aggregate::kDimension:
      return DimensionValue(e.rows);
  }
  return MetricValue::Empty();
}

Result<Evidence> BuildEvidence(const Context& c, const std::string& agent_id,
                               const std::string& metric) {
  const Result<Id> agent = c.data.FindAgent(agent_id);
  if (!agent.ok()) return agent.problem();
  if (FindColumn(metric) == nullptr) {
    const std::vector<std::string> dimensions = DimensionColumns(c.data);
    if (std::find(dimensions.begin(), dimensions.end(), metric) == dimensions.end()) {
      return MakeProblem(
          "不是指标列 / not a metric column: give a column of the report (docs/metrics.md, "
          "\"Columns\")",
          metric, Place{"", 0, 0, "--metric"});
    }
  }
  Evidence e;
  e.agent_id = agent_id;
  e.metric = metric;
  const ColumnInfo info = ColumnOf(metric);
  e.aggregate = info.aggregate;
  switch (info.family) {
    case Family::kChat:
    case Family::kConversion:
    case Family::kSatisfaction:
      ChatEvidence(c, *agent, metric, &e);
      break;
    case Family::kDimensions:
      DimensionEvidence(c, *agent, metric, &e);
      break;
    default:
      RecordEvidence(c, *agent, info.family, metric, &e);
      break;
  }
  return e;
}

std::string RenderEvidenceCsv(const Evidence& e) {
  std::string out = "kind,when,what,num,den,source,weight\n";
  auto wide = [](Wide v) { return FormatRounded(v, 1, 0); };
  for (const EvidenceRow& r : e.rows) {
    out += CsvLine({r.kind, r.when, r.what, wide(r.num), wide(r.den), r.source,
                    r.weight ? FormatRounded(r.weight, 1'000'000, 6) : ""}) +
           "\n";
  }
  return out;
}

}  // namespace csperf::metrics
