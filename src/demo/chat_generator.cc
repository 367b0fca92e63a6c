#include "demo/chat_generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace csperf::demo {
namespace {

constexpr int64_t kMinute = 60;
constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;
constexpr int kSpikeDay = 11;  // the shop's 双11-style promotion day

constexpr std::array<double, 24> kHourWeights = {0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4,
                                                 0.8, 1.0, 1.1, 1.1, 0.9, 1.0, 1.1, 1.1,
                                                 1.0, 0.9, 1.0, 1.3, 1.6, 1.7, 1.5, 0.9};
// Monday … Sunday: weekends are busier.
constexpr std::array<double, 7> kWeekdayWeights = {1.0, 0.95, 0.95, 1.0, 1.05, 1.2, 1.25};

constexpr std::array<std::string_view, 14> kCustomerLines = {"在吗？",
                                                             "这款还有货吗",
                                                             "什么时候发货呀",
                                                             "能便宜点吗",
                                                             "有没有优惠券",
                                                             "尺码怎么选",
                                                             "我身高170体重60kg穿什么码",
                                                             "是正品吗",
                                                             "包邮吗",
                                                             "能开发票吗",
                                                             "颜色和图片一样吗",
                                                             "好的，谢谢",
                                                             "那我拍了",
                                                             "还有别的颜色吗"};
constexpr std::array<std::string_view, 12> kAgentLines = {"亲，在的，请问有什么可以帮您？",
                                                          "有货的亲，今天下单明天发货",
                                                          "亲，建议选L码哦",
                                                          "店铺首页可以领满199减20的券",
                                                          "保证正品，支持验货",
                                                          "亲，全国包邮（偏远地区除外）",
                                                          "可以开电子发票的",
                                                          "实物和图片一致，请放心",
                                                          "好的亲，有问题随时联系我",
                                                          "亲，这边给您备注优先发货",
                                                          "感谢支持，祝您生活愉快",
                                                          "稍等，我帮您查一下"};
constexpr std::array<std::string_view, 8> kAfterSalesLines = {
    "我要退货",
    "收到的东西坏了",
    "可以换个尺码吗",
    "退款什么时候到账",
    "亲，非常抱歉给您添麻烦了",
    "您在订单页申请退货，我这边马上审核",
    "换货已经登记，收到退回的商品就给您寄出",
    "退款已经处理，1-3个工作日到账"};
constexpr std::array<int64_t, 10> kPrices = {2990,  5900,  9900,  12900,  19900,
                                             29900, 45900, 89900, 129900, 199900};

}  // namespace

ChatGenerator::ChatGenerator(DemoContext& context, AfterSales& after_sales)
    : c_(context), after_sales_(after_sales) {}

void ChatGenerator::Run() {
  std::vector<double> day_weights;
  for (int64_t d = 0; d < c_.month.days(); ++d) {
    CivilDate day = AddDays(c_.month.first, d);
    // 1970-01-01 was a Thursday: index 3 from Monday.
    int64_t weekday = ((DaysFromCivil(day) % 7) + 7 + 3) % 7;
    double w = kWeekdayWeights[static_cast<size_t>(weekday)];
    if (day.day == kSpikeDay) w *= 3.0;
    day_weights.push_back(w);
  }
  double remaining_weight = 0;
  for (double w : day_weights) remaining_weight += w;
  double per_session = 11.0;  // refined with what was written so far
  for (int64_t d = 0; d < c_.month.days(); ++d) {
    const int64_t left = c_.options.messages - messages_;
    if (sessions_ > 200)
      per_session = static_cast<double>(messages_) / static_cast<double>(sessions_);
    const double share = day_weights[static_cast<size_t>(d)] / remaining_weight;
    int64_t today = left > 0 ? std::llround(left / per_session * share) : 0;
    if (d == c_.month.days() - 1 && left > 0) today = std::max<int64_t>(today, 1);
    remaining_weight -= day_weights[static_cast<size_t>(d)];
    GenerateDay(AddDays(c_.month.first, d), today);
  }
  // The last day tops the month up to the number of messages asked for.
  while (messages_ < c_.options.messages) {
    OneSession(c_.end - kHour - c_.rng.Between(0, 20 * kHour));
  }
}

