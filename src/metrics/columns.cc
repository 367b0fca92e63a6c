#include "metrics/columns.h"

#include <stdexcept>
#include <unordered_map>

namespace csperf::metrics {
namespace {

using A = Aggregate;
using F = Family;
using U = Unit;

// The order is the report's: each family appends its columns in this order (a test checks
// that an empty report's columns are these).
constexpr ColumnInfo kColumns[] = {
    {"sessions", F::kChat, Format::kCount, U::kCount, A::kSum, "", "会话数", "Sessions",
     "sessions the agent served (sent at least one message in)"},
    {"agent_messages", F::kChat, Format::kCount, U::kCount, A::kSum, "", "客服消息数",
     "Agent messages", "messages the agent sent in those sessions"},
    {"customer_messages", F::kChat, Format::kCount, U::kCount, A::kSum, "", "顾客消息数",
     "Customer messages",
     "every customer message of those sessions (a shared session counts whole for each agent)"},
    {"frt_count", F::kChat, Format::kCount, U::kCount, A::kSum, "", "首次响应次数",
     "First responses", "first responses (FRTs) credited to the agent"},
    {"frt_avg_s", F::kChat, Format::kAverage, U::kSeconds, A::kRatio, "frt_count",
     "平均首次响应时间", "Average first response",
     "mean of the FRTs credited to the agent, in seconds"},
    {"frt_median_s", F::kChat, Format::kSeconds, U::kSeconds, A::kMedian, "frt_count",
     "首次响应时间中位数", "Median first response", "lower median of those FRTs"},
    {"frt_p90_s", F::kChat, Format::kSeconds, U::kSeconds, A::kP90, "frt_count", "首次响应时间 P90",
     "First response P90", "nearest-rank 90th percentile of those FRTs"},
    {"responses", F::kChat, Format::kCount, U::kCount, A::kSum, "", "响应次数", "Responses",
     "response times (waits closed) credited to the agent"},
    {"art_avg_s", F::kChat, Format::kAverage, U::kSeconds, A::kRatio, "responses", "平均响应时间",
     "Average response time", "mean of every response time credited to the agent"},
    {"art_median_s", F::kChat, Format::kSeconds, U::kSeconds, A::kMedian, "responses",
     "响应时间中位数", "Median response time", "lower median of those response times"},
    {"art_p90_s", F::kChat, Format::kSeconds, U::kSeconds, A::kP90, "responses", "响应时间 P90",
     "Response time P90", "nearest-rank 90th percentile of those response times"},
    {"responses_within_s", F::kChat, Format::kCount, U::kCount, A::kSum, "", "及时响应次数",
     "Fast responses", "response times within fast_response (default 180 s)"},
    {"response_within_rate", F::kChat, Format::kRate, U::kShare, A::kRatio, "responses",
     "及时响应率", "Fast response rate", "responses_within_s / responses"},
    {"unanswered_waits", F::kChat, Format::kCount, U::kCount, A::kSum, "", "未回复数",
     "Unanswered waits", "waits still open when their session ended, charged to the agent"},
    {"first_waits", F::kChat, Format::kCount, U::kCount, A::kSum, "", "首次等待数", "First waits",
     "sessions whose first wait the agent closed or was charged with"},
    {"frt_within_s", F::kChat, Format::kCount, U::kCount, A::kSum, "", "首次及时响应数",
     "Fast first responses", "of those, the first waits the agent closed within fast_response"},
    {"frt_within_rate", F::kChat, Format::kRate, U::kShare, A::kRatio, "first_waits",
     "3分钟人工响应率", "Fast first response rate",
     "frt_within_s / first_waits (unanswered chats count against it)"},
    {"reply_rate", F::kChat, Format::kRate, U::kShare, A::kRatio, "responses + unanswered_waits",
     "回复率", "Reply rate", "responses / (responses + unanswered_waits)"},
    {"inquiries", F::kChat, Format::kCount, U::kCount, A::kSum, "", "询单数", "Inquiries",
     "sessions the agent served that the customer opened"},
    {"answer_ratio", F::kChat, Format::kRate, U::kRatio, A::kRatio, "customer_messages", "答问比",
     "Answer ratio", "agent_messages / customer_messages"},
    {"messages_per_session", F::kChat, Format::kAverage, U::kRatio, A::kRatio, "sessions",
     "平均会话消息数", "Messages per session", "(agent_messages + customer_messages) / sessions"},
    {"inquirers", F::kConversion, Format::kCount, U::kCount, A::kSum, "", "询单人数", "Inquirers",
     "distinct customers of the inquiries the agent served"},
    {"buyers", F::kConversion, Format::kCount, U::kCount, A::kSum, "", "最终付款人数", "Buyers",
     "distinct customers with an order credited to the agent"},
    {"inquiry_conversion", F::kConversion, Format::kRate, U::kShare, A::kRatio, "inquirers",
     "询单转化率", "Inquiry conversion", "buyers / inquirers"},
    {"orders", F::kConversion, Format::kCount, U::kCount, A::kSum, "", "订单数", "Orders",
     "paid orders credited to the agent through an inquiry"},
    {"sales_amount", F::kConversion, Format::kMoney, U::kMoney, A::kSum, "", "客服销售额", "Sales",
     "sum of the amounts of those orders"},
    {"net_sales_amount", F::kConversion, Format::kMoney, U::kMoney, A::kSum, "", "净销售额",
     "Net sales", "the same less orders refunded in full"},
    {"aov", F::kConversion, Format::kMoney, U::kMoney, A::kRatio, "buyers", "客单价",
     "Average order value", "sales_amount / buyers"},
    {"ratings", F::kSatisfaction, Format::kCount, U::kCount, A::kSum, "", "评价数", "Ratings",
     "valid ratings credited to the agent"},
    {"satisfied", F::kSatisfaction, Format::kCount, U::kCount, A::kSum, "", "满意数", "Satisfied",
     "ratings of 4 or 5"},
    {"dissatisfied", F::kSatisfaction, Format::kCount, U::kCount, A::kSum, "", "不满意数",
     "Dissatisfied", "ratings of 1 or 2"},
    {"satisfaction_rate", F::kSatisfaction, Format::kRate, U::kShare, A::kRatio, "ratings",
     "满意度", "Satisfaction rate", "satisfied / ratings"},
    {"rating_avg", F::kSatisfaction, Format::kAverage, U::kScore, A::kRatio, "ratings", "平均评分",
     "Average rating", "mean score of the ratings (1–5)"},
    {"rating_invite_rate", F::kSatisfaction, Format::kRate, U::kShare, A::kRatio, "inquiries",
     "邀评率", "Rating invite rate", "ratings / inquiries"},
    {"cases_closed", F::kAfterSales, Format::kCount, U::kCount, A::kSum, "", "结案数",
     "Cases closed", "after-sales cases the agent closed in the period"},
    {"handling_avg_h", F::kAfterSales, Format::kHours, U::kHours, A::kRatio, "cases_closed",
     "平均处理时长", "Average handling time",
     "mean of closed_at − opened_at of those cases, in hours"},
    {"handling_median_h", F::kAfterSales, Format::kHours, U::kHours, A::kMedian, "cases_closed",
     "处理时长中位数", "Median handling time", "lower median of those handling times"},
    {"sla_met_rate", F::kAfterSales, Format::kRate, U::kShare, A::kRatio, "cases_closed",
     "时效达标率", "SLA met rate", "share of those cases closed within their type's SLA"},
    {"sop_compliance_rate", F::kAfterSales, Format::kRate, U::kShare, A::kRatio, "cases_closed",
     "流程合规率", "SOP compliance rate",
     "share of those cases whose event log holds their type's SOP steps"},
    {"step_sla_met_rate", F::kAfterSales, Format::kRate, U::kShare, A::kRatio, "cases_closed",
     "环节时效达标率", "Step SLA met rate",
     "share of those cases meeting every step limit of their type (empty if none set)"},
    {"reopened", F::kAfterSales, Format::kCount, U::kCount, A::kSum, "", "重开数", "Reopened",
     "closed cases with an event after closed_at"},
    {"open_overdue", F::kAfterSales, Format::kCount, U::kCount, A::kSum, "", "超时未结数",
     "Open overdue", "cases open at the period's end and older than their SLA"},
    {"followups_planned", F::kFollowups, Format::kCount, U::kCount, A::kSum, "", "计划回访数",
     "Follow-ups planned", "follow-ups due in the period"},
    {"followups_done_on_time", F::kFollowups, Format::kCount, U::kCount, A::kSum, "", "按时回访数",
     "Follow-ups on time", "of those, done by due_at + followup_grace"},
    {"followup_rate", F::kFollowups, Format::kRate, U::kShare, A::kRatio, "followups_planned",
     "回访及时率", "Follow-up rate", "followups_done_on_time / followups_planned"},
    {"followup_quality_avg", F::kFollowups, Format::kAverage, U::kScore, A::kRatio,
     "rated done follow-ups", "回访质量", "Follow-up quality",
     "mean quality (1–5) of the done follow-ups that have one"},
    {"product_knowledge", F::kDimensions, Format::kDimension, U::kPoints, A::kDimension,
     "assessments used", "产品知识", "Product knowledge",
     "weighted mean over sources of each source's mean of 100 × score / max_score"},
    {"communication", F::kDimensions, Format::kDimension, U::kPoints, A::kDimension,
     "assessments used", "沟通", "Communication", "the same for communication"},
    {"teamwork", F::kDimensions, Format::kDimension, U::kPoints, A::kDimension, "assessments used",
     "协作", "Teamwork", "the same for teamwork"},
    {"error_handling", F::kDimensions, Format::kDimension, U::kPoints, A::kDimension,
     "assessments used", "错误处理", "Error handling", "the same for error handling"},
    {"innovation_learning", F::kDimensions, Format::kDimension, U::kPoints, A::kDimension,
     "assessments used", "创新学习", "Innovation and learning",
     "the same for innovation and learning"},
    {"errors", F::kIncidents, Format::kCount, U::kCount, A::kSum, "", "错误数", "Errors",
     "valid error incidents in the period"},
    {"complaints", F::kIncidents, Format::kCount, U::kCount, A::kSum, "", "投诉数", "Complaints",
     "valid complaints"},
    {"bad_reviews", F::kIncidents, Format::kCount, U::kCount, A::kSum, "", "差评数", "Bad reviews",
     "valid bad reviews"},
    {"praises", F::kIncidents, Format::kCount, U::kCount, A::kSum, "", "表扬数", "Praises",
     "praises"},
    {"suggestions_adopted", F::kIncidents, Format::kCount, U::kCount, A::kSum, "", "建议采纳数",
     "Suggestions adopted", "suggestions adopted"},
    {"trainings_completed", F::kIncidents, Format::kCount, U::kCount, A::kSum, "", "完成培训数",
     "Trainings completed", "trainings completed"},
    {"errors_critical", F::kIncidents, Format::kCount, U::kCount, A::kSum, "", "严重错误数",
     "Critical errors", "errors of severity critical"},
    {"complaints_critical", F::kIncidents, Format::kCount, U::kCount, A::kSum, "", "严重投诉数",
     "Critical complaints", "complaints of severity critical"},
    {"loss_amount", F::kIncidents, Format::kMoney, U::kMoney, A::kSum, "", "损失金额", "Loss",
     "loss_amount summed over errors and complaints"},
    {"error_recovery_rate", F::kIncidents, Format::kRate, U::kShare, A::kRatio, "errors",
     "错误挽回率", "Error recovery rate", "recovered errors / errors"},
    {"shifts", F::kAttendance, Format::kCount, U::kCount, A::kSum, "", "排班数", "Shifts",
     "shifts scheduled in the period"},
    {"late", F::kAttendance, Format::kCount, U::kCount, A::kSum, "", "迟到", "Late",
     "present shifts clocked in after scheduled_start + late_grace"},
    {"early_leave", F::kAttendance, Format::kCount, U::kCount, A::kSum, "", "早退", "Early leave",
     "present shifts clocked out before scheduled_end"},
    {"absent", F::kAttendance, Format::kCount, U::kCount, A::kSum, "", "旷工", "Absent",
     "shifts with status absent"},
    {"leave_days", F::kAttendance, Format::kCount, U::kCount, A::kSum, "", "请假", "Leave",
     "shifts on leave"},
    {"attendance_rate", F::kAttendance, Format::kRate, U::kShare, A::kRatio, "shifts − leave_days",
     "出勤率", "Attendance rate", "present shifts / (shifts − leave_days)"},
    {"days_employed", F::kAttendance, Format::kCount, U::kDays, A::kSum, "", "在职天数",
     "Days employed", "days of the period from hire_date to leave_date, both included"},
    {"records", F::kSupervisors, Format::kCount, U::kCount, A::kSum, "", "主管记录数", "Records",
     "the manager's records about direct reports"},
    {"coaching_records", F::kSupervisors, Format::kCount, U::kCount, A::kSum, "", "辅导记录数",
     "Coaching records", "of those, coaching records"},
    {"coaching_coverage", F::kSupervisors, Format::kRate, U::kShare, A::kRatio, "direct reports",
     "辅导覆盖率", "Coaching coverage",
     "direct reports with a coaching record by this manager / direct reports"},
};

const std::unordered_map<std::string_view, const ColumnInfo*>& ByName() {
  static const std::unordered_map<std::string_view, const ColumnInfo*> by_name = [] {
    std::unordered_map<std::string_view, const ColumnInfo*> map;
    for (const ColumnInfo& c : kColumns) {
      if (!map.emplace(c.name, &c).second) throw std::logic_error("two columns of one name");
    }
    return map;
  }();
  return by_name;
}

}  // namespace

std::span<const ColumnInfo> AllColumns() { return kColumns; }

const ColumnInfo* FindColumn(std::string_view name) {
  auto it = ByName().find(name);
  return it == ByName().end() ? nullptr : it->second;
}

ColumnInfo ColumnOf(std::string_view name) {
  if (const ColumnInfo* c = FindColumn(name)) return *c;
  // A dimension of the data: scored like the standard ones, labelled by its name.
  ColumnInfo c = *FindColumn("product_knowledge");
  c.name = name;
  c.label_zh = name;
  c.label_en = name;
  c.meaning = "a dimension found in the data: the same rule as the standard dimensions";
  return c;
}

std::vector<std::string> ReportColumns(const std::vector<std::string>& dimensions) {
  std::vector<std::string> names;
  bool dimensions_placed = false;
  for (const ColumnInfo& c : kColumns) {
    if (c.family != Family::kDimensions) {
      names.emplace_back(c.name);
    } else if (!dimensions_placed) {
      names.insert(names.end(), dimensions.begin(), dimensions.end());
      dimensions_placed = true;
    }
  }
  return names;
}

const std::vector<std::string>& StandardColumns() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> n;
    for (const ColumnInfo& c : kColumns) n.emplace_back(c.name);
    return n;
  }();
  return names;
}

Format FormatOfColumn(std::string_view name) {
  const ColumnInfo* c = FindColumn(name);
  return c == nullptr ? Format::kDimension : c->format;
}

const char* FamilyName(Family family) {
  switch (family) {
    case Family::kChat:
      return "chat";
    case Family::kConversion:
      return "conversion";
    case Family::kSatisfaction:
      return "satisfaction";
    case Family::kAfterSales:
      return "after-sales";
    case Family::kFollowups:
      return "follow-ups";
    case Family::kDimensions:
      return "dimensions";
    case Family::kIncidents:
      return "incidents";
    case Family::kAttendance:
      return "attendance";
    case Family::kSupervisors:
      return "supervisors";
  }
  return "";
}

const char* UnitName(Unit unit) {
  switch (unit) {
    case Unit::kCount:
      return "count";
    case Unit::kSeconds:
      return "seconds";
    case Unit::kHours:
      return "hours";
    case Unit::kShare:
      return "share";
    case Unit::kRatio:
      return "ratio";
    case Unit::kMoney:
      return "yuan";
    case Unit::kScore:
      return "score 1–5";
    case Unit::kPoints:
      return "points";
    case Unit::kDays:
      return "days";
  }
  return "";
}

}  // namespace csperf::metrics
