// The payroll export (csperf export): the .xlsx is unzipped and its XML read back — cell values
// against `csperf score --format csv` and a pay figure worked by hand, number formats from
// xl/styles.xml, the frozen panes, the Chinese headers — then the CSV and the errors.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>

#include "core/money.h"
#include "export/column_width.h"
#include "export/csv_sheet.h"
#include "export/workbook_model.h"
#include "export/xlsx_writer.h"
#include "io/csv_reader.h"
#include "support/test_util.h"

namespace csperf::exporting {
namespace {

using csperf::testing::RunCsperf;
using csperf::testing::ScratchDir;
using csperf::testing::SourceDir;

// ---- Reading the package back -------------------------------------------------------------

std::string Unzip(const std::string& xlsx, const std::string& member) {
  const std::string command = "unzip -p '" + xlsx + "' '" + member + "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string out;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

std::string XmlUnescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {
      {"&quot;", "\""}, {"&apos;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) {
      s.replace(at, std::strlen(from), to);
    }
  }
  return s;
}

// The value of attribute `name` inside a tag's text, or "".
std::string Attribute(const std::string& tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const size_t at = tag.find(key);
  if (at == std::string::npos) return {};
  const size_t begin = at + key.size();
  return XmlUnescape(tag.substr(begin, tag.find('"', begin) - begin));
}

// The text between <tag ...> and </tag> inside `xml`, or "".
std::string Element(const std::string& xml, const std::string& tag) {
  const size_t open = xml.find("<" + tag);
  if (open == std::string::npos) return {};
  const size_t begin = xml.find('>', open) + 1;
  if (xml[begin - 2] == '/') return {};
  return XmlUnescape(xml.substr(begin, xml.find("</" + tag + ">", begin) - begin));
}

std::vector<std::string> SharedStrings(const std::string& xml) {
  std::vector<std::string> strings;
  for (size_t at = xml.find("<si>"); at != std::string::npos; at = xml.find("<si>", at + 1)) {
    strings.push_back(Element(xml.substr(at, xml.find("</si>", at) - at), "t"));
  }
  return strings;
}

// The format code of every cell style (index s), "General" for the built-in 0.
std::vector<std::string> StyleFormats(const std::string& xml) {
  std::map<std::string, std::string> codes = {{"0", "General"}};
  for (size_t at = xml.find("<numFmt "); at != std::string::npos;
       at = xml.find("<numFmt ", at + 1)) {
    const std::string tag = xml.substr(at, xml.find('>', at) - at);
    codes[Attribute(tag, "numFmtId")] = Attribute(tag, "formatCode");
  }
  std::vector<std::string> formats;
  const size_t begin = xml.find("<cellXfs");
  const size_t end = xml.find("</cellXfs>");
  for (size_t at = xml.find("<xf ", begin); at != std::string::npos && at < end;
       at = xml.find("<xf ", at + 1)) {
    formats.push_back(codes[Attribute(xml.substr(at, xml.find('>', at) - at), "numFmtId")]);
  }
  return formats;
}

struct XlsxCell {
  std::string value;    // shared strings resolved; numbers as written
  std::string format;   // the number format code of its style
  std::string formula;  // without "="
  bool is_string = false;
};

// Cells of a worksheet by reference ("A3").
std::map<std::string, XlsxCell> Cells(const std::string& sheet,
                                      const std::vector<std::string>& strings,
                                      const std::vector<std::string>& formats) {
  std::map<std::string, XlsxCell> cells;
  for (size_t at = sheet.find("<c r=\""); at != std::string::npos;
       at = sheet.find("<c r=\"", at + 1)) {
    const size_t tag_end = sheet.find('>', at);
    const std::string tag = sheet.substr(at, tag_end - at + 1);
    XlsxCell cell;
    const std::string style = Attribute(tag, "s");
    cell.format = formats.at(style.empty() ? 0 : std::stoul(style));
    if (tag[tag.size() - 2] != '/') {
      const std::string body = sheet.substr(tag_end + 1, sheet.find("</c>", tag_end) - tag_end - 1);
      cell.value = Element(body, "v");
      cell.formula = Element(body, "f");
      if (Attribute(tag, "t") == "s") {
        cell.is_string = true;
        cell.value = strings.at(std::stoul(cell.value));
      }
    }
    cells[Attribute(tag, "r")] = cell;
  }
  return cells;
}

struct ReadSheet {
  std::string xml;
  std::map<std::string, XlsxCell> cells;