void ChatGenerator::GenerateDay(const CivilDate& day, int64_t sessions_today) {
  const Instant day_begin = c_.zone->FromLocal(CivilTime{day, 0, 0, 0});
  std::vector<Instant> starts;
  starts.reserve(static_cast<size_t>(sessions_today));
  for (int64_t i = 0; i < sessions_today; ++i) {
    size_t hour = c_.rng.Weighted(kHourWeights);
    starts.push_back(day_begin + static_cast<int64_t>(hour) * kHour + c_.rng.Between(0, kHour - 1));
  }
  std::sort(starts.begin(), starts.end());
  // Silent orders (no chat before them): about a fifth of all orders.
  const int64_t silent = sessions_today / 12;
  for (int64_t i = 0; i < silent; ++i)
    SilentOrder(day_begin + c_.rng.Between(8 * kHour, 23 * kHour));
  for (Instant start : starts) OneSession(start);
}

Instant ChatGenerator::Delay(DemoAgent* agent) {
  const double skill = agent ? agent->skill : 0.5;
  Rng& rng = c_.rng;
  if (rng.Chance(0.03)) return 0;  // answered within the same second
  double mean = 12 + 150 * (1 - skill) * (1 - skill);
  int64_t d = static_cast<int64_t>(rng.Exponential(mean));
  if (rng.Chance(0.03 + 0.08 * (1 - skill))) d += rng.Between(3 * kMinute, 15 * kMinute);
  return std::min<int64_t>(d, 20 * kMinute);
}

Instant ChatGenerator::Converse(Session& s, Instant t, DemoAgent* agent, const std::string& account,
                                int rounds, bool customer_first) {
  Rng& rng = c_.rng;
  const bool after_sales = agent && agent->position == "aftersales";
  const std::string routed = s.shop == kRoutedShop && agent ? agent->routed_account : std::string();
  for (int r = 0; r < rounds; ++r) {
    if (customer_first || r > 0) {
      // A burst: customers often send two or three lines before anyone answers.
      int burst = rng.Chance(0.3) ? static_cast<int>(rng.Between(2, 3)) : 1;
      for (int b = 0; b < burst; ++b) {
        if (b > 0) t += rng.Between(2, 25);
        auto line = after_sales ? rng.Pick<std::string_view>(kAfterSalesLines)
                                : rng.Pick<std::string_view>(kCustomerLines);
        s.messages.push_back({t, Sender::kCustomer, nullptr, routed, line});
      }
      t += Delay(agent);  // may be 0: an answer stamped with the customer's second
    }
    int replies = rng.Chance(0.35) ? 2 : 1;
    for (int k = 0; k < replies; ++k) {
      if (k > 0) t += rng.Between(5, 40);
      auto line = after_sales ? rng.Pick<std::string_view>(kAfterSalesLines)
                              : rng.Pick<std::string_view>(kAgentLines);
      s.messages.push_back({t, Sender::kAgent, agent, account, line});
    }
    t += rng.Between(10, 240);  // the customer reads and types
  }
  return s.messages.back().at;
}

DemoAgent& ChatGenerator::PickAgent(const std::string& position, const CivilDate& day,
                                    bool routed) {
  std::vector<DemoAgent*> pool;
  std::vector<double> weights;
  for (DemoAgent& a : c_.team) {
    if (a.position != position || !a.EmployedOn(day)) continue;
    if (routed && a.routed_account.empty()) continue;
    pool.push_back(&a);
    weights.push_back(0.6 + a.skill);  // better agents take a little more traffic
  }
  if (pool.empty()) {
    for (DemoAgent& a : c_.team) {
      if (a.position == position && (!routed || !a.routed_account.empty())) pool.push_back(&a);
    }
    weights.assign(pool.size(), 1.0);
  }
  DemoAgent* chosen = pool[c_.rng.Weighted(weights)];
  return *chosen;
}

std::string ChatGenerator::NewCustomer(Instant at, bool* returning) {
  *returning = false;
  if (!returning_.empty() && returning_.front().not_before <= at && c_.rng.Chance(0.25)) {
    std::string id = returning_.front().customer;
    returning_.pop_front();
    *returning = true;
    return id;
  }
  uint64_t n = static_cast<uint64_t>(next_customer_++);
  return fmt::format("tb_{:08x}", (n * 0x9E3779B1u) & 0xFFFFFFFFu);
}

