// QA scorecards (质检评分表): one small TOML file per form. A review of a sampled chat is
// scored item by item (qa_items rows) against its form; docs/qa-forms.md has the format.
#pragma once

#include <string>
#include <vector>

#include "core/money.h"
#include "core/problem.h"

namespace csperf {

struct QaItemDef {
  std::string id;
  std::string name_zh;
  std::string name_en;
  Micros max_points = 0;
  bool critical = false;  // 致命项: below its maximum makes the whole review 0
  bool bonus = false;     // 加分项: counted on top of the section's score, capped at 100
};

struct QaSectionDef {
  std::string id;
  std::string name_zh;
  std::string name_en;
  Micros weight = 0;  // sections' weights total 100
  std::vector<QaItemDef> items;
};

struct QaForm {
  std::string id;
  std::string name_zh;
  std::string name_en;
  std::string dimension;  // the assessment dimension the review's score feeds as source qa
  std::vector<QaSectionDef> sections;

  const QaItemDef* FindItem(const std::string& item_id) const;
};

Result<QaForm> ParseQaForm(std::string_view text, const std::string& file_name);
Result<QaForm> LoadQaFormFile(const std::string& path);

}  // namespace csperf
