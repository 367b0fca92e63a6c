// The demo team: supervisors and agents of each position, their accounts, and how good each
// one is (skill drives every metric's spread, as in a real team).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/civil_time.h"
#include "core/period.h"
#include "demo/rng.h"

namespace csperf::demo {

inline constexpr const char* kMainShop = "旗舰店";
// The second shop exports conversation ids and the account each customer was routed to.
inline constexpr const char* kRoutedShop = "专营店";
inline constexpr const char* kUnmappedAccount = "旗舰店:临时客服";

// What the generator planted for one agent, counted as it wrote the records. Counts are of
// the demo month unless the name says otherwise.
struct Planted {
  std::map<std::string, int64_t> counts;
  void Add(const std::string& what, int64_t n = 1) { counts[what] += n; }
};

struct DemoAgent {
  std::string id;
  std::string name;
  std::string team;
  std::string role;      // agent / manager
  std::string position;  // presales / aftersales / supervisor
  std::string manager_id;
  std::string main_account;    // in the main shop
  std::string second_account;  // a second account in the main shop, or empty
  std::string routed_account;  // in the routed shop, or empty
  CivilDate hire_date;
  std::optional<CivilDate> leave_date;
  bool probation = false;
  int64_t base_bonus_cents = 0;
  double skill = 0.5;  // 0 (struggling) … 1 (excellent)
  Planted planted;

  bool EmployedOn(const CivilDate& day) const {
    return hire_date <= day && (!leave_date || day <= *leave_date);
  }
  std::vector<std::string> Accounts() const;
};

// `size` people in all: one supervisor per team of up to nine, the rest split between
// pre-sales and after-sales; among them a probation agent, one who joins and one who leaves
// in the middle of `month`.
std::vector<DemoAgent> MakeTeam(int size, const Period& month, Rng& rng);

}  // namespace csperf::demo