void ChatGenerator::OneSession(Instant start) {
  Rng& rng = c_.rng;
  const CivilDate day = c_.zone->ToLocal(start).date;
  Session s;
  bool returning = false;
  s.customer = NewCustomer(start, &returning);
  const bool routed_shop = rng.Chance(0.15);
  s.shop = routed_shop ? kRoutedShop : kMainShop;
  if (routed_shop) s.conversation_id = fmt::format("CV{:08}", next_conversation_++);
  const bool after_sales = !routed_shop && rng.Chance(0.2);
  DemoAgent* agent = &PickAgent(after_sales ? "aftersales" : "presales", day, routed_shop);
  const std::string account = routed_shop ? agent->routed_account
                              : (!agent->second_account.empty() && rng.Chance(0.3))
                                  ? agent->second_account
                                  : agent->main_account;

  Plan plan = Plan::kNormal;
  const double r = rng.Uniform();
  if (r < 0.004) {
    plan = Plan::kNoAgent;
  } else if (!routed_shop && !after_sales && r < 0.007) {
    plan = Plan::kUnmapped;
  } else if (!routed_shop && !after_sales && day.day <= 27 && r < 0.015) {
    plan = Plan::kLateReply;
  } else if (!routed_shop && !after_sales && r < 0.055) {
    plan = Plan::kTransfer;
  } else if (rng.Chance(0.01 + 0.06 * (1 - agent->skill))) {
    plan = Plan::kUnanswered;
  }

  Instant t = start;
  const int rounds = static_cast<int>(rng.Between(1, 5));
  const bool bot = !routed_shop && rng.Chance(0.3);
  switch (plan) {
    case Plan::kNoAgent: {
      // Nobody answers: charged to the routed account's agent, or else to the shop.
      const std::string routed = routed_shop ? agent->routed_account : std::string();
      s.messages.push_back({t, Sender::kCustomer, nullptr, routed, "在吗？"});
      s.messages.push_back(
          {t + rng.Between(30, 300), Sender::kCustomer, nullptr, routed, "有人吗"});
      break;
    }
    case Plan::kUnmapped: {
      // An account no agent owns (a temp worker): it serves for the shop.
      Converse(s, t, nullptr, kUnmappedAccount, rounds, true);
      c_.quality["unmapped_account"] = 1;
      break;
    }
    case Plan::kTransfer: {
      t = Converse(s, t, agent, account, rounds, true);
      DemoAgent* second = &PickAgent("presales", day, false);
      s.messages.push_back({t + 2, Sender::kSystem, nullptr, "", "系统：会话已转接"});
      Converse(s, t + rng.Between(10, 120), second, second->main_account, 2, true);
      break;
    }
    default:
      Converse(s, t, agent, account, rounds, true);
      break;
  }
  if (bot && !s.messages.empty()) {
    // The shop's auto-reply lands one second after the first line; it never counts.
    s.messages.insert(s.messages.begin() + 1,
                      {s.messages.front().at + 1, Sender::kBot, nullptr, "旗舰店:机器人",
                       "您好，欢迎光临！客服马上为您服务"});
  }
  if (plan == Plan::kUnanswered || plan == Plan::kLateReply) {
    // The customer asks once more and nobody answers within the session.
    Instant last = s.messages.back().at + rng.Between(20, 300);
    const std::string routed = routed_shop ? agent->routed_account : std::string();
    s.messages.push_back({last, Sender::kCustomer, nullptr, routed, "还在吗？"});
  }
  Emit(s);
  Account(s, true);
  const Instant end = s.messages.back().at;
  if (plan == Plan::kLateReply) {
    // The answer comes after the session gap: it opens a new session, opened by the agent.
    Session late{s.shop, s.customer, "", {}};
    Instant t2 = end + c_.ForShop(s.shop).session_gap_s + rng.Between(60, 20 * kMinute);
    late.messages.push_back({t2, Sender::kAgent, agent, account, "抱歉久等了，亲还在吗？"});
    late.messages.push_back({t2 + rng.Between(20, 90), Sender::kCustomer, nullptr, "", "在的"});
    late.messages.push_back({late.messages.back().at + rng.Between(5, 60), Sender::kAgent, agent,
                             account, "好的亲，有问题随时联系我"});
    Emit(late);
    Account(late, true);
  } else if (plan != Plan::kNoAgent && plan != Plan::kUnmapped) {
    FollowUpSession(s, agent, after_sales);
  }
  returning_.push_back({s.customer, s.shop, end + 6 * kDay});
  if (returning_.size() > 20000) returning_.pop_front();
  (void)returning;
}

void ChatGenerator::FollowUpSession(Session& s, DemoAgent* agent, bool after_sales) {
  if (after_sales) {
    if (c_.rng.Chance(0.35)) {
      after_sales_.OpenCase(*agent, s.shop, s.customer,
                            s.messages.back().at + c_.rng.Between(2 * kMinute, 30 * kMinute));
    }
  } else {
    MaybeOrder(s, agent);
  }
  MaybeRating(s);
}