  const XlsxCell& At(const std::string& ref) const {
    static const XlsxCell kNone;
    auto it = cells.find(ref);
    return it == cells.end() ? kNone : it->second;
  }
  // The column letters whose English header (row 2) is `en`.
  std::string Column(const std::string& en) const {
    for (const auto& [ref, cell] : cells) {
      if (ref.substr(ref.find_first_of("0123456789")) == "2" && cell.value == en) {
        return ref.substr(0, ref.find_first_of("0123456789"));
      }
    }
    ADD_FAILURE() << "no column " << en;
    return "?";
  }
  // The spreadsheet row (1-based) whose column A holds `agent_id` (B for the ranking sheet).
  std::string Row(const std::string& agent_id, const std::string& column = "A") const {
    for (const auto& [ref, cell] : cells) {
      if (ref.rfind(column, 0) == 0 &&
          std::isdigit(static_cast<unsigned char>(ref[column.size()])) && cell.value == agent_id) {
        return ref.substr(column.size());
      }
    }
    ADD_FAILURE() << "no row " << agent_id;
    return "0";
  }
  const XlsxCell& Get(const std::string& agent_id, const std::string& en,
                      const std::string& id_column = "A") const {
    return At(Column(en) + Row(agent_id, id_column));
  }
};

// A CSV file as rows of named fields.
std::vector<std::map<std::string, std::string>> ParseCsv(std::string text) {
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  CsvReader reader(text);
  CsvRecord record;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (reader.Next(&record)) {
    if (header.empty()) {
      for (auto f : record.fields) header.emplace_back(f);
      continue;
    }
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < record.fields.size() && i < header.size(); ++i) {
      row[header[i]] = std::string(record.fields[i]);
    }
    rows.push_back(row);
  }
  return rows;
}

Cents CentsOf(const std::string& yuan) {
  auto c = ParseMoney(yuan);
  EXPECT_TRUE(c.ok()) << yuan;
  return c.ok() ? *c : -1;
}

// A money cell holds exactly the engine's cents: the double nearest to cents / 100.
void ExpectMoney(const XlsxCell& cell, Cents cents, const std::string& what) {
  EXPECT_FALSE(cell.is_string) << what;
  EXPECT_EQ(cell.format, "\"¥\"#,##0.00") << what;
  const double v = std::strtod(cell.value.c_str(), nullptr);
  EXPECT_EQ(v, static_cast<double>(cents) / 100) << what << " " << cell.value;
  EXPECT_EQ(std::llround(v * 100), cents) << what << " " << cell.value;
}

// ---- The sample month, exported once ---------------------------------------------------------

std::vector<std::string> SampleArgs() {
  const std::string root = SourceDir();
  return {"--data",
          root + "/samples/basic",
          "--period",
          "2024-01",
          "--template",
          root + "/templates/presales.toml",
          root + "/templates/aftersales.toml",
          root + "/templates/supervisor.toml"};
}

class ExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir();
    xlsx_ = *dir_ / "pay_2024-01.xlsx";
    std::vector<std::string> args = {"export"};
    for (const std::string& a : SampleArgs()) args.push_back(a);
    args.insert(args.end(), {"--format", "xlsx", "--out", xlsx_});
    export_run_ = new csperf::testing::RunResult(RunCsperf(args));

    args = {"score"};
    for (const std::string& a : SampleArgs()) args.push_back(a);
    args.insert(args.end(), {"--format", "csv"});
    const auto score = RunCsperf(args);
    score_ok_ = score.exit_code == 0;
    score_ = new std::vector<std::map<std::string, std::string>>(ParseCsv(score.out));

