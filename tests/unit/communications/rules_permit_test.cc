// PRM rules: one failing case each, and the permits that pass.

#include <vector>

#include "gmock/gmock.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::vector<RuleCase>& PermitCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"PRM-001", Base::kNonEuHire, [](C& c, X&) { c.worker.permit.reset(); }},
      {"PRM-002", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->document_type = ""; }},
      {"PRM-003", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->document_type = "9"; }},
      {"PRM-004", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->number = ""; }},
      {"PRM-005", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->reason = ""; }},
      {"PRM-012", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->reason = "STUDIO"; }},
      {"PRM-006", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->police_office = ""; }},
      {"PRM-007", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->police_office = "X999"; }},
      {"PRM-008", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->expiry.reset(); }},
      {"PRM-009", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->expiry = D(2026, 3, 9); }},
      {"PRM-010", Base::kNonEuHire, [](C& c, X&) { c.worker.permit->expiry = D(2026, 6, 30); }},
      {"PRM-011", Base::kHire,
       [](C& c, X&) {
         c.worker.permit = Permit{"1", "AB1234567", "LAVORO", D(2027, 1, 1), "L219"};
       }},
  };
  return *cases;
}

SISL_RULE_CASES(Permit, PermitCases());

TEST(Permit, ResidenceCardNeedsNoExpiry) {
  Scenario s = Make(Base::kNonEuHire);
  s.c.worker.permit->document_type = "2";
  s.c.worker.permit->expiry.reset();
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Permit, ExpiredPermitUnderRenewalPasses) {
  Scenario s = Make(Base::kNonEuHire);
  s.c.worker.permit->document_type = "3";
  s.c.worker.permit->expiry = D(2026, 2, 1);
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Permit, ExpiredPermitDoesNotBlockATermination) {
  Scenario s = Make(Base::kTermination);
  SetWorker(s.c, "Hoxha", "Arben", reference::Sex::kMale, D(1990, 7, 1), "Z100");
  s.c.worker.citizenship = "201";
  s.c.worker.permit = Permit{"1", "AB1234567", "LS", D(2026, 2, 1), "L219"};
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Permit, UnitedKingdomNeedsAPermitSinceBrexit) {
  Scenario s = Make(Base::kNonEuHire);
  s.c.worker.citizenship = "219";  // British
  s.c.worker.permit.reset();
  EXPECT_THAT(Codes(Validate(s.c, s.context)), ElementsAre("PRM-001"));
}

}  // namespace
}  // namespace sisl::communications::rules_test