// The agent credited with an order after this session: the last agent who sent a message.
void ChatGenerator::MaybeOrder(const Session& s, DemoAgent* agent) {
  DemoAgent* last = nullptr;
  for (const Message& m : s.messages) {
    if (m.sender == Sender::kAgent) last = m.agent;
  }
  if (!last) return;
  const double p = 0.2 + 0.45 * last->skill;
  if (!c_.rng.Chance(p)) return;
  Instant created = s.messages.back().at + c_.rng.Between(30, 3 * kHour);
  WriteOrder(s.shop, s.customer, created, last);
  (void)agent;
}

void ChatGenerator::WriteOrder(const std::string& shop, const std::string& customer,
                               Instant created, DemoAgent* credited) {
  Rng& rng = c_.rng;
  const int64_t amount = rng.Pick<int64_t>(kPrices) * rng.Between(1, 2);
  const std::string id = fmt::format("{}{:010}", shop == kMainShop ? "T" : "J", next_order_++);
  CsvOut& out = c_.files.orders;
  out.Text(id).Text(shop).Text(customer).Time(created, *c_.zone);
  const double r = rng.Uniform();
  const ShopSettings& shop_settings = c_.ForShop(shop);
  bool counts = false;
  bool refunded = false;
  std::string status;
  if (r < 0.07) {
    out.Empty();  // never paid
    status = rng.Chance(0.5) ? "unpaid" : "等待买家付款";
  } else if (r < 0.10) {
    out.Time(created + shop_settings.payment_window_s + rng.Between(kHour, 18 * kHour), *c_.zone);
    status = "paid";  // paid, but after the payment window
  } else {
    out.Time(created + rng.Between(5, 40 * kMinute), *c_.zone);
    counts = true;
    refunded = rng.Chance(0.06);
    status = refunded ? (rng.Chance(0.5) ? "refunded" : "退款成功") : "paid";
  }
  out.Money(amount).Text(status);
  if (credited && rng.Chance(0.3)) {
    out.Text(shop == kRoutedShop ? credited->routed_account : credited->main_account);
  } else {
    out.Empty();
  }
  out.End();
  if (credited && counts) {
    credited->planted.Add("orders");
    credited->planted.Add("sales_amount_cents", amount);
    if (!refunded) credited->planted.Add("net_sales_amount_cents", amount);
  }
  if (credited && status != "paid" && status != "refunded" && status != "退款成功") {
    // 催付: the agent reminds the buyer to pay, in a session the agent opens.
    Session reminder{shop,
                     customer,
                     shop == kRoutedShop ? fmt::format("CV{:08}", next_conversation_++) : "",
                     {}};
    Instant t = created + rng.Between(2 * kHour, 6 * kHour);
    const std::string account =
        shop == kRoutedShop ? credited->routed_account : credited->main_account;
    reminder.messages.push_back(
        {t, Sender::kAgent, credited, account, "亲，您的订单还没有付款哦，库存有限"});
    if (rng.Chance(0.5)) {
      reminder.messages.push_back({t + rng.Between(60, 900), Sender::kCustomer, nullptr,
                                   shop == kRoutedShop ? account : "", "好的，马上付"});
      reminder.messages.push_back({reminder.messages.back().at + Delay(credited), Sender::kAgent,
                                   credited, account, "感谢支持，祝您生活愉快"});
    }
    Emit(reminder);
    Account(reminder, true);
  }
}

void ChatGenerator::SilentOrder(Instant at) {
  // Mostly customers never seen in any chat; some who chatted days ago.
  if (!returning_.empty() && returning_.front().not_before <= at && c_.rng.Chance(0.3)) {
    // The customer may not chat again within days of this order either: an inquiry in the
    // attribution window before it would make it no longer silent.
    Returning r = returning_.front();
    returning_.pop_front();
    WriteOrder(r.shop, r.customer, at, nullptr);
    r.not_before = at + 6 * kDay;
    returning_.push_back(r);
    return;
  }
  WriteOrder(kMainShop, fmt::format("tb_silent{:06}", silent_customer_++), at, nullptr);
  c_.quality["order_of_unseen_customer"] += 1;
}