    const auto strings = SharedStrings(Unzip(xlsx_, "xl/sharedStrings.xml"));
    const auto formats = StyleFormats(Unzip(xlsx_, "xl/styles.xml"));
    sheets_ = new std::vector<ReadSheet>();
    for (int i = 1; i <= 3; ++i) {
      ReadSheet s;
      s.xml = Unzip(xlsx_, "xl/worksheets/sheet" + std::to_string(i) + ".xml");
      s.cells = Cells(s.xml, strings, formats);
      sheets_->push_back(std::move(s));
    }
  }
  static void TearDownTestSuite() {
    delete sheets_;
    delete score_;
    delete export_run_;
    delete dir_;
  }
  void SetUp() override {
    ASSERT_EQ(export_run_->exit_code, 0) << export_run_->out;
    ASSERT_TRUE(score_ok_);
    ASSERT_EQ(score_->size(), 4u);  // M01, A01, A02, A03
  }
  static const ReadSheet& Ranking() { return (*sheets_)[0]; }
  static const ReadSheet& Indicators() { return (*sheets_)[1]; }
  static const ReadSheet& Payroll() { return (*sheets_)[2]; }

  static ScratchDir* dir_;
  static std::string xlsx_;
  static csperf::testing::RunResult* export_run_;
  static bool score_ok_;
  static std::vector<std::map<std::string, std::string>>* score_;
  static std::vector<ReadSheet>* sheets_;
};

ScratchDir* ExportTest::dir_ = nullptr;
std::string ExportTest::xlsx_;
csperf::testing::RunResult* ExportTest::export_run_ = nullptr;
bool ExportTest::score_ok_ = false;
std::vector<std::map<std::string, std::string>>* ExportTest::score_ = nullptr;
std::vector<ReadSheet>* ExportTest::sheets_ = nullptr;

TEST_F(ExportTest, WorkbookHasTheThreeSheetsAndOpensOnPayroll) {
  const std::string workbook = Unzip(xlsx_, "xl/workbook.xml");
  const size_t ranking = workbook.find("<sheet name=\"排名\"");
  const size_t indicators = workbook.find("<sheet name=\"指标明细\"");
  const size_t payroll = workbook.find("<sheet name=\"薪资\"");
  ASSERT_NE(ranking, std::string::npos);
  ASSERT_NE(indicators, std::string::npos);
  ASSERT_NE(payroll, std::string::npos);
  EXPECT_LT(ranking, indicators);
  EXPECT_LT(indicators, payroll);
  EXPECT_NE(workbook.find("activeTab=\"2\""), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(xlsx_ + ".partial"));
}

TEST_F(ExportTest, PayrollSheetIsTheEnginesCents) {
  const ReadSheet& pay = Payroll();
  for (const auto& row : *score_) {
    const std::string& id = row.at("agent_id");
    SCOPED_TRACE(id);
    EXPECT_EQ(pay.Get(id, "Name").value, row.at("name"));
    EXPECT_EQ(pay.Get(id, "Grade").value, row.at("grade"));
    EXPECT_EQ(pay.Get(id, "Coefficient").value, row.at("coefficient"));
    EXPECT_EQ(pay.Get(id, "Coefficient").format, "0.0#####");
    EXPECT_EQ(std::strtod(pay.Get(id, "Total score").value.c_str(), nullptr),
              std::strtod(row.at("total").c_str(), nullptr));
    EXPECT_EQ(pay.Get(id, "Total score").format, "0.00");
    ExpectMoney(pay.Get(id, "Base bonus"), CentsOf(row.at("base_bonus")), "base_bonus");
    ExpectMoney(pay.Get(id, "Performance bonus"), CentsOf(row.at("bonus_amount")), "bonus");
    ExpectMoney(pay.Get(id, "Commission"), CentsOf(row.at("commission")), "commission");
    ExpectMoney(pay.Get(id, "Total pay"), CentsOf(row.at("pay_total")), "pay_total");
  }
}

TEST_F(ExportTest, PayFiguresWorkedByHand) {
  const ReadSheet& pay = Payroll();
  // A03 刘洋, after-sales, hired 2024-01-15 (on probation): 17 of January's 31 days. Grade S,
  // coefficient 1.3, base bonus ¥1,500.00, pro-rated (aftersales.toml: prorate = true):
  // ¥1,500.00 × 1.3 × 17 / 31 = ¥1,069.354… → ¥1,069.35; no commission in the template.
  EXPECT_EQ(pay.Get("A03", "Grade").value, "S");
  EXPECT_EQ(pay.Get("A03", "Days employed").value, "17");
  EXPECT_EQ(pay.Get("A03", "Days in period").value, "31");
  EXPECT_EQ(pay.Get("A03", "Pro-rata share").format, "0.0%");
  EXPECT_NEAR(std::strtod(pay.Get("A03", "Pro-rata share").value.c_str(), nullptr), 17.0 / 31,
              1e-6);
  ExpectMoney(pay.Get("A03", "Performance bonus"), 106935, "A03 bonus");
  ExpectMoney(pay.Get("A03", "Total pay"), 106935, "A03 total");
  // A01 李娜, pre-sales, grade D (0.5) on ¥2,000.00: bonus ¥1,000.00. Net sales ¥1,299.00 (order
  // T1001) in the first commission tier (0.5 % up to ¥100,000): ¥6.495 → ¥6.50, half away from
  // zero. Total ¥1,006.50.
  ExpectMoney(pay.Get("A01", "Net sales"), 129900, "A01 net sales");
  ExpectMoney(pay.Get("A01", "Performance bonus"), 100000, "A01 bonus");
  ExpectMoney(pay.Get("A01", "Commission"), 650, "A01 commission");
  ExpectMoney(pay.Get("A01", "Total pay"), 100650, "A01 total");
}

