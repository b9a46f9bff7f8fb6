// WRK rules: one failing case each, and the worker data that passes.

#include <vector>

#include "gmock/gmock.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;
using reference::Sex;

const std::vector<RuleCase>& WorkerCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"WRK-001", Base::kHire, [](C& c, X&) { c.worker.fiscal_code = ""; }},
      {"WRK-001", Base::kUniurg, [](C& c, X&) { c.worker.fiscal_code = " "; }},
      {"WRK-002", Base::kHire, [](C& c, X&) { c.worker.fiscal_code = "RSSMRA85C12L219X"; }},
      {"WRK-002", Base::kHire, [](C& c, X&) { c.worker.fiscal_code = "RSSMRA85"; }},
      {"WRK-003", Base::kHire, [](C& c, X&) { c.worker.surname = "Bianchi"; }},
      {"WRK-003", Base::kUniurg, [](C& c, X&) { c.worker.surname = "Bianchi"; }},
      {"WRK-004", Base::kHire, [](C& c, X&) { c.worker.name = "Luigi"; }},
      {"WRK-005", Base::kHire, [](C& c, X&) { c.worker.sex = Sex::kFemale; }},
      {"WRK-006", Base::kHire, [](C& c, X&) { c.worker.birth_date = D(1985, 3, 13); }},
      {"WRK-007", Base::kHire, [](C& c, X&) { c.worker.birth_place_code = "A479"; }},
      {"WRK-008", Base::kHire, [](C& c, X&) { c.worker.fiscal_code = c.employer.fiscal_code; }},
      {"WRK-009", Base::kHire, [](C& c, X&) { c.worker.surname = ""; }},
      {"WRK-010", Base::kHire, [](C& c, X&) { c.worker.name = ""; }},
      {"WRK-011", Base::kHire,
       [](C& c, X&) { SetWorker(c, "Rossi", "Mario", Sex::kMale, D(2027, 1, 1), "L219"); }},
      {"WRK-011", Base::kHire,
       [](C& c, X&) { SetWorker(c, "Rossi", "Mario", Sex::kMale, D(1899, 5, 1), "L219"); }},
      {"WRK-012", Base::kHire,
       [](C& c, X&) { SetWorker(c, "Neri", "Paolo", Sex::kMale, D(2011, 1, 1), "L219"); }},
      {"WRK-013", Base::kHire, [](C& c, X&) { c.worker.birth_place_code = ""; }},
      {"WRK-014", Base::kHire,
       [](C& c, X&) { SetWorker(c, "Rossi", "Mario", Sex::kMale, D(1985, 3, 12), "Z999"); }},
      {"WRK-015", Base::kHire, [](C& c, X&) { c.worker.citizenship = ""; }},
      {"WRK-016", Base::kHire, [](C& c, X&) { c.worker.citizenship = "12"; }},
      {"WRK-017", Base::kHire, [](C& c, X&) { c.worker.education_level = ""; }},
      {"WRK-017", Base::kMissionStart, [](C& c, X&) { c.worker.education_level = ""; }},
      {"WRK-018", Base::kHire, [](C& c, X&) { c.worker.education_level = "9"; }},
      {"WRK-019", Base::kHire, [](C& c, X&) { c.worker.domicile.municipality_code = ""; }},
      {"WRK-020", Base::kHire, [](C& c, X&) { c.worker.domicile.municipality_code = "Z100"; }},
      {"WRK-021", Base::kHire, [](C& c, X&) { c.worker.domicile.postcode = "123"; }},
  };
  return *cases;
}

SISL_RULE_CASES(Worker, WorkerCases());

TEST(Worker, OmocodeAndLowerCaseCodesAreCoherent) {
  Scenario s = Make(Base::kHire);
  s.c.worker.fiscal_code = "rssmra85c12l219b";
  EXPECT_THAT(Codes(Validate(s.c, s.context)), ::testing::IsEmpty());
}

TEST(Worker, SixteenOnTheStartDayIsOldEnough) {
  Scenario s = Make(Base::kHire);
  SetWorker(s.c, "Neri", "Paolo", Sex::kMale, D(2010, 3, 10), "L219");
  EXPECT_THAT(Codes(Validate(s.c, s.context)), ::testing::IsEmpty());
  SetWorker(s.c, "Neri", "Paolo", Sex::kMale, D(2010, 3, 11), "L219");
  EXPECT_THAT(Codes(Validate(s.c, s.context)), ::testing::ElementsAre("WRK-012"));
}

TEST(Worker, ProvisionalNumericCodeIsAccepted) {
  Scenario s = Make(Base::kHire);
  s.c.worker.fiscal_code = Vat("9876543210");
  EXPECT_THAT(Codes(Validate(s.c, s.context)), ::testing::IsEmpty());
}

TEST(Worker, ForeignBornWorkerNeedsKnownCountry) {
  Scenario s = Make(Base::kNonEuHire);
  EXPECT_THAT(Codes(Validate(s.c, s.context)), ::testing::IsEmpty());
}

}  // namespace
}  // namespace sisl::communications::rules_test
