// The fixtures of rules_test_support.h, the parameterized test every area instantiates, and
// the check that each fixture is valid (no finding at all): the passing case of every rule.

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/communications/domain/rules.h"
#include "services/reference/vat_number.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {

using reference::Sex;

std::string Vat(absl::string_view first10) {
  return absl::StrCat(first10, std::string(1, *reference::VatNumberCheckDigit(first10)));
}

std::string PersonCode(absl::string_view surname, absl::string_view name, Sex sex,
                       absl::CivilDay birth, absl::string_view place) {
  absl::StatusOr<std::string> code = reference::EncodeFiscalCode(
      {std::string(surname), std::string(name), sex, birth, std::string(place)});
  return code.ok() ? *code : "";
}

void SetWorker(Communication& c, absl::string_view surname, absl::string_view name, Sex sex,
               absl::CivilDay birth, absl::string_view place) {
  c.worker.surname = std::string(surname);
  c.worker.name = std::string(name);
  c.worker.sex = sex;
  c.worker.birth_date = birth;
  c.worker.birth_place_code = std::string(place);
  c.worker.fiscal_code = PersonCode(surname, name, sex, birth, place);
}

namespace {

const absl::CivilDay kHireStart(2026, 3, 10);
const absl::CivilDay kPastStart(2025, 9, 1);  // relationships the events act on

Employer SoftwareCompany() {
  Employer e;
  e.fiscal_code = Vat("0123456789");
  e.name = "Rossi Software S.r.l.";
  e.ateco = "62.10.00";
  e.registered_office = {"L219", "10121", "Via Roma 1"};
  e.workplace = e.registered_office;
  e.pec = "rossi.software@pec.it";
  return e;
}

Communication Hire() {
  Communication c;
  c.form = Form::kUnilav;
  c.nature = Nature::kOrdinary;
  c.event = EventKind::kHire;
  c.employer = SoftwareCompany();
  c.worker.fiscal_code = "RSSMRA85C12L219B";
  c.worker.surname = "Rossi";
  c.worker.name = "Mario";
  c.worker.sex = Sex::kMale;
  c.worker.birth_date = absl::CivilDay(1985, 3, 12);
  c.worker.birth_place_code = "L219";
  c.worker.citizenship = "000";
  c.worker.education_level = "40";
  c.worker.domicile = {"L219", "10123", "Via Po 10"};
  Contract& k = c.contract;
  k.start = kHireStart;
  k.end = absl::CivilDay(2026, 9, 9);
  k.contract_type = "A.02.00";
  k.working_time = "F";
  k.weekly_hours = 40;
  k.ccnl = "001";
  k.level = "5";
  k.profession = "2.1.1.4.1.11";
  k.social_security_body = "01";
  k.inail_pat = "12345678";
  k.annual_pay_eur = 30000;
  return c;
}

RelationshipFacts FactsOf(const Communication& c) {
  RelationshipFacts f;
  f.contract_type = c.contract.contract_type;
  f.start = c.contract.start;
  f.end = c.contract.end;
  f.working_time = c.contract.working_time;
  f.last_code = "2025UL0000000001";
  return f;
}

// A UNILAV event on a relationship started on kPastStart.
Scenario Event(EventKind event, absl::string_view type, std::optional<absl::CivilDay> end) {
  Scenario s{Hire(), RuleContext{kToday}};
  s.c.event = event;
  s.c.contract.start = kPastStart;
  s.c.contract.contract_type = std::string(type);
  s.c.contract.end = end;
  s.context.relationship = FactsOf(s.c);
  return s;
}

Scenario MissionScenario(EventKind event) {
  Scenario s{Hire(), RuleContext{kToday}};
  Communication& c = s.c;
  c.form = Form::kUnisomm;
  c.event = event;
  c.employer.fiscal_code = Vat("0555555555");
  c.employer.name = "Agenzia Lavoro S.p.A.";
  c.employer.ateco = "78.20.00";
  c.employer.pec = "";
  c.agency = Agency{c.employer.fiscal_code, c.employer.name, "1100-SG"};
  c.contract.end = absl::CivilDay(2026, 6, 30);
  Mission m;
  m.user_fiscal_code = SoftwareCompany().fiscal_code;
  m.user_name = SoftwareCompany().name;
  m.user_ateco = "62.10.00";
  m.agency_contract_number = "2026/000001";
  m.start = kHireStart;
  m.end = absl::CivilDay(2026, 6, 30);
  m.workplace = SoftwareCompany().workplace;
  m.profession = c.contract.profession;
  m.ccnl = c.contract.ccnl;
  m.level = c.contract.level;
  m.working_time = "F";
  m.weekly_hours = 40;
  m.inail_pat = "87654321";
  c.mission = m;
  if (event != EventKind::kMissionStart) {  // on a relationship started in January
    c.contract.start = c.mission->start = absl::CivilDay(2026, 1, 12);
    c.contract.end = absl::CivilDay(2026, 9, 30);
    s.context.relationship = FactsOf(c);
  }
  if (event == EventKind::kMissionTermination) c.termination = Termination{D(2026, 2, 27), "LI"};
  return s;
}

}  // namespace

