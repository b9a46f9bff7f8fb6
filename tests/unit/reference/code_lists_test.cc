#include "services/reference/code_lists.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "services/platform/errors.h"

namespace sisl::reference {
namespace {

using absl::CivilDay;

std::string Reason(const absl::Status& status) { return platform::ErrorReason(status); }

TEST(CodeListCountsTest, EachListHasTheRowsOfItsSource) {
  EXPECT_EQ(Cp2011Professions().size(), 9003u);
  EXPECT_EQ(Ateco2007().size(), 3162u);
  EXPECT_EQ(Ateco2025().size(), 3257u);
  EXPECT_EQ(CoContractTypes().size(), 54u);
  EXPECT_EQ(CoWorkingTime().size(), 5u);
  EXPECT_EQ(CoTerminationCauses().size(), 22u);
  EXPECT_EQ(CoEducationLevels().size(), 13u);
  EXPECT_EQ(CoCitizenship().size(), 199u);
  EXPECT_EQ(Ccnl().size(), 400u);
  EXPECT_EQ(CoCommunicationTypes().size(), 9u);
  EXPECT_EQ(CoForms().size(), 5u);
  EXPECT_EQ(CoSocialSecurityBodies().size(), 2u);
}

TEST(CodeListCountsTest, Cp2011HasEveryLevel) {
  std::map<int, int> per_level;
  for (const CodeEntry& e : Cp2011Professions().entries()) ++per_level[e.level];
  EXPECT_EQ(per_level, (std::map<int, int>{{1, 9}, {2, 37}, {3, 129}, {4, 511}, {5, 800},
                                            {6, 7517}}));
}

TEST(CodeListMetadataTest, EveryListSaysWhereItComesFrom) {
  std::set<std::string> ids;
  for (const CodeList* list : AllCodeLists()) {
    EXPECT_FALSE(list->name().empty()) << list->id();
    EXPECT_FALSE(list->version().empty()) << list->id();
    EXPECT_FALSE(list->source().empty()) << list->id();
    EXPECT_FALSE(list->licence().empty()) << list->id();
    EXPECT_TRUE(ids.insert(list->id()).second) << list->id();
  }
  EXPECT_EQ(ids.size(), 13u);
  EXPECT_TRUE(CoTransformationCodes().complete());
  EXPECT_EQ(CoTransformationCodes().size(), 9u);
  EXPECT_TRUE(Cp2011Professions().complete());
  EXPECT_TRUE(Ateco2025().complete());
  EXPECT_FALSE(CoContractTypes().complete());
  EXPECT_FALSE(CoSocialSecurityBodies().complete());
  EXPECT_NE(Ateco2025().licence().find("CC-BY"), std::string::npos);
}

TEST(CodeListFormatTest, EveryCodeIsUniqueSortedAndWellFormed) {
  const std::map<const CodeList*, bool (*)(absl::string_view)> flat = {
      {&CoContractTypes(), IsWellFormedContractType},
      {&CoWorkingTime(), IsWellFormedWorkingTime},
      {&CoTerminationCauses(), IsWellFormedTerminationCause},
      {&CoEducationLevels(), IsWellFormedEducationLevel},
      {&CoCitizenship(), IsWellFormedCitizenship},
      {&Ccnl(), IsWellFormedCcnl},
      {&CoCommunicationTypes(), IsWellFormedCommunicationType},
      {&CoForms(), IsWellFormedForm},
      {&CoSocialSecurityBodies(), IsWellFormedSocialSecurityBody}};
  for (const auto& [list, well_formed] : flat) {
    for (const CodeEntry& e : list->entries()) {
      EXPECT_TRUE(well_formed(e.code)) << list->id() << " " << e.code;
      EXPECT_EQ(e.level, 1) << list->id() << " " << e.code;
    }
  }
  for (const CodeList* list : AllCodeLists()) {
    for (std::size_t i = 1; i < list->size(); ++i) {
      EXPECT_LT(list->entries()[i - 1].code, list->entries()[i].code) << list->id();
    }
  }
  for (const CodeEntry& e : Cp2011Professions().entries()) {
    EXPECT_EQ(IsWellFormedCoProfession(e.code), e.level == 6) << e.code;
    EXPECT_EQ(IsWellFormedCp2011Unit(e.code), e.level == 5) << e.code;
    EXPECT_FALSE(e.label_it.empty()) << e.code;
  }
  for (const CodeList* ateco : {&Ateco2007(), &Ateco2025()}) {
    for (const CodeEntry& e : ateco->entries()) {
      EXPECT_EQ(IsWellFormedAteco(e.code), e.level == 6) << e.code;
      EXPECT_FALSE(e.label_it.empty()) << e.code;
    }
  }
}

TEST(CodeListFindTest, KnownCodes) {
  ASSERT_NE(Cp2011Professions().Find("2.1.1.4.1"), nullptr);
  EXPECT_EQ(Cp2011Professions().Find("2.1.1.4.1")->label_it, "ANALISTI E PROGETTISTI DI SOFTWARE");
  EXPECT_EQ(Cp2011Professions().Find("3.1.2.1.0.1")->label_it, "PROGRAMMATORE INFORMATICO");
  EXPECT_EQ(Cp2011Professions().Find("3.1.2.1.0.1")->parent, "3.1.2.1.0");
  EXPECT_EQ(Ateco2007().Find("62.01.00")->label_it,
            "Produzione di software non connesso all'edizione");
  EXPECT_EQ(Ateco2025().Find("62.01.00"), nullptr);
  EXPECT_EQ(Ateco2025().Find("62.10.00")->label_it, "Attività di programmazione informatica");
  EXPECT_EQ(CoContractTypes().Find("A.01.00")->label_it, "LAVORO A TEMPO INDETERMINATO");
  EXPECT_EQ(CoContractTypes().Find("A.02.00")->label_it, "LAVORO A TEMPO DETERMINATO");
  EXPECT_EQ(CoContractTypes().Find("A.05.02")->label_it, "LAVORO INTERMITTENTE");
  EXPECT_EQ(CoContractTypes().Find("C.01.00")->label_it, "TIROCINIO");
  EXPECT_EQ(CoCitizenship().Find("000")->label_it, "ITALIANA");
  EXPECT_EQ(CoWorkingTime().Find("F")->label_it, "TEMPO PIENO");
  EXPECT_EQ(CoForms().Find("UL")->label_it, "UNILAV");
  EXPECT_EQ(CoCommunicationTypes().Find("03")->label_en, "Correction");
  EXPECT_EQ(Ccnl().Find("ND")->level, 1);
  EXPECT_EQ(CoEducationLevels().Find("10")->label_it, "LICENZA ELEMENTARE");
  EXPECT_EQ(CoContractTypes().Find("A.99.99"), nullptr);
  EXPECT_EQ(CoContractTypes().Find(""), nullptr);
}

TEST(CodeListEnglishTest, AtecoHasNaceHeadingsWhereItDoesNotSplitTheClass) {
  for (const CodeList* ateco : {&Ateco2007(), &Ateco2025()}) {
    for (const CodeEntry& e : ateco->entries()) {
      if (e.level <= 4) {
        EXPECT_FALSE(e.label_en.empty()) << "NACE has every class: " << e.code;
      }
    }
  }
  EXPECT_EQ(Ateco2007().Find("62.01")->label_en, "Computer programming activities");
  EXPECT_EQ(Ateco2007().Find("62.01.00")->label_en, "Computer programming activities");
  EXPECT_EQ(Ateco2025().Find("62.10.00")->label_en, "Computer programming activities");
  EXPECT_EQ(Ateco2025().Find("A")->label_en, "AGRICULTURE, FORESTRY AND FISHING");
  // 47.11.0 is split into frozen-food and other supermarkets: no NACE heading fits either.
  EXPECT_FALSE(Ateco2025().Find("47.11.0")->label_en.empty());
  EXPECT_TRUE(Ateco2025().Find("47.11.01")->label_en.empty());
  EXPECT_TRUE(Ateco2025().Find("47.11.02")->label_en.empty());
  std::vector<const CodeEntry*> found = Ateco2025().Search("computer programming", 10);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0]->code, "62") << "searched in the English labels too";  // "..., consultancy"
  EXPECT_TRUE(std::any_of(found.begin(), found.end(),
                          [](const CodeEntry* e) { return e->code == "62.10.00"; }));
  EXPECT_TRUE(Cp2011Professions().Find("3.1.2.1.0.1")->label_en.empty()) << "no English source";
}

