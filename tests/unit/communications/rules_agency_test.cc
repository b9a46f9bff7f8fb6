// SOM rules: one failing case each, and the agency filings that pass.

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;
using ::testing::IsEmpty;

// The agency's VAT number with a wrong check digit.
std::string WrongCheckDigit() {
  std::string code = Vat("0555555555");
  code[10] = static_cast<char>('0' + (code[10] - '0' + 1) % 10);
  return code;
}

const std::vector<RuleCase>& AgencyCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"SOM-001", Base::kMissionStart, [](C& c, X&) { c.agency.reset(); }},
      {"SOM-002",
       Base::kMissionStart,
       [](C& c, X&) { c.agency->fiscal_code = c.employer.fiscal_code = WrongCheckDigit(); },
       {"EMP-002"}},
      {"SOM-002", Base::kMissionStart, [](C& c, X&) { c.agency->fiscal_code = ""; }},
      {"SOM-003", Base::kMissionStart, [](C& c, X&) { c.agency->fiscal_code = Vat("0666666666"); }},
      {"SOM-004", Base::kMissionStart, [](C& c, X&) { c.agency->name = ""; }},
      {"SOM-005", Base::kMissionStart, [](C& c, X&) { c.agency->register_number = ""; }},
      {"SOM-006", Base::kMissionStart, [](C& c, X&) { c.agency->register_number = "ABC"; }},
      {"SOM-006", Base::kMissionStart,
       [](C& c, X&) { c.agency->register_number = "123456789012345678901"; }},
      {"SOM-007", Base::kHire,
       [](C& c, X&) {
         c.agency = Agency{"x", "y", "1"};
       }},
      {"SOM-007", Base::kHire, [](C& c, X&) { c.mission = Mission{}; }},
      {"SOM-008", Base::kMissionExtension,
       [](C& c, X&) {
         c.nature = Nature::kByOffice;  // no deadline: the event date is missing too
         c.mission.reset();
       }},
      {"SOM-009", Base::kMissionStart, [](C& c, X&) { c.mission->user_fiscal_code = ""; }},
      {"SOM-010", Base::kMissionStart,
       [](C& c, X&) { c.mission->user_fiscal_code = c.employer.fiscal_code; }},
      {"SOM-011", Base::kMissionStart, [](C& c, X&) { c.mission->user_name = ""; }},
      {"SOM-012", Base::kMissionStart, [](C& c, X&) { c.mission->user_ateco = "62.01.00"; }},
      {"SOM-013", Base::kMissionStart, [](C& c, X&) { c.mission->agency_contract_number = ""; }},
      {"SOM-014", Base::kMissionStart, [](C& c, X&) { c.mission->start = D(2026, 3, 9); }},
      {"SOM-015", Base::kMissionStart, [](C& c, X&) { c.mission->end = D(2026, 3, 9); }},
      {"SOM-016", Base::kMissionStart, [](C& c, X&) { c.mission->end = D(2026, 7, 31); }},
      {"SOM-016", Base::kMissionExtension,
       [](C& c, X& x) { x.relationship->end = D(2026, 5, 31); }},
      {"SOM-017", Base::kMissionStart,
       [](C& c, X&) { c.mission->workplace.municipality_code = "X999"; }},
      {"SOM-018", Base::kMissionStart, [](C& c, X&) { c.mission->profession = ""; }},
      {"SOM-019", Base::kMissionStart, [](C& c, X&) { c.mission->ccnl = "016"; }},
      {"SOM-020", Base::kMissionStart,
       [](C& c, X&) {
         c.mission->working_time = "P";
         c.mission->weekly_hours = 0;
       }},
      {"SOM-020", Base::kMissionStart, [](C& c, X&) { c.mission->working_time = ""; }},
      {"SOM-021", Base::kMissionStart, [](C& c, X&) { c.mission->inail_pat = "12"; }},
      {"SOM-022", Base::kMissionExtension,
       [](C& c, X&) {
         c.nature = Nature::kByOffice;
         c.mission->end.reset();
       }},
  };
  return *cases;
}

SISL_RULE_CASES(Agency, AgencyCases());

TEST(Agency, StaffLeasingWithoutEndAndWithAnOpenMissionPasses) {
  Scenario s = Make(Base::kMissionStart);
  s.c.contract.contract_type = "A.01.00";
  s.c.contract.end.reset();
  s.c.mission->end.reset();
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

}  // namespace
}  // namespace sisl::communications::rules_test
