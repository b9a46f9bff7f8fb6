// The relationship fold with employer changes (VARDATORI) among its steps: a change moves the
// relationship only when it lists the worker and the relationship is with its previous
// employer; without it (cancelled) the relationship is back with the previous employer.

#include "services/communications/domain/relationship.h"

#include <vector>

#include "gtest/gtest.h"

namespace sisl::communications {
namespace {

Communication Hire() {
  Communication c;
  c.code = "0126UL0000000001";
  c.employer.fiscal_code = "01234567890";
  c.employer.name = "Alfa S.r.l.";
  c.worker.fiscal_code = "RSSMRA85C12L219B";
  c.contract.start = absl::CivilDay(2026, 3, 2);
  c.contract.contract_type = "A.01.00";
  return c;
}

Communication Change(const std::string& worker, const std::string& previous) {
  Communication c;
  c.code = "0126VD0000000001";
  c.form = Form::kVardatori;
  c.event = EventKind::kEmployerChange;
  c.employer.fiscal_code = "09876543210";
  c.employer.name = "Beta S.p.A.";
  c.employer_change =
      EmployerChange{"TRANSFER", absl::CivilDay(2026, 6, 1), previous, "Alfa S.r.l.", {worker}};
  return c;
}

TEST(Relationship, AnEmployerChangeMovesAListedWorkerFromThePreviousEmployer) {
  const auto moved = FoldRelationship({Hire(), Change("rssmra85c12l219b", "01234567890")});
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->employer_fiscal_code, "09876543210");
  EXPECT_EQ(moved->employer_name, "Beta S.p.A.");
  EXPECT_EQ(moved->last_code, "0126VD0000000001");
  EXPECT_EQ(moved->start, absl::CivilDay(2026, 3, 2));
}

TEST(Relationship, AnEmployerChangeOfAnotherWorkerOrEmployerIsNoStepOfTheState) {
  for (const Communication& change :
       {Change("VRDNNA92S45A479X", "01234567890"), Change("RSSMRA85C12L219B", "11111111111")}) {
    const auto kept = FoldRelationship({Hire(), change});
    ASSERT_TRUE(kept.has_value());
    EXPECT_EQ(kept->employer_fiscal_code, "01234567890");
    EXPECT_EQ(kept->last_code, "0126UL0000000001");
  }
}

TEST(Relationship, ACancelledChangeLeavesTheRelationshipWithThePreviousEmployer) {
  Communication cancellation = Change("RSSMRA85C12L219B", "01234567890");
  cancellation.nature = Nature::kCancellation;
  const auto back = FoldRelationship({Hire(), cancellation});
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->employer_fiscal_code, "01234567890");
  // A change alone (its hire cancelled) is no relationship.
  EXPECT_FALSE(FoldRelationship({Change("RSSMRA85C12L219B", "01234567890")}).has_value());
}

}  // namespace
}  // namespace sisl::communications
