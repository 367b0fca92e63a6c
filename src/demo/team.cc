#include "demo/team.h"

#include <fmt/format.h>

#include <array>

namespace csperf::demo {
namespace {

constexpr std::array<const char*, 20> kSurnames = {"李", "王", "张", "刘", "陈", "杨", "赵",
                                                   "黄", "周", "吴", "徐", "孙", "胡", "朱",
                                                   "高", "林", "何", "郭", "马", "罗"};
constexpr std::array<const char*, 24> kGiven = {
    "娜", "伟", "芳", "敏",   "静", "磊", "洋", "艳",   "勇",   "军", "杰", "娟",
    "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "小美", "婷", "晨", "欣"};
constexpr std::array<const char*, 12> kNicks = {"小美", "小雨", "阿杰", "小鹿", "糖糖", "小七",
                                                "木木", "乐乐", "小北", "安安", "小满", "豆豆"};

}  // namespace

std::vector<std::string> DemoAgent::Accounts() const {
  std::vector<std::string> out = {main_account};
  if (!second_account.empty()) out.push_back(second_account);
  if (!routed_account.empty()) out.push_back(routed_account);
  return out;
}

std::vector<DemoAgent> MakeTeam(int size, const Period& month, Rng& rng) {
  size = std::max(size, 4);
  const int supervisors = std::max(1, (size + 9) / 10);
  const int staff = size - supervisors;
  std::vector<DemoAgent> team;
  for (int s = 0; s < supervisors; ++s) {
    DemoAgent m;
    m.id = fmt::format("M{:02}", s + 1);
    m.team = fmt::format("{}组", static_cast<char>('A' + s % 26));
    m.role = "manager";
    m.position = "supervisor";
    team.push_back(m);
  }
  for (int i = 0; i < staff; ++i) {
    DemoAgent a;
    a.id = fmt::format("A{:02}", i + 1);
    a.role = "agent";
    // Six in ten serve pre-sales chats, the rest after-sales.
    a.position = (i % 5 < 3) ? "presales" : "aftersales";
    const DemoAgent& manager = team[static_cast<size_t>(i % supervisors)];
    a.team = manager.team;
    a.manager_id = manager.id;
    team.push_back(a);
  }
  for (size_t k = 0; k < team.size(); ++k) {
    DemoAgent& a = team[k];
    a.name = std::string(kSurnames[rng.Between(0, kSurnames.size() - 1)]) +
             kGiven[rng.Between(0, kGiven.size() - 1)];
    std::string nick = fmt::format("{}{}", kNicks[k % kNicks.size()],
                                   k < kNicks.size() ? std::string() : std::to_string(k));
    a.main_account = fmt::format("{}:{}", kMainShop, nick);
    if (a.role == "agent" && k % 3 == 0) a.second_account = a.main_account + "2";
    if (a.position == "presales" && k % 2 == 0) {
      a.routed_account = fmt::format("{}:{}", kRoutedShop, nick);
    }
    a.hire_date = AddDays(month.first, -rng.Between(200, 1500));
    a.skill = 0.15 + 0.85 * rng.Uniform();
    a.base_bonus_cents = a.role == "manager" ? 300000 : 200000;
  }
  // Supervisors' accounts answer no chats; they only write records.
  for (DemoAgent& a : team) {
    if (a.role == "manager") a.second_account.clear();
  }
  // The last three staff: a probation hire, one who joins mid-month, one who leaves.
  const size_t n = team.size();
  DemoAgent& probation = team[n - 1];
  probation.probation = true;
  probation.hire_date = AddDays(month.first, -40);
  probation.base_bonus_cents = 150000;
  DemoAgent& joiner = team[n - 2];
  joiner.hire_date = AddDays(month.first, 15);
  joiner.probation = true;
  joiner.base_bonus_cents = 150000;
  DemoAgent& leaver = team[n - 3];
  leaver.leave_date = AddDays(month.first, 19);
  return team;
}

}  // namespace csperf::demo
