#include <csignal>
#include <cstdlib>
#include <iostream>
#include <set>

#include "cli/cli_support.h"
#include "import/importer.h"
#include "report/import_text.h"
#include "store/open_store.h"
#include "store/quality_report.h"

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

struct ImportArgs {
  CommonOptions common;
  std::string db;
  std::vector<std::string> paths;
  std::string profile_path;
  ImportOptions options;
  bool quiet_quality = false;
};

int RunImportCommand(ImportArgs& args) {
  auto settings = LoadSettings(args.common);
  if (!settings.ok()) return ReportProblem(settings.problem());
  auto zone = TimeZone::Load(settings->timezone);
  if (!zone.ok()) return ReportProblem(zone.problem());
  auto clock = MakeClock(args.common, **zone);
  if (!clock.ok()) return ReportProblem(clock.problem());
  std::optional<Profile> profile;
  if (!args.profile_path.empty()) {
    auto loaded = LoadProfileFile(args.profile_path);
    if (!loaded.ok()) return ReportProblem(loaded.problem());
    profile = std::move(*loaded);
    args.options.profile = &*profile;
    args.options.profile_name = profile->name.empty() ? args.profile_path : profile->name;
  }
  auto store = OpenStore(args.db, OpenMode::kCreate);
  if (!store.ok()) return ReportProblem(store.problem());

  StopPointObserver observer;
  const Env& base = DefaultEnv();
  const Env env{clock->get(), base.files, base.executor};
  ImportReport report = RunImport(**store, *settings, args.paths, args.options, env,
                                  observer.active() ? &observer : nullptr);
  std::cout << RenderImportReport(report, args.options);
  if (!report.committed) return 1;
  StoreCheck check = CheckStore(**store, (*clock)->Now(), **zone, *env.executor);
  std::cout << "\n" << RenderDataSummary(check.summary);
  QualityReport& quality = check.quality;
  for (const QualityFinding* f : {&report.conflicting_ids, &report.repeated_ids}) {
    if (f->count > 0) quality.findings.insert(quality.findings.begin(), *f);
  }
  std::cout << "\n" << RenderQualityReport(quality);
  return 0;
}

}  // namespace

Command ImportCommand() {
  return {
      "import", "导入记录 / import record files into the store (all or nothing)",
      [](CLI::App* app) -> std::function<int()> {
        auto args = std::make_shared<ImportArgs>();
        app->add_option("--db", args->db, "the store (an SQLite file; created if absent)")
            ->required();
        app->add_option("paths", args->paths, "CSV files, folders or glob patterns")->required();
        AddSettingsOption(app, &args->common);
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