std::vector<Base> AllBases() {
  std::vector<Base> bases;
  for (int b = 0; b <= static_cast<int>(Base::kCancellation); ++b) {
    bases.push_back(static_cast<Base>(b));
  }
  return bases;
}

std::string BaseName(Base base) {
  static const char* const kNames[] = {"Hire",         "Apprenticeship",   "Traineeship",
                                       "NonEuHire",    "Extension",        "Transform",
                                       "Transfer",     "Secondment",       "Termination",
                                       "MissionStart", "MissionExtension", "MissionTermination",
                                       "Uniurg",       "AfterUrgency",     "Vardatori",
                                       "Correction",   "Cancellation"};
  return kNames[static_cast<int>(base)];
}

Scenario Make(Base base) {
  Scenario s{Hire(), RuleContext{kToday}};
  Communication& c = s.c;
  switch (base) {
    case Base::kHire:
      break;
    case Base::kApprenticeship:
      SetWorker(c, "Bianchi", "Luca", Sex::kMale, D(2005, 6, 15), "L219");
      c.contract.contract_type = "A.03.09";
      c.contract.end.reset();
      c.contract.training_end = absl::CivilDay(2028, 3, 9);
      break;
    case Base::kTraineeship:
      c.contract.contract_type = "C.01.00";
      c.contract.ccnl = "";
      c.contract.level = "";
      c.contract.social_security_body = "29";
      break;
    case Base::kNonEuHire:
      SetWorker(c, "Hoxha", "Arben", Sex::kMale, D(1990, 7, 1), "Z100");
      c.worker.citizenship = "201";
      c.worker.permit = Permit{"1", "AB1234567", "LS", absl::CivilDay(2027, 12, 31), "L219"};
      break;
    case Base::kExtension:
      s = Event(EventKind::kExtension, "A.02.00", absl::CivilDay(2026, 3, 6));
      s.c.extension = Extension{D(2026, 8, 31)};
      break;
    case Base::kTransformation:
      s = Event(EventKind::kTransformation, "A.02.00", absl::CivilDay(2026, 8, 31));
      s.c.transformation = Transformation{"DI", D(2026, 3, 1), "A.01.00", "", 0};
      break;
    case Base::kTransfer:
      s = Event(EventKind::kTransfer, "A.01.00", std::nullopt);
      s.c.transfer =
          Transfer{D(2026, 3, 1), std::nullopt, {"D205", "12100", "Corso Nizza 5"}, "", ""};
      break;
    case Base::kSecondment:
      s = Event(EventKind::kSecondment, "A.01.00", std::nullopt);
      s.c.transfer = Transfer{D(2026, 3, 1),
                              absl::CivilDay(2026, 6, 30),
                              {"F205", "20121", "Via Dante 2"},
                              Vat("0987654321"),
                              "Cliente S.p.A."};
      break;
    case Base::kTermination:
      s = Event(EventKind::kTermination, "A.01.00", std::nullopt);
      s.c.termination = Termination{D(2026, 2, 27), "LI"};
      break;
    case Base::kMissionStart:
      s = MissionScenario(EventKind::kMissionStart);
      break;
    case Base::kMissionExtension:
      s = MissionScenario(EventKind::kMissionExtension);
      break;
    case Base::kMissionTermination:
      s = MissionScenario(EventKind::kMissionTermination);
      break;
    case Base::kUniurg:
      c.form = Form::kUniurg;
      c.urgency = Urgency{"Sostituzione improvvisa di un lavoratore assente"};
      break;
    case Base::kAfterUrgency: {
      c.contract.start = absl::CivilDay(2026, 2, 27);
      Communication urgent = c;
      urgent.form = Form::kUniurg;
      urgent.code = "2026UG0000000001";
      urgent.urgency = Urgency{"Sostituzione improvvisa di un lavoratore assente"};
      c.nature = Nature::kAfterUrgency;
      c.previous_code = urgent.code;
      s.context.referenced = urgent;
      break;
    }
    case Base::kVardatori: {
      const Communication hire = Hire();
      c = Communication{};
      c.form = Form::kVardatori;
      c.event = EventKind::kEmployerChange;
      c.employer = SoftwareCompany();
      c.employer.fiscal_code = Vat("0246813579");
      c.employer.name = "Nuova Software S.r.l.";
      c.employer_change =
          EmployerChange{"TRANSFER",
                         D(2026, 2, 20),
                         hire.employer.fiscal_code,
                         hire.employer.name,
                         {hire.worker.fiscal_code,
                          PersonCode("Verdi", "Anna", Sex::kFemale, D(1992, 11, 5), "A479")}};
      break;
    }
    case Base::kCorrection:
    case Base::kCancellation: {
      Communication filed = c;
      filed.code = "2026UL0000000001";
      filed.contract.level = "4";
      c.nature = base == Base::kCorrection ? Nature::kCorrection : Nature::kCancellation;
      c.previous_code = filed.code;
      s.context.referenced = filed;
      s.context.relationship = FactsOf(filed);
      break;
    }
  }
  return s;
}

