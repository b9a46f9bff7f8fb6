// Deadlines of mandatory communications (DOMAIN.md §11) and lateness in working days.

#include "services/communications/domain/deadlines.h"

#include <optional>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/unit/communications/rules_test_support.h"

namespace sisl::communications::rules_test {
namespace {

using ::testing::Optional;

Deadline Due(absl::CivilDay day, absl::string_view basis) {
  return Deadline{day, std::string(basis)};
}

TEST(Deadline, OrdinaryHireByTheDayBefore) {
  const Communication c = Make(Base::kHire).c;  // starts Tuesday 2026-03-10
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 3, 9), kBasisHire)));
}

TEST(Deadline, DayBeforeOnASundayOrHolidayMovesToTheNextWorkingDay) {
  Communication c = Make(Base::kHire).c;
  c.contract.start = D(2026, 3, 16);  // Monday: the day before is a Sunday
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 3, 16), kBasisHire)));
  c.contract.start = D(2026, 4, 7);  // the day before is Easter Monday
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 4, 7), kBasisHire)));
  c.contract.start = D(2026, 4, 26);  // Sunday; the day before, Saturday 25 April, a holiday
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 4, 27), kBasisHire)));
}

TEST(Deadline, UrgentHireByTheDayBefore) {
  EXPECT_THAT(DeadlineOf(Make(Base::kUniurg).c), Optional(Due(D(2026, 3, 9), kBasisUrgentHire)));
}

TEST(Deadline, UnilavAfterUrgencyWithinFiveDaysThreeInTourism) {
  Communication c = Make(Base::kAfterUrgency).c;  // starts Friday 2026-02-27
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 3, 4), kBasisAfterUrgency)));
  c.employer.ateco = "56.11.11";  // a restaurant (ATECO 2025 section I)
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 3, 2), kBasisAfterUrgencyTourism)));
  c.contract.start = D(2024, 6, 1);
  c.employer.ateco = "55.10.00";  // ATECO 2007 has the code too
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2024, 6, 4), kBasisAfterUrgencyTourism)));
}

TEST(Deadline, AgencyWorkByThe20thOfTheNextMonth) {
  Communication c = Make(Base::kMissionStart).c;  // mission starts 2026-03-10
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 4, 20), kBasisAgencyWork)));
  c.mission->start = D(2026, 8, 3);  // 20 September 2026 is a Sunday
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 9, 21), kBasisAgencyWork)));
  c.mission->start = D(2026, 12, 15);  // across the year
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2027, 1, 20), kBasisAgencyWork)));
  EXPECT_THAT(DeadlineOf(Make(Base::kMissionTermination).c),
              Optional(Due(D(2026, 3, 20), kBasisAgencyWork)));
}

TEST(Deadline, PublicEmployerByThe20thOfTheNextMonth) {
  Communication c = Make(Base::kHire).c;
  c.employer.public_administration = true;
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 4, 20), kBasisPublicEmployer)));
  Communication t = Make(Base::kTermination).c;  // 2026-02-27
  t.employer.public_administration = true;
  EXPECT_THAT(DeadlineOf(t), Optional(Due(D(2026, 3, 20), kBasisPublicEmployer)));
}

TEST(Deadline, SchoolHireWithinTenDays) {
  Communication c = Make(Base::kHire).c;
  c.employer.ateco = "85.31.20";
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 3, 20), kBasisSchool)));
  c.employer.public_administration = true;  // a state school: the school rule still applies
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 3, 20), kBasisSchool)));
}

TEST(Deadline, EventsWithinFiveDays) {
  EXPECT_THAT(DeadlineOf(Make(Base::kTermination).c),  // Friday 27 February
              Optional(Due(D(2026, 3, 4), kBasisEvent)));
  EXPECT_THAT(DeadlineOf(Make(Base::kTransformation).c),  // Sunday 1 March
              Optional(Due(D(2026, 3, 6), kBasisEvent)));
  EXPECT_THAT(DeadlineOf(Make(Base::kTransfer).c), Optional(Due(D(2026, 3, 6), kBasisEvent)));
  EXPECT_THAT(DeadlineOf(Make(Base::kExtension).c),  // the old end, Friday 6 March
              Optional(Due(D(2026, 3, 11), kBasisEvent)));
  Communication c = Make(Base::kTermination).c;
  c.termination->date = D(2026, 12, 20);  // + 5 = Friday 25 December, then Saturday 26
  EXPECT_THAT(DeadlineOf(c), Optional(Due(D(2026, 12, 28), kBasisEvent)));
}

TEST(Deadline, EmployerChangeWithinThirtyDays) {
  EXPECT_THAT(DeadlineOf(Make(Base::kVardatori).c),  // 20 Feb + 30 = Sunday 22 March
              Optional(Due(D(2026, 3, 23), kBasisEmployerChange)));
}

TEST(Deadline, CorrectionsCancellationsAndOfficeFilingsHaveNone) {
  EXPECT_EQ(DeadlineOf(Make(Base::kCorrection).c), std::nullopt);
  EXPECT_EQ(DeadlineOf(Make(Base::kCancellation).c), std::nullopt);
  Communication c = Make(Base::kHire).c;
  c.nature = Nature::kByOffice;
  EXPECT_EQ(DeadlineOf(c), std::nullopt);
  EXPECT_EQ(DaysLate(c, D(2030, 1, 1)), std::nullopt);
}

TEST(DaysLate, ZeroUntilTheDueDay) {
  const Communication c = Make(Base::kHire).c;  // due Monday 9 March
  EXPECT_THAT(DaysLate(c, D(2026, 1, 1)), Optional(0));
  EXPECT_THAT(DaysLate(c, D(2026, 3, 9)), Optional(0));
  EXPECT_THAT(DaysLate(c, D(2026, 3, 10)), Optional(1));
}

TEST(DaysLate, CountsWorkingDaysSkippingSundaysAndHolidays) {
  Communication c = Make(Base::kHire).c;
  // Due Monday 9 March; filed Monday 16: 10, 11, 12, 13, 14 (Saturday counts), 16.
  EXPECT_THAT(DaysLate(c, D(2026, 3, 16)), Optional(6));
  c.contract.start = D(2026, 4, 3);  // due Thursday 2 April
  // 3 (Fri), 4 (Sat), [5 Easter, 6 Easter Monday], 7 (Tue).
  EXPECT_THAT(DaysLate(c, D(2026, 4, 7)), Optional(3));
}

TEST(DaysLate, FarAwayDatesAreBounded) {
  Communication c = Make(Base::kHire).c;
  c.contract.start = D(1, 1, 1);
  const std::optional<int> late = DaysLate(c, D(9999, 1, 1));
  ASSERT_TRUE(late.has_value());
  EXPECT_GT(*late, 5000);
  EXPECT_LT(*late, 20 * 366);
  c.contract.start = D(9999, 1, 1);
  EXPECT_THAT(DaysLate(c, D(1, 1, 1)), Optional(0));
}

}  // namespace
}  // namespace sisl::communications::rules_test