void ChatGenerator::MaybeRating(const Session& s) {
  Rng& rng = c_.rng;
  if (!rng.Chance(0.3)) return;
  const Message* last = nullptr;
  for (const Message& m : s.messages) {
    if (m.sender == Sender::kAgent) last = &m;
  }
  if (!last || !last->agent) return;
  DemoAgent& agent = *last->agent;
  const Instant at = s.messages.back().at + rng.Between(60, 15 * kMinute);
  const bool void_rating = rng.Chance(0.03);
  const double skill = agent.skill;
  const std::array<double, 5> weights = {0.03 + 0.1 * (1 - skill), 0.03 + 0.08 * (1 - skill), 0.1,
                                         0.3, 0.2 + 0.6 * skill};
  int score = void_rating ? 1 : static_cast<int>(rng.Weighted(weights)) + 1;
  CsvOut& out = c_.files.ratings;
  out.Time(at, *c_.zone);
  static constexpr std::array<const char*, 5> kWords = {"非常不满意", "不满意", "一般", "满意",
                                                        "非常满意"};
  if (rng.Chance(0.2)) {
    out.Text(kWords[static_cast<size_t>(score - 1)]);
  } else {
    out.Int(score);
  }
  if (s.conversation_id.empty()) {
    out.Text(last->account).Empty();
  } else {
    out.Empty().Text(s.conversation_id);
  }
  out.Text(s.customer).Text(s.shop).Text(void_rating ? "恶意差评，已申诉成功" : "");
  out.Text(void_rating ? "yes" : "no").End();
  if (!void_rating && c_.InMonth(at)) {
    agent.planted.Add("ratings");
    if (score >= 4) agent.planted.Add("ratings_satisfied");
  }
}

void ChatGenerator::Emit(const Session& s) {
  CsvOut& out = c_.files.messages;
  for (const Message& m : s.messages) {
    static constexpr std::array<const char*, 4> kSender = {"customer", "agent", "bot", "system"};
    out.Text(s.shop).Text(s.customer).Text(kSender[static_cast<size_t>(m.sender)]);
    out.Time(m.at, *c_.zone).Text(m.account).Text(s.conversation_id).Empty().Text(m.content).End();
  }
  messages_ += static_cast<int64_t>(s.messages.size());
  ++sessions_;
}

// What this session adds to each agent's chat counts, by the wait rules of metrics.md.
// Sessions are built so that no rule across sessions applies (gaps stay inside the session
// gap, customers' sessions are days apart), so one session's rules are the whole story.
void ChatGenerator::Account(const Session& s, bool period_counts) {
  if (!period_counts || !c_.InMonth(s.messages.front().at)) return;
  std::set<DemoAgent*> served;
  std::map<DemoAgent*, int64_t> sent;
  int64_t customer_lines = 0;
  bool wait_open = false;
  bool first_wait_settled = false;
  DemoAgent* last_agent = nullptr;
  bool last_agent_known = false;  // false until any agent (or the shop's account) speaks
  DemoAgent* charge_to = nullptr;
  bool charge_known = false;
  std::string routed;
  bool customer_opened = false;
  bool first = true;
  for (const Message& m : s.messages) {
    if (m.sender == Sender::kBot || m.sender == Sender::kSystem) continue;
    if (first) customer_opened = m.sender == Sender::kCustomer;
    first = false;
    if (m.sender == Sender::kCustomer) {
      ++customer_lines;
      if (!wait_open) {
        wait_open = true;
        charge_to = last_agent;
        charge_known = last_agent_known;
        routed = m.account;
      }
      continue;
    }
    if (m.agent) {
      served.insert(m.agent);
      ++sent[m.agent];
    }
    if (wait_open) {
      if (m.agent) {
        m.agent->planted.Add("responses");
        if (!first_wait_settled) {
          m.agent->planted.Add("frt_count");
          m.agent->planted.Add("first_waits");
        }
      }
      first_wait_settled = true;
      wait_open = false;
    }
    last_agent = m.agent;
    last_agent_known = true;
  }
  if (wait_open) {
    DemoAgent* charged = nullptr;
    if (charge_known) {
      charged = charge_to;  // null: the shop's unmapped account spoke last
    } else if (!routed.empty()) {
      for (DemoAgent& a : c_.team) {
        if (a.routed_account == routed) charged = &a;
      }
    }
    if (charged) {
      charged->planted.Add("unanswered_waits");
      if (!first_wait_settled) charged->planted.Add("first_waits");
    }
  }
  for (DemoAgent* a : served) {
    a->planted.Add("sessions");
    a->planted.Add("agent_messages", sent[a]);
    a->planted.Add("customer_messages", customer_lines);
    if (customer_opened) a->planted.Add("inquiries");
  }
}

}  // namespace csperf::demo
