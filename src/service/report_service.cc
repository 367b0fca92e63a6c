// The metrics report and what lies behind its numbers: `csperf metrics`, `sessions`,
// `evidence`.
#include "metrics/session_export.h"
#include "service/report_input.h"
#include "service/service.h"

namespace csperf::service {

Result<metrics::Report> Service::Metrics(const MetricsRequest& request, ReadReport* read) {
  // Only this report is built: the month's messages may stream past.
  auto loaded = LoadReportInput(env_, request.report, {request.grouping}, read);
  if (!loaded.ok()) return loaded.problem();
  return metrics::BuildReport((*loaded)->context(), request.grouping);
}

Result<std::string> Service::SessionsCsv(const SessionsRequest& request, ReadReport* read) {
  auto loaded = LoadReportInput(env_, request.report, {}, read);
  if (!loaded.ok()) return loaded.problem();
  metrics::Id agent = metrics::kNone;
  if (!request.agent.empty()) {
    const Result<metrics::Id> found = (*loaded)->data.FindAgent(request.agent);
    if (!found.ok()) return found.problem();
    agent = *found;
  }
  return metrics::RenderSessionsCsv((*loaded)->context(), agent);
}

Result<Service::EvidenceResult> Service::Evidence(const EvidenceRequest& request,
                                                  ReadReport* read) {
  auto loaded = LoadReportInput(env_, request.report, {}, read);
  if (!loaded.ok()) return loaded.problem();
  auto evidence = metrics::BuildEvidence((*loaded)->context(), request.agent, request.metric);
  if (!evidence.ok()) return evidence.problem();
  EvidenceResult result{std::move(*evidence), {}, metrics::FormatOfColumn(request.metric)};
  result.value = metrics::Reaggregate(result.evidence);
  return result;
}

}  // namespace csperf::service
