#include "domain/kinds.h"

#include <vector>

namespace csperf {
namespace {

using FT = FieldType;

std::vector<KindSpec> BuildSpecs() {
  std::vector<KindSpec> specs;
  specs.push_back({Kind::kAgents,
                   "agents",
                   {
                       {"agent_id", FT::kText, true},
                       {"name", FT::kText, true},
                       {"team", FT::kText},
                       {"role",
                        FT::kEnum,
                        false,
                        {{"agent", {"客服"}}, {"manager", {"主管", "经理"}}, {"admin", {"管理员"}}},
                        "agent"},
                       {"position",
                        FT::kEnum,
                        false,
                        {{"presales", {"售前", "pre-sales", "pre_sales"}},
                         {"aftersales", {"售后", "after-sales", "after_sales"}},
                         {"supervisor", {"主管"}}}},
                       {"manager_id", FT::kText},
                       {"accounts", FT::kList},
                       {"hire_date", FT::kDate},
                       {"leave_date", FT::kDate},
                       {"probation", FT::kYesNo, false, {}, "no"},
                       {"base_bonus", FT::kMoney},
                   },
                   KeyRule::kById,
                   {"agent_id"}});
  specs.push_back({Kind::kMessages,
                   "messages",
                   {
                       {"shop", FT::kText, true},
                       {"customer_id", FT::kText, true},
                       {"sender",
                        FT::kEnum,
                        true,
                        {{"customer", {"买家", "顾客", "客户", "buyer"}},
                         {"agent", {"客服", "卖家", "seller"}},
                         {"bot", {"机器人", "自动回复", "auto"}},
                         {"system", {"系统", "系统消息"}}}},
                       {"sent_at", FT::kInstant, true},
                       {"account", FT::kText},
                       {"conversation_id", FT::kText},
                       {"message_id", FT::kText},
                       {"content", FT::kText},
                   },
                   KeyRule::kMessage,
                   {"shop", "message_id"}});
  specs.push_back({Kind::kOrders,
                   "orders",
                   {
                       {"order_id", FT::kText, true},
                       {"shop", FT::kText, true},
                       {"customer_id", FT::kText, true},
                       {"created_at", FT::kInstant, true},
                       {"paid_at", FT::kInstant},
                       {"amount", FT::kMoney, true},
                       {"status",
                        FT::kEnum,
                        false,
                        {{"paid", {"已付款", "交易成功", "已支付"}},
                         {"refunded", {"退款成功", "已退款"}},
                         {"closed", {"交易关闭", "已关闭"}},
                         {"unpaid", {"等待买家付款", "未付款"}}},
                        {},
                        true},
                       {"account", FT::kText},
                   },
                   KeyRule::kById,
                   {"shop", "order_id"}});
  specs.push_back({Kind::kRatings,
                   "ratings",
                   {
                       {"rated_at", FT::kInstant, true},
                       {"score", FT::kRatingScore, true},
                       {"account", FT::kText},
                       {"conversation_id", FT::kText},
                       {"customer_id", FT::kText},
                       {"shop", FT::kText},
                       {"comment", FT::kText},
                       {"void", FT::kYesNo, false, {}, "no"},
                   },
                   KeyRule::kCounted,
                   {}});
  specs.push_back({Kind::kCases,
                   "cases",
                   {
                       {"case_id", FT::kText, true},
                       {"type",
                        FT::kEnum,
                        true,
                        {{"return", {"退货退款", "退货"}},
                         {"exchange", {"换货"}},
                         {"refund_only", {"仅退款", "refund"}},
                         {"repair", {"维修", "补发", "维修/补发"}}}},
                       {"account", FT::kText, true},
                       {"opened_at", FT::kInstant, true},
                       {"closed_at", FT::kInstant},
                       {"status", FT::kText},
                       {"order_id", FT::kText},
                       {"shop", FT::kText},
                       {"customer_id", FT::kText},
                   },
                   KeyRule::kById,
                   {"case_id"}});
  specs.push_back({Kind::kCaseEvents,
                   "case_events",
                   {
                       {"case_id", FT::kText, true},
                       {"step", FT::kText, true},
                       {"at", FT::kInstant, true},
                       {"actor", FT::kText},
                   },
                   KeyRule::kCounted,
                   {}});
  specs.push_back({Kind::kFollowups,
                   "followups",
                   {
                       {"followup_id", FT::kText, true},
                       {"agent_id", FT::kText, true},
                       {"customer_id", FT::kText, true},
                       {"due_at", FT::kDueInstant, true},
                       {"done_at", FT::kInstant},
                       {"quality", FT::kInteger},
                       {"channel", FT::kText},
                       // The day whose period the follow-up belongs to: the date written, when
                       // due_at is a date alone (due_at is then the next midnight).
                       {"due_date", FT::kDate, false, {}, {}, false, true},
                   },
                   KeyRule::kById,
                   {"followup_id"}});
  specs.push_back({Kind::kAssessments,
                   "assessments",
                   {
                       {"agent_id", FT::kText, true},
                       {"date", FT::kDate, true},
                       {"dimension", FT::kText, true},
                       {"source",
                        FT::kEnum,
                        true,
                        {{"test", {"考试", "测试"}},
                         {"qa", {"质检"}},
                         {"manager", {"主管", "上级"}},
                         {"peer", {"同事", "互评"}},
                         {"self", {"自评"}}}},
                       {"score", FT::kDecimal, true},
                       {"max_score", FT::kDecimal, false, {}, "100"},
                       {"rater_id", FT::kText},
                       {"note", FT::kText},
                       {"void", FT::kYesNo, false, {}, "no"},
                   },
                   KeyRule::kCounted,
                   {}});
  specs.push_back({Kind::kQaItems,
                   "qa_items",
                   {
                       {"review_id", FT::kText, true},
                       {"agent_id", FT::kText, true},
                       {"date", FT::kDate, true},
                       {"form", FT::kText, true},
                       {"item", FT::kText, true},
                       {"result", FT::kQaResult, true},
                       {"reviewer_id", FT::kText},
                       {"session_ref", FT::kText},
                       {"note", FT::kText},
                   },
                   KeyRule::kById,
                   {"review_id", "item"}});
  specs.push_back(
      {Kind::kIncidents,
       "incidents",
       {
           {"incident_id", FT::kText, true},
           {"agent_id", FT::kText, true},
           {"occurred_at", FT::kInstant, true},
           {"kind",
            FT::kEnum,
            true,
            {{"error", {"差错", "错误"}},
             {"complaint", {"投诉"}},
             {"bad_review", {"差评"}},
             {"praise", {"表扬"}},
             {"suggestion_adopted", {"建议采纳", "建议"}},
             {"training_completed", {"培训完成", "培训"}}}},
           {"severity",
            FT::kEnum,
            false,
            {{"minor", {"轻微", "一般"}}, {"major", {"严重"}}, {"critical", {"致命", "重大"}}},
            "minor"},
           {"loss_amount", FT::kMoney, false, {}, "0"},
           {"recovered", FT::kYesNo, false, {}, "no"},
           {"note", FT::kText},
           {"void", FT::kYesNo, false, {}, "no"},
       },
       KeyRule::kById,
       {"incident_id"}});
  specs.push_back({Kind::kAttendance,
                   "attendance",
                   {
                       {"agent_id", FT::kText, true},
                       {"date", FT::kDate, true},
                       {"scheduled_start", FT::kClockTime, true},
                       {"scheduled_end", FT::kClockTime, true},
                       {"clock_in", FT::kClockTime},
                       {"clock_out", FT::kClockTime},
                       {"status",
                        FT::kEnum,
                        false,
                        {{"present", {"出勤", "正常"}},
                         {"leave", {"请假", "休假"}},
                         {"absent", {"旷工", "缺勤"}}},
                        "present"},
                   },
                   KeyRule::kById,
                   {"agent_id", "date", "scheduled_start"}});
  specs.push_back(
      {Kind::kWorkRecords,
       "work_records",
       {
           {"manager_id", FT::kText, true},
           {"agent_id", FT::kText, true},
           {"date", FT::kDate, true},
           {"kind",
            FT::kEnum,
            true,
            {{"observation", {"观察"}}, {"coaching", {"辅导"}}, {"feedback", {"反馈"}}}},
           {"text", FT::kText},
       },
       KeyRule::kCounted,
       {}});
  return specs;
}

const std::vector<KindSpec>& Specs() {
  static const std::vector<KindSpec> specs = BuildSpecs();
  return specs;
}

}  // namespace

const KindSpec& SpecOf(Kind kind) { return Specs()[static_cast<size_t>(kind)]; }

std::span<const KindSpec> AllKinds() { return Specs(); }

std::optional<Kind> KindFromName(std::string_view name) {
  for (const KindSpec& spec : Specs()) {
    if (spec.name == name) return spec.kind;
  }
  return std::nullopt;
}

std::string CanonicalHeader(const KindSpec& spec) {
  std::string header;
  for (const ColumnSpec& c : spec.columns) {
    if (c.derived) continue;
    if (!header.empty()) header += ',';
    header += c.name;
  }
  return header;
}

int ColumnIndex(const KindSpec& spec, std::string_view column) {
  for (size_t i = 0; i < spec.columns.size(); ++i) {
    if (spec.columns[i].name == column) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace csperf