TEST_F(ExportTest, PayrollTotalsRowSumsTheCents) {
  const ReadSheet& pay = Payroll();
  Cents sum = 0;
  for (const auto& row : *score_) sum += CentsOf(row.at("pay_total"));
  EXPECT_EQ(sum, 150000 + 100650 + 100000 + 106935);
  const std::string col = pay.Column("Total pay");
  EXPECT_EQ(pay.At("A7").value, "合计 Total");
  EXPECT_EQ(pay.At(col + "7").formula, "SUM(" + col + "3:" + col + "6)");
  ExpectMoney(pay.At(col + "7"), sum, "pay_total sum");
}

TEST_F(ExportTest, RankingSheetMatchesScore) {
  const ReadSheet& ranking = Ranking();
  for (const auto& row : *score_) {
    const std::string& id = row.at("agent_id");
    SCOPED_TRACE(id);
    EXPECT_EQ(ranking.Get(id, "Rank", "B").value, row.at("rank"));
    EXPECT_EQ(ranking.Get(id, "Rank", "B").format, "0");
    EXPECT_EQ(std::strtod(ranking.Get(id, "Total score", "B").value.c_str(), nullptr),
              std::strtod(row.at("total").c_str(), nullptr));
    EXPECT_EQ(ranking.Get(id, "Grade", "B").value, row.at("grade"));
    EXPECT_EQ(ranking.Get(id, "Moved by forced distribution", "B").value,
              row.at("moved_by_distribution") == "yes" ? "是" : "否");
  }
  // Ordered by template (presales, aftersales, supervisor), then rank.
  EXPECT_EQ(ranking.At("B3").value, "A01");
  EXPECT_EQ(ranking.At("B4").value, "A02");
  EXPECT_EQ(ranking.At("B5").value, "A03");
  EXPECT_EQ(ranking.At("B6").value, "M01");
  EXPECT_EQ(ranking.At("E3").value, "售前客服考核");
}

TEST_F(ExportTest, IndicatorSheetShowsRawValuesInTheirFormats) {
  const ReadSheet& ind = Indicators();
  // A01: first response 40 s (frt_avg_s), inquiry conversion 1 of 1, net sales ¥1,299.00 —
  // the raw values even where too small a sample excludes the indicator (no points then).
  EXPECT_EQ(ind.Get("A01", "Average first response time").value, "40");
  EXPECT_EQ(ind.Get("A01", "Average first response time").format, "#,##0.0\"s\"");
  EXPECT_EQ(ind.Get("A01", "Average first response time points").value, "");
  EXPECT_EQ(ind.Get("A01", "Inquiry conversion").value, "1");
  EXPECT_EQ(ind.Get("A01", "Inquiry conversion").format, "0.0%");
  ExpectMoney(ind.Get("A01", "Net sales"), 129900, "A01 net sales");
  EXPECT_EQ(ind.Get("A01", "Net sales points").value, "0.87");
  EXPECT_EQ(ind.Get("A01", "Net sales points").format, "0.00");
  // M01's team indicators read the pooled value of the direct reports: 2 of 3 conversions.
  EXPECT_EQ(ind.Get("M01", "Team inquiry conversion").value, "0.666667");
  EXPECT_EQ(ind.Get("M01", "Daily records").format, "0");
  for (const auto& row : *score_) {
    SCOPED_TRACE(row.at("agent_id"));
    EXPECT_EQ(std::strtod(ind.Get(row.at("agent_id"), "Total score").value.c_str(), nullptr),
              std::strtod(row.at("total").c_str(), nullptr));
  }
}

