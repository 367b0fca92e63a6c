// The import and the store's check: `csperf import`, `csperf check`.
#include "io/profile.h"
#include "service/report_input.h"
#include "service/service.h"
#include "store/open_store.h"

namespace csperf::service {

Result<Service::ImportResult> Service::Import(const ImportRequest& request,
                                              ImportObserver* observer) {
  auto settings = LoadSettings(request.common);
  if (!settings.ok()) return settings.problem();
  auto zone = TimeZone::Load(settings->timezone);
  if (!zone.ok()) return zone.problem();
  auto clock = ClockFor(request.common, **zone);
  if (!clock.ok()) return clock.problem();
  ImportOptions options = request.options;
  std::optional<Profile> profile;
  if (!request.profile_path.empty()) {
    auto loaded = LoadProfileFile(request.profile_path);
    if (!loaded.ok()) return loaded.problem();
    profile = std::move(*loaded);
    options.profile = &*profile;
    options.profile_name = profile->name.empty() ? request.profile_path : profile->name;
  }
  auto store = OpenStore(request.db, OpenMode::kCreate);
  if (!store.ok()) return store.problem();
  const Env env{clock->get(), env_.files, env_.executor};
  ImportResult result;
  result.report = RunImport(**store, *settings, request.paths, options, env, observer);
  if (!result.report.committed) return result;
  StoreCheck check = CheckStore(**store, (*clock)->Now(), **zone, *env_.executor);
  // What this import itself saw comes first.
  std::vector<QualityFinding>& findings = check.quality.findings;
  for (const QualityFinding* f : {&result.report.conflicting_ids, &result.report.repeated_ids}) {
    if (f->count > 0) findings.insert(findings.begin(), *f);
  }
  result.check = std::move(check);
  return result;
}

Result<StoreCheck> Service::Check(const CheckRequest& request) {
  auto settings = LoadSettings(request.common);
  if (!settings.ok()) return settings.problem();
  auto zone = TimeZone::Load(settings->timezone);
  if (!zone.ok()) return zone.problem();
  auto clock = ClockFor(request.common, **zone);
  if (!clock.ok()) return clock.problem();
  auto store = OpenStore(request.db, OpenMode::kExisting);
  if (!store.ok()) return store.problem();
  Status tz = (*store)->CheckTimezone(settings->timezone);
  if (!tz.ok()) return tz.problem();
  return CheckStore(**store, (*clock)->Now(), **zone, *env_.executor);
}

Result<demo::DemoResult> Service::DemoData(const demo::DemoOptions& options) {
  return demo::GenerateDemoData(options);
}

}  // namespace csperf::service
