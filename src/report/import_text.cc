#include "report/import_text.h"

#include <fmt/format.h>

namespace csperf {

std::string RenderImportReport(const ImportReport& report, const ImportOptions& options) {
  std::string out;
  if (report.refusal) {
    out += fmt::format("导入被拒绝，未写入任何数据 / Import refused, nothing was stored:\n  {}\n",
                       report.refusal->ToString());
    return out;
  }
  for (const FileReport& f : report.files) {
    const RowCounts& c = f.counts;
    out += fmt::format("  {} [{}, {}]: {} rows 行", f.path, f.kind, f.encoding, c.rows);
    out += fmt::format(" — new 新增 {}, replaced 更新 {}, unchanged 未变 {}", c.inserted,
                       c.replaced, c.unchanged);
    if (c.repeated + c.copies + c.collapsed > 0) {
      out += fmt::format(", repeated 重复 {}, copies kept 保留副本 {}, already kept 已有 {}",
                         c.repeated, c.copies, c.collapsed);
    }
    if (c.rejected > 0) out += fmt::format(", bad 错误 {}", c.rejected);
    out += "\n";
  }
  for (const std::string& form : report.qa_forms) {
    out += fmt::format("  QA form 质检评分表: {}\n", form);
  }
  if (report.bad_rows > 0) {
    out += fmt::format("\n错误行 / Bad rows: {} ({} problems 个问题)\n", report.bad_rows,
                       report.problem_count);
    for (const Problem& p : report.problems) out += fmt::format("  {}\n", p.ToString());
    if (report.problem_count > static_cast<int64_t>(report.problems.size())) {
      out += fmt::format("  … and {} more problems 另有 {} 个问题未列出\n",
                         report.problem_count - static_cast<int64_t>(report.problems.size()),
                         report.problem_count - static_cast<int64_t>(report.problems.size()));
    }
  }
  if (report.committed) {
    RowCounts t = report.Totals();
    out += fmt::format(
        "\n导入完成 / Import done (import #{}): {} rows read, {} new, {} replaced, "
        "{} unchanged",
        report.import_id, t.rows, t.inserted, t.replaced, t.unchanged);
    if (t.rejected > 0) out += fmt::format(", {} bad rows skipped 跳过错误行", t.rejected);
    out += "\n";
    for (const std::string& f : report.reject_files) {
      out += fmt::format("  错误行已写入 / bad rows written to: {}\n", f);
    }
  } else {
    out += fmt::format(
        "\n导入未执行，未写入任何数据 / Nothing was stored: fix the rows above and import again, "
        "or use --skip-bad-rows to take the good rows and write the bad ones to {}/\n",
        options.rejects_dir);
  }
  return out;
}

std::string RenderDataSummary(const DataSummary& summary) {
  std::string out = "数据概况 / Data summary\n";
  for (const KindSummary& k : summary.kinds) {
    out += fmt::format("  {:<13} {:>10}", k.kind, k.records);
    if (!k.first.empty()) out += fmt::format("   {} … {}", k.first, k.last);
    out += "\n";
  }
  out += fmt::format("  agents 客服 {}, shops 店铺 {}, imports 导入次数 {}\n", summary.agents,
                     summary.shops, summary.imports);
  if (!summary.qa_forms.empty()) {
    std::string forms;
    for (const std::string& f : summary.qa_forms) forms += (forms.empty() ? "" : ", ") + f;
    out += fmt::format("  QA forms 质检评分表: {}\n", forms);
  }
  return out;
}

std::string RenderQualityReport(const QualityReport& report) {
  std::string out = "数据质量报告 / Data-quality report\n";
  if (report.findings.empty()) {
    out += "  没有发现问题 / no findings\n";
    return out;
  }
  for (const QualityFinding& f : report.findings) {
    out += fmt::format("  [{}] {} / {}: {}\n", f.code, f.title_zh, f.title_en, f.count);
    for (const std::string& e : f.examples) out += fmt::format("      {}\n", e);
    if (f.count > static_cast<int64_t>(f.examples.size())) {
      out +=
          fmt::format("      … {} more 更多\n", f.count - static_cast<int64_t>(f.examples.size()));
    }
  }
  return out;
}

}  // namespace csperf
