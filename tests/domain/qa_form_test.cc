#include "domain/qa_form.h"

#include <gtest/gtest.h>

#include "support/test_util.h"

namespace csperf {
namespace {

TEST(QaForm, LoadsTheSampleForm) {
  auto form = LoadQaFormFile(csperf::testing::SourceDir() + "/samples/basic/qa_forms/chat_qa.toml");
  ASSERT_TRUE(form.ok()) << form.problem().ToString();
  EXPECT_EQ(form->id, "chat_qa_v1");
  EXPECT_EQ(form->dimension, "communication");
  ASSERT_EQ(form->sections.size(), 2u);
  EXPECT_EQ(form->sections[0].weight, 40 * kMicrosPerUnit);
  const QaItemDef* item = form->FindItem("no_forbidden_words");
  ASSERT_NE(item, nullptr);
  EXPECT_TRUE(item->critical);
  EXPECT_TRUE(form->FindItem("upsell")->bonus);
  EXPECT_EQ(form->FindItem("accuracy")->max_points, 20 * kMicrosPerUnit);
  EXPECT_EQ(form->FindItem("nope"), nullptr);
}

constexpr char kHead[] = "id = \"f\"\ndimension = \"communication\"\n";

TEST(QaForm, RefusesSectionWeightsNotTotalling100) {
  auto f = ParseQaForm(
      std::string(kHead) +
          "[[sections]]\nid = \"a\"\nweight = 50\n[[sections.items]]\nid = \"i\"\nmax = 5\n",
      "f.toml");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.problem().place.field, "sections");
  EXPECT_NE(f.problem().reason.find("50"), std::string::npos);
}

TEST(QaForm, RefusesDuplicateItemsAndBadItemsWithTheirPath) {
  auto dup = ParseQaForm(std::string(kHead) +
                             "[[sections]]\nid = \"a\"\nweight = 100\n"
                             "[[sections.items]]\nid = \"i\"\nmax = 5\n"
                             "[[sections.items]]\nid = \"i\"\nmax = 5\n",
                         "f.toml");
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.problem().place.field, "sections[0].items[1].id");
  auto both =
      ParseQaForm(std::string(kHead) +
                      "[[sections]]\nid = \"a\"\nweight = 100\n"
                      "[[sections.items]]\nid = \"i\"\nmax = 5\ncritical = true\nbonus = true\n",
                  "f.toml");
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.problem().place.field, "sections[0].items[0]");
  auto no_max =
      ParseQaForm(std::string(kHead) +
                      "[[sections]]\nid = \"a\"\nweight = 100\n[[sections.items]]\nid = \"i\"\n",
                  "f.toml");
  ASSERT_FALSE(no_max.ok());
  EXPECT_EQ(no_max.problem().place.field, "sections[0].items[0].max");
  auto no_dim = ParseQaForm("id = \"f\"\n", "f.toml");
  ASSERT_FALSE(no_dim.ok());
  EXPECT_EQ(no_dim.problem().place.field, "dimension");
}

}  // namespace
}  // namespace csperf
