// The templates that ship in templates/ load, apply to the three positions, and together
// cover the twelve appraisal dimensions of the product.
#include <gtest/gtest.h>

#include <set>

#include "scoring/template_loader.h"
#include "support/test_util.h"

namespace csperf::scoring {
namespace {

TEST(DefaultTemplates, LoadAndCoverEveryDimension) {
  std::set<std::string> metrics;
  std::set<std::string> positions;
  for (const char* name : {"presales", "aftersales", "supervisor"}) {
    auto t = LoadTemplateFile(csperf::testing::SourceDir() + "/templates/" + name + ".toml");
    ASSERT_TRUE(t.ok()) << t.problem().ToString();
    ASSERT_TRUE(t->position.has_value());
    positions.insert(*t->position);
    for (const Section& s : t->sections) {
      for (const Indicator& i : s.indicators) metrics.insert(i.metric);
    }
    for (const Adjustment& a : t->bonuses) metrics.insert(a.metric);
    for (const Adjustment& a : t->penalties) metrics.insert(a.metric);
    for (const Veto& v : t->vetoes) metrics.insert(v.metric);
    EXPECT_FALSE(t->grades.empty()) << name;
  }
  EXPECT_EQ(positions, (std::set<std::string>{"presales", "aftersales", "supervisor"}));
  // One metric that measures each of the twelve dimensions of product.md.
  const std::vector<std::pair<const char*, std::vector<const char*>>> dimensions = {
      {"response speed", {"frt_avg_s", "frt_within_rate", "art_avg_s"}},
      {"satisfaction", {"satisfaction_rate", "complaints"}},
      {"conversion and sales", {"inquiry_conversion", "net_sales_amount"}},
      {"returns and exchanges", {"sla_met_rate", "sop_compliance_rate", "step_sla_met_rate"}},
      {"follow-ups", {"followup_rate"}},
      {"product knowledge", {"product_knowledge"}},
      {"communication", {"communication"}},
      {"teamwork", {"teamwork"}},
      {"error handling", {"error_handling"}},
      {"innovation and learning", {"innovation_learning", "suggestions_adopted"}},
      {"coaching", {"coaching_coverage"}},
      {"attendance", {"attendance_rate", "absent", "late"}},
  };
  for (const auto& [dimension, candidates] : dimensions) {
    for (const char* metric : candidates)
      EXPECT_TRUE(metrics.count(metric)) << dimension << ": " << metric;
  }
}

}  // namespace
}  // namespace csperf::scoring
