// EMP rules: one failing case each, and the employer's code forms that pass.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;

// A VAT number with a wrong check digit.
std::string BadVat() {
  std::string code = Vat("0123456789");
  code[10] = static_cast<char>('0' + (code[10] - '0' + 1) % 10);
  return code;
}

const std::vector<RuleCase>& EmployerCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"EMP-001", Base::kHire, [](C& c, X&) { c.employer.fiscal_code = ""; }},
      {"EMP-001", Base::kVardatori, [](C& c, X&) { c.employer.fiscal_code = "  "; }},
      {"EMP-002", Base::kHire, [](C& c, X&) { c.employer.fiscal_code = BadVat(); }},
      {"EMP-002", Base::kHire, [](C& c, X&) { c.employer.fiscal_code = "00000000000"; }},
      {"EMP-003", Base::kHire, [](C& c, X&) { c.employer.fiscal_code = "RSSMRA85C12L219X"; }},
      {"EMP-004", Base::kHire, [](C& c, X&) { c.employer.fiscal_code = "12345"; }},
      {"EMP-005", Base::kHire, [](C& c, X&) { c.employer.name = ""; }},
      {"EMP-006", Base::kHire, [](C& c, X&) { c.employer.ateco = ""; }},
      {"EMP-007", Base::kHire, [](C& c, X&) { c.employer.ateco = "62.01.00"; }},  // 2007 only
      {"EMP-007", Base::kHire, [](C& c, X&) { c.employer.ateco = "62.1"; }},
      {"EMP-008", Base::kHire, [](C& c, X&) { c.employer.workplace.municipality_code = ""; }},
      {"EMP-009", Base::kHire, [](C& c, X&) { c.employer.workplace.municipality_code = "X999"; }},
      {"EMP-009", Base::kHire, [](C& c, X&) { c.employer.workplace.municipality_code = "A003"; }},
      {"EMP-010", Base::kHire, [](C& c, X&) { c.employer.workplace.postcode = "1012"; }},
      {"EMP-011", Base::kHire, [](C& c, X&) { c.employer.workplace.street = " "; }},
      {"EMP-012", Base::kHire,
       [](C& c, X&) { c.employer.registered_office.municipality_code = ""; }},
      {"EMP-013", Base::kHire,
       [](C& c, X&) { c.employer.registered_office.municipality_code = "X999"; }},
      {"EMP-014", Base::kHire, [](C& c, X&) { c.employer.registered_office.postcode = "ABCDE"; }},
      {"EMP-015", Base::kHire, [](C& c, X&) { c.employer.pec = std::string(75, 'a') + "@pec.it"; }},
      {"EMP-016", Base::kHire, [](C& c, X&) { c.employer.pec = "not-an-email"; }},
      {"EMP-016", Base::kHire, [](C& c, X&) { c.employer.pec = "a b@pec.it"; }},
      {"EMP-017", Base::kHire,
       [](C& c, X&) {
         c.employer.public_administration = true;
         c.employer.fiscal_code =
             PersonCode("Bianchi", "Giulia", reference::Sex::kFemale, D(1970, 1, 1), "L219");
       }},
  };
  return *cases;
}

SISL_RULE_CASES(Employer, EmployerCases());

TEST(Employer, PersonalCodeAndForeignRegisteredOfficePass) {
  Scenario s = Make(Base::kHire);
  s.c.employer.fiscal_code =
      PersonCode("Bianchi", "Giulia", reference::Sex::kFemale, D(1970, 1, 1), "L219");
  s.c.employer.registered_office = {"Z404", "", "1 Main Street"};
  s.c.employer.pec = "";
  s.c.employer.fiscal_code = " " + s.c.employer.fiscal_code;  // normalized first
  EXPECT_THAT(Codes(Validate(s.c, s.context)), ::testing::IsEmpty());
}

}  // namespace
}  // namespace sisl::communications::rules_test
