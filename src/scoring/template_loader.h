// Reading appraisal templates (考核模板) from their TOML files. Everything is checked on
// load, so the scoring engine only ever sees a consistent template; a problem names the file,
// the line and the key path (e.g. sections[1].indicators[3].weight). docs/templates.md has the
// format.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/problem.h"
#include "scoring/template.h"

namespace csperf::scoring {

Result<Template> ParseTemplate(std::string_view text, const std::string& file_name);
Result<Template> LoadTemplateFile(const std::string& path);
// Every file in order; the first that does not load is the problem.
Result<std::vector<Template>> LoadTemplateFiles(const std::vector<std::string>& paths);

// The canonical position (presales, aftersales, supervisor) for a word that names it, as the
// agents file accepts them (售前, 售后, 主管, pre-sales …); empty when it names none.
std::optional<std::string> CanonicalPosition(std::string_view word);

// "complaints_critical > 0" as written in a template (without checking the metric name).
struct VetoCondition {
  std::string metric;
  Comparison op = Comparison::kGreater;
  Micros value = 0;
};
// The condition, or the reason it cannot be read.
Result<VetoCondition> ParseVetoCondition(std::string_view text);

// ">", ">=", "<", "<=", "==", "!=".
const char* ComparisonText(Comparison op);

}  // namespace csperf::scoring
