// The printable scorecard (个人绩效考核表): the page shows the engine's numbers (and one agent
// worked by hand), escapes every text, refuses unknown agents, and prints on one A4 page.
#include "export/scorecard_html.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "export/evidence_summary.h"
#include "metrics/loader.h"
#include "scoring/appraisal.h"
#include "scoring/template_loader.h"
#include "support/test_util.h"

namespace csperf::exporting {
namespace {

using csperf::testing::ReadFile;
using csperf::testing::RunCsperf;
using csperf::testing::ScratchDir;
using csperf::testing::SourceDir;

std::string Sample() { return SourceDir() + "/samples/basic"; }
std::vector<std::string> TemplatePaths() {
  return {SourceDir() + "/templates/presales.toml", SourceDir() + "/templates/aftersales.toml",
          SourceDir() + "/templates/supervisor.toml"};
}

// The markup of the element whose id is `id`, up to the end of its row or cell.
std::string Element(const std::string& html, const std::string& id) {
  const size_t at = html.find("id=\"" + id + "\"");
  if (at == std::string::npos) return "";
  const size_t open = html.rfind('<', at);
  const std::string tag = html.substr(open + 1, html.find_first_of(" >", open) - open - 1);
  const size_t close = html.find("</" + tag + ">", at);
  return html.substr(open, close == std::string::npos ? std::string::npos : close - open);
}

// The text of a cell by id: `<td id="total">38.63</td>` → "38.63".
std::string Cell(const std::string& html, const std::string& id) {
  const std::string e = Element(html, id);
  const size_t gt = e.find('>');
  return gt == std::string::npos ? "" : e.substr(gt + 1);
}

class ScorecardHtmlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ImportReport import;
    auto data = metrics::LoadDatasetFromFiles({Sample()}, settings_, ImportOptions{}, &import);
    ASSERT_TRUE(data.ok()) << data.problem().ToString();
    data_ = std::make_unique<metrics::Dataset>(std::move(*data));
    zone_ = *TimeZone::Load("Asia/Shanghai");
    period_ = *ParsePeriod("2024-01");
    for (const std::string& path : TemplatePaths()) {
      auto t = scoring::LoadTemplateFile(path);
      ASSERT_TRUE(t.ok()) << t.problem().ToString();
      templates_.push_back(std::move(*t));
    }
  }
  metrics::Context Context() const {
    return {*data_, settings_, *zone_, period_, period_.begin(*zone_), period_.end(*zone_)};
  }
  scoring::Scorecard EngineCard(const std::string& agent) const {
    auto cards = scoring::ScorePeriod(Context(), templates_);
    EXPECT_TRUE(cards.ok());
    for (const scoring::Scorecard& c : *cards) {
      if (c.agent_id == agent) return c;
    }
    ADD_FAILURE() << "no card for " << agent;
    return {};
  }
  std::string Html(const std::string& agent) const {
    auto page = BuildScorecardPage(Context(), templates_, agent);
    EXPECT_TRUE(page.ok()) << page.problem().ToString();
    return page.ok() ? RenderScorecardHtml(*page) : std::string();
  }

  Settings settings_ = DefaultSettings();
  std::unique_ptr<metrics::Dataset> data_;
  std::shared_ptr<const TimeZone> zone_;
  Period period_;
  std::vector<scoring::Template> templates_;
};

