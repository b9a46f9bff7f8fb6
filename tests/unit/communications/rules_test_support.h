// Fixtures of the rule catalogue tests: fully valid communications of every form and event
// (real codes: Mario Rossi RSSMRA85C12L219B, ATECO 2025, CP2011, CCNL), a registry of failing
// cases (one communication mutated so exactly one rule fires), and the parameterized test that
// runs them. Each rules_<area>_test.cc registers its cases; rules_catalogue_test.cc checks that
// every rule of the catalogue has at least one.
#ifndef SISL_TESTS_UNIT_COMMUNICATIONS_RULES_TEST_SUPPORT_H_
#define SISL_TESTS_UNIT_COMMUNICATIONS_RULES_TEST_SUPPORT_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/rules.h"
#include "services/reference/fiscal_code.h"

namespace sisl::communications::rules_test {

// The filing day of every fixture (a Monday).
inline const absl::CivilDay kToday(2026, 3, 2);

inline absl::CivilDay D(int year, int month, int day) { return absl::CivilDay(year, month, day); }

// The valid communications the cases start from.
enum class Base {
  kHire,            // UNILAV hire, fixed-term A.02.00, full time, Mario Rossi, filed in time
  kApprenticeship,  // UNILAV hire, A.03.09, worker aged 20, training end after 24 months
  kTraineeship,     // UNILAV hire, C.01.00, 6 months
  kNonEuHire,       // UNILAV hire of an Albanian worker with a residence permit
  kExtension,       // UNILAV extension of a fixed-term relationship
  kTransformation,  // UNILAV transformation DI (fixed-term to open-ended)
  kTransfer,        // UNILAV transfer to Cuneo
  kSecondment,      // UNILAV secondment to a host employer
  kTermination,     // UNILAV termination (LI) of an open-ended relationship
  kMissionStart,    // UNISOMM mission start (agency hire)
  kMissionExtension,
  kMissionTermination,
  kUniurg,        // UNIURG urgent hire
  kAfterUrgency,  // the UNILAV after a UNIURG (context.referenced is the UNIURG)
  kVardatori,     // VARDATORI transfer of business
  kCorrection,    // correction of the hire (context.referenced is the hire)
  kCancellation,  // cancellation of the hire, before its start
};
std::vector<Base> AllBases();
std::string BaseName(Base base);

struct Scenario {
  Communication c;
  RuleContext context;
};
Scenario Make(Base base);

// Codes for fixtures: a valid VAT number from 10 digits, a person's fiscal code.
std::string Vat(absl::string_view first10);
std::string PersonCode(absl::string_view surname, absl::string_view name, reference::Sex sex,
                       absl::CivilDay birth, absl::string_view place);
// Replaces the worker with a coherent person (fiscal code computed).
void SetWorker(Communication& c, absl::string_view surname, absl::string_view name,
               reference::Sex sex, absl::CivilDay birth, absl::string_view place);

// One failing case: `base` mutated so that `rule` fires, and only it (plus `also`, when another
// rule cannot help firing too).
struct RuleCase {
  std::string rule;
  Base base;
  std::function<void(Communication&, RuleContext&)> mutate;
  std::vector<std::string> also = {};
};

// Every case registered by the area test files (static initialization, before main).
std::vector<RuleCase>& Registry();
bool Register(const std::vector<RuleCase>& cases);

std::vector<std::string> Codes(const std::vector<Finding>& findings);
std::string CaseName(const ::testing::TestParamInfo<RuleCase>& info);

class RuleCaseTest : public ::testing::TestWithParam<RuleCase> {};

}  // namespace sisl::communications::rules_test

// Registers an area's cases for the coverage test and instantiates the parameterized test. Use
// inside namespace sisl::communications::rules_test.
#define SISL_RULE_CASES(Area, cases)                                 \
  [[maybe_unused]] const bool k##Area##Registered = Register(cases); \
  INSTANTIATE_TEST_SUITE_P(Area, RuleCaseTest, ::testing::ValuesIn(cases), CaseName)

#endif  // SISL_TESTS_UNIT_COMMUNICATIONS_RULES_TEST_SUPPORT_H_
