#include <csignal>
#include <cstdlib>
#include <iostream>
#include <set>

#include "cli/commands.h"
#include "report/import_text.h"

namespace csperf::cli {
namespace {

// Test hook (docs/testing.md): CSPERF_TEST_STOP_AT_ROWS=100,5000 and
// CSPERF_TEST_STOP_BEFORE_COMMIT=1 make the import announce the point on stderr and stop
// itself (SIGSTOP) there, inside its write transaction, so a test can kill it exactly there.
class StopPointObserver : public ImportObserver {
 public:
  StopPointObserver() {
    if (const char* rows = std::getenv("CSPERF_TEST_STOP_AT_ROWS")) {
      std::string list = rows;
      size_t start = 0;
      while (start < list.size()) {
        size_t comma = list.find(',', start);
        std::string item =
            list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!item.empty()) stops_.insert(std::atoll(item.c_str()));
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    stop_before_commit_ = std::getenv("CSPERF_TEST_STOP_BEFORE_COMMIT") != nullptr;
  }
  bool active() const { return !stops_.empty() || stop_before_commit_; }
  void OnRowsWritten(int64_t rows) override {
    if (stops_.count(rows)) Stop("rows=" + std::to_string(rows));
  }
  void OnBeforeCommit() override {
    if (stop_before_commit_) Stop("before-commit");
  }

 private:
  static void Stop(const std::string& point) {
    std::cerr << "csperf-test: inside write at " << point << std::endl;
    std::raise(SIGSTOP);
  }
  std::set<int64_t> stops_;
  bool stop_before_commit_ = false;
};

int RunImportCommand(const service::Service::ImportRequest& request) {
  StopPointObserver observer;
  auto result = TheService().Import(request, observer.active() ? &observer : nullptr);
  if (!result.ok()) return ReportProblem(result.problem());
  const ImportReport& report = result->report;
  std::cout << RenderImportReport(report, request.options);
  if (!report.committed) {
    return report.refusal ? ExitStatus(report.refusal->code) : ExitStatus(ProblemCode::kBadInput);
  }
  std::cout << "\n" << RenderDataSummary(result->check->summary);
  std::cout << "\n" << RenderQualityReport(result->check->quality);
  return 0;
}

}  // namespace

Command ImportCommand() {
  return {
      "import", "导入记录 / import record files into the store (all or nothing)",
      [](CLI::App* app) -> std::function<int()> {
        auto args = std::make_shared<service::Service::ImportRequest>();
        app->add_option("--db", args->db, "the store (an SQLite file; created if absent)")
            ->required();
        app->add_option("paths", args->paths, "CSV files, folders or glob patterns")->required();
        AddCommonOptions(app, &args->common);
        app->add_option("--profile", args->profile_path,
                        "mapping profile for a platform export (profiles/*.toml)")
            ->check(CLI::ExistingFile);
        app->add_option("--shop", args->options.default_shop,
                        "shop name for files that have no shop column");
        app->add_flag("--skip-bad-rows", args->options.skip_bad_rows,
                      "take the good rows and write the bad ones to reject files");
        app->add_option("--rejects", args->options.rejects_dir,
                        "folder for the reject files (default: rejects)");
        app->add_option("--max-report", args->options.report_limit,
                        "bad-row problems listed before the rest are only counted")
            ->check(CLI::PositiveNumber);
        return [args]() { return RunImportCommand(*args); };
      }};
}

}  // namespace csperf::cli