TEST_F(ScorecardHtmlTest, ShowsTheEngineNumbersOfEveryIndicator) {
  const scoring::Scorecard card = EngineCard("A01");
  const std::string html = Html("A01");
  ASSERT_FALSE(html.empty());
  for (const scoring::SectionScore& s : card.sections) {
    SCOPED_TRACE(s.id);
    EXPECT_NE(Element(html, "sec-" + s.id).find(s.name_zh), std::string::npos);
    if (s.score) {
      EXPECT_NE(Element(html, "sec-" + s.id).find("本节得分 " + s.score->ToString(2)),
                std::string::npos);
    }
    for (const scoring::IndicatorScore& i : s.indicators) {
      SCOPED_TRACE(i.id);
      const std::string row = Element(html, "ind-" + i.id);
      ASSERT_FALSE(row.empty());
      EXPECT_NE(row.find(i.name_zh), std::string::npos);
      EXPECT_NE(row.find(EscapeHtml(FormatMetricValue(i.metric, i.value))), std::string::npos);
      EXPECT_NE(row.find(">" + std::to_string(i.sample) + "<"), std::string::npos);
      EXPECT_NE(row.find(i.rule_text.substr(0, i.rule_text.find(' '))), std::string::npos);
      EXPECT_NE(row.find(FormatMicros(i.weight) + "%"), std::string::npos);
      if (i.excluded()) {
        EXPECT_NE(row.find("class=\"excluded\""), std::string::npos);
        EXPECT_NE(row.find("不计分"), std::string::npos);
      } else {
        EXPECT_NE(row.find(">" + i.points.ToString(2) + "<"), std::string::npos);
        EXPECT_NE(row.find(">" + i.weighted_points.ToString(2) + "<"), std::string::npos);
      }
    }
  }
  ASSERT_TRUE(card.total.has_value());
  EXPECT_EQ(Cell(html, "total"), card.total->ToString(2));
  EXPECT_EQ(Cell(html, "weighted-total"), card.weighted_total->ToString(2));
  EXPECT_EQ(Cell(html, "grade"), card.grade);
  EXPECT_EQ(Cell(html, "coefficient"), FormatMicros(card.coefficient));
  EXPECT_EQ(Cell(html, "rank"), std::to_string(card.rank) + " / 2");
  EXPECT_EQ(Cell(html, "base-bonus"), FormatYuan(*card.base_bonus));
  EXPECT_EQ(Cell(html, "bonus-amount"), FormatYuan(card.bonus_amount));
  EXPECT_EQ(Cell(html, "commission"), FormatYuan(card.commission));
  EXPECT_EQ(Cell(html, "pay-total"), FormatYuan(card.pay_total));
  for (const scoring::AdjustmentScore& a : card.bonuses) {
    EXPECT_NE(Element(html, "bonus-" + a.id).find(a.name_zh), std::string::npos);
  }
  for (const scoring::AdjustmentScore& a : card.penalties) {
    EXPECT_NE(Element(html, "penalty-" + a.id).find(a.name_zh), std::string::npos);
  }
}