TEST_F(ExportTest, FrozenPanesBelowTheTwoHeaderRowsAndAfterTheAgent) {
  const char* x_split[] = {"3", "2", "2"};  // rank, id, name; id, name; id, name
  for (size_t i = 0; i < sheets_->size(); ++i) {
    SCOPED_TRACE(i);
    const std::string& xml = (*sheets_)[i].xml;
    const size_t at = xml.find("<pane ");
    ASSERT_NE(at, std::string::npos);
    const std::string pane = xml.substr(at, xml.find("/>", at) - at);
    EXPECT_EQ(Attribute(pane, "ySplit"), "2");
    EXPECT_EQ(Attribute(pane, "xSplit"), x_split[i]);
    EXPECT_EQ(Attribute(pane, "state"), "frozen");
    EXPECT_NE(xml.find("<col min=\"1\""), std::string::npos);  // widths are set
  }
}

TEST_F(ExportTest, HeadersInChineseThenEnglish) {
  const std::string strings = Unzip(xlsx_, "xl/sharedStrings.xml");
  for (const char* zh : {"工号", "姓名", "绩效等级", "绩效系数", "绩效奖金基数", "绩效奖金",
                         "销售提成", "绩效工资合计", "排名", "询单转化率"}) {
    EXPECT_NE(strings.find(std::string("<t>") + zh + "</t>"), std::string::npos) << zh;
  }
  const ReadSheet& pay = Payroll();
  EXPECT_EQ(pay.At("A1").value, "工号");
  EXPECT_EQ(pay.At("A2").value, "Agent ID");
  EXPECT_EQ(pay.At(pay.Column("Total pay") + "1").value, "绩效工资合计");
  EXPECT_EQ(Ranking().At("A1").value, "排名");
  EXPECT_EQ(Ranking().At("A2").value, "Rank");
}

// ---- CSV -------------------------------------------------------------------------------------

TEST_F(ExportTest, CsvIsThePayrollSheetWithTheEnginesNumbers) {
  ScratchDir dir;
  std::vector<std::string> args = {"export"};
  for (const std::string& a : SampleArgs()) args.push_back(a);
  args.insert(args.end(), {"--out", dir / "pay.csv"});  // the format from the name
  const auto run = RunCsperf(args);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const std::string text = csperf::testing::ReadFile(dir / "pay.csv");
  ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u);  // BOM: spreadsheet programs read UTF-8
  EXPECT_EQ(text.substr(3, text.find("\r\n") - 3),
            "agent_id,name,team,template,total,grade,coefficient,base_bonus,days_employed,"
            "days_in_period,prorate,bonus_amount,net_sales,commission,pay_total,note");
  const auto rows = ParseCsv(text);
  ASSERT_EQ(rows.size(), score_->size());  // no totals row
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& score = (*score_)[i];
    SCOPED_TRACE(score.at("agent_id"));
    for (const char* key : {"agent_id", "name", "total", "grade", "coefficient", "base_bonus",
                            "bonus_amount", "commission", "pay_total"}) {
      EXPECT_EQ(rows[i].at(key), score.at(key)) << key;
    }
  }
  EXPECT_EQ(rows[1].at("pay_total"), "1006.50");
  EXPECT_EQ(rows[3].at("prorate"), "0.548387");
}

TEST_F(ExportTest, CsvOfTheIndicatorSheetHasTheScorePoints) {
  ScratchDir dir;
  std::vector<std::string> args = {"export"};
  for (const std::string& a : SampleArgs()) args.push_back(a);
  args.insert(args.end(), {"--format", "csv", "--sheet", "indicators", "--out", dir / "i.csv"});
  const auto run = RunCsperf(args);
  ASSERT_EQ(run.exit_code, 0) << run.out;
  const auto rows = ParseCsv(csperf::testing::ReadFile(dir / "i.csv"));
  ASSERT_EQ(rows.size(), score_->size());
  int compared = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    for (const auto& [key, value] : (*score_)[i]) {
      if (key.rfind("points_", 0) != 0) continue;
      EXPECT_EQ(rows[i].at(key), value) << (*score_)[i].at("agent_id") << " " << key;
      ++compared;
    }
  }
  EXPECT_GT(compared, 40);
  EXPECT_EQ(rows[1].at("frt"), "40.000");  // as `csperf metrics` prints frt_avg_s
}

