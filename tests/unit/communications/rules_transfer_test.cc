// TRS and TRM rules: one failing case each, and the transfers and terminations that pass.

#include <vector>

#include "gmock/gmock.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;
using ::testing::IsEmpty;

// By-office filings have no deadline, so a missing or early event date is not also late.
void ByOffice(C& c) { c.nature = Nature::kByOffice; }

const std::vector<RuleCase>& TransferCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"TRS-001", Base::kTransfer,
       [](C& c, X&) {
         ByOffice(c);
         c.transfer.reset();
       }},
      {"TRS-002", Base::kTransfer,
       [](C& c, X&) {
         ByOffice(c);
         c.transfer->date = D(2025, 8, 1);
       }},
      {"TRS-003", Base::kTransfer, [](C& c, X& x) { x.relationship->end = D(2026, 2, 28); }},
      {"TRS-004", Base::kTransfer,
       [](C& c, X&) { c.transfer->new_workplace.municipality_code = ""; }},
      {"TRS-005", Base::kTransfer,
       [](C& c, X&) { c.transfer->new_workplace.municipality_code = "X999"; }},
      {"TRS-006", Base::kTransfer, [](C& c, X&) { c.transfer->new_workplace.postcode = "1"; }},
      {"TRS-007", Base::kSecondment, [](C& c, X&) { c.transfer->host_employer_fiscal_code = ""; }},
      {"TRS-008", Base::kSecondment,
       [](C& c, X&) { c.transfer->host_employer_fiscal_code = "123"; }},
      {"TRS-009", Base::kSecondment,
       [](C& c, X&) { c.transfer->host_employer_fiscal_code = c.employer.fiscal_code; }},
      {"TRS-010", Base::kSecondment, [](C& c, X&) { c.transfer->host_employer_name = ""; }},
      {"TRS-011", Base::kSecondment, [](C& c, X&) { c.transfer->end = D(2026, 2, 1); }},
      {"TRS-012", Base::kSecondment, [](C& c, X&) { c.transfer->end.reset(); }},
      {"TRS-013", Base::kTransfer, [](C& c, X&) { c.transfer->host_employer_name = "Altro"; }},
      {"TRS-014", Base::kTransfer,
       [](C& c, X&) { c.transfer->new_workplace = c.employer.workplace; }},
      {"TRS-015", Base::kSecondment, [](C& c, X& x) { x.relationship->open = false; }},
  };
  return *cases;
}

// Makes the termination base act on a fixed-term relationship ending on `end`.
void FixedTerm(C& c, X& x, absl::CivilDay end) {
  c.contract.contract_type = x.relationship->contract_type = "A.02.00";
  c.contract.end = x.relationship->end = end;
}

const std::vector<RuleCase>& TerminationCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"TRM-001", Base::kTermination,
       [](C& c, X&) {
         ByOffice(c);
         c.termination.reset();
       }},
      {"TRM-001", Base::kMissionTermination,
       [](C& c, X&) {
         ByOffice(c);
         c.termination.reset();
       }},
      {"TRM-002", Base::kTermination, [](C& c, X&) { c.termination->cause = ""; }},
      {"TRM-003", Base::kTermination, [](C& c, X&) { c.termination->cause = "Z9"; }},
      {"TRM-003", Base::kTermination, [](C& c, X&) { c.termination->cause = "licenziamento"; }},
      {"TRM-004", Base::kTermination,
       [](C& c, X&) {
         ByOffice(c);
         c.termination->date = D(2025, 8, 1);
       }},
      {"TRM-005", Base::kTermination, [](C& c, X&) { c.termination->cause = "AR"; }},
      {"TRM-006", Base::kTermination, [](C& c, X&) { c.termination->cause = "DS"; }},
      {"TRM-007", Base::kTermination, [](C& c, X& x) { x.relationship->open = false; }},
      {"TRM-008", Base::kTermination, [](C& c, X& x) { FixedTerm(c, x, D(2026, 2, 27)); }},
      {"TRM-009", Base::kTermination, [](C& c, X& x) { FixedTerm(c, x, D(2026, 2, 20)); }},
  };
  return *cases;
}

SISL_RULE_CASES(Transfer, TransferCases());
SISL_RULE_CASES(Termination, TerminationCases());

TEST(Transfer, SecondmentAbroadNeedsNoItalianHost) {
  Scenario s = Make(Base::kSecondment);
  s.c.transfer->new_workplace = {"Z404", "", "1 Main Street"};
  s.c.transfer->host_employer_fiscal_code = "US-123456";
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Termination, ApprenticeshipCauseAndPublicCausePass) {
  Scenario s = Make(Base::kTermination);
  s.c.contract.contract_type = s.context.relationship->contract_type = "A.03.09";
  s.c.contract.training_end = D(2027, 8, 31);
  s.c.termination->cause = "AR";
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
  s = Make(Base::kTermination);
  s.c.employer.public_administration = true;
  s.c.termination->cause = "DS";
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Termination, EarlyEndOfFixedTermPasses) {
  Scenario s = Make(Base::kTermination);
  s.c.contract.contract_type = s.context.relationship->contract_type = "A.02.00";
  s.c.contract.end = s.context.relationship->end = D(2026, 6, 30);
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

}  // namespace
}  // namespace sisl::communications::rules_test