TEST(CodeListValidityTest, CodesOutsideTheirValidity) {
  const CodeList& contracts = CoContractTypes();
  EXPECT_TRUE(contracts.IsValidOn("A.03.02", CivilDay(2012, 4, 25)));
  EXPECT_FALSE(contracts.IsValidOn("A.03.02", CivilDay(2012, 4, 26)));
  EXPECT_FALSE(contracts.IsValidOn("A.03.09", CivilDay(2012, 4, 25)));
  EXPECT_TRUE(contracts.IsValidOn("A.03.09", CivilDay(2012, 4, 26)));
  EXPECT_TRUE(contracts.IsValidOn("A.02.00", CivilDay(2030, 1, 1)));
  EXPECT_FALSE(contracts.IsValidOn("A.02.00", CivilDay(2007, 6, 20)));
  EXPECT_FALSE(contracts.IsValidOn("Z.99.99", CivilDay(2020, 1, 1)));
  EXPECT_TRUE(CoCitizenship().IsValidOn("224", CivilDay(2006, 6, 2)));
  EXPECT_FALSE(CoCitizenship().IsValidOn("224", CivilDay(2006, 6, 3)));
  EXPECT_TRUE(CoCitizenship().IsValidOn("271", CivilDay(2006, 6, 3)));
  EXPECT_TRUE(Ateco2007().IsValidOn("62.01.00", CivilDay(2024, 12, 31)));
  EXPECT_FALSE(Ateco2007().IsValidOn("62.01.00", CivilDay(2025, 1, 1)));
  EXPECT_TRUE(Ateco2025().IsValidOn("62.10.00", CivilDay(2025, 1, 1)));
  EXPECT_FALSE(Cp2011Professions().IsValidOn("2.1.1.4.1.1", CivilDay(2011, 11, 14)));
  EXPECT_TRUE(Cp2011Professions().IsValidOn("2.1.1.4.1.1", CivilDay(2026, 3, 1)));
  EXPECT_EQ(&AtecoInForce(CivilDay(2024, 12, 31)), &Ateco2007());
  EXPECT_EQ(&AtecoInForce(CivilDay(2025, 1, 1)), &Ateco2025());
}

