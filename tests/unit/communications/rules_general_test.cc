// GEN rules: one failing case each (the passing case is every fixture, rules_fixtures_test.cc).

#include <vector>

#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using C = Communication;
using X = RuleContext;

const std::vector<RuleCase>& GeneralCases() {
  static const auto* const cases = new std::vector<RuleCase>{
      {"GEN-001", Base::kHire, [](C& c, X&) { c.event = EventKind::kMissionStart; }},
      {"GEN-002", Base::kHire, [](C& c, X&) { c.event = EventKind::kEmployerChange; }},
      {"GEN-003", Base::kHire,
       [](C& c, X&) {
         c.termination = Termination{D(2026, 3, 10), "LI"};
       }},
      {"GEN-004", Base::kHire, [](C& c, X&) { c.code = "ABC"; }},
      {"GEN-004", Base::kHire, [](C& c, X&) { c.code = "2026ul0000000001"; }},
      {"GEN-005", Base::kHire, [](C& c, X&) { c.previous_code = "2026UL0000000001"; }},
      {"GEN-006",
       Base::kTermination,
       [](C& c, X& x) { c.contract.start = x.relationship->start = D(1899, 12, 31); },
       {"CTR-002"}},
      {"GEN-012", Base::kTermination,
       [](C& c, X& x) { c.contract.start = x.relationship->start = kNoDay; },
       {"CTR-002"}},
      {"GEN-007", Base::kHire,
       [](C& c, X&) {
         c.contract.start = D(2027, 3, 10);
         c.contract.end = D(2027, 9, 9);
       }},
      {"GEN-008", Base::kVardatori,
       [](C& c, X&) {
         c.nature = Nature::kByOffice;  // no deadline: it would be late too
         c.employer_change->date = D(1899, 1, 1);
       }},
      {"GEN-009", Base::kTermination,
       [](C& c, X& x) {
         c.nature = Nature::kByOffice;  // an inspection found it: no deadline
         c.contract.start = x.relationship->start = D(2019, 1, 7);
         c.termination->date = D(2020, 1, 15);
         c.employer.ateco = "62.01.00";  // the edition in force then
       }},
      {"GEN-010", Base::kHire, [](C& c, X& x) { x.relationship = RelationshipFacts{}; }},
      {"GEN-011", Base::kTermination, [](C& c, X&) { c.termination->date = D(2027, 6, 1); }},
  };
  return *cases;
}

SISL_RULE_CASES(General, GeneralCases());

TEST(General, EveryFormAndEventCombinationOfTheFixturesIsCoherent) {
  for (Base base : AllBases()) {
    const Scenario s = Make(base);
    EXPECT_EQ(s.c.form == Form::kVardatori, s.c.event == EventKind::kEmployerChange);
  }
}

TEST(General, ClosedRelationshipIsNoObstacleToAHireWithoutOne) {
  Scenario s = Make(Base::kHire);
  s.context.relationship = RelationshipFacts{};
  s.context.relationship->open = false;  // an earlier relationship, terminated
  EXPECT_TRUE(Validate(s.c, s.context).empty());
}

}  // namespace
}  // namespace sisl::communications::rules_test
