#include "metrics/evidence.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "io/csv_writer.h"
#include "metrics/report.h"

namespace csperf::metrics {
namespace {

MetricValue Ranked(const std::vector<EvidenceRow>& rows, int64_t num, int64_t den) {
  std::vector<Wide> values;
  for (const EvidenceRow& r : rows) values.push_back(r.num);
  const int64_t n = static_cast<int64_t>(values.size());
  if (n == 0) return MetricValue::Empty();
  std::sort(values.begin(), values.end());
  const int64_t k = (num * n + den - 1) / den;
  return MetricValue::Whole(static_cast<int64_t>(values[static_cast<size_t>(k - 1)]), n);
}

MetricValue DimensionValue(const std::vector<EvidenceRow>& rows) {
  struct SourceSum {
    Wide num = 0;  // Σ of the rows' values as fractions: kept as one fraction
    Wide den = 1;
    int64_t n = 0;
    Wide weight = 0;
  };
  std::map<std::string, SourceSum> sources;
  for (const EvidenceRow& r : rows) {
    SourceSum& s = sources[r.source];
    // s += r.num / r.den
    s.num = s.num * r.den + r.num * s.den;
    s.den *= r.den;
    MetricValue reduced = MetricValue::Ratio(s.num, s.den);
    s.num = reduced.num;
    s.den = reduced.den;
    ++s.n;
    s.weight = r.weight;
  }
  bool only_self = true;
  Wide num = 0, den = 1, weights = 0;
  int64_t sample = 0;
  for (const auto& [source, s] : sources) {
    if (s.weight <= 0 || s.n == 0) continue;
    if (source != "self") only_self = false;
    // += weight · (s.num / s.den) / n
    const Wide term_num = s.weight * s.num;
    const Wide term_den = s.den * s.n;
    num = num * term_den + term_num * den;
    den *= term_den;
    MetricValue reduced = MetricValue::Ratio(num, den);
    num = reduced.num;
    den = reduced.den;
    weights += s.weight;
    sample += s.n;
  }
  if (only_self || weights == 0) return MetricValue::Empty();
  return MetricValue::Ratio(num, den * weights, sample);
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
  const Id agent = c.data.AgentIndex(agent_id);
  if (agent == kNone) {
    return MakeProblem("no such agent in agents", agent_id, Place{"", 0, 0, "--agent"});
  }
  Evidence e;
  e.agent_id = agent_id;
  e.metric = metric;
  if (ChatEvidence(c, agent, metric, &e) || RecordEvidence(c, agent, metric, &e) ||
      DimensionEvidence(c, agent, metric, &e)) {
    return e;
  }
  return MakeProblem("not a metric column (see docs/metrics.md for the list)", metric,
                     Place{"", 0, 0, "--metric"});
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