TEST(CodeListHierarchyTest, ChildrenAndParents) {
  const CodeList& cp = Cp2011Professions();
  std::vector<const CodeEntry*> units = cp.Children("2.1.1.4");
  ASSERT_EQ(units.size(), 3u);
  EXPECT_EQ(units[0]->code, "2.1.1.4.1");
  EXPECT_EQ(units[2]->code, "2.1.1.4.3");
  EXPECT_EQ(cp.Children("").size(), 9u);
  EXPECT_TRUE(cp.Children("2.1.1.4.1.1").empty());
  EXPECT_TRUE(cp.Children("nope").empty());
  for (const CodeEntry& e : cp.entries()) {
    if (e.level == 1) continue;
    const CodeEntry* parent = cp.Find(e.parent);
    ASSERT_NE(parent, nullptr) << e.code;
    EXPECT_EQ(parent->level, e.level - 1) << e.code;
  }
  EXPECT_EQ(Ateco2025().Children("").size(), 22u);  // sections A..V
  EXPECT_EQ(Ateco2007().Find("62.01.00")->parent, "62.01.0");
  EXPECT_EQ(CoForms().Children("").size(), 5u);
}

TEST(CodeListSearchTest, CaseAndAccentInsensitive) {
  std::vector<const CodeEntry*> found = Cp2011Professions().Search("Programmatore informatico", 5);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0]->code, "3.1.2.1.0.1");
  std::vector<const CodeEntry*> sanita = Cp2011Professions().Search("sanita", 1000);
  EXPECT_GT(sanita.size(), 10u);
  EXPECT_EQ(Ateco2025().Search("ATTIVITA DI PROGRAMMAZIONE informatica", 10).size(),
            Ateco2025().Search("attività di programmazione INFORMATICA", 10).size());
  found = Ateco2025().Search("attività di programmazione informatica", 10);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0]->code, "62.1");
  EXPECT_EQ(CoContractTypes().Search("a.02", 10).front()->code, "A.02.00");
  EXPECT_EQ(CoContractTypes().Search("determinato sostituzione", 10).front()->code, "A.02.01");
  EXPECT_EQ(CoCommunicationTypes().Search("correction", 10).front()->code, "03");
  EXPECT_EQ(Cp2011Professions().Search("analista", 3).size(), 3u);
  EXPECT_TRUE(Cp2011Professions().Search("   ", 3).empty());
  EXPECT_TRUE(Cp2011Professions().Search("analista", 0).empty());
  EXPECT_TRUE(Cp2011Professions().Search("zzqqxx", 3).empty());
}

