#include "domain/qa_form.h"

#include <fmt/format.h>

#include <set>

#include "core/toml_file.h"

namespace csperf {
namespace {

class FormReader {
 public:
  explicit FormReader(std::string file) : file_(std::move(file)) {}

  Result<QaForm> Read(const toml::table& root) {
    QaForm form;
    for (const auto& [key, node] : root) {
      std::string k(key.str());
      if (k == "id" || k == "name_zh" || k == "name_en" || k == "dimension") {
        auto s = node.value<std::string>();
        if (!s || s->empty()) return Fail(node, k, "expected text");
        (k == "id"        ? form.id
         : k == "name_zh" ? form.name_zh
         : k == "name_en" ? form.name_en
                          : form.dimension) = *s;
      } else if (k == "sections") {
        const toml::array* sections = node.as_array();
        if (!sections || sections->empty()) return Fail(node, k, "expected [[sections]]");
        for (size_t i = 0; i < sections->size(); ++i) {
          auto section = ReadSection((*sections)[i], fmt::format("sections[{}]", i));
          if (!section.ok()) return section.problem();
          form.sections.push_back(std::move(*section));
        }
      } else {
        return Fail(node, k, "unknown key (allowed: id, name_zh, name_en, dimension, sections)");
      }
    }
    if (form.id.empty()) return MakeProblem("the form needs an id", {}, Place{file_, 1, 0, "id"});
    if (form.dimension.empty()) {
      return MakeProblem("the form needs the dimension it feeds, e.g. communication", {},
                         Place{file_, 1, 0, "dimension"});
    }
    if (form.sections.empty()) {
      return MakeProblem("the form has no sections", {}, Place{file_, 1, 0, "sections"});
    }
    Micros total = 0;
    for (const QaSectionDef& s : form.sections) total += s.weight;
    if (total != 100 * kMicrosPerUnit) {
      return TomlProblem(file_, *root.get("sections"), "sections",
                         fmt::format("section weights total {}, not 100", FormatMicros(total)));
    }
    return form;
  }

 private:
  Problem Fail(const toml::node& node, const std::string& path, std::string reason) const {
    return TomlProblem(file_, node, path, std::move(reason));
  }

  Result<Micros> Number(const toml::node& node, const std::string& path) {
    std::optional<Micros> v = TomlExactDecimal(node);
    if (!v || *v <= 0) return Fail(node, path, "expected a number above 0 (at most 6 decimals)");
    return *v;
  }

  Result<QaSectionDef> ReadSection(const toml::node& node, const std::string& path) {
    const toml::table* t = node.as_table();
    if (!t) return Fail(node, path, "expected a section table");
    QaSectionDef section;
    for (const auto& [key, value] : *t) {
      std::string k(key.str());
      std::string p = path + "." + k;
      if (k == "id" || k == "name_zh" || k == "name_en") {
        auto s = value.value<std::string>();
        if (!s) return Fail(value, p, "expected text");
        (k == "id" ? section.id : k == "name_zh" ? section.name_zh : section.name_en) = *s;
      } else if (k == "weight") {
        auto w = Number(value, p);
        if (!w.ok()) return w.problem();
        section.weight = *w;
      } else if (k == "items") {
        const toml::array* items = value.as_array();
        if (!items || items->empty()) return Fail(value, p, "expected [[sections.items]]");
        for (size_t i = 0; i < items->size(); ++i) {
          auto item = ReadItem((*items)[i], fmt::format("{}[{}]", p, i));
          if (!item.ok()) return item.problem();
          section.items.push_back(std::move(*item));
        }
      } else {
        return Fail(value, p, "unknown key (allowed: id, name_zh, name_en, weight, items)");
      }
    }
    if (section.id.empty()) return Fail(node, path + ".id", "the section needs an id");
    if (section.weight == 0) return Fail(node, path + ".weight", "the section needs a weight");
    if (section.items.empty()) return Fail(node, path + ".items", "the section has no items");
    return section;
  }

  Result<QaItemDef> ReadItem(const toml::node& node, const std::string& path) {
    const toml::table* t = node.as_table();
    if (!t) return Fail(node, path, "expected an item table");
    QaItemDef item;
    for (const auto& [key, value] : *t) {
      std::string k(key.str());
      std::string p = path + "." + k;
      if (k == "id" || k == "name_zh" || k == "name_en") {
        auto s = value.value<std::string>();
        if (!s) return Fail(value, p, "expected text");
        (k == "id" ? item.id : k == "name_zh" ? item.name_zh : item.name_en) = *s;
      } else if (k == "max") {
        auto m = Number(value, p);
        if (!m.ok()) return m.problem();
        item.max_points = *m;
      } else if (k == "critical" || k == "bonus") {
        auto b = value.value<bool>();
        if (!b) return Fail(value, p, "expected true or false");
        (k == "critical" ? item.critical : item.bonus) = *b;
      } else {
        return Fail(value, p, "unknown key (allowed: id, name_zh, name_en, max, critical, bonus)");
      }
    }
    if (item.id.empty()) return Fail(node, path + ".id", "the item needs an id");
    if (item.max_points == 0) return Fail(node, path + ".max", "the item needs its maximum points");
    if (!ids_.insert(item.id).second) {
      return Fail(node, path + ".id", fmt::format("the item id '{}' is used twice", item.id));
    }
    if (item.critical && item.bonus) {
      return Fail(node, path, "an item cannot be both critical and a bonus item");
    }
    return item;
  }

  std::string file_;
  std::set<std::string> ids_;
};

}  // namespace

const QaItemDef* QaForm::FindItem(const std::string& item_id) const {
  for (const QaSectionDef& s : sections) {
    for (const QaItemDef& i : s.items) {
      if (i.id == item_id) return &i;
    }
  }
  return nullptr;
}

Result<QaForm> ParseQaForm(std::string_view text, const std::string& file_name) {
  auto root = ParseToml(text, file_name);
  if (!root.ok()) return root.problem();
  return FormReader(file_name).Read(*root);
}

Result<QaForm> LoadQaFormFile(const std::string& path) {
  auto text = ReadWholeFile(path);
  if (!text.ok()) return text.problem();
  return ParseQaForm(*text, path);
}

}  // namespace csperf
