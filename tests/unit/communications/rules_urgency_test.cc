// URG and VAR rules: one failing case each, and the filings that pass.

#include <vector>

#include "gmock/gmock.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;
using ::testing::IsEmpty;

const std::vector<RuleCase>& UrgencyCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"URG-001", Base::kUniurg,
       [](C& c, X&) {
         c.event = EventKind::kTermination;
         c.termination = Termination{D(2026, 3, 20), "LI"};
       }},
      {"URG-002", Base::kUniurg, [](C& c, X&) { c.urgency.reset(); }},
      {"URG-002", Base::kUniurg, [](C& c, X&) { c.urgency->reason = " "; }},
      {"URG-003", Base::kHire, [](C& c, X&) { c.urgency = Urgency{"Motivo"}; }},
      {"URG-004", Base::kAfterUrgency,
       [](C& c, X&) {
         c.event = EventKind::kTermination;
         c.termination = Termination{D(2026, 3, 20), "LI"};
       }},
      {"URG-005", Base::kAfterUrgency, [](C& c, X&) { c.previous_code = ""; }},
      {"URG-006", Base::kAfterUrgency, [](C& c, X& x) { x.referenced.reset(); }},
      {"URG-007", Base::kAfterUrgency, [](C& c, X& x) { x.referenced->form = Form::kUnilav; }},
      {"URG-008", Base::kAfterUrgency,
       [](C& c, X& x) {
         x.referenced->worker.fiscal_code =
             PersonCode("Verdi", "Anna", reference::Sex::kFemale, D(1992, 11, 5), "A479");
       }},
      {"URG-009", Base::kAfterUrgency,
       [](C& c, X& x) { x.referenced->employer.fiscal_code = Vat("0246813579"); }},
      {"URG-010", Base::kAfterUrgency,
       [](C& c, X& x) { x.referenced->contract.start = D(2026, 2, 26); }},
      {"URG-011", Base::kUniurg, [](C& c, X&) { c.contract.contract_type = "C.01.00"; }},
  };
  return *cases;
}

const std::vector<RuleCase>& EmployerChangeCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"VAR-001", Base::kVardatori,
       [](C& c, X&) {
         c.employer_change.reset();
         c.contract.start = D(2026, 2, 20);  // the date EventDate falls back to
       }},
      {"VAR-002", Base::kVardatori, [](C& c, X&) { c.employer_change->kind = "MERGE"; }},
      {"VAR-003", Base::kVardatori, [](C& c, X&) { c.employer_change->previous_fiscal_code = ""; }},
      {"VAR-004", Base::kVardatori,
       [](C& c, X&) { c.employer_change->previous_fiscal_code = "123"; }},
      {"VAR-005", Base::kVardatori, [](C& c, X&) { c.employer_change->previous_name = ""; }},
      {"VAR-006", Base::kVardatori,
       [](C& c, X&) { c.employer_change->worker_fiscal_codes.clear(); }},
      {"VAR-007", Base::kVardatori,
       [](C& c, X&) { c.employer_change->worker_fiscal_codes.push_back("XXX"); }},
      {"VAR-008", Base::kVardatori,
       [](C& c, X&) {
         c.employer_change->worker_fiscal_codes.push_back(
             " " + c.employer_change->worker_fiscal_codes[0]);
       }},
      {"VAR-009", Base::kVardatori,
       [](C& c, X&) { c.employer_change->previous_fiscal_code = c.employer.fiscal_code; }},
      {"VAR-010", Base::kVardatori, [](C& c, X&) { c.employer_change->kind = "NAME"; }},
      {"VAR-011", Base::kVardatori,
       [](C& c, X&) {
         c.employer_change->kind = "NAME";
         c.employer_change->previous_fiscal_code = c.employer.fiscal_code;
         c.employer_change->previous_name = "NUOVA SOFTWARE S.R.L.";
       }},
      {"VAR-012", Base::kVardatori,
       [](C& c, X&) { c.employer_change->worker_fiscal_codes.push_back(c.employer.fiscal_code); }},
      {"VAR-013", Base::kVardatori,
       [](C& c, X& x) { x.unmoved_workers = {c.employer_change->worker_fiscal_codes[1]}; }},
      {"VAR-014", Base::kTermination, [](C&, X& x) { x.moved_away = true; }},
  };
  return *cases;
}

SISL_RULE_CASES(Urgency, UrgencyCases());
SISL_RULE_CASES(EmployerChange, EmployerChangeCases());

TEST(EmployerChange, NameChangeKeepsTheCode) {
  Scenario s = Make(Base::kVardatori);
  s.c.employer_change->kind = "NAME";
  s.c.employer_change->previous_fiscal_code = s.c.employer.fiscal_code;
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

}  // namespace
}  // namespace sisl::communications::rules_test
