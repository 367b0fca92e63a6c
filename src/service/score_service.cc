// Scores and what is made of them: `csperf score`, `whatif`, `export`, `scorecard`.
#include <cctype>

#include "export/csv_sheet.h"
#include "export/output_file.h"
#include "export/payroll_workbook.h"
#include "export/xlsx_writer.h"
#include "scoring/appraisal.h"
#include "scoring/template_loader.h"
#include "service/report_input.h"
#include "service/service.h"

namespace csperf::service {
namespace {

bool EndsWith(const std::string& text, const std::string& suffix) {
  if (text.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i) {
    const char c = text[text.size() - suffix.size() + i];
    if (std::tolower(static_cast<unsigned char>(c)) != suffix[i]) return false;
  }
  return true;
}

Problem OutProblem(const std::string& out, std::string reason,
                   ProblemCode code = ProblemCode::kBadInput) {
  return MakeProblem(code, std::move(reason), {}, Place{out, 0, 0, "--out"});
}

}  // namespace

Result<Service::ScoreResult> Service::Score(const ScoreRequest& request, ReadReport* read) {
  auto templates = scoring::LoadTemplateFiles(request.templates);
  if (!templates.ok()) return templates.problem();
  auto loaded = LoadReportInput(env_, request.report, scoring::ScorePeriodGroupings(), read);
  if (!loaded.ok()) return loaded.problem();
  auto cards = scoring::ScorePeriod((*loaded)->context(), *templates);
  if (!cards.ok()) return cards.problem();
  return ScoreResult{std::move(*templates), std::move(*cards), (*loaded)->period.ToString()};
}

Result<std::vector<scoring::WhatIfRow>> Service::WhatIf(const WhatIfRequest& request,
                                                        ReadReport* read) {
  auto draft = scoring::LoadTemplateFile(request.draft);
  if (!draft.ok()) return draft.problem();
  auto baseline = scoring::LoadTemplateFile(request.baseline);
  if (!baseline.ok()) return baseline.problem();
  auto loaded = LoadReportInput(env_, request.report, {}, read);
  if (!loaded.ok()) return loaded.problem();
  return scoring::CompareTemplates((*loaded)->context(), *baseline, *draft);
}

Result<Service::ExportResult> Service::Export(const ExportRequest& request, ReadReport* read) {
  const std::string& out = request.out;
  ExportResult result;
  result.format =
      request.format.empty() ? (EndsWith(out, ".csv") ? "csv" : "xlsx") : request.format;
  if ((result.format == "xlsx" && EndsWith(out, ".csv")) ||
      (result.format == "csv" && EndsWith(out, ".xlsx"))) {
    return OutProblem(out, "the file name does not match --format " + result.format +
                               "; name it ." + result.format + " or change --format");
  }
  if (result.format == "xlsx" && !request.sheet.empty()) {
    return MakeProblem("--sheet chooses the sheet of a CSV export; the workbook has every sheet",
                       request.sheet, Place{"", 0, 0, "--sheet"});
  }
  // Before the work: a folder that does not exist is known now.
  Status usable = exporting::CheckOutputPath(out);
  if (!usable.ok()) return OutProblem(out, usable.problem().reason);

  auto scored = Score(request.score, read);
  if (!scored.ok()) return scored.problem();
  const exporting::Workbook workbook =
      exporting::BuildPayrollWorkbook(scored->cards, scored->templates, scored->period);
  result.agents = scored->cards.size();
  if (result.format == "csv") {
    const std::string which = request.sheet.empty() ? "payroll" : request.sheet;
    const exporting::Sheet* sheet = exporting::FindSheet(workbook, which);
    if (sheet == nullptr) {
      return MakeProblem("no such sheet: payroll (薪资), ranking (排名) or indicators (指标明细)",
                         which, Place{"", 0, 0, "--sheet"});
    }
    Status written = exporting::WriteSheetCsv(*sheet, out);
    if (!written.ok()) return OutProblem(out, written.problem().reason, ProblemCode::kUnavailable);
    result.sheet_name = sheet->name;
    result.sheet_key = sheet->key;
    return result;
  }
  Status written = exporting::WriteXlsx(workbook, out);
  if (!written.ok()) return OutProblem(out, written.problem().reason, ProblemCode::kUnavailable);
  return result;
}

Result<Service::ScorecardResult> Service::Scorecard(const ScorecardRequest& request,
                                                    ReadReport* read) {
  if (!request.out.empty()) {
    Status usable = exporting::CheckOutputPath(request.out);
    if (!usable.ok()) return usable.problem();
  }
  auto templates = scoring::LoadTemplateFiles(request.score.templates);
  if (!templates.ok()) return templates.problem();
  auto loaded = LoadReportInput(env_, request.score.report, {}, read);
  if (!loaded.ok()) return loaded.problem();
  auto page = exporting::BuildScorecardPage((*loaded)->context(), *templates, request.agent);
  if (!page.ok()) return page.problem();
  ScorecardResult result{std::move(*page), {}};
  result.html = exporting::RenderScorecardHtml(result.page);
  if (!request.out.empty()) {
    Status written = exporting::WriteOutputFile(request.out, result.html);
    if (!written.ok()) {
      Problem p = written.problem();
      p.code = ProblemCode::kUnavailable;
      return p;
    }
  }
  return result;
}

}  // namespace csperf::service
