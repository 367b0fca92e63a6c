// Plain-text renderings of the import report, the data summary and the data-quality report,
// with Chinese and English labels side by side.
#pragma once

#include <string>

#include "import/importer.h"
#include "store/quality_report.h"

namespace csperf {

std::string RenderImportReport(const ImportReport& report, const ImportOptions& options);
std::string RenderDataSummary(const DataSummary& summary);
std::string RenderQualityReport(const QualityReport& report);

}  // namespace csperf
