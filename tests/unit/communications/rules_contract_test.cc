// CTR and HRS rules: one failing case each, and the contracts that pass.

#include <cmath>
#include <vector>

#include "gmock/gmock.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;
using reference::Sex;
using ::testing::IsEmpty;

const std::vector<RuleCase>& ContractCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"CTR-001", Base::kHire, [](C& c, X&) { c.contract.contract_type = ""; }},
      {"CTR-002", Base::kHire, [](C& c, X&) { c.contract.contract_type = "A.04.01"; }},  // closed
      {"CTR-002", Base::kHire, [](C& c, X&) { c.contract.contract_type = "A02.00"; }},
      {"CTR-003", Base::kHire, [](C& c, X&) { c.contract.contract_type = "A.03.04"; }},
      {"CTR-004", Base::kTermination,
       [](C& c, X& x) {  // an agency relationship of 2012 on UNILAV
         c.contract.start = x.relationship->start = D(2012, 6, 1);
         c.contract.contract_type = x.relationship->contract_type = "A.06.00";
       }},
      {"CTR-005", Base::kMissionStart, [](C& c, X&) { c.contract.contract_type = "C.01.00"; }},
      {"CTR-006", Base::kHire, [](C& c, X&) { c.contract.end.reset(); }},
      {"CTR-006", Base::kHire,
       [](C& c, X&) {
         c.contract.contract_type = "A.05.02";  // intermittent: no end needed unless seasonal
         c.contract.end.reset();
         c.contract.seasonal = true;
       }},
      {"CTR-007", Base::kHire, [](C& c, X&) { c.contract.end = D(2026, 3, 9); }},
      {"CTR-008", Base::kHire, [](C& c, X&) { c.contract.contract_type = "A.01.00"; }},
      {"CTR-009", Base::kHire, [](C& c, X&) { c.contract.ccnl = ""; }},
      {"CTR-010", Base::kHire, [](C& c, X&) { c.contract.ccnl = "016"; }},  // closed 2018
      {"CTR-011", Base::kHire, [](C& c, X&) { c.contract.level = ""; }},
      {"CTR-012", Base::kHire, [](C& c, X&) { c.contract.profession = ""; }},
      {"CTR-013", Base::kHire, [](C& c, X&) { c.contract.profession = "9.9.9.9.9.9"; }},
      {"CTR-013", Base::kHire, [](C& c, X&) { c.contract.profession = "2.1.1.4.1"; }},
      {"CTR-014", Base::kHire, [](C& c, X&) { c.contract.social_security_body = ""; }},
      {"CTR-015", Base::kHire, [](C& c, X&) { c.contract.social_security_body = "1"; }},
      {"CTR-016", Base::kHire, [](C& c, X&) { c.contract.inail_pat = "123"; }},
      {"CTR-017", Base::kHire, [](C& c, X&) { c.contract.annual_pay_eur = -1; }},
      {"CTR-018", Base::kTraineeship, [](C& c, X&) { c.contract.seasonal = true; }},
      {"CTR-019", Base::kHire, [](C& c, X&) { c.contract.end = D(2028, 3, 10); }},
      {"CTR-020", Base::kTraineeship, [](C& c, X&) { c.contract.end = D(2027, 3, 10); }},
      {"CTR-021", Base::kApprenticeship, [](C& c, X&) { c.contract.training_end.reset(); }},
      {"CTR-022", Base::kApprenticeship, [](C& c, X&) { c.contract.training_end = D(2026, 9, 8); }},
      {"CTR-023", Base::kHire, [](C& c, X&) { c.contract.training_end = D(2026, 9, 9); }},
      {"CTR-024", Base::kApprenticeship, [](C& c, X&) { c.contract.end = D(2027, 3, 9); }},
      {"CTR-025", Base::kApprenticeship,
       [](C& c, X&) {
         c.contract.contract_type = "A.03.08";
         SetWorker(c, "Bianchi", "Luca", Sex::kMale, D(2000, 3, 9), "L219");  // 26
       }},
      {"CTR-025", Base::kApprenticeship,
       [](C& c, X&) {
         c.contract.contract_type = "A.03.08";
         SetWorker(c, "Bianchi", "Luca", Sex::kMale, D(2011, 3, 11), "L219");  // 14
       }},
      {"CTR-026", Base::kApprenticeship,
       [](C& c, X&) { SetWorker(c, "Bianchi", "Luca", Sex::kMale, D(1996, 3, 10), "L219"); }},
      {"CTR-026", Base::kApprenticeship,
       [](C& c, X&) {
         c.contract.contract_type = "A.03.10";
         SetWorker(c, "Bianchi", "Luca", Sex::kMale, D(2008, 3, 11), "L219");  // 17
       }},
      {"CTR-027", Base::kHire, [](C& c, X&) { c.contract.agricultural = true; }},
  };
  return *cases;
}

const std::vector<RuleCase>& WorkingTimeCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"HRS-001", Base::kHire, [](C& c, X&) { c.contract.working_time = ""; }},
      {"HRS-002", Base::kHire, [](C& c, X&) { c.contract.working_time = "1"; }},
      {"HRS-003", Base::kHire,
       [](C& c, X&) {
         c.contract.working_time = "P";
         c.contract.weekly_hours = 0;
       }},
      {"HRS-004", Base::kHire, [](C& c, X&) { c.contract.working_time = "V"; }},
      {"HRS-005", Base::kHire, [](C& c, X&) { c.contract.weekly_hours = 20; }},
      {"HRS-006", Base::kHire, [](C& c, X&) { c.contract.weekly_hours = 50; }},
      {"HRS-007", Base::kHire, [](C& c, X&) { c.contract.weekly_hours = -5; }},
      {"HRS-007", Base::kHire, [](C& c, X&) { c.contract.weekly_hours = std::nan(""); }},
      {"HRS-008", Base::kHire, [](C& c, X&) { c.contract.working_time = "N"; }},
  };
  return *cases;
}

SISL_RULE_CASES(Contract, ContractCases());
SISL_RULE_CASES(WorkingTime, WorkingTimeCases());

TEST(Contract, ApprenticeshipAgeBoundsAreInclusive) {
  Scenario s = Make(Base::kApprenticeship);
  SetWorker(s.c, "Bianchi", "Luca", Sex::kMale, D(1996, 3, 11), "L219");  // 29 on the start
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
  s.c.contract.contract_type = "A.03.08";
  SetWorker(s.c, "Bianchi", "Luca", Sex::kMale, D(2011, 3, 10), "L219");  // 15: allowed here
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Contract, PartTimeAndNoneWorkingTimesPass) {
  Scenario s = Make(Base::kHire);
  s.c.contract.working_time = "M";
  s.c.contract.weekly_hours = 39.5;
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
  s.c.contract.contract_type = "A.05.02";  // intermittent work may have no defined hours
  s.c.contract.working_time = "N";
  s.c.contract.weekly_hours = 0;
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Contract, TwelveMonthTraineeshipAndOneDayContractPass) {
  Scenario s = Make(Base::kTraineeship);
  s.c.contract.end = D(2027, 3, 9);
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
  s = Make(Base::kHire);
  s.c.contract.end = s.c.contract.start;
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

}  // namespace
}  // namespace sisl::communications::rules_test