// ---- Errors ----------------------------------------------------------------------------------

csperf::testing::RunResult Export(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"export"};
  for (const std::string& a : SampleArgs()) args.push_back(a);
  args.insert(args.end(), extra.begin(), extra.end());
  return RunCsperf(args);
}

TEST(ExportErrorsTest, OutputInAFolderThatDoesNotExist) {
  ScratchDir dir;
  const std::string out = dir / "no/such/folder/pay.xlsx";
  const auto run = Export({"--out", out});
  EXPECT_EQ(run.exit_code, 2) << run.out;  // bad input
  EXPECT_NE(run.out.find("(--out): cannot write the file: the folder"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("does not exist"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("unexpected"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(ExportErrorsTest, OutputThatIsAFolder) {
  ScratchDir dir;
  const auto run = Export({"--out", dir.path().string()});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("it is a folder"), std::string::npos) << run.out;
}

TEST(ExportErrorsTest, UnwritableOutputLeavesNothingBehind) {
  // /proc exists but takes no new files (not even for root): the system's reason is given once,
  // before libxlsxwriter starts, and nothing is left behind.
  const auto run = Export({"--out", "/proc/csperf-export-test.xlsx"});
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("/proc/csperf-export-test.xlsx (--out): cannot write the file: "),
            std::string::npos)
      << run.out;
  EXPECT_EQ(run.out.find("[ERROR]"), std::string::npos) << run.out;  // said once, by csperf
  const auto csv = Export({"--out", "/proc/csperf-export-test.csv"});
  EXPECT_EQ(csv.exit_code, 1) << csv.out;
  EXPECT_NE(csv.out.find("cannot write the file"), std::string::npos) << csv.out;
  EXPECT_FALSE(std::filesystem::exists("/proc/csperf-export-test.xlsx.partial"));
}

TEST(ExportErrorsTest, FormatAndFileNameDisagree) {
  ScratchDir dir;
  const auto run = Export({"--format", "xlsx", "--out", dir / "pay.csv"});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.out.find("does not match --format xlsx"), std::string::npos) << run.out;
  const auto sheet = Export({"--format", "csv", "--sheet", "bonus", "--out", dir / "pay.csv"});
  EXPECT_EQ(sheet.exit_code, 2) << sheet.out;
  EXPECT_NE(sheet.out.find("no such sheet"), std::string::npos) << sheet.out;
}

// ---- The model -------------------------------------------------------------------------------

TEST(ExportModelTest, CellsKeepTheExactTextAndTheNearestDouble) {
  const Cell money = Cell::Money(106935);
  EXPECT_EQ(money.text, "1069.35");
  EXPECT_EQ(money.number, 1069.35);
  EXPECT_EQ(money.format, NumberFormat::kMoney);
  EXPECT_EQ(Cell::Money(-5).text, "-0.05");
  EXPECT_TRUE(Cell::Decimal("", NumberFormat::kPercent).blank);
  EXPECT_EQ(Cell::Integer(17).number, 17);
  EXPECT_EQ(Cell::Rounded(scoring::Rational::Of(3315, 31), 2, NumberFormat::kDecimal2).text,
            "106.94");
}

TEST(ExportModelTest, ColumnLettersAndWidths) {
  EXPECT_EQ(ColumnLetters(0), "A");
  EXPECT_EQ(ColumnLetters(25), "Z");
  EXPECT_EQ(ColumnLetters(26), "AA");
  EXPECT_EQ(ColumnLetters(52), "BA");
  EXPECT_EQ(DisplayWidth("王芳"), 4u);
  EXPECT_EQ(DisplayWidth("A组"), 3u);
  EXPECT_EQ(ShownWidth(Cell::Money(123456789)), 13u);  // ¥1,234,567.89
}

TEST(ExportModelTest, XlsxWriterReportsAProblemForABadSheetName) {
  ScratchDir dir;
  Workbook wb;
  Sheet bad;
  bad.name = "a/b";  // '/' is not allowed in a sheet name
  wb.sheets.push_back(bad);
  const std::string out = dir / "bad.xlsx";
  Status s = WriteXlsx(wb, out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.problem().ToString().find("cannot add the sheet 'a/b'"), std::string::npos)
      << s.problem().ToString();
  EXPECT_FALSE(std::filesystem::exists(out));
  EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
}

}  // namespace
}  // namespace csperf::exporting