TEST(CodeListSearchTest, PunctuationAndApostrophesAreSpaces) {
  const std::vector<const CodeEntry*> found =
      Ateco2007().Search("PRODUZIONE di software, non connesso all’edizione", 10);
  ASSERT_GE(found.size(), 3u);
  EXPECT_EQ(found[0]->code, "62.01");
  EXPECT_TRUE(Ateco2007().Search("\"", 10).empty());
}

TEST(CodeListFormatTest, Patterns) {
  EXPECT_TRUE(IsWellFormedCoProfession("2.1.1.4.1.12"));
  EXPECT_TRUE(IsWellFormedCoProfession("2.1.1.4.1.0"));
  EXPECT_FALSE(IsWellFormedCoProfession("2.1.1.4.1"));
  EXPECT_FALSE(IsWellFormedCoProfession("2.1.1.4.1.123"));
  EXPECT_FALSE(IsWellFormedCoProfession("21.1.1.4.1.1"));
  EXPECT_TRUE(IsWellFormedCp2011Unit("2.1.1.4.1"));
  EXPECT_FALSE(IsWellFormedCp2011Unit("2.1.1.4.10"));
  EXPECT_TRUE(IsWellFormedAteco("62.01.00"));
  EXPECT_FALSE(IsWellFormedAteco("62.01.0"));
  EXPECT_FALSE(IsWellFormedAteco("620100"));
  EXPECT_TRUE(IsWellFormedContractType("A.02.00"));
  EXPECT_FALSE(IsWellFormedContractType("a.02.00"));
  EXPECT_FALSE(IsWellFormedContractType("A.2.00"));
  EXPECT_TRUE(IsWellFormedCcnl("A84"));
  EXPECT_TRUE(IsWellFormedCcnl("ND"));
  EXPECT_FALSE(IsWellFormedCcnl("1D"));
  EXPECT_FALSE(IsWellFormedCcnl("9440"));
  EXPECT_TRUE(IsWellFormedCitizenship("000"));
  EXPECT_FALSE(IsWellFormedCitizenship("JUG"));
  EXPECT_TRUE(IsWellFormedEducationLevel("40"));
  EXPECT_FALSE(IsWellFormedWorkingTime("FT"));
}

