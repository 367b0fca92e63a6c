#include "core/settings.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace csperf {
namespace {

TEST(Settings, DefaultsAreTheSpecs) {
  Settings s = DefaultSettings();
  EXPECT_EQ(s.timezone, "Asia/Shanghai");
  EXPECT_EQ(s.defaults.session_gap_s, 1800);
  EXPECT_FALSE(s.defaults.service_hours.has_value());
  EXPECT_EQ(s.defaults.fast_response_s, 180);
  EXPECT_EQ(s.defaults.attribution_window_s, 72 * 3600);
  EXPECT_EQ(s.defaults.payment_window_s, 72 * 3600);
  EXPECT_EQ(s.followup_grace_s, 24 * 3600);
  EXPECT_EQ(s.late_grace_s, 300);
  EXPECT_EQ(s.sla_s.at("refund_only"), 24 * 3600);
  EXPECT_EQ(s.sla_s.at("return"), 72 * 3600);
  EXPECT_EQ(s.sla_s.at("exchange"), 96 * 3600);
  EXPECT_EQ(s.sla_s.at("repair"), 96 * 3600);
  EXPECT_EQ(s.sop.at("return"), (std::vector<std::string>{"approve", "goods_received", "refund"}));
  EXPECT_EQ(s.sop.at("repair"), (std::vector<std::string>{"approve", "reship"}));
  EXPECT_TRUE(s.step_sla.empty());
  EXPECT_EQ(s.source_weights.at("manager"), 600'000);
  EXPECT_EQ(s.source_weights.at("self"), 100'000);
}

TEST(Settings, ShippedExampleFileEqualsTheDefaults) {
  auto s = LoadSettingsFile(csperf::testing::SourceDir() + "/docs/settings.example.toml");
  ASSERT_TRUE(s.ok()) << s.problem().ToString();
  Settings d = DefaultSettings();
  EXPECT_EQ(s->timezone, d.timezone);
  EXPECT_EQ(s->defaults.session_gap_s, d.defaults.session_gap_s);
  EXPECT_EQ(s->sla_s, d.sla_s);
  EXPECT_EQ(s->sop, d.sop);
  EXPECT_EQ(s->source_weights, d.source_weights);
  EXPECT_EQ(s->followup_grace_s, d.followup_grace_s);
}

TEST(Settings, ReadsPerShopOverridesAndStepSlas) {
  auto s = ParseSettings(R"(
timezone = "Asia/Shanghai"
session_gap = "20m"
late_grace = 120

[shops."旗舰店"]
service_hours = "08:00-24:00"
fast_response = "1m"

[[step_sla.return]]
from = "opened"
to = "approve"
hours = 24

[source_weights]
peer = 0.25
)",
                         "s.toml");
  ASSERT_TRUE(s.ok()) << s.problem().ToString();
  EXPECT_EQ(s->defaults.session_gap_s, 1200);
  EXPECT_EQ(s->late_grace_s, 120);
  const ShopSettings& shop = s->ForShop("旗舰店");
  EXPECT_EQ(shop.session_gap_s, 1200);  // inherits the installation's value
  EXPECT_EQ(shop.fast_response_s, 60);
  ASSERT_TRUE(shop.service_hours.has_value());
  EXPECT_EQ(s->ForShop("other").fast_response_s, 180);
  ASSERT_EQ(s->step_sla.at("return").size(), 1u);
  EXPECT_EQ(s->step_sla.at("return")[0].from, "opened");
  EXPECT_EQ(s->step_sla.at("return")[0].limit_s, 24 * 3600);
  EXPECT_EQ(s->source_weights.at("peer"), 250'000);
  EXPECT_EQ(s->source_weights.at("test"), 1'000'000);
}

TEST(Settings, ProblemsNameTheLineAndTheKey) {
  auto s =
      ParseSettings("timezone = \"Asia/Shanghai\"\n\n[shops.a]\nsession_gapp = \"5m\"\n", "s.toml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.problem().place.line, 4);
  EXPECT_EQ(s.problem().place.field, "shops.a.session_gapp");

  auto t = ParseSettings("[sla_hours]\nreturn = -3\n", "s.toml");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.problem().place.field, "sla_hours.return");
  EXPECT_EQ(t.problem().place.line, 2);

  auto u = ParseSettings("fast_response = \"soon\"\n", "s.toml");
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.problem().place.field, "fast_response");

  auto v = ParseSettings("[sop]\nteleport = [\"a\"]\n", "s.toml");
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problem().place.field, "sop.teleport");

  auto w = ParseSettings("timezone = \n", "s.toml");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.problem().place.line, 1);
}

}  // namespace
}  // namespace csperf