TEST_F(ScorecardHtmlTest, A01ByHand) {
  const std::string html = Html("A01");
  // Header.
  EXPECT_NE(html.find("个人绩效考核表"), std::string::npos);
  EXPECT_EQ(Cell(html, "agent-id"), "A01");
  EXPECT_EQ(Cell(html, "agent-name"), "李娜");
  EXPECT_NE(html.find("A组"), std::string::npos);
  EXPECT_NE(html.find("M01 王芳"), std::string::npos);
  EXPECT_NE(Element(html, "period").find("2024-01"), std::string::npos);
  EXPECT_NE(Element(html, "template").find("售前客服考核"), std::string::npos);
  EXPECT_NE(Element(html, "template").find("presales v1"), std::string::npos);
  // Results: only net sales has enough data. ¥1,299.00 of a ¥150,000 target: 100 × 1299 /
  // 150000 = 0.866 → 0.87 points; alone in its section its weight goes 20 % → 100 %.
  const std::string sales = Element(html, "ind-sales");
  EXPECT_NE(sales.find("¥1,299.00"), std::string::npos);
  EXPECT_NE(sales.find("¥150,000"), std::string::npos);
  EXPECT_NE(sales.find(">0.87<"), std::string::npos);
  EXPECT_NE(sales.find("→ 100%"), std::string::npos);
  EXPECT_NE(sales.find("基于 1 条记录（订单），2024-01-05"), std::string::npos);
  EXPECT_NE(sales.find("1 record (1 order), 2024-01-05"), std::string::npos);
  // Conversion: one inquiry, below min_sample 30: left out.
  const std::string conversion = Element(html, "ind-conversion");
  EXPECT_NE(conversion.find("100.00%"), std::string::npos);
  EXPECT_NE(conversion.find("样本 1 少于最低 30，不计分"), std::string::npos);
  EXPECT_NE(Element(html, "ind-frt").find("40.0 秒"), std::string::npos);
  EXPECT_NE(Element(html, "ind-error_handling").find("无数据，不计分"), std::string::npos);
  // Ability: product knowledge 88 and communication 94 at 50 % each → 91.
  EXPECT_NE(Element(html, "sec-ability").find("本节得分 91.00"), std::string::npos);
  EXPECT_NE(Element(html, "ind-teamwork").find("基于 2 条记录（评估），2024-01-31"),
            std::string::npos);
  // Total = 0.60 × 0.866 + 0.25 × 91 + 0.15 × (91.428…/2 + 100/2) + 1 praise = 38.627… →
  // 38.63, grade D (< 60), coefficient 0.5; bonus ¥2,000.00 × 0.5 = ¥1,000.00; commission
  // 0.5 % of ¥1,299.00 = ¥6.495 → ¥6.50; pay ¥1,006.50.
  EXPECT_EQ(Cell(html, "weighted-total"), "37.63");
  EXPECT_EQ(Cell(html, "bonus-points"), "+1.00");
  EXPECT_EQ(Cell(html, "penalty-points"), "0.00");
  EXPECT_EQ(Cell(html, "total"), "38.63");
  EXPECT_EQ(Cell(html, "grade"), "D");
  EXPECT_EQ(Cell(html, "coefficient"), "0.5");
  EXPECT_EQ(Cell(html, "bonus-amount"), "¥1,000.00");
  EXPECT_EQ(Cell(html, "commission"), "¥6.50");
  EXPECT_EQ(Cell(html, "pay-total"), "¥1,006.50");
  EXPECT_NE(Element(html, "bonus-praise").find("+1.00"), std::string::npos);
  EXPECT_NE(Element(html, "bonus-praise").find("基于 1 条记录（事件），2024-01-19"),
            std::string::npos);
  // Veto check, signatures, A4, self-contained.
  EXPECT_NE(Element(html, "veto").find("一票否决：无"), std::string::npos);
  EXPECT_NE(Element(html, "veto-1").find("未触发"), std::string::npos);
  EXPECT_NE(html.find("员工签字"), std::string::npos);
  EXPECT_NE(html.find("主管签字"), std::string::npos);
  EXPECT_NE(html.find("日期"), std::string::npos);
  EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  for (const char* external : {"<link", "<script", "<img", "http:", "https:", "url(", "@import"}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
}

TEST_F(ScorecardHtmlTest, TeamScopeEvidencePoolsTheDirectReports) {
  const EvidenceSummary s =
      SummarizeEvidence(Context(), "M01", "inquiry_conversion", scoring::Scope::kTeam);
  EXPECT_EQ(s.people, 3);  // A01, A02, A03
  EXPECT_EQ(s.records, 3);
  EXPECT_EQ(EvidenceTextZh(s), "团队 3 人，基于 3 条记录（询单顾客）");
  const std::string html = Html("M01");
  EXPECT_NE(Element(html, "ind-team_conversion").find("（团队）"), std::string::npos);
  EXPECT_NE(Element(html, "ind-team_conversion").find("团队 3 人"), std::string::npos);
  // A supervisor's own records stay theirs.
  const EvidenceSummary own = SummarizeEvidence(Context(), "M01", "records", scoring::Scope::kTeam);
  EXPECT_EQ(own.people, 0);
  EXPECT_EQ(own.records, 2);
}

TEST(ScorecardEvidenceSummary, CountsKindsAndDays) {
  std::vector<metrics::EvidenceRow> rows = {
      {"session", "2024-01-09 10:00:00", "", 1, 0, "", 0},
      {"order", "2024-01-03 12:00:00", "", 1, 0, "", 0},
      {"session", "2024-01-28", "", 1, 0, "", 0},
      {"customer", "", "", 1, 1, "", 0},
      {"agent", "2024-01-01..2024-01-31", "", 31, 0, "", 0},
  };
  const EvidenceSummary s = SummarizeRows(rows);
  EXPECT_EQ(s.records, 5);
  EXPECT_EQ(s.first_date, "2024-01-01");
  EXPECT_EQ(s.last_date, "2024-01-31");
  EXPECT_EQ(EvidenceTextZh(s),
            "基于 5 条记录（会话 2、订单 1、询单顾客 1、人员 1），2024-01-01 至 2024-01-31");
  EXPECT_EQ(EvidenceTextEn(s),
            "5 records (2 sessions, 1 order, 1 customer, 1 person), 2024-01-01 – 2024-01-31");
  EXPECT_EQ(EvidenceTextZh(SummarizeRows({})), "无记录");
  EXPECT_EQ(EvidenceTextEn(SummarizeRows({})), "no records");
  scoring::IndicatorScore i;
  i.missing = false;
  i.insufficient_sample = true;
  i.sample = 4;
  i.min_sample = 30;
  i.status = scoring::IndicatorStatus::kZero;
  EXPECT_EQ(IndicatorNoteZh(i), "样本 4 少于最低 30，按 0 分计");
  EXPECT_EQ(IndicatorNoteEn(i), "sample 4 < min 30, scored 0");
}

TEST(ScorecardFormat, MoneyRatesAndSecondsPrintWithTheirUnits) {
  EXPECT_EQ(FormatYuan(0), "¥0.00");
  EXPECT_EQ(FormatYuan(123456789), "¥1,234,567.89");
  EXPECT_EQ(FormatYuan(-500), "-¥5.00");
  EXPECT_EQ(FormatMetricValue("inquiry_conversion", metrics::MetricValue::Ratio(2, 3)), "66.67%");
  EXPECT_EQ(FormatMetricValue("net_sales_amount", metrics::MetricValue::Count(15000000)),
            "¥150,000.00");
  EXPECT_EQ(FormatMetricValue("frt_median_s", metrics::MetricValue::Whole(42, 3)), "42 秒");
  EXPECT_EQ(FormatMetricValue("handling_avg_h", metrics::MetricValue::Ratio(4500, 1)),
            "1.250 小时");
  EXPECT_EQ(FormatMetricValue("complaints", metrics::MetricValue::Count(2)), "2");
  EXPECT_EQ(FormatMetricValue("teamwork", metrics::MetricValue::Empty()), "—");
  EXPECT_EQ(EscapeHtml("<a href=\"x\">R&D's</a>"),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;");
}

TEST_F(ScorecardHtmlTest, EscapesEveryTextFromTemplatesAndData) {
  // A template whose names carry markup …
  std::string text = ReadFile(SourceDir() + "/templates/presales.toml");
  const std::string from = "name_zh = \"售前客服考核\"";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "name_zh = \"售前 <b>\\\"考核\\\"</b> & 'x'\"");
  const std::string sales = "name_en = \"Net sales\"";
  ASSERT_NE(text.find(sales), std::string::npos);
  text.replace(text.find(sales), sales.size(), "name_en = \"Net <script>alert(1)</script>\"");
  // … and an agent whose name does.
  ScratchDir dir;
  std::filesystem::copy(Sample(), dir / "data", std::filesystem::copy_options::recursive);
  std::string agents = ReadFile(dir / "data/agents.csv");
  agents.replace(agents.find("李娜"), std::string("李娜").size(), "\"李<i>娜</i> & \"\"Co\"\"\"");
  dir.Write("data/agents.csv", agents);
  const std::string tpl = dir.Write("presales.toml", text);
  auto r = RunCsperf({"scorecard", "--agent", "A01", "--data", dir / "data", "--period", "2024-01",
                      "--template", tpl, "--format", "html", "--out", dir / "a01.html"});
  ASSERT_EQ(r.exit_code, 0) << r.out;
  const std::string html = ReadFile(dir / "a01.html");
  EXPECT_NE(html.find("售前 &lt;b&gt;&quot;考核&quot;&lt;/b&gt; &amp; &#39;x&#39;"),
            std::string::npos);
  EXPECT_NE(html.find("Net &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(Cell(html, "agent-name"), "李&lt;i&gt;娜&lt;/i&gt; &amp; &quot;Co&quot;");
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST_F(ScorecardHtmlTest, ATriggeredVetoShowsItsValueAndConsequence) {
  // A01 has one praise: a veto on praises > 0 (no grade) sets the total to 0.
  std::string text = ReadFile(SourceDir() + "/templates/presales.toml");
  const std::string from = "condition = \"absent >= 2\"";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "condition = \"praises > 0\"");
  const std::string grade = "grade = \"D\"\n";
  text.erase(text.find(grade, text.find("praises > 0")), grade.size());
  auto t = scoring::ParseTemplate(text, "veto.toml");
  ASSERT_TRUE(t.ok()) << t.problem().ToString();
  auto page = BuildScorecardPage(Context(), {*t}, "A01");
  ASSERT_TRUE(page.ok()) << page.problem().ToString();
  ASSERT_TRUE(page->card.total_zeroed_by_veto);
  const std::string html = RenderScorecardHtml(*page);
  EXPECT_NE(Element(html, "veto-1").find("未触发"), std::string::npos);
  EXPECT_NE(Element(html, "veto-2").find("触发（实际值 1）"), std::string::npos);
  EXPECT_NE(Element(html, "veto-2").find("总分归零"), std::string::npos);
  EXPECT_NE(Element(html, "veto").find("一票否决：已触发（旷工两次及以上）"), std::string::npos);
  EXPECT_EQ(Cell(html, "total"), "0.00");
  EXPECT_NE(html.find("因一票否决，总分归零。"), std::string::npos);
}

TEST_F(ScorecardHtmlTest, UnknownAgentsAndAgentsWithoutATemplateAreProblems) {
  auto unknown = BuildScorecardPage(Context(), templates_, "Z99");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.problem().reason.find("no such agent"), std::string::npos);
  EXPECT_EQ(unknown.problem().place.field, "--agent");
  EXPECT_EQ(unknown.problem().value, "Z99");
  // Only the pre-sales template: nothing applies to A03 (after-sales).
  auto none = BuildScorecardPage(Context(), {templates_[0]}, "A03");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.problem().reason.find("no appraisal template applies"), std::string::npos);
  EXPECT_NE(none.problem().reason.find("aftersales"), std::string::npos);

  ScratchDir dir;
  std::vector<std::string> args = {"scorecard", "--agent",  "Z99",     "--data",
                                   Sample(),    "--period", "2024-01", "--template"};
  for (const std::string& t : TemplatePaths()) args.push_back(t);
  for (const char* a : {"--format", "html", "--out"}) args.emplace_back(a);
  args.push_back(dir / "z99.html");
  auto r = RunCsperf(args);
  EXPECT_EQ(r.exit_code, 5) << r.out;  // not found
  EXPECT_NE(r.out.find("no such agent"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Z99"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "z99.html"));
  auto r2 = RunCsperf({"scorecard", "--agent", "A03", "--data", Sample(), "--period", "2024-01",
                       "--template", TemplatePaths()[0], "--out", dir / "a03.html"});
  EXPECT_EQ(r2.exit_code, 2) << r2.out;
  EXPECT_NE(r2.out.find("no appraisal template applies"), std::string::npos) << r2.out;
  auto r3 = RunCsperf({"scorecard", "--agent", "A01", "--data", Sample(), "--period", "2024-01",
                       "--template", TemplatePaths()[0], "--out", dir / "no/such/folder/a.html"});
  EXPECT_EQ(r3.exit_code, 2) << r3.out;
  EXPECT_NE(r3.out.find("does not exist"), std::string::npos) << r3.out;
}

TEST_F(ScorecardHtmlTest, TheCommandWritesThePageTheLibraryRenders) {
  ScratchDir dir;
  std::vector<std::string> args = {"scorecard", "--agent",  "A01",     "--data",
                                   Sample(),    "--period", "2024-01", "--template"};
  for (const std::string& t : TemplatePaths()) args.push_back(t);
  for (const char* a : {"--format", "html", "--out"}) args.emplace_back(a);
  args.push_back(dir / "a01.html");
  auto r = RunCsperf(args);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(ReadFile(dir / "a01.html"), Html("A01"));
}

// ---- Printing with Chromium ---------------------------------------------------------------

struct ToolResult {
  int exit_code = -1;
  std::string out;
};

// Runs a program found on PATH with HOME set to `home`, capturing stdout and stderr.
ToolResult RunTool(std::vector<std::string> args, const std::string& home) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::close(fds[0]);
    ::close(fds[1]);
    ::setenv("HOME", home.c_str(), 1);
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  ToolResult result;
  char buffer[4096];
  ssize_t n;
  while ((n = ::read(fds[0], buffer, sizeof buffer)) > 0) result.out.append(buffer, n);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string FindOnPath(const std::vector<std::string>& names) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  std::vector<std::string> all;
  while (std::getline(dirs, dir, ':')) all.push_back(dir);
  for (const std::string& name : names) {
    for (const std::string& d : all) {
      std::string candidate = d + "/" + name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return "";
}

TEST_F(ScorecardHtmlTest, PrintsOnOneA4PageWithChromium) {
  // The test command installs chromium and poppler-utils: without them this fails, not skips.
  const std::string chromium = FindOnPath({"chromium", "chromium-browser", "google-chrome"});
  ASSERT_FALSE(chromium.empty()) << "chromium is not installed (apt-get install chromium)";
  const std::string pdftotext = FindOnPath({"pdftotext"});
  const std::string pdfinfo = FindOnPath({"pdfinfo"});
  ASSERT_FALSE(pdftotext.empty() || pdfinfo.empty()) << "poppler-utils is not installed";

  ScratchDir dir;
  const scoring::Scorecard card = EngineCard("A01");
  const std::string html = dir.Write("a01.html", Html("A01"));
  const std::string pdf = dir / "a01.pdf";
  std::filesystem::create_directories(dir / "home");
  auto printed = RunTool({"timeout", "180", chromium, "--headless", "--no-sandbox", "--disable-gpu",
                          "--no-pdf-header-footer", "--user-data-dir=" + (dir / "profile"),
                          "--print-to-pdf=" + pdf, "file://" + html},
                         dir / "home");
  ASSERT_EQ(printed.exit_code, 0) << printed.out;
  ASSERT_TRUE(std::filesystem::exists(pdf)) << printed.out;

  auto info = RunTool({pdfinfo, pdf}, dir / "home");
  ASSERT_EQ(info.exit_code, 0) << info.out;
  EXPECT_NE(info.out.find("Pages:           1\n"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("(A4)"), std::string::npos) << info.out;

  auto text = RunTool({pdftotext, "-layout", pdf, "-"}, dir / "home");
  ASSERT_EQ(text.exit_code, 0) << text.out;
  for (const char* expected : {"个人绩效考核表", "李娜", "A01", "售前客服考核", "员工签字",
                               "主管签字", "日期", "一票否决", "¥1,006.50"}) {
    EXPECT_NE(text.out.find(expected), std::string::npos) << expected << "\n" << text.out;
  }
  // The result row: the total and the grade on one line.
  const std::string total = card.total->ToString(2);
  bool found = false;
  std::stringstream lines(text.out);
  std::string line;
  while (std::getline(lines, line)) {
    std::stringstream words(line);
    std::vector<std::string> tokens;
    std::string w;
    while (words >> w) tokens.push_back(w);
    const bool has_total = std::find(tokens.begin(), tokens.end(), total) != tokens.end();
    const bool has_grade = std::find(tokens.begin(), tokens.end(), card.grade) != tokens.end();
    found = found || (has_total && has_grade);
  }
  EXPECT_TRUE(found) << "no line with total " << total << " and grade " << card.grade << "\n"
                     << text.out;
}

}  // namespace
}  // namespace csperf::exporting
