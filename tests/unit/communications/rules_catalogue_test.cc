// The catalogue as a whole: codes unique, well-formed and sorted, messages in both languages,
// every rule covered by a failing case, and Validate safe on any input.

#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/communications/domain/rules.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using ::testing::Contains;
using ::testing::IsEmpty;

// The area each code prefix belongs to.
const std::map<std::string, std::string>& AreaOfPrefix() {
  static const auto* const areas = new std::map<std::string, std::string>{
      {"GEN", "general"},         {"EMP", "employer"},       {"WRK", "worker"},
      {"PRM", "permit"},          {"CTR", "contract"},       {"HRS", "working_time"},
      {"EXT", "extension"},       {"TRF", "transformation"}, {"TRS", "transfer"},
      {"TRM", "termination"},     {"SOM", "agency"},         {"URG", "urgency"},
      {"VAR", "employer_change"}, {"COR", "correction"},     {"DLN", "deadline"}};
  return *areas;
}

TEST(Catalogue, HasAtLeast110Rules) { EXPECT_GE(RuleCatalogue().size(), 110u); }

TEST(Catalogue, CodesAreWellFormedUniqueSortedAndInTheirArea) {
  const std::regex shape("[A-Z]{3}-[0-9]{3}");
  std::set<std::string> seen;
  std::string previous;
  for (const Rule& rule : RuleCatalogue()) {
    const std::string code(rule.code);
    EXPECT_TRUE(std::regex_match(code, shape)) << code;
    EXPECT_TRUE(seen.insert(code).second) << "duplicate " << code;
    EXPECT_LT(previous, code);
    previous = code;
    const auto area = AreaOfPrefix().find(code.substr(0, 3));
    ASSERT_NE(area, AreaOfPrefix().end()) << code;
    EXPECT_EQ(rule.area, area->second) << code;
  }
}

TEST(Catalogue, EveryRuleHasFieldMessagesAndPredicate) {
  for (const Rule& rule : RuleCatalogue()) {
    EXPECT_FALSE(rule.field.empty()) << rule.code;
    EXPECT_GE(rule.message_it.size(), 10u) << rule.code;
    EXPECT_GE(rule.message_en.size(), 10u) << rule.code;
    EXPECT_NE(rule.message_it, rule.message_en) << rule.code;
    EXPECT_TRUE(absl::EndsWith(rule.message_it, ".")) << rule.code;
    EXPECT_TRUE(absl::EndsWith(rule.message_en, ".")) << rule.code;
    EXPECT_NE(rule.violated, nullptr) << rule.code;
  }
}

TEST(Catalogue, DeadlineRulesAreWarningsOnly) {
  for (const Rule& rule : RuleCatalogue()) {
    if (rule.area == "deadline") {
      EXPECT_EQ(rule.severity, Severity::kWarning) << rule.code;
    }
  }
}

TEST(Catalogue, FindRule) {
  ASSERT_NE(FindRule("WRK-001"), nullptr);
  EXPECT_EQ(FindRule("WRK-001")->field, "worker.fiscal_code");
  EXPECT_EQ(FindRule("WRK-999"), nullptr);
  EXPECT_EQ(FindRule(""), nullptr);
  for (const Rule& rule : RuleCatalogue()) EXPECT_EQ(FindRule(rule.code), &rule);
}

// A rule without a failing case in some rules_<area>_test.cc fails here.
TEST(Catalogue, EveryRuleHasAFailingCase) {
  std::set<std::string> covered;
  for (const RuleCase& c : Registry()) {
    covered.insert(c.rule);
    EXPECT_NE(FindRule(c.rule), nullptr) << "a case names an unknown rule " << c.rule;
  }
  for (const Rule& rule : RuleCatalogue()) {
    EXPECT_THAT(covered, Contains(std::string(rule.code))) << "no failing case for " << rule.code;
  }
}