std::vector<RuleCase>& Registry() {
  static std::vector<RuleCase>* const registry = new std::vector<RuleCase>();
  return *registry;
}

bool Register(const std::vector<RuleCase>& cases) {
  Registry().insert(Registry().end(), cases.begin(), cases.end());
  return true;
}

std::vector<std::string> Codes(const std::vector<Finding>& findings) {
  std::vector<std::string> codes;
  for (const Finding& f : findings) codes.push_back(f.rule);
  return codes;
}

std::string CaseName(const ::testing::TestParamInfo<RuleCase>& info) {
  return absl::StrCat(absl::StrReplaceAll(info.param.rule, {{"-", ""}}), "_",
                      BaseName(info.param.base), "_", info.index);
}

namespace {

using ::testing::IsEmpty;
using ::testing::UnorderedElementsAreArray;

TEST_P(RuleCaseTest, FiresItsRuleOnly) {
  const RuleCase& rule_case = GetParam();
  Scenario s = Make(rule_case.base);
  rule_case.mutate(s.c, s.context);
  std::vector<std::string> expected = rule_case.also;
  expected.push_back(rule_case.rule);
  EXPECT_THAT(Codes(Validate(s.c, s.context)), UnorderedElementsAreArray(expected));
}

class BaseTest : public ::testing::TestWithParam<Base> {};

TEST_P(BaseTest, IsValidWithNoFinding) {
  const Scenario s = Make(GetParam());
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BaseTest, ::testing::ValuesIn(AllBases()),
                         [](const ::testing::TestParamInfo<Base>& info) {
                           return BaseName(info.param);
                         });

TEST(Fixtures, WorkerIsMarioRossi) {
  EXPECT_EQ(PersonCode("Rossi", "Mario", Sex::kMale, D(1985, 3, 12), "L219"), "RSSMRA85C12L219B");
  EXPECT_TRUE(reference::ValidateVatNumber(Make(Base::kHire).c.employer.fiscal_code).ok());
}

}  // namespace
}  // namespace sisl::communications::rules_test
