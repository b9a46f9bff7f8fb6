// Two sisl-booking replicas on one PostgreSQL: 200 concurrent citizens make ~1,500 booking
// attempts for a calendar of exactly 1,000 seats, most of them on a few hot slots. Every seat is
// sold exactly once, every other attempt fails with SLOT_TAKEN, and the store agrees.
#include "gtest/gtest.h"
#include "tests/integration/booking_storm.h"

namespace sisl::testing_env::storm {
namespace {

using BookingContentionTest = BookingStormTest;

TEST_F(BookingContentionTest, EverySeatIsSoldOnceAcrossReplicas) {
  ASSERT_NO_FATAL_FAILURE(PrepareCalendar());
  std::vector<Attempt> plan = Plan();
  const absl::Duration elapsed = Storm(plan);
  ExpectEverySeatSoldOnce(plan, elapsed, "contention");
  ExpectBothIndexesFull();
}

}  // namespace
}  // namespace sisl::testing_env::storm
