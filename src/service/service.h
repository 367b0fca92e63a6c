// The service layer: one call per thing a user does, the same for every front-end. The
// command line (and the HTTP server) only turn arguments into a request and a result into
// text; which store, which settings, which groupings and which read path a command takes is
// decided here, once.
//
// Every call takes typed options and returns a typed result or a Problem whose code a
// front-end maps to an exit status or an HTTP status (core/problem.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/env.h"
#include "core/problem.h"
#include "core/settings.h"
#include "demo/demo_data.h"
#include "export/scorecard_html.h"
#include "import/importer.h"
#include "metrics/evidence.h"
#include "metrics/report.h"
#include "scoring/scorecard.h"
#include "scoring/template.h"
#include "scoring/whatif.h"
#include "store/quality_report.h"

namespace csperf::service {

// The settings of a call: a settings file, or the defaults of docs/settings.md; and the time
// a report takes as now (for repeatable output), or the clock's.
struct CommonOptions {
  std::string settings_path;
  std::string now;
};

// Where a report's records come from: a store, or a folder of files read straight (`--data`).
struct Source {
  std::string db;
  std::string data;
};

struct ReportOptions {
  CommonOptions common;
  Source source;
  std::string period;  // 2024-01, 2024-01-15 or 2024-01-01..2024-01-15
};

// What a report call read, for a front-end to show when reading files failed.
struct ReadReport {
  std::optional<ImportReport> files;  // --data: the import report of the files, when read
};

class Service {
 public:
  explicit Service(const Env& env) : env_(env) {}

  // `csperf import`: the files into the store, all or nothing; then, when committed, the
  // data summary and the data-quality report of the whole store (with this import's repeated
  // and conflicting ids first).
  struct ImportRequest {
    CommonOptions common;
    std::string db;
    std::vector<std::string> paths;
    std::string profile_path;
    ImportOptions options;  // its profile is set from profile_path
  };
  struct ImportResult {
    ImportReport report;
    std::optional<StoreCheck> check;  // set when committed
  };
  Result<ImportResult> Import(const ImportRequest& request, ImportObserver* observer = nullptr);

  // `csperf check`: the data summary and the data-quality report of a store.
  struct CheckRequest {
    CommonOptions common;
    std::string db;
  };
  Result<StoreCheck> Check(const CheckRequest& request);

  // `csperf metrics`: every indicator of a period, by agent, team, shop or manager.
  struct MetricsRequest {
    ReportOptions report;
    metrics::Grouping grouping = metrics::Grouping::kAgent;
  };
  Result<metrics::Report> Metrics(const MetricsRequest& request, ReadReport* read = nullptr);

  // `csperf sessions`: one row per chat session of the period (of one agent's, when named).
  struct SessionsRequest {
    ReportOptions report;
    std::string agent;
  };
  Result<std::string> SessionsCsv(const SessionsRequest& request, ReadReport* read = nullptr);

  // `csperf evidence`: the records behind one number of one agent.
  struct EvidenceRequest {
    ReportOptions report;
    std::string agent;
    std::string metric;
  };
  struct EvidenceResult {
    metrics::Evidence evidence;
    metrics::MetricValue value;  // the number, rebuilt from the evidence
    metrics::Format format;
  };
  Result<EvidenceResult> Evidence(const EvidenceRequest& request, ReadReport* read = nullptr);

  // `csperf score`: every agent scored with the templates that apply to them.
  struct ScoreRequest {
    ReportOptions report;
    std::vector<std::string> templates;
  };
  struct ScoreResult {
    std::vector<scoring::Template> templates;
    std::vector<scoring::Scorecard> cards;
    std::string period;
  };
  Result<ScoreResult> Score(const ScoreRequest& request, ReadReport* read = nullptr);

  // `csperf whatif`: a draft template beside the one in use, agent by agent.
  struct WhatIfRequest {
    ReportOptions report;
    std::string draft;
    std::string baseline;
  };
  Result<std::vector<scoring::WhatIfRow>> WhatIf(const WhatIfRequest& request,
                                                 ReadReport* read = nullptr);

  // `csperf export`: the payroll workbook (xlsx), or one of its sheets (csv), written whole
  // or not at all.
  struct ExportRequest {
    ScoreRequest score;
    std::string out;
    std::string format;  // xlsx or csv; empty: from the file name
    std::string sheet;   // with csv: payroll (default), ranking or indicators
  };
  struct ExportResult {
    std::string format;
    std::string sheet_name;  // the CSV's sheet (its Chinese name)
    std::string sheet_key;
    size_t agents = 0;
  };
  Result<ExportResult> Export(const ExportRequest& request, ReadReport* read = nullptr);

  // `csperf scorecard`: one agent's printable scorecard page (HTML for A4), written whole or
  // not at all to `out` when one is named.
  struct ScorecardRequest {
    ScoreRequest score;
    std::string agent;
    std::string out;
  };
  struct ScorecardResult {
    exporting::ScorecardPage page;
    std::string html;
  };
  Result<ScorecardResult> Scorecard(const ScorecardRequest& request, ReadReport* read = nullptr);

  // `csperf demo-data`: a realistic demo month and its manifest.
  Result<demo::DemoResult> DemoData(const demo::DemoOptions& options);

 private:
  const Env& env_;
};

}  // namespace csperf::service
