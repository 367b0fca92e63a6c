#include "export/card_text.h"

#include <fmt/format.h>

namespace csperf::exporting {
namespace {

constexpr char kSeparator[] = "；";  // the Chinese semicolon between items of one cell

void Append(std::string* out, const std::string& item) {
  if (item.empty()) return;
  if (!out->empty()) *out += kSeparator;
  *out += item;
}

}  // namespace

const scoring::Template* TemplateOf(const scoring::Scorecard& card,
                                    const std::vector<scoring::Template>& templates) {
  for (const scoring::Template& t : templates) {
    if (t.id == card.template_id) return &t;
  }
  return nullptr;
}

std::string TemplateLabel(const scoring::Scorecard& card,
                          const std::vector<scoring::Template>& templates) {
  const scoring::Template* t = TemplateOf(card, templates);
  return t != nullptr && !t->name_zh.empty() ? t->name_zh : card.template_id;
}

std::string VetoText(const scoring::Scorecard& card) {
  std::string out;
  for (const scoring::VetoHit& v : card.vetoes) {
    const std::string& reason = v.reason_zh.empty() ? v.reason_en : v.reason_zh;
    Append(&out,
           reason.empty() ? v.condition_text : fmt::format("{} ({})", reason, v.condition_text));
  }
  return out;
}

std::string DistributionText(const scoring::Scorecard& card) {
  if (!card.moved_by_distribution) return YesNo(false);
  return fmt::format("{} {}→{}", YesNo(true), card.grade_before_distribution, card.grade);
}

std::string NoteText(const scoring::Scorecard& card) {
  std::string out;
  if (card.probation) Append(&out, "试用期 probation");
  if (card.unscored()) Append(&out, "未评分，请人工评定 unscored: decide by hand");
  if (card.total_zeroed_by_veto) Append(&out, "一票否决，总分为0 vetoed: total 0");
  if (card.grade_forced_by_veto) Append(&out, "一票否决限定等级 vetoed: grade forced");
  if (card.distribution_exempt) Append(&out, "分组人数不足，未强制分布 group too small");
  return out;
}

std::vector<Column> AgentColumns() {
  return {
      {"agent_id", "工号", "Agent ID", NumberFormat::kText},
      {"name", "姓名", "Name", NumberFormat::kText},
      {"team", "团队", "Team", NumberFormat::kText},
      {"template", "考核模板", "Template", NumberFormat::kText},
  };
}

std::vector<Cell> AgentCells(const scoring::Scorecard& card,
                             const std::vector<scoring::Template>& templates) {
  return {Cell::Text(card.agent_id), Cell::Text(card.name), Cell::Text(card.team_id),
          Cell::Text(TemplateLabel(card, templates))};
}

}  // namespace csperf::exporting
