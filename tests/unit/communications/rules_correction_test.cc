// COR and DLN rules: one failing case each, and the corrections and cancellations that pass.

#include <vector>

#include "gmock/gmock.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;
using ::testing::IsEmpty;

const std::vector<RuleCase>& CorrectionCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"COR-001", Base::kCorrection, [](C& c, X&) { c.previous_code = ""; }},
      {"COR-001", Base::kCancellation, [](C& c, X&) { c.previous_code = ""; }},
      {"COR-002", Base::kCorrection,
       [](C& c, X& x) { c.previous_code = x.referenced->code = "ABC"; }},
      {"COR-003", Base::kCorrection, [](C& c, X& x) { x.referenced.reset(); }},
      {"COR-003", Base::kCancellation, [](C& c, X& x) { x.referenced.reset(); }},
      {"COR-004", Base::kCorrection, [](C& c, X& x) { x.referenced_is_last = false; }},
      {"COR-004", Base::kCancellation, [](C& c, X& x) { x.referenced_is_last = false; }},
      {"COR-005", Base::kCorrection, [](C& c, X& x) { x.referenced->code = "2026UL0000000002"; }},
      {"COR-006", Base::kCorrection,
       [](C& c, X&) {
         SetWorker(c, "Bianchi", "Luca", reference::Sex::kMale, D(1990, 6, 15), "L219");
       }},
      {"COR-007", Base::kCorrection, [](C& c, X&) { c.employer.fiscal_code = Vat("0246813579"); }},
      {"COR-008", Base::kCorrection, [](C& c, X& x) { x.referenced->form = Form::kUniurg; }},
      {"COR-009", Base::kCorrection,
       [](C& c, X& x) { x.referenced->event = EventKind::kTermination; }},
      {"COR-010", Base::kCorrection, [](C& c, X&) { c.contract.start = D(2026, 3, 11); }},
      {"COR-011", Base::kCancellation, [](C& c, X& x) { x.today = D(2026, 3, 11); }},
      {"COR-012", Base::kCancellation,
       [](C& c, X& x) { x.referenced->nature = Nature::kCancellation; }},
      {"COR-013", Base::kCorrection,
       [](C& c, X& x) { x.referenced->nature = Nature::kCancellation; }},
  };
  return *cases;
}

const std::vector<RuleCase>& DeadlineCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"DLN-001", Base::kHire, [](C& c, X& x) { x.today = D(2026, 3, 11); }},
      {"DLN-002", Base::kUniurg, [](C& c, X& x) { x.today = D(2026, 3, 11); }},
      {"DLN-003", Base::kAfterUrgency, [](C& c, X& x) { x.today = D(2026, 3, 6); }},
      {"DLN-003", Base::kAfterUrgency,
       [](C& c, X& x) {
         c.employer.ateco = x.referenced->employer.ateco = "55.10.00";  // tourism: 3 days
         x.today = D(2026, 3, 3);
       }},
      {"DLN-004", Base::kMissionStart, [](C& c, X& x) { x.today = D(2026, 4, 22); }},
      {"DLN-005", Base::kHire,
       [](C& c, X& x) {
         c.employer.public_administration = true;
         x.today = D(2026, 4, 21);
       }},
      {"DLN-006", Base::kHire,
       [](C& c, X& x) {
         c.employer.ateco = "85.31.20";
         x.today = D(2026, 3, 23);
       }},
      {"DLN-007", Base::kTermination, [](C& c, X& x) { x.today = D(2026, 3, 5); }},
      {"DLN-008", Base::kVardatori, [](C& c, X& x) { x.today = D(2026, 3, 24); }},
  };
  return *cases;
}

SISL_RULE_CASES(Correction, CorrectionCases());
SISL_RULE_CASES(Deadline, DeadlineCases());

TEST(Correction, CancellingAHireOnItsStartDayIsAllowed) {
  Scenario s = Make(Base::kCancellation);
  s.context.today = D(2026, 3, 10);
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Correction, CancellationSkipsContentRules) {
  Scenario s = Make(Base::kCancellation);
  s.c.worker = Worker{};
  s.c.contract = Contract{};
  s.c.employer = Employer{};
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Deadline, OnTheDueDayIsInTime) {
  Scenario s = Make(Base::kHire);
  s.context.today = D(2026, 3, 9);
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

}  // namespace
}  // namespace sisl::communications::rules_test
