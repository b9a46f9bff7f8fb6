// Discriminatory wording in vacancies: age, sex and nationality terms in Italian and English
// become warnings with their place in the text; neutral texts give none.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/enterprise/domain/vacancy.h"

namespace sisl::enterprise {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> Texts(const std::vector<WordingWarning>& ws) {
  std::vector<std::string> out;
  for (const WordingWarning& w : ws) out.push_back(w.text);
  return out;
}

std::vector<WordingCategory> Categories(const std::vector<WordingWarning>& ws) {
  std::vector<WordingCategory> out;
  for (const WordingWarning& w : ws) out.push_back(w.category);
  return out;
}

struct WordingCase {
  std::string text;
  WordingCategory category;
  std::string found;
};

class WordingTest : public ::testing::TestWithParam<WordingCase> {};

TEST_P(WordingTest, FlagsTheTerm) {
  const WordingCase& c = GetParam();
  const std::vector<WordingWarning> ws = CheckWording("description", c.text);
  ASSERT_EQ(ws.size(), 1u) << c.text;
  EXPECT_EQ(ws[0].category, c.category) << c.text;
  EXPECT_EQ(ws[0].text, c.found);
  EXPECT_EQ(c.text.substr(ws[0].offset, ws[0].text.size()), c.found);
  EXPECT_EQ(ws[0].field, "description");
  EXPECT_FALSE(ws[0].message_it.empty());
  EXPECT_FALSE(ws[0].message_en.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Wording, WordingTest,
    ::testing::Values(
        WordingCase{"Età massima richiesta", WordingCategory::kAge, "Età"},
        WordingCase{"Candidati di ETÀ compresa", WordingCategory::kAge, "ETÀ"},
        WordingCase{"Preferibilmente under 30", WordingCategory::kAge, "under 30"},
        WordingCase{"Massimo 35 anni.", WordingCategory::kAge, "35 anni"},
        WordingCase{"Cerchiamo una persona giovane e dinamica", WordingCategory::kAge, "giovane"},
        WordingCase{"Cercasi ragazza per il negozio", WordingCategory::kAge, "ragazza"},
        WordingCase{"Looking for young, dynamic people", WordingCategory::kAge, "young"},
        WordingCase{"Candidates aged 25 or more", WordingCategory::kAge, "aged"},
        WordingCase{"At most 30 years old", WordingCategory::kAge, "years old"},
        WordingCase{"Si ricerca personale maschile", WordingCategory::kSex, "maschile"},
        WordingCase{"Cercasi donna per pulizie", WordingCategory::kSex, "donna"},
        WordingCase{"Only male applicants", WordingCategory::kSex, "male"},
        WordingCase{"We hire women for this role", WordingCategory::kSex, "women"},
        WordingCase{"Richiesta cittadinanza italiana", WordingCategory::kNationality,
                    "cittadinanza"},
        WordingCase{"Solo italiani, grazie", WordingCategory::kNationality, "Solo italiani"},
        WordingCase{"Inglese madrelingua", WordingCategory::kNationality, "madrelingua"},
        WordingCase{"English native speaker required", WordingCategory::kNationality,
                    "native speaker"},
        WordingCase{"Applicants of any nationality", WordingCategory::kNationality, "nationality"},
        WordingCase{"No stranieri", WordingCategory::kNationality, "stranieri"}));

TEST(WordingTest, NeutralTextsGiveNoWarnings) {
  for (const char* text : {
           "Cerchiamo sviluppatrice o sviluppatore con 3 anni di esperienza.",
           "Richiesti 20 anni di esperienza nel settore.",
           "Ottima conoscenza della lingua italiana e inglese (B2).",
           "Incentivi per chi percepisce il reddito di cittadinanza.",
           "Manager with strong communication skills; German is a plus.",
           "Orario 9-18, 40 ore settimanali, sede a Torino.",
       }) {
    EXPECT_THAT(CheckWording("description", text), IsEmpty()) << text;
  }
}

TEST(WordingTest, SeveralTermsInOrderWithOffsets) {
  const std::string text = "Cercasi ragazza max 30 anni, bella presenza, madrelingua italiana";
  const std::vector<WordingWarning> ws = CheckWording("title", text);
  EXPECT_THAT(Texts(ws), ElementsAre("ragazza", "30 anni", "madrelingua"));
  EXPECT_THAT(Categories(ws), ElementsAre(WordingCategory::kAge, WordingCategory::kAge,
                                          WordingCategory::kNationality));
  EXPECT_EQ(ws[0].offset, text.find("ragazza"));
  EXPECT_EQ(ws[1].offset, text.find("30 anni"));
  EXPECT_EQ(ws[2].field, "title");
}

TEST(WordingTest, VacancyChecksTitleAndDescription) {
  VacancyContent c;
  c.title = "Commesso uomo";
  c.description = "Età massima 40 anni.";
  const std::vector<WordingWarning> ws = CheckVacancyWording(c);
  ASSERT_EQ(ws.size(), 3u);
  EXPECT_EQ(ws[0].field, "title");
  EXPECT_EQ(ws[0].text, "uomo");
  EXPECT_EQ(ws[1].field, "description");
  EXPECT_EQ(ws[1].text, "Età");
  EXPECT_EQ(ws[2].text, "40 anni");
}

}  // namespace
}  // namespace sisl::enterprise
