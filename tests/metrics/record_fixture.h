// Shared set-up for the tests of the per-record metric columns (after-sales, follow-ups,
// incidents, attendance, supervisors): a hand-built Dataset, default settings, Asia/Shanghai
// and the period 2024-01, i.e. [2024-01-01 00:00 +08:00, 2024-02-01 00:00 +08:00).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/period.h"
#include "core/settings.h"
#include "core/time_zone.h"
#include "metrics/context.h"
#include "metrics/dataset.h"
#include "metrics/value.h"

namespace csperf::metrics {

class MetricsRecordTest : public ::testing::Test {
 protected:
  MetricsRecordTest() : settings(DefaultSettings()), zone(LoadZone()), period(LoadPeriod()) {}

  static std::shared_ptr<const TimeZone> LoadZone() {
    auto zone = TimeZone::Load("Asia/Shanghai");
    if (!zone.ok()) {
      ADD_FAILURE() << zone.problem().ToString();
      return TimeZone::FixedOffset(8 * 3600);
    }
    return *zone;
  }
  static Period LoadPeriod() {
    auto period = ParsePeriod("2024-01");
    EXPECT_TRUE(period.ok());
    return period.ok() ? *period : MonthPeriod(2024, 1);
  }

  // A local time in Asia/Shanghai.
  Instant At(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) const {
    return zone->FromLocal(CivilTime{CivilDate{year, month, day}, hour, minute, second});
  }
  // A local time in January 2024.
  Instant Jan(int day, int hour = 0, int minute = 0, int second = 0) const {
    return At(2024, 1, day, hour, minute, second);
  }

  // Adds an agent; returns its index.
  Id AddAgent(const std::string& id, std::vector<std::string> accounts = {},
              const std::string& manager_id = "") {
    Agent agent;
    agent.id = id;
    agent.name = id;
    agent.manager_id = manager_id;
    agent.accounts = std::move(accounts);
    for (const std::string& account : agent.accounts) data.accounts.Intern(account);
    data.agents.push_back(std::move(agent));
    return static_cast<Id>(data.agents.size() - 1);
  }

  Context MakeContext() const {
    return Context{data, settings, *zone, period, period.begin(*zone), period.end(*zone)};
  }
  Group Members(std::vector<Id> agents) const {
    Group g;
    g.member.assign(data.agents.size(), false);
    for (Id a : agents) g.member[static_cast<size_t>(a)] = true;
    return g;
  }
  Group ShopRow(Id shop) const {
    Group g;
    g.member.assign(data.agents.size(), false);
    g.shop = shop;
    return g;
  }

  static std::vector<std::string> Names(const Columns& columns) {
    std::vector<std::string> names;
    for (const auto& [name, value] : columns) names.push_back(name);
    return names;
  }
  static MetricValue Get(const Columns& columns, const std::string& name) {
    for (const auto& [n, value] : columns) {
      if (n == name) return value;
    }
    ADD_FAILURE() << "no column " << name;
    return MetricValue::Empty();
  }

  Dataset data;
  Settings settings;
  std::shared_ptr<const TimeZone> zone;
  Period period;
};

}  // namespace csperf::metrics
