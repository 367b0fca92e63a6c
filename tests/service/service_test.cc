// The service layer: each call as a front-end makes it, its typed result, and the code of
// the problems it refuses with (which the command line turns into its exit status).
#include "service/service.h"

#include <gtest/gtest.h>

#include "support/store_rows.h"
#include "support/test_util.h"

namespace csperf {
namespace {

using csperf::testing::RunCsperf;
using csperf::testing::ScratchDir;
using csperf::testing::SourceDir;

std::string Sample() { return SourceDir() + "/samples/basic"; }

class ServiceTest : public ::testing::Test {
 protected:
  service::Service service_{DefaultEnv()};
  ScratchDir dir_;
};

TEST_F(ServiceTest, ImportThenReportFromTheStoreAndFromTheFilesAgree) {
  service::Service::ImportRequest import;
  import.db = dir_ / "s.db";
  import.paths = {Sample()};
  import.common.now = "2025-01-01";
  import.options.rejects_dir = dir_ / "rejects";
  auto imported = service_.Import(import);
  ASSERT_TRUE(imported.ok()) << imported.problem().ToString();
  ASSERT_TRUE(imported->report.committed);
  ASSERT_TRUE(imported->check.has_value());
  // samples/basic: four agents.
  EXPECT_EQ(imported->check->summary.agents, 4);

  service::Service::MetricsRequest from_store;
  from_store.report.source.db = dir_ / "s.db";
  from_store.report.period = "2024-01";
  service::Service::MetricsRequest from_files = from_store;
  from_files.report.source = {"", Sample()};
  auto a = service_.Metrics(from_store);
  auto b = service_.Metrics(from_files);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(metrics::RenderCsv(*a), metrics::RenderCsv(*b));
  EXPECT_EQ(a->rows.size(), 4u);
}

TEST_F(ServiceTest, ProblemsCarryTheirCode) {
  service::Service::MetricsRequest missing;
  missing.report.source.db = dir_ / "none.db";
  missing.report.period = "2024-01";
  auto r1 = service_.Metrics(missing);
  ASSERT_FALSE(r1.ok());
  EXPECT_EQ(r1.problem().code, ProblemCode::kNotFound);

  service::Service::MetricsRequest bad_period;
  bad_period.report.source.data = Sample();
  bad_period.report.period = "2024-13";
  auto r2 = service_.Metrics(bad_period);
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.problem().code, ProblemCode::kBadInput);
  EXPECT_EQ(r2.problem().place.field, "--period");

  service::Service::EvidenceRequest nobody;
  nobody.report = bad_period.report;
  nobody.report.period = "2024-01";
  nobody.agent = "Z99";
  nobody.metric = "sessions";
  auto r3 = service_.Evidence(nobody);
  ASSERT_FALSE(r3.ok());
  EXPECT_EQ(r3.problem().code, ProblemCode::kNotFound);

  service::Service::ExportRequest mismatch;
  mismatch.score.report = nobody.report;
  mismatch.score.templates = {SourceDir() + "/templates/presales.toml"};
  mismatch.format = "xlsx";
  mismatch.out = dir_ / "pay.csv";
  auto r4 = service_.Export(mismatch);
  ASSERT_FALSE(r4.ok());
  EXPECT_EQ(r4.problem().code, ProblemCode::kBadInput);
}

TEST_F(ServiceTest, ABadRowInTheFilesReportsTheImportOfThem) {
  ScratchDir in;
  in.Write("agents.csv", "agent_id,name\nA01,李娜\n");
  in.Write("orders.csv",
           "order_id,shop,customer_id,created_at,amount\nO1,店,c1,2024-01-05 10:00:00,abc\n");
  service::Service::MetricsRequest request;
  request.report.source.data = in.path().string();
  request.report.period = "2024-01";
  service::ReadReport read;
  auto r = service_.Metrics(request, &read);
  ASSERT_FALSE(r.ok());
  ASSERT_TRUE(read.files.has_value());
  EXPECT_EQ(read.files->bad_rows, 1);
}

// The command line maps the codes: 2 bad input, 5 not found (docs/cli.md).
TEST_F(ServiceTest, TheCommandLineExitsWithTheCodesStatus) {
  EXPECT_EQ(RunCsperf({"metrics", "--db", dir_ / "none.db", "--period", "2024-01"}).exit_code, 5);
  EXPECT_EQ(RunCsperf({"metrics", "--data", Sample(), "--period", "2024-13"}).exit_code, 2);
  EXPECT_EQ(RunCsperf({"evidence", "--data", Sample(), "--period", "2024-01", "--agent", "Z99",
                       "--metric", "sessions"})
                .exit_code,
            5);
  ScratchDir in;
  in.Write("orders.csv",
           "order_id,shop,customer_id,created_at,amount\nO1,店,c1,2024-01-05 10:00:00,abc\n");
  const auto bad = RunCsperf({"import", "--db", dir_ / "b.db", in.path().string()});
  EXPECT_EQ(bad.exit_code, 2) << bad.out;
  EXPECT_EQ(RunCsperf({"metrics", "--data", Sample(), "--period", "2024-01"}).exit_code, 0);
}

}  // namespace
}  // namespace csperf
