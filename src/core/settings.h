// The settings file: the installation's settings and the per-shop ones (metrics.md).
// Every value has the default of the spec, so a run without a file behaves as documented.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money.h"
#include "core/problem.h"
#include "core/service_hours.h"

namespace csperf {

// Settings that may differ per shop: they act on chats and orders, which carry a shop.
struct ShopSettings {
  int64_t session_gap_s = int64_t{30} * 60;
  std::optional<ServiceHours> service_hours;  // none: all day counts
  int64_t fast_response_s = 180;
  int64_t attribution_window_s = int64_t{72} * 3600;
  int64_t payment_window_s = int64_t{72} * 3600;
};

struct StepSla {
  std::string from;  // a step name, or "opened" for the case's opened_at
  std::string to;
  int64_t limit_s = 0;
};

struct Settings {
  std::string timezone = "Asia/Shanghai";
  ShopSettings defaults;
  std::map<std::string, ShopSettings, std::less<>> shops;
  int64_t followup_grace_s = int64_t{24} * 3600;
  int64_t late_grace_s = int64_t{5} * 60;
  std::map<std::string, int64_t> sla_s;  // per case type
  std::map<std::string, std::vector<std::string>> sop;
  std::map<std::string, std::vector<StepSla>> step_sla;
  std::map<std::string, Micros> source_weights;  // exact decimals

  const ShopSettings& ForShop(std::string_view shop) const;
};

Settings DefaultSettings();

// Parses a settings file's text; problems name the line and the key path.
Result<Settings> ParseSettings(std::string_view text, const std::string& file_name);
Result<Settings> LoadSettingsFile(const std::string& path);

}  // namespace csperf
