// The L.68/1999 return across provinces: national rounding apportioned so provinces add up,
// the 15-50 quota at the registered office, territorial compensations; and refused input.

#include <cctype>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/enterprise/domain/l68_return.h"
#include "services/platform/errors.h"
#include "tests/unit/enterprise/l68_test_support.h"

namespace sisl::enterprise {
namespace {

using namespace l68_test;  // NOLINT(build/namespaces): builders only

L68Return Compute(const L68ReturnInput& in) {
  absl::StatusOr<L68Return> r = ComputeL68Return(in);
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *r : L68Return{};
}

// Torino (registered office) and Cuneo, with disabled workers already employed.
L68ReturnInput TorinoCuneo(int disabled_to, int disabled_cn) {
  return Return({Province("TO", {FullTime(100), Disabled(disabled_to)}),
                 Province("CN", {FullTime(60), Disabled(disabled_cn)})});
}

TEST(L68ProvincesTest, QuotaSharesAddUpToTheNationalQuota) {
  const L68Return r = Compute(TorinoCuneo(7, 2));
  const L68Figures& to = r.provinces[0].figures;
  const L68Figures& cn = r.provinces[1].figures;
  EXPECT_TRUE(r.provinces[0].registered_office);
  EXPECT_FALSE(r.provinces[1].registered_office);
  EXPECT_EQ(r.national.base.value, 160);
  EXPECT_EQ(r.national.quota.value, 11);  // 11.20
  EXPECT_EQ(to.quota.value, 7);           // 7.00
  EXPECT_EQ(cn.quota.value, 4);           // 4.20
  EXPECT_EQ(ValueOf(cn.quota, "QUOTA_SHARE", "exact"), "4.20");
  EXPECT_EQ(ValueOf(cn.quota, "QUOTA_SHARE", "base"), "60");
  EXPECT_EQ(ValueOf(cn.quota, "COMPANY_CATEGORY", "national_base"), "160");
  // Art.18 above 150: 1% of each base, 1.00 and 0.60, adding up to 2 (1.60).
  EXPECT_EQ(r.national.quota_protected.value, 2);
  EXPECT_EQ(to.quota_protected.value, 1);
  EXPECT_EQ(cn.quota_protected.value, 1);
  EXPECT_EQ(ValueOf(cn.quota_protected, "ROUNDING", "exact"), "0.60");
}

TEST(L68ProvincesTest, ExcessInOneProvinceDoesNotCoverAnother) {
  const L68Return r = Compute(TorinoCuneo(9, 2));
  EXPECT_EQ(r.provinces[0].figures.excess.value, 2);     // 9 for 7
  EXPECT_EQ(r.provinces[1].figures.uncovered.value, 2);  // 2 for 4
  EXPECT_EQ(r.national.uncovered.value, 2);
  EXPECT_EQ(r.national.excess.value, 2);
  EXPECT_TRUE(r.national.uncovered.HasStep("NO_NETTING_BETWEEN_PROVINCES"));
  EXPECT_EQ(ValueOf(r.national.uncovered, "NATIONAL_SUM", "CN"), "2");
  EXPECT_TRUE(r.provinces[0].figures.compensation.HasStep("NO_COMPENSATION"));
}

TEST(L68ProvincesTest, TwoProvincesCompensating) {
  L68ReturnInput in = TorinoCuneo(9, 2);
  in.compensations.push_back({L68QuotaKind::kDisabled, "TO", "CN", 2});
  const L68Return r = Compute(in);
  const L68Figures& to = r.provinces[0].figures;
  const L68Figures& cn = r.provinces[1].figures;
  EXPECT_EQ(to.compensation.value, 2);
  EXPECT_EQ(cn.compensation.value, -2);
  EXPECT_EQ(ValueOf(to.compensation, "COMPENSATION_GIVEN", "to_province"), "CN");
  EXPECT_EQ(ValueOf(cn.compensation, "COMPENSATION_RECEIVED", "from_province"), "TO");
  EXPECT_EQ(to.positions_due.value, 9);  // 7 + 2
  EXPECT_EQ(cn.positions_due.value, 2);  // 4 - 2
  EXPECT_EQ(ValueOf(cn.positions_due, "POSITIONS_DUE", "compensation"), "-2");
  EXPECT_EQ(to.uncovered.value, 0);
  EXPECT_EQ(cn.uncovered.value, 0);
  EXPECT_EQ(to.excess.value, 0);
  EXPECT_EQ(r.national.compensation.value, 0);
  EXPECT_TRUE(r.national.compensation.HasStep("COMPENSATION_NET"));
  EXPECT_EQ(r.national.positions_due.value, 11);
  EXPECT_EQ(r.national.covered.value, 11);
  EXPECT_EQ(r.national.uncovered.value, 0);
  EXPECT_EQ(r.national.excess.value, 0);
  // The protected side is untouched by a disabled compensation.
  EXPECT_EQ(cn.compensation_protected.value, 0);
  EXPECT_TRUE(r.national.compensation_protected.HasStep("NO_COMPENSATION"));
}

TEST(L68ProvincesTest, ProtectedCompensation) {
  L68ReturnInput in = TorinoCuneo(7, 4);
  in.provinces[0].employees.push_back(Protected(2));
  in.compensations.push_back({L68QuotaKind::kProtected, "TO", "CN", 1});
  const L68Return r = Compute(in);
  EXPECT_EQ(r.provinces[0].figures.positions_due_protected.value, 2);
  EXPECT_EQ(r.provinces[1].figures.positions_due_protected.value, 0);
  EXPECT_EQ(r.national.uncovered_protected.value, 0);
  EXPECT_EQ(r.provinces[1].figures.compensation.value, 0);
}

TEST(L68ProvincesTest, CompensationCannotTakeMoreThanAProvinceOwes) {
  L68ReturnInput in = TorinoCuneo(9, 2);
  in.compensations.push_back({L68QuotaKind::kDisabled, "TO", "CN", 5});  // CN owes 4
  absl::StatusOr<L68Return> r = ComputeL68Return(in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(platform::ErrorReason(r.status()), "L68_COMPENSATION_EXCEEDS_POSITIONS_DUE");
  EXPECT_EQ(platform::ErrorMetadata(r.status())["province"], "CN");
}

TEST(L68ProvincesTest, SmallCompanyQuotaGoesToTheRegisteredOffice) {
  for (const std::string office : {"TO", "CN"}) {
    const L68Return r =
        Compute(Return({Province("TO", {FullTime(20)}), Province("CN", {FullTime(20)})}, office));
    SCOPED_TRACE(office);
    EXPECT_EQ(r.category, L68CompanyCategory::kB);
    const int at = office == "TO" ? 0 : 1;
    EXPECT_EQ(r.provinces[at].figures.quota.value, 2);
    EXPECT_EQ(r.provinces[1 - at].figures.quota.value, 0);
    EXPECT_EQ(ValueOf(r.provinces[1 - at].figures.quota, "QUOTA_AT_REGISTERED_OFFICE",
                      "registered_office"),
              office);
    EXPECT_EQ(r.national.uncovered.value, 2);
  }
}

TEST(L68ProvincesTest, MissingUnitGoesToTheLargestFractionThenTheOffice) {
  // 3.50 and 3.50 round down to 3 each, but 7% of 100 is 7: the office gets the unit.
  for (const std::string office : {"TO", "CN"}) {
    const L68Return r =
        Compute(Return({Province("TO", {FullTime(50)}), Province("CN", {FullTime(50)})}, office));
    SCOPED_TRACE(office);
    const int at = office == "TO" ? 0 : 1;
    EXPECT_EQ(r.national.quota.value, 7);
    EXPECT_EQ(r.provinces[at].figures.quota.value, 4);
    EXPECT_EQ(r.provinces[1 - at].figures.quota.value, 3);
    EXPECT_EQ(ValueOf(r.provinces[at].figures.quota, "APPORTIONED", "adjustment"), "1");
    EXPECT_FALSE(r.provinces[1 - at].figures.quota.HasStep("APPORTIONED"));
  }
  // With unequal fractions the larger one gets it, wherever the office is: 3.01 and 3.50
  // round down to 3 each, 7% of 93 is 6.51 -> 7.
  const L68Return r =
      Compute(Return({Province("TO", {FullTime(43)}), Province("CN", {FullTime(50)})}, "TO"));
  EXPECT_EQ(r.national.quota.value, 7);
  EXPECT_EQ(r.provinces[0].figures.quota.value, 3);
  EXPECT_EQ(r.provinces[1].figures.quota.value, 4);
  EXPECT_EQ(ValueOf(r.provinces[1].figures.quota, "APPORTIONED", "national"), "7");
}

TEST(L68ProvincesTest, ExtraUnitsComeBackFromTheSmallestFractionsSparingTheOffice) {
  // Seven provinces of 8: 0.56 each rounds to 1 (7 in all), but 7% of 56 is 3.92 -> 4.
  std::vector<L68ProvinceInput> provinces;
  for (const char* p : {"TO", "CN", "AT", "AL", "BI", "NO", "VC"}) {
    provinces.push_back(Province(p, {FullTime(8)}));
  }
  const L68Return r = Compute(Return(provinces));
  EXPECT_EQ(r.national.quota.value, 4);
  int64_t sum = 0;
  for (const L68ProvinceResult& p : r.provinces) sum += p.figures.quota.value;
  EXPECT_EQ(sum, 4);
  EXPECT_EQ(r.provinces[0].figures.quota.value, 1);  // the office keeps its unit
  for (int i : {4, 5, 6}) {
    EXPECT_EQ(r.provinces[i].figures.quota.value, 0) << r.provinces[i].province;
    EXPECT_EQ(ValueOf(r.provinces[i].figures.quota, "APPORTIONED", "adjustment"), "-1");
  }
}

TEST(L68ProvincesTest, PartTimeUnitsAreRoundedNationally) {
  // A half-timer in each province: 0.50 + 0.50 = 1 unit nationally, given to the office.
  const L68Return r = Compute(Return({Province("TO", {FullTime(20), PartTime(1, 1200)}),
                                      Province("CN", {FullTime(20), PartTime(1, 1200)})}));
  EXPECT_EQ(r.national.part_time_units.value, 1);
  EXPECT_EQ(r.provinces[0].figures.part_time_units.value, 1);
  EXPECT_EQ(r.provinces[1].figures.part_time_units.value, 0);
  EXPECT_TRUE(r.provinces[0].figures.part_time_units.HasStep("APPORTIONED"));
  EXPECT_EQ(r.national.base.value, 41);
  EXPECT_EQ(r.provinces[0].figures.base.value + r.provinces[1].figures.base.value, 41);
}

TEST(L68ProvincesTest, ProtectedDeductionIsSharedByProvince) {
  // 303 in force: 1% = 3.03 -> 3 deducted of 4 protected workers (3 in TO, 1 in CN).
  const L68Return r = Compute(Return({Province("TO", {FullTime(200), Protected(3)}),
                                      Province("CN", {FullTime(99), Protected(1)})}));
  EXPECT_EQ(r.national.protected_deducted.value, 3);
  EXPECT_EQ(r.provinces[0].figures.protected_deducted.value, 2);  // 2.25
  EXPECT_EQ(r.provinces[1].figures.protected_deducted.value, 1);  // 0.75
  EXPECT_EQ(ValueOf(r.provinces[0].figures.protected_deducted, "PROTECTED_SHARE", "exact_share"),
            "2.25");
}

// ---- Refused input ---------------------------------------------------------------------------

struct BadInput {
  std::string name;
  void (*mutate)(L68ReturnInput&);
  std::string reason;
  std::string field;
};

class L68InputTest : public ::testing::TestWithParam<BadInput> {};

TEST_P(L68InputTest, IsRefusedWithItsReason) {
  L68ReturnInput in =
      Return({Province("TO", {FullTime(20), PartTime(1, 1200)}), Province("CN", {FullTime(5)})});
  GetParam().mutate(in);
  absl::StatusOr<L68Return> r = ComputeL68Return(in);
  ASSERT_FALSE(r.ok()) << GetParam().name;
  EXPECT_EQ(r.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(platform::ErrorReason(r.status()), GetParam().reason);
  const auto violations = platform::ErrorFieldViolations(r.status());
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    L68Inputs, L68InputTest,
    ::testing::Values(
        BadInput{"year", [](L68ReturnInput& in) { in.year = 1999; }, "L68_INVALID_YEAR", "year"},
        BadInput{"no provinces", [](L68ReturnInput& in) { in.provinces.clear(); },
                 "L68_NO_PROVINCES", "provinces"},
        BadInput{"unknown province", [](L68ReturnInput& in) { in.provinces[1].province = "XX"; },
                 "L68_UNKNOWN_PROVINCE", "provinces[1].province"},
        BadInput{"lower-case province", [](L68ReturnInput& in) { in.provinces[1].province = "cn"; },
                 "L68_UNKNOWN_PROVINCE", "provinces[1].province"},
        BadInput{"duplicate", [](L68ReturnInput& in) { in.provinces[1].province = "TO"; },
                 "L68_DUPLICATE_PROVINCE", "provinces[1].province"},
        BadInput{"office", [](L68ReturnInput& in) { in.registered_office_province = "AT"; },
                 "L68_REGISTERED_OFFICE_NOT_IN_RETURN", "registered_office_province"},
        BadInput{"count", [](L68ReturnInput& in) { in.provinces[0].employees[0].count = 0; },
                 "L68_INVALID_WORKER_COUNT", "provinces[0].employees[0].count"},
        BadInput{"working time",
                 [](L68ReturnInput& in) {
                   in.provinces[0].employees[0].working_time = L68WorkingTime::kUnspecified;
                 },
                 "L68_WORKING_TIME_REQUIRED", "provinces[0].employees[0].working_time"},
        BadInput{"part-time at full time",
                 [](L68ReturnInput& in) { in.provinces[0].employees[1].weekly_minutes = 2400; },
                 "L68_INVALID_HOURS", "provinces[0].employees[1].weekly_minutes"},
        BadInput{
            "no full-time week",
            [](L68ReturnInput& in) { in.provinces[0].employees[1].full_time_weekly_minutes = 0; },
            "L68_INVALID_HOURS", "provinces[0].employees[1].full_time_weekly_minutes"},
        BadInput{
            "role",
            [](L68ReturnInput& in) { in.provinces[0].employees[0].role = L68Role::kUnspecified; },
            "L68_ROLE_REQUIRED", "provinces[0].employees[0].role"},
        BadInput{"excluded disabled",
                 [](L68ReturnInput& in) {
                   in.provinces[0].employees[0].role = L68Role::kDisabled;
                   in.provinces[0].employees[0].exclusion = L68Exclusion::kApprentice;
                 },
                 "L68_EXCLUSION_REQUIRES_ORDINARY_ROLE", "provinces[0].employees[0].exclusion"},
        BadInput{"unspecified exclusion",
                 [](L68ReturnInput& in) {
                   in.provinces[0].employees[0].exclusion = L68Exclusion::kUnspecified;
                 },
                 "L68_INVALID_EXCLUSION", "provinces[0].employees[0].exclusion"},
        BadInput{
            "2000 for ordinary",
            [](L68ReturnInput& in) { in.provinces[0].employees[0].in_force_on_17_01_2000 = true; },
            "L68_17_01_2000_REQUIRES_PROTECTED_ROLE",
            "provinces[0].employees[0].in_force_on_17_01_2000"},
        BadInput{"other coverage",
                 [](L68ReturnInput& in) { in.provinces[0].other_disabled_coverage = -1; },
                 "L68_INVALID_OTHER_COVERAGE", "provinces[0].other_disabled_coverage"},
        BadInput{"exemption", [](L68ReturnInput& in) { in.provinces[0].exemption_percent = 101; },
                 "L68_INVALID_EXEMPTION_PERCENT", "provinces[0].exemption_percent"},
        BadInput{"suspension",
                 [](L68ReturnInput& in) {
                   in.provinces[0].suspension = L68Suspension{3, ""};
                 },
                 "L68_INVALID_SUSPENSION", "provinces[0].suspension"},
        BadInput{"compensation kind",
                 [](L68ReturnInput& in) {
                   in.compensations.push_back({L68QuotaKind::kUnspecified, "TO", "CN", 1});
                 },
                 "L68_INVALID_COMPENSATION", "compensations[0].kind"},
        BadInput{"compensation province",
                 [](L68ReturnInput& in) {
                   in.compensations.push_back({L68QuotaKind::kDisabled, "TO", "AT", 1});
                 },
                 "L68_INVALID_COMPENSATION", "compensations[0]"},
        BadInput{"compensation to itself",
                 [](L68ReturnInput& in) {
                   in.compensations.push_back({L68QuotaKind::kDisabled, "TO", "TO", 1});
                 },
                 "L68_INVALID_COMPENSATION", "compensations[0]"},
        BadInput{"compensation positions",
                 [](L68ReturnInput& in) {
                   in.compensations.push_back({L68QuotaKind::kDisabled, "TO", "CN", 0});
                 },
                 "L68_INVALID_COMPENSATION", "compensations[0].positions"}),
    [](const ::testing::TestParamInfo<BadInput>& info) {
      std::string name = info.param.name;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(L68InputTest, TooVariedHoursOverflowInsteadOfGivingAWrongFigure) {
  // Six coprime full-time weeks: the exact sum needs a denominator above 2^62.
  std::vector<L68Employee> staff = {FullTime(10)};
  for (int full : {3557, 3559, 3571, 3581, 3583, 3593}) staff.push_back(PartTime(1, 1, full));
  absl::StatusOr<L68Return> r = ComputeL68Return(Return({Province("TO", staff)}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kOutOfRange);
  EXPECT_EQ(platform::ErrorReason(r.status()), "L68_ARITHMETIC_OVERFLOW");
}

}  // namespace
}  // namespace sisl::enterprise
