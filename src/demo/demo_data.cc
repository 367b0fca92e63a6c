#include "demo/demo_data.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/file_system.h"
#include "demo/after_sales.h"
#include "demo/assets.h"
#include "demo/back_office.h"
#include "demo/chat_generator.h"
#include "demo/context.h"
#include "domain/kinds.h"

namespace csperf::demo {
namespace {

// The settings the demo month is meant to be read with: the defaults plus step SLAs, so
// that every after-sales column has something to measure.
constexpr std::string_view kDemoSettings =
    R"(# Settings for the demo month written by csperf demo-data.
timezone = "Asia/Shanghai"

[[step_sla.return]]
from = "opened"
to = "approve"
hours = 24

[[step_sla.return]]
from = "goods_received"
to = "refund"
hours = 24

[[step_sla.exchange]]
from = "opened"
to = "approve"
hours = 24

[[step_sla.exchange]]
from = "goods_received"
to = "reship"
hours = 48

[[step_sla.refund_only]]
from = "opened"
to = "approve"
hours = 12

[[step_sla.refund_only]]
from = "approve"
to = "refund"
hours = 24

[[step_sla.repair]]
from = "opened"
to = "approve"
hours = 24

[[step_sla.repair]]
from = "approve"
to = "reship"
hours = 72
)";

// Every finding of the data-quality report, so the manifest says 0 for those not planted.
constexpr const char* kQualityCodes[] = {
    "account_of_two_agents", "unmapped_account",      "future_time",   "order_of_unseen_customer",
    "case_without_events",   "event_of_unknown_case", "unknown_agent", "unknown_qa_form",
    "unknown_qa_item",       "custom_dimension"};

// The output file of each record kind.
std::vector<std::pair<CsvOut*, Kind>> FilesByKind(DemoFiles& f) {
  return {{&f.agents, Kind::kAgents},         {&f.messages, Kind::kMessages},
          {&f.orders, Kind::kOrders},         {&f.ratings, Kind::kRatings},
          {&f.cases, Kind::kCases},           {&f.case_events, Kind::kCaseEvents},
          {&f.followups, Kind::kFollowups},   {&f.assessments, Kind::kAssessments},
          {&f.qa_items, Kind::kQaItems},      {&f.incidents, Kind::kIncidents},
          {&f.attendance, Kind::kAttendance}, {&f.work_records, Kind::kWorkRecords}};
}

Status OpenAll(DemoContext& c) {
  namespace fs = std::filesystem;
  const fs::path dir(c.options.out_dir);
  std::error_code ec;
  fs::create_directories(dir / "qa_forms", ec);
  if (ec) return MakeProblem("cannot create the folder: " + ec.message(), {}, Place{dir.string()});
  DemoFiles& f = c.files;
  for (const auto& [out, kind] : FilesByKind(f)) {
    const KindSpec& spec = SpecOf(kind);
    Status s = out->Open((dir / (std::string(spec.name) + ".csv")).string(), CanonicalHeader(spec));
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

void WriteAgents(DemoContext& c) {
  for (const DemoAgent& a : c.team) {
    std::string accounts;
    for (const std::string& acc : a.Accounts()) accounts += (accounts.empty() ? "" : ";") + acc;
    CsvOut& out = c.files.agents;
    out.Text(a.id)
        .Text(a.name)
        .Text(a.team)
        .Text(a.role)
        .Text(a.position)
        .Text(a.manager_id)
        .Text(accounts)
        .Date(a.hire_date);
    if (a.leave_date) {
      out.Date(*a.leave_date);
    } else {
      out.Empty();
    }
    out.Text(a.probation ? "yes" : "no").Money(a.base_bonus_cents).End();
  }
}

Status WriteText(const std::filesystem::path& path, std::string_view text) {
  return RealFileSystem().WriteAll(path.string(), text);
}

nlohmann::json Manifest(DemoContext& c, const DemoResult& result) {
  nlohmann::json m;
  m["generator"] = "csperf demo-data";
  m["seed"] = c.options.seed;
  m["month"] = c.options.month;
  m["timezone"] = c.settings.timezone;
  m["settings_file"] = "settings.toml";
  m["messages"] = result.messages;
  m["sessions"] = result.sessions;
  m["orders"] = result.orders;
  m["cases"] = result.cases;
  nlohmann::json files = nlohmann::json::object();
  DemoFiles& f = c.files;
  for (const auto& [out, kind] : FilesByKind(f)) {
    files[std::string(SpecOf(kind).name) + ".csv"] = out->rows();
  }
  m["rows"] = files;
  nlohmann::json agents = nlohmann::json::object();
  for (const DemoAgent& a : c.team) {
    nlohmann::json j;
    j["name"] = a.name;
    j["team"] = a.team;
    j["position"] = a.position;
    j["skill"] = std::round(a.skill * 1000) / 1000;
    j["accounts"] = a.Accounts();
    j["probation"] = a.probation;
    j["hire_date"] = FormatDate(a.hire_date);
    if (a.leave_date) j["leave_date"] = FormatDate(*a.leave_date);
    j["planted"] = a.planted.counts;
    agents[a.id] = j;
  }
  m["agents"] = agents;
  nlohmann::json quality = nlohmann::json::object();
  for (const char* code : kQualityCodes) {
    auto it = c.quality.find(code);
    quality[code] = it == c.quality.end() ? 0 : it->second;
  }
  m["quality"] = quality;
  m["notes"] = {{"planted",
                 "counts of the demo month per agent, by the rules of the metrics spec, for the "
                 "records this generator wrote (sessions are those whose first message is in the "
                 "month; cases those closed in it; follow-ups those due in it)"},
                {"quality",
                 "the data-quality report's findings planted, by code; future_time assumes the "
                 "report runs after the month (and its follow-ups) are over"}};
  return m;
}

}  // namespace

DemoAgent* DemoContext::Find(const std::string& id) {
  for (DemoAgent& a : team) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

Result<DemoResult> GenerateDemoData(const DemoOptions& options) {
  auto period = ParsePeriod(options.month);
  if (!period.ok() || period->first.day != 1 || AddDays(period->last, 1).day != 1 ||
      period->first.month != period->last.month) {
    return MakeProblem("expected a calendar month such as 2024-01", options.month,
                       Place{"", 0, 0, "--month"});
  }
  if (options.agents < 4 || options.agents > 2000) {
    return MakeProblem("the team needs 4 to 2000 people", std::to_string(options.agents),
                       Place{"", 0, 0, "--agents"});
  }
  if (options.messages < 0) {
    return MakeProblem("the number of messages cannot be negative", {},
                       Place{"", 0, 0, "--messages"});
  }
  auto c = std::make_unique<DemoContext>();
  c->options = options;
  c->month = *period;
  auto settings = ParseSettings(kDemoSettings, "settings.toml");
  if (!settings.ok()) return settings.problem();
  c->settings = *settings;
  auto zone = TimeZone::Load(c->settings.timezone);
  if (!zone.ok()) return zone.problem();
  c->zone = *zone;
  c->begin = c->month.begin(*c->zone);
  c->end = c->month.end(*c->zone);
  c->rng = Rng(options.seed);
  Status opened = OpenAll(*c);
  if (!opened.ok()) return opened.problem();

  c->team = MakeTeam(options.agents, c->month, c->rng);
  WriteAgents(*c);
  AfterSales after_sales(*c);
  ChatGenerator chats(*c, after_sales);
  chats.Run();
  for (DemoAgent& a : c->team) {
    if (a.position == "aftersales" && !a.leave_date && a.hire_date <= c->month.first) {
      after_sales.PlantCasesWithoutEvents(a, 2);
      break;
    }
  }
  WriteAttendance(*c);
  WriteAssessments(*c);
  WriteQaReviews(*c);
  WriteIncidents(*c);
  WriteWorkRecords(*c);

  for (const auto& [out, kind] : FilesByKind(c->files)) {
    Status s = out->Close();
    if (!s.ok()) return s.problem();
  }
  DemoResult result{chats.messages(), chats.sessions(), chats.orders(), after_sales.cases()};
  namespace fs = std::filesystem;
  const fs::path dir(options.out_dir);
  for (const auto& [path, text] :
       {std::pair<fs::path, std::string_view>{dir / "settings.toml", kDemoSettings},
        {dir / "qa_forms" / "chat_qa_v1.toml", kChatQaForm}}) {
    Status s = WriteText(path, text);
    if (!s.ok()) return s.problem();
  }
  Status s = WriteText(dir / "manifest.json", Manifest(*c, result).dump(2) + "\n");
  if (!s.ok()) return s.problem();
  return result;
}

}  // namespace csperf::demo
