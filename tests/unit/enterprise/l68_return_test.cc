// The L.68/1999 return on one province: worked cases at every band boundary, part-time pro
// rata, the "above 0.50" rounding, exemptions, excluded categories, protected workers and the
// abatement, suspensions; every figure carries its explanation.

#include "services/enterprise/domain/l68_return.h"

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/enterprise/l68_test_support.h"

namespace sisl::enterprise {
namespace {

using ::testing::IsSupersetOf;
using namespace l68_test;  // NOLINT(build/namespaces): builders only

L68Return Compute(const L68ReturnInput& in) {
  absl::StatusOr<L68Return> r = ComputeL68Return(in);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : L68Return{};
}

struct BandCase {
  int workers;
  L68CompanyCategory category;
  int64_t quota;
  int64_t quota_protected;
  std::vector<std::string> quota_steps;
  std::vector<std::string> protected_steps;
  std::string exact_quota;  // QUOTA_PERCENT's exact value, "" when the quota is fixed
  std::string exact_protected;
};

class BandTest : public ::testing::TestWithParam<BandCase> {};

TEST_P(BandTest, QuotaAndItsExplanation) {
  const BandCase& c = GetParam();
  const L68Return r = Compute(Return({Province("TO", {FullTime(c.workers)})}));
  SCOPED_TRACE(c.workers);
  EXPECT_EQ(r.category, c.category);
  const L68Figures& n = r.national;
  EXPECT_EQ(n.workers_in_force.value, c.workers);
  EXPECT_EQ(n.base.value, c.workers);
  EXPECT_EQ(ValueOf(n.base, "BASE", "base"), std::to_string(c.workers));
  EXPECT_EQ(ValueOf(n.base, "WORKERS_IN_FORCE", "workers_in_force"), std::to_string(c.workers));
  EXPECT_EQ(n.quota.value, c.quota);
  EXPECT_EQ(n.quota_protected.value, c.quota_protected);
  EXPECT_THAT(Codes(n.quota), IsSupersetOf(c.quota_steps));
  EXPECT_THAT(Codes(n.quota_protected), IsSupersetOf(c.protected_steps));
  EXPECT_EQ(ValueOf(n.quota, "COMPANY_CATEGORY", "category"), CategoryName(c.category));
  if (!c.exact_quota.empty()) {
    EXPECT_EQ(ValueOf(n.quota, "QUOTA_PERCENT", "exact"), c.exact_quota);
    EXPECT_EQ(ValueOf(n.quota, "QUOTA_PERCENT", "percent"), "7%");
  }
  if (!c.exact_protected.empty()) {
    EXPECT_EQ(ValueOf(n.quota_protected, "PROTECTED_QUOTA_PERCENT", "exact"), c.exact_protected);
  }
  // One province: it carries the whole quota, and nobody covers it yet.
  ASSERT_EQ(r.provinces.size(), 1u);
  EXPECT_EQ(r.provinces[0].figures.quota.value, c.quota);
  if (c.category == L68CompanyCategory::kB || c.category == L68CompanyCategory::kC) {
    EXPECT_EQ(ValueOf(r.provinces[0].figures.quota, "QUOTA_AT_REGISTERED_OFFICE", "quota"),
              std::to_string(c.quota));
  } else if (c.category == L68CompanyCategory::kA) {
    EXPECT_EQ(ValueOf(r.provinces[0].figures.quota, "QUOTA_SHARE", "exact"), c.exact_quota);
  }
  EXPECT_EQ(r.provinces[0].figures.quota_protected.value, c.quota_protected);
  EXPECT_EQ(n.uncovered.value, c.quota);
  EXPECT_EQ(n.uncovered_protected.value, c.quota_protected);
  EXPECT_EQ(n.covered.value, 0);
}

INSTANTIATE_TEST_SUITE_P(
    L68Bands, BandTest,
    ::testing::Values(BandCase{14,
                               L68CompanyCategory::kNotSubject,
                               0,
                               0,
                               {"COMPANY_CATEGORY", "NOT_SUBJECT"},
                               {"PROTECTED_QUOTA_BAND"},
                               "",
                               ""},
                      BandCase{15,
                               L68CompanyCategory::kC,
                               1,
                               0,
                               {"COMPANY_CATEGORY", "QUOTA_FIXED"},
                               {"PROTECTED_QUOTA_BAND"},
                               "",
                               ""},
                      BandCase{35,
                               L68CompanyCategory::kC,
                               1,
                               0,
                               {"COMPANY_CATEGORY", "QUOTA_FIXED"},
                               {"PROTECTED_QUOTA_BAND"},
                               "",
                               ""},
                      BandCase{36,
                               L68CompanyCategory::kB,
                               2,
                               0,
                               {"COMPANY_CATEGORY", "QUOTA_FIXED"},
                               {"PROTECTED_QUOTA_BAND"},
                               "",
                               ""},
                      BandCase{50,
                               L68CompanyCategory::kB,
                               2,
                               0,
                               {"COMPANY_CATEGORY", "QUOTA_FIXED"},
                               {"PROTECTED_QUOTA_BAND"},
                               "",
                               ""},
                      // 7% of 51 = 3.57: above 0.50, rounds up. Art.18: 51-150 owes one.
                      BandCase{51,
                               L68CompanyCategory::kA,
                               4,
                               1,
                               {"COMPANY_CATEGORY", "QUOTA_PERCENT", "ROUNDING"},
                               {"PROTECTED_QUOTA_BAND"},
                               "3.57",
                               ""},
                      // 7% of 100 = 7 exactly: no rounding step.
                      BandCase{100,
                               L68CompanyCategory::kA,
                               7,
                               1,
                               {"COMPANY_CATEGORY", "QUOTA_PERCENT"},
                               {"PROTECTED_QUOTA_BAND"},
                               "7",
                               ""},
                      // 7% of 150 = 10.50: exactly 0.50 does not round up.
                      BandCase{150,
                               L68CompanyCategory::kA,
                               10,
                               1,
                               {"COMPANY_CATEGORY", "QUOTA_PERCENT", "ROUNDING"},
                               {"PROTECTED_QUOTA_BAND"},
                               "10.50",
                               ""},
                      // 7% of 151 = 10.57; art.18 above 150: 1% of 151 = 1.51 rounds up to 2.
                      BandCase{151,
                               L68CompanyCategory::kA,
                               11,
                               2,
                               {"COMPANY_CATEGORY", "QUOTA_PERCENT", "ROUNDING"},
                               {"PROTECTED_QUOTA_BAND", "PROTECTED_QUOTA_PERCENT", "ROUNDING"},
                               "10.57",
                               "1.51"}),
    [](const ::testing::TestParamInfo<BandCase>& info) {
      return "workers_" + std::to_string(info.param.workers);
    });

TEST(L68RoundingTest, ExactlyHalfStaysDownAndAboveHalfGoesUp) {
  const L68Return at_half = Compute(Return({Province("TO", {FullTime(150)})}));
  EXPECT_EQ(ValueOf(at_half.national.quota, "ROUNDING", "exact"), "10.50");
  EXPECT_EQ(ValueOf(at_half.national.quota, "ROUNDING", "rounded"), "10");
  EXPECT_THAT(at_half.national.quota.Step("ROUNDING")->text_en,
              ::testing::HasSubstr("not above 0.50"));
  const L68Return above = Compute(Return({Province("TO", {FullTime(151)})}));
  EXPECT_EQ(ValueOf(above.national.quota_protected, "ROUNDING", "exact"), "1.51");
  EXPECT_EQ(ValueOf(above.national.quota_protected, "ROUNDING", "rounded"), "2");
  EXPECT_THAT(above.national.quota_protected.Step("ROUNDING")->text_it,
              ::testing::HasSubstr("supera 0,50"));
}

TEST(L68PartTimeTest, CountsProRataAboveAndBelowHalfTime) {
  // 30% and 80% of a 40-hour week: 1.10 units, rounded to 1.
  const L68Return r =
      Compute(Return({Province("TO", {FullTime(48), PartTime(1, 720), PartTime(1, 1920)})}));
  const L68Figures& n = r.national;
  EXPECT_EQ(n.workers_in_force.value, 50);
  EXPECT_EQ(n.part_time_workers.value, 2);
  EXPECT_EQ(n.part_time_units.value, 1);
  EXPECT_EQ(ValueOf(n.part_time_units, "PART_TIME_PRO_RATA", "units_exact"), "1.10");
  EXPECT_EQ(ValueOf(n.part_time_units, "ROUNDING", "rounded"), "1");
  EXPECT_EQ(n.base.value, 49);  // 50 - (2 - 1)
  EXPECT_EQ(ValueOf(n.base, "BASE", "part_time_workers"), "2");
  EXPECT_EQ(ValueOf(n.base, "BASE", "part_time_units"), "1");
  EXPECT_EQ(r.category, L68CompanyCategory::kB);
  EXPECT_EQ(n.quota.value, 2);
}

TEST(L68PartTimeTest, UnitsOfExactlyHalfRoundDown) {
  // Five half-timers: 2.50 units count as 2, so the base is 49 + 2 = 51.
  const L68Return r = Compute(Return({Province("TO", {FullTime(49), PartTime(5, 1200)})}));
  EXPECT_EQ(r.national.part_time_units.value, 2);
  EXPECT_EQ(ValueOf(r.national.part_time_units, "ROUNDING", "exact"), "2.50");
  EXPECT_EQ(r.national.base.value, 51);
  EXPECT_EQ(r.national.quota.value, 4);
}

TEST(L68PartTimeTest, UnitsAboveHalfRoundUp) {
  // 0.51 + 0.50 + 0.50 = 1.51 units: 2. Base 49 + 2 = 51.
  const L68Return r =
      Compute(Return({Province("TO", {FullTime(49), PartTime(1, 1224), PartTime(2, 1200)})}));
  EXPECT_EQ(ValueOf(r.national.part_time_units, "ROUNDING", "exact"), "1.51");
  EXPECT_EQ(r.national.part_time_units.value, 2);
  EXPECT_EQ(r.national.base.value, 51);
}

TEST(L68PartTimeTest, IntermittentWorkersCountTheirHoursWorked) {
  // An intermittent worker without hours counts 0; one at 20 h counts 0.50.
  const L68Return r =
      Compute(Return({Province("TO", {FullTime(20), Intermittent(1, 0), Intermittent(1, 1200)})}));
  EXPECT_EQ(r.national.part_time_workers.value, 2);
  EXPECT_EQ(ValueOf(r.national.part_time_units, "PART_TIME_PRO_RATA", "units_exact"), "0.50");
  EXPECT_EQ(r.national.base.value, 20);
}

TEST(L68CoverageTest, DisabledPartTimersCountOneAboveHalfElseProRata) {
  // 1 full time + 1 at 60% (one unit) + 1 at 50% (0.50) + 1 at 25% (0.25) = 2.75 -> 3.
  const L68Return r =
      Compute(Return({Province("TO", {FullTime(60), Disabled(1), DisabledPartTime(1, 1440),
                                      DisabledPartTime(1, 1200), DisabledPartTime(1, 600)})}));
  const L68Figures& n = r.national;
  EXPECT_EQ(n.workers_in_force.value, 64);
  EXPECT_EQ(n.disabled_in_force.value, 4);
  EXPECT_EQ(n.base.value, 60);  // disabled workers are not counted, part-timers or not
  EXPECT_EQ(n.quota.value, 4);  // 4.20
  EXPECT_EQ(n.disabled_coverage.value, 3);
  EXPECT_EQ(ValueOf(n.disabled_coverage, "DISABLED_COVERAGE", "full_time"), "1");
  EXPECT_EQ(ValueOf(n.disabled_coverage, "DISABLED_COVERAGE", "part_time_above_half"), "1");
  EXPECT_EQ(ValueOf(n.disabled_coverage, "DISABLED_COVERAGE", "part_time_pro_rata"), "2");
  EXPECT_EQ(ValueOf(n.disabled_coverage, "DISABLED_COVERAGE", "pro_rata_units"), "0.75");
  EXPECT_EQ(ValueOf(n.disabled_coverage, "ROUNDING", "exact"), "2.75");
  EXPECT_EQ(n.covered.value, 3);
  EXPECT_EQ(n.uncovered.value, 1);
  EXPECT_EQ(ValueOf(n.uncovered, "NATIONAL_SUM", "TO"), "1");
  EXPECT_EQ(ValueOf(r.provinces[0].figures.uncovered, "UNCOVERED", "positions_due"), "4");
  EXPECT_EQ(n.excess.value, 0);
}

TEST(L68CoverageTest, OtherDisabledCoverageAndExcess) {
  L68ProvinceInput to = Province("TO", {FullTime(40), Disabled(2)});
  to.other_disabled_coverage = 1;
  const L68Return r = Compute(Return({to}));
  EXPECT_EQ(r.national.quota.value, 2);
  EXPECT_EQ(r.national.disabled_coverage.value, 3);
  EXPECT_TRUE(r.national.disabled_coverage.HasStep("OTHER_COVERAGE"));
  EXPECT_EQ(r.national.covered.value, 2);
  EXPECT_EQ(r.national.uncovered.value, 0);
  EXPECT_EQ(r.national.excess.value, 1);
  EXPECT_EQ(ValueOf(r.provinces[0].figures.excess, "EXCESS", "excess"), "1");
}

struct ExemptionCase {
  int percent;
  int64_t exempted;
  bool capped;
  std::string exact;
};

class ExemptionTest : public ::testing::TestWithParam<ExemptionCase> {};

TEST_P(ExemptionTest, PartialExemptionIsCappedAtSixtyPercent) {
  const ExemptionCase& c = GetParam();
  L68ProvinceInput to = Province("TO", {FullTime(100)});  // quota 7
  to.exemption_percent = c.percent;
  const L68Return r = Compute(Return({to}));
  const L68Figure& ex = r.provinces[0].figures.exempted;
  SCOPED_TRACE(c.percent);
  EXPECT_EQ(ex.value, c.exempted);
  EXPECT_EQ(ex.HasStep("EXEMPTION_CAPPED"), c.capped);
  EXPECT_EQ(ValueOf(ex, "EXEMPTION", "exact"), c.exact);
  EXPECT_EQ(ValueOf(ex, "EXEMPTION", "percent"), std::to_string(c.capped ? 60 : c.percent) + "%");
  if (c.capped) {
    EXPECT_EQ(ValueOf(ex, "EXEMPTION_CAPPED", "requested"), "80%");
  }
  EXPECT_EQ(r.national.exempted.value, c.exempted);
  EXPECT_EQ(r.national.positions_due.value, 7 - c.exempted);
  EXPECT_EQ(ValueOf(r.provinces[0].figures.positions_due, "POSITIONS_DUE", "exempted"),
            std::to_string(c.exempted));
  EXPECT_EQ(r.national.uncovered.value, 7 - c.exempted);
}

INSTANTIATE_TEST_SUITE_P(L68Exemptions, ExemptionTest,
                         ::testing::Values(ExemptionCase{80, 4, true, "4.20"},
                                           ExemptionCase{60, 4, false, "4.20"},
                                           ExemptionCase{50, 3, false, "3.50"}));

TEST(L68ExemptionTest, NoExemptionSaysSo) {
  const L68Return r = Compute(Return({Province("TO", {FullTime(100)})}));
  EXPECT_EQ(r.national.exempted.value, 0);
  EXPECT_TRUE(r.provinces[0].figures.exempted.HasStep("NO_EXEMPTION"));
}

TEST(L68ExclusionTest, ExcludedCategoriesLeaveTheirBases) {
  const L68Return r = Compute(Return({Province(
      "TO", {FullTime(40), Excluded(5, L68Exclusion::kFixedTermUpToSixMonths),
             Excluded(3, L68Exclusion::kApprentice), Excluded(2, L68Exclusion::kExecutive),
             Excluded(4, L68Exclusion::kTransportTravellingStaff),
             Excluded(1, L68Exclusion::kTelework)})}));
  const L68Figures& n = r.national;
  EXPECT_EQ(n.workers_in_force.value, 55);
  EXPECT_EQ(n.excluded_disabled_base.value, 15);
  EXPECT_EQ(n.excluded_protected_base.value, 11);  // travelling staff: art.3 base only
  EXPECT_EQ(n.base.value, 40);
  EXPECT_EQ(n.base_protected.value, 44);
  EXPECT_EQ(r.category, L68CompanyCategory::kB);
  EXPECT_EQ(n.quota.value, 2);
  EXPECT_EQ(n.quota_protected.value, 0);
  EXPECT_EQ(CountSteps(n.excluded_disabled_base, "EXCLUDED_CATEGORY"), 5);
  EXPECT_EQ(CountSteps(n.excluded_protected_base, "EXCLUDED_CATEGORY"), 4);
  EXPECT_EQ(CountSteps(n.base, "EXCLUDED_CATEGORY"), 5);
  EXPECT_EQ(ValueOf(n.base, "EXCLUDED_CATEGORY", "category"), "FIXED_TERM_UP_TO_SIX_MONTHS");
  EXPECT_EQ(ValueOf(n.base, "BASE", "excluded"), "15");
  EXPECT_EQ(ValueOf(n.base_protected, "BASE_PROTECTED", "excluded"), "11");
  ASSERT_EQ(r.exclusions.size(), 5u);
  EXPECT_EQ(r.exclusions[0].category, L68Exclusion::kFixedTermUpToSixMonths);
  EXPECT_EQ(r.exclusions[0].workers, 5);
  EXPECT_EQ(r.exclusions[3].category, L68Exclusion::kTelework);
  EXPECT_EQ(r.exclusions[4].scope, L68ExclusionScope::kDisabledBaseOnly);
  EXPECT_EQ(r.provinces[0].exclusions.size(), 5u);
}

TEST(L68ProtectedTest, DeductionCappedAtOnePercentAndAbatement) {
  // 215 in force: 1% = 2.15 -> 2 of the 5 protected workers leave the base (203).
  const L68Return r = Compute(
      Return({Province("TO", {FullTime(200), Disabled(10), Protected(3), Protected(2, true)})}));
  const L68Figures& n = r.national;
  EXPECT_EQ(n.workers_in_force.value, 215);
  EXPECT_EQ(n.protected_deducted.value, 2);
  EXPECT_EQ(ValueOf(n.protected_deducted, "PROTECTED_CAP", "one_percent"), "2.15");
  EXPECT_EQ(ValueOf(n.protected_deducted, "PROTECTED_CAP", "cap"), "2");
  EXPECT_EQ(ValueOf(n.protected_deducted, "PROTECTED_CAP", "protected_in_force"), "5");
  EXPECT_EQ(n.base.value, 203);
  EXPECT_EQ(n.quota.value, 14);           // 14.21
  EXPECT_EQ(n.quota_protected.value, 2);  // 2.03
  EXPECT_EQ(n.protected_in_force.value, 5);
  EXPECT_EQ(n.covered_protected.value, 2);
  EXPECT_EQ(n.excess_protected.value, 3);
  // Uncovered before the abatement: 14 - 10 = 4; abatement = min(2, 5 - 2, 2, 4) = 2.
  EXPECT_EQ(n.abatement.value, 2);
  EXPECT_EQ(ValueOf(n.abatement, "ABATEMENT", "protected_above_quota"), "3");
  EXPECT_EQ(ValueOf(n.abatement, "ABATEMENT", "in_force_17_01_2000"), "2");
  EXPECT_EQ(ValueOf(n.abatement, "ABATEMENT", "uncovered_before"), "4");
  EXPECT_EQ(n.covered.value, 12);
  EXPECT_EQ(n.uncovered.value, 2);
  EXPECT_EQ(r.provinces[0].figures.abatement.value, 2);
  EXPECT_TRUE(r.provinces[0].figures.abatement.HasStep("ABATEMENT_SHARE"));
}

TEST(L68ProtectedTest, NoAbatementWithoutWorkersFrom2000) {
  const L68Return r =
      Compute(Return({Province("TO", {FullTime(200), Disabled(10), Protected(5)})}));
  EXPECT_EQ(r.national.abatement.value, 0);
  EXPECT_EQ(ValueOf(r.national.abatement, "ABATEMENT", "abatement"), "0");
  EXPECT_EQ(r.national.uncovered.value, r.national.quota.value - 10);
}

TEST(L68SuspensionTest, SuspensionIsReportedOnTheUncoveredPositions) {
  L68ProvinceInput to = Province("TO", {FullTime(100)});
  to.suspension = L68Suspension{20, "CIGS"};
  const L68Return r = Compute(Return({to}));
  EXPECT_TRUE(r.provinces[0].obligation_suspended);
  EXPECT_EQ(r.provinces[0].figures.suspended_workers.value, 20);
  EXPECT_EQ(r.national.suspended_workers.value, 20);
  EXPECT_EQ(r.national.uncovered.value, 7);
  EXPECT_EQ(ValueOf(r.provinces[0].figures.uncovered, "SUSPENSION", "cause"), "CIGS");
  const L68Return plain = Compute(Return({Province("TO", {FullTime(100)})}));
  EXPECT_FALSE(plain.provinces[0].obligation_suspended);
  EXPECT_FALSE(plain.provinces[0].figures.uncovered.HasStep("SUSPENSION"));
}

TEST(L68ExplanationTest, EveryFigureHasStepsInBothLanguages) {
  L68ProvinceInput to =
      Province("TO", {FullTime(120), PartTime(3, 1000), Disabled(4), Protected(2, true),
                      Excluded(2, L68Exclusion::kApprentice)});
  to.exemption_percent = 30;
  to.suspension = L68Suspension{5, "CIGS"};
  L68ProvinceInput cn = Province("CN", {FullTime(45), DisabledPartTime(1, 1500)});
  L68ReturnInput in = Return({to, cn});
  in.compensations.push_back({L68QuotaKind::kDisabled, "CN", "TO", 1});
  const L68Return r = Compute(in);
  std::vector<const L68Figures*> sections = {&r.national};
  for (const L68ProvinceResult& p : r.provinces) sections.push_back(&p.figures);
  for (const L68Figures* f : sections) {
    for (const auto& [name, figure] : AllFigures(*f)) {
      ASSERT_FALSE(figure->steps.empty()) << name;
      for (const L68Step& s : figure->steps) {
        EXPECT_FALSE(s.code.empty()) << name;
        EXPECT_FALSE(s.text_it.empty()) << name << " " << s.code;
        EXPECT_FALSE(s.text_en.empty()) << name << " " << s.code;
        EXPECT_NE(s.text_it, s.text_en) << name << " " << s.code;
      }
    }
  }
}

TEST(L68ExplanationTest, TheYearNamesTheDayOfTheStaff) {
  const L68Return r = Compute(Return({Province("TO", {FullTime(20)})}));
  EXPECT_EQ(r.year, 2025);
  EXPECT_THAT(r.national.workers_in_force.steps[0].text_it, ::testing::HasSubstr("31/12/2025"));
}

TEST(L68FixedTermTest, SixMonthsOrLess) {
  EXPECT_TRUE(FixedTermUpToSixMonths(absl::CivilDay(2025, 1, 1), absl::CivilDay(2025, 6, 30)));
  EXPECT_FALSE(FixedTermUpToSixMonths(absl::CivilDay(2025, 1, 1), absl::CivilDay(2025, 7, 1)));
  // From 31 August the six months end on the last day of February.
  EXPECT_TRUE(FixedTermUpToSixMonths(absl::CivilDay(2025, 8, 31), absl::CivilDay(2026, 2, 27)));
  EXPECT_FALSE(FixedTermUpToSixMonths(absl::CivilDay(2025, 8, 31), absl::CivilDay(2026, 2, 28)));
  EXPECT_FALSE(FixedTermUpToSixMonths(absl::CivilDay(2025, 3, 1), absl::CivilDay(2025, 2, 1)));
}

TEST(L68LabelsTest, EveryExclusionHasCodeLabelsAndScope) {
  for (int i = 1; i <= static_cast<int>(L68Exclusion::kConstructionSiteStaff); ++i) {
    const auto e = static_cast<L68Exclusion>(i);
    EXPECT_NE(ExclusionCode(e), "UNSPECIFIED") << i;
    EXPECT_FALSE(ExclusionLabelIt(e).empty()) << i;
    EXPECT_FALSE(ExclusionLabelEn(e).empty()) << i;
    EXPECT_NE(ScopeOf(e), L68ExclusionScope::kUnspecified) << i;
  }
  EXPECT_EQ(ScopeOf(L68Exclusion::kUnspecified), L68ExclusionScope::kUnspecified);
  EXPECT_EQ(ScopeOf(L68Exclusion::kConstructionSiteStaff), L68ExclusionScope::kDisabledBaseOnly);
}

}  // namespace
}  // namespace sisl::enterprise
