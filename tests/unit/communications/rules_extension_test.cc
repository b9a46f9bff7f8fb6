// EXT and TRF rules: one failing case each, and the extensions and transformations that pass.

#include <vector>

#include "gmock/gmock.h"
#include "services/reference/code_lists.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;
using ::testing::IsEmpty;

const std::vector<RuleCase>& ExtensionCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"EXT-001", Base::kExtension, [](C& c, X&) { c.extension.reset(); }},
      {"EXT-002", Base::kExtension, [](C& c, X& x) { x.relationship->contract_type = "A.01.00"; }},
      {"EXT-003", Base::kExtension, [](C& c, X&) { c.extension->new_end = D(2026, 3, 6); }},
      {"EXT-004", Base::kExtension, [](C& c, X&) { c.extension->new_end = D(2027, 9, 1); }},
      {"EXT-005", Base::kExtension, [](C& c, X& x) { x.relationship->extensions = 4; }},
      {"EXT-006", Base::kExtension,
       [](C& c, X& x) {
         c.contract.contract_type = x.relationship->contract_type = "C.01.00";
         c.extension->new_end = D(2026, 9, 1);
       }},
      {"EXT-007", Base::kExtension, [](C& c, X& x) { x.relationship->open = false; }},
      {"EXT-008", Base::kExtension, [](C& c, X& x) { x.relationship->end = D(2026, 3, 31); }},
  };
  return *cases;
}

// The by-office nature has no deadline: a transformation whose date is missing or wrong would
// otherwise also be late.
void ByOffice(C& c) { c.nature = Nature::kByOffice; }

const std::vector<RuleCase>& TransformationCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"TRF-001", Base::kTransformation,
       [](C& c, X&) {
         ByOffice(c);
         c.transformation.reset();
       }},
      {"TRF-002", Base::kTransformation, [](C& c, X&) { c.transformation->code = ""; }},
      {"TRF-003", Base::kTransformation, [](C& c, X&) { c.transformation->code = "XX"; }},
      {"TRF-004", Base::kTransformation, [](C& c, X&) { c.transformation->code = "TL"; }},
      {"TRF-005", Base::kTransformation,
       [](C& c, X&) {
         ByOffice(c);
         c.transformation->date = D(2025, 9, 1);
       }},
      {"TRF-006", Base::kTransformation, [](C& c, X&) { c.transformation->date = D(2026, 9, 1); }},
      {"TRF-007", Base::kTransformation,
       [](C& c, X&) {
         c.transformation = Transformation{"TP", D(2026, 3, 1), "A.03.02", "P", 20};
       }},
      {"TRF-008", Base::kTransformation,
       [](C& c, X&) { c.transformation->new_contract_type = "A.02.00"; }},
      {"TRF-008", Base::kTransformation,
       [](C& c, X&) { c.transformation->new_contract_type = ""; }},
      {"TRF-009", Base::kTransformation,
       [](C& c, X& x) { x.relationship->contract_type = "A.01.00"; }},
      {"TRF-009", Base::kTransformation,
       [](C& c, X& x) {
         x.relationship->contract_type = "A.03.09";
         c.transformation->code = "DP";
         c.transformation->new_contract_type = "A.03.09";
       }},
      {"TRF-010", Base::kTransformation,
       [](C& c, X&) {
         c.transformation = Transformation{"PV", D(2026, 3, 1), "", "", 0};
       }},
      {"TRF-011", Base::kTransformation,
       [](C& c, X& x) {
         x.relationship->working_time = "P";
         c.transformation = Transformation{"PP", D(2026, 3, 1), "", "V", 20};
       }},
      {"TRF-012", Base::kTransformation,
       [](C& c, X&) {
         c.transformation = Transformation{"TP", D(2026, 3, 1), "", "F", 0};
       }},
      {"TRF-013", Base::kTransformation,
       [](C& c, X&) { c.transformation->new_working_time = "1"; }},
      {"TRF-014", Base::kTransformation,
       [](C& c, X&) {
         c.transformation = Transformation{"TP", D(2026, 3, 1), "", "P", 0};
       }},
      {"TRF-015", Base::kTransformation, [](C& c, X&) { c.contract.seasonal = true; }},
      {"TRF-016", Base::kTransformation,
       [](C& c, X& x) {
         x.relationship->contract_type = "A.03.09";
         c.transformation->code = "AI";
       }},
      {"TRF-017", Base::kTransformation, [](C& c, X& x) { x.relationship->open = false; }},
      {"TRF-018", Base::kTransformation,
       [](C& c, X&) {
         c.transformation = Transformation{"PP", D(2026, 3, 1), "", "F", 0};
       }},
  };
  return *cases;
}

SISL_RULE_CASES(Extension, ExtensionCases());
SISL_RULE_CASES(Transformation, TransformationCases());

TEST(Extension, TwentyFourMonthsAndFourExtensionsAreAllowed) {
  Scenario s = Make(Base::kExtension);
  s.c.extension->new_end = D(2027, 8, 31);
  s.context.relationship->extensions = 3;
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Extension, SeasonalWorkIsExemptFromTheLimits) {
  Scenario s = Make(Base::kExtension);
  s.c.contract.seasonal = true;
  s.c.extension->new_end = D(2028, 1, 1);
  s.context.relationship->extensions = 6;
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Transformation, TraineeshipAndApprenticeshipCanBecomeOpenEnded) {
  Scenario s = Make(Base::kTransformation);
  s.c.contract.contract_type = s.context.relationship->contract_type = "C.01.00";
  s.c.contract.ccnl = "";
  s.c.contract.end = s.context.relationship->end = D(2026, 3, 31);
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
  s = Make(Base::kTransformation);
  s.context.relationship->contract_type = "A.03.09";
  s.c.transformation->code = "FF";
  s.c.transformation->new_contract_type = "";
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

TEST(Transformation, WorkingTimeChangesPass) {
  Scenario s = Make(Base::kTransformation);
  s.c.transformation = Transformation{"TP", D(2026, 3, 1), "", "P", 24};
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
  s.context.relationship->working_time = "V";
  s.c.transformation = Transformation{"PP", D(2026, 3, 1), "", "F", 40};
  EXPECT_THAT(Codes(Validate(s.c, s.context)), IsEmpty());
}

}  // namespace
}  // namespace sisl::communications::rules_test

namespace sisl::communications::rules_test {
namespace {

// The rules (TRF-003) accept exactly the codes of services/reference's list, which the filing
// wizard offers: the two cannot drift apart.
TEST(Transformation, TheRulesAcceptExactlyTheReferenceListsCodes) {
  for (const reference::CodeEntry& entry : reference::CoTransformationCodes().entries()) {
    Scenario s = Make(Base::kTransformation);
    s.c.transformation->code = entry.code;
    EXPECT_THAT(Codes(Validate(s.c, s.context)), ::testing::Not(::testing::Contains("TRF-003")))
        << entry.code;
  }
  for (const char* unknown : {"XX", "AA", "ZZ"}) {
    ASSERT_EQ(reference::CoTransformationCodes().Find(unknown), nullptr);
    Scenario s = Make(Base::kTransformation);
    s.c.transformation->code = unknown;
    EXPECT_THAT(Codes(Validate(s.c, s.context)), ::testing::Contains("TRF-003")) << unknown;
  }
}

}  // namespace
}  // namespace sisl::communications::rules_test