TEST(CodeListValidationTest, StableReasons) {
  const CivilDay day(2026, 3, 2);
  EXPECT_TRUE(ValidateCoProfession("worker.profession", "3.1.2.1.0.1", day).ok());
  EXPECT_EQ(Reason(ValidateCoProfession("p", "3.1.2.1.0", day)), "MALFORMED_PROFESSION_CODE");
  EXPECT_EQ(Reason(ValidateCoProfession("p", "9.9.9.9.9.99", day)), "UNKNOWN_PROFESSION_CODE");
  EXPECT_TRUE(ValidateProfessionUnit("p", "3.1.2.1.0", day).ok());
  EXPECT_EQ(Reason(ValidateCoProfession("p", "3.1.2.1.0.1", CivilDay(2010, 1, 1))),
            "CODE_NOT_VALID_ON_DATE");
  EXPECT_TRUE(ValidateContractType("c", "A.02.00", day).ok());
  const absl::Status closed = ValidateContractType("contract.type", "A.03.02", day);
  EXPECT_EQ(closed.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Reason(closed), "CODE_NOT_VALID_ON_DATE");
  EXPECT_EQ(platform::ErrorMetadata(closed).at("valid_to"), "2012-04-25");
  ASSERT_EQ(platform::ErrorFieldViolations(closed).size(), 1u);
  EXPECT_EQ(platform::ErrorFieldViolations(closed)[0].field, "contract.type");
  EXPECT_EQ(Reason(ValidateContractType("c", "A02.00", day)), "MALFORMED_CONTRACT_TYPE");
  // The contract-type list is partial: an unknown but well-formed code cannot be refused.
  EXPECT_TRUE(ValidateContractType("c", "N.01.00", day).ok());
  EXPECT_TRUE(ValidateAteco("s", "62.10.00", day).ok());
  EXPECT_EQ(Reason(ValidateAteco("s", "62.01.00", day)), "CODE_NOT_VALID_ON_DATE");
  EXPECT_TRUE(ValidateAteco("s", "62.01.00", CivilDay(2020, 5, 1)).ok());
  EXPECT_EQ(Reason(ValidateAteco("s", "62.10.00", CivilDay(2020, 5, 1))),
            "CODE_NOT_VALID_ON_DATE");
  EXPECT_EQ(Reason(ValidateAteco("s", "99.99.99", day)), "UNKNOWN_ATECO_CODE");
  EXPECT_EQ(Reason(ValidateAteco("s", "62.10", day)), "MALFORMED_ATECO_CODE");
  EXPECT_TRUE(ValidateCitizenship("w", "000", day).ok());
  EXPECT_EQ(Reason(ValidateCitizenship("w", "998", day)), "UNKNOWN_CITIZENSHIP_CODE");
  EXPECT_EQ(Reason(ValidateCitizenship("w", "224", day)), "CODE_NOT_VALID_ON_DATE");
  EXPECT_EQ(Reason(ValidateCitizenship("w", "IT", day)), "MALFORMED_CITIZENSHIP_CODE");
  EXPECT_TRUE(ValidateCcnl("c", "ND", day).ok());
  EXPECT_TRUE(ValidateWorkingTime("t", "P", day).ok());
  EXPECT_TRUE(ValidateTerminationCause("t", "LI", day).ok());
  EXPECT_TRUE(ValidateEducationLevel("e", "40", day).ok());
}

TEST(CodeListParseTest, RejectsBrokenFiles) {
  const std::string head =
      "# list: t\n# name: T\n# version: 1\n# source: here\n# licence: none\n# complete: true\n"
      "code,parent,level,valid_from,valid_to,label_it,label_en\n";
  absl::StatusOr<CodeList> ok = CodeList::Parse(head + "A,,1,,,\"Uno, due\",One\nB,A,2,,,Bi,\n");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->Find("A")->label_it, "Uno, due");
  EXPECT_EQ(ok->Children("A").size(), 1u);
  EXPECT_FALSE(CodeList::Parse(head + "B,,1,,,b,\nA,,1,,,a,\n").ok());           // unsorted
  EXPECT_FALSE(CodeList::Parse(head + "A,,1,,,a,\nA,,1,,,a,\n").ok());           // repeated
  EXPECT_FALSE(CodeList::Parse(head + "A,Z,1,,,a,\n").ok());                     // no parent
  EXPECT_FALSE(CodeList::Parse(head + "A,,1,2020-13-01,,a,\n").ok());            // bad date
  EXPECT_FALSE(CodeList::Parse(head + "A,,x,,,a,\n").ok());                      // bad level
  EXPECT_FALSE(CodeList::Parse("code,parent,level,valid_from,valid_to,label_it,label_en\n").ok());
}

}  // namespace
}  // namespace sisl::reference