TEST(Validate, FindingsCarryTheRuleData) {
  Scenario s = Make(Base::kHire);
  s.c.worker.fiscal_code = "";
  const std::vector<Finding> findings = Validate(s.c, s.context);
  ASSERT_EQ(findings.size(), 1u);
  const Rule& rule = *FindRule("WRK-001");
  EXPECT_EQ(findings[0], (Finding{"WRK-001", Severity::kError, "worker.fiscal_code",
                                  std::string(rule.message_it), std::string(rule.message_en)}));
  EXPECT_TRUE(HasErrors(findings));
  EXPECT_FALSE(HasErrors({}));
}

TEST(Validate, WarningsAloneAreNoErrors) {
  Scenario s = Make(Base::kHire);
  s.context.today = D(2026, 3, 11);  // filed late: a warning only
  const std::vector<Finding> findings = Validate(s.c, s.context);
  EXPECT_THAT(Codes(findings), ::testing::ElementsAre("DLN-001"));
  EXPECT_FALSE(HasErrors(findings));
  EXPECT_TRUE(absl::StrContains(findings[0].message_en, "Working days late: 2."));
  EXPECT_TRUE(absl::StrContains(findings[0].message_it, "Giorni lavorativi di ritardo: 2."));
}

const Form kForms[] = {Form::kUnilav, Form::kUnisomm, Form::kUniurg, Form::kVardatori};
const Nature kNatures[] = {Nature::kOrdinary, Nature::kAfterUrgency, Nature::kCorrection,
                           Nature::kCancellation, Nature::kByOffice};
const EventKind kEvents[] = {
    EventKind::kHire,          EventKind::kExtension,        EventKind::kTransformation,
    EventKind::kTransfer,      EventKind::kSecondment,       EventKind::kTermination,
    EventKind::kMissionStart,  EventKind::kMissionExtension, EventKind::kMissionTermination,
    EventKind::kEmployerChange};

TEST(Validate, NeverCrashesOnDefaultCommunications) {
  RuleContext empty;
  RuleContext full{kToday};
  full.relationship = RelationshipFacts{};
  full.referenced = Communication{};
  full.referenced_is_last = false;
  for (Form form : kForms) {
    for (Nature nature : kNatures) {
      for (EventKind event : kEvents) {
        Communication c;
        c.form = form;
        c.nature = nature;
        c.event = event;
        Validate(c, empty);
        Validate(c, full);
        // Every optional part present but empty.
        c.extension = Extension{};
        c.transformation = Transformation{};
        c.transfer = Transfer{};
        c.termination = Termination{};
        c.agency = Agency{};
        c.mission = Mission{};
        c.urgency = Urgency{};
        c.employer_change = EmployerChange{};
        c.worker.permit = Permit{};
        EXPECT_TRUE(HasErrors(Validate(c, full)));
      }
    }
  }
}

TEST(Validate, FarAwayDatesAreSafeAndFast) {
  const auto begin = std::chrono::steady_clock::now();
  for (const absl::CivilDay day : {D(1, 1, 1), D(9999, 12, 31), D(-5000, 1, 1)}) {
    for (Base base : AllBases()) {
      Scenario s = Make(base);
      s.c.contract.start = day;
      s.c.worker.birth_date = day;
      if (s.c.termination) s.c.termination->date = day;
      if (s.c.employer_change) s.c.employer_change->date = day;
      Validate(s.c, s.context);
      s.context.today = day;
      Validate(s.c, s.context);
    }
  }
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(20));
}

TEST(Validate, OddTextIsSafe) {
  Scenario s = Make(Base::kNonEuHire);
  for (const char* text : {"", " ", "\t\n", "\xff\xfe", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ", "@",
                           "a@", "@b", "A.", "..", "Z", "0000"}) {
    s.c.worker.fiscal_code = s.c.employer.fiscal_code = s.c.employer.ateco = text;
    s.c.worker.birth_place_code = s.c.worker.citizenship = s.c.contract.profession = text;
    s.c.contract.contract_type = s.c.employer.pec = s.c.worker.permit->document_type = text;
    s.c.employer.workplace.municipality_code = s.c.contract.social_security_body = text;
    EXPECT_TRUE(HasErrors(Validate(s.c, s.context))) << text;
  }
}

}  // namespace
}  // namespace sisl::communications::rules_test
