// Calendar use cases on the booking store, against SQLite and PostgreSQL: validation, slot
// materialisation across DST and holidays, idempotent creation, exceptions against bookings,
// authorisation, and the availability index fed by the resulting events.
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/booking/app/availability_index.h"
#include "services/booking/app/calendar_manager.h"
#include "services/booking/seeding.h"
#include "services/booking/store/calendar_store.h"
#include "services/platform/errors.h"
#include "tests/contract/db_test_support.h"

namespace sisl::booking {
namespace {

using platform::ErrorReason;
using platform::auth::Caller;
using platform::auth::Role;
using testing_env::IsOk;
using D = absl::CivilDay;

class BookingCalendarsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(absl::LoadTimeZone("Europe/Rome", &zone_));
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(IsOk(MigrateBookingStore(*db_, clock_)));
    ASSERT_TRUE(IsOk(SeedReferenceData(*db_, clock_)));
    committer_ = std::make_unique<platform::outbox::Committer>(*db_, clock_, "sisl-booking",
                                                              nullptr);
    manager_ = std::make_unique<CalendarManager>(*committer_, zone_);
  }

  // Torino's first site belongs to CPI-TO-15.
  Calendar Weekdays(absl::CivilDay first, absl::CivilDay last, int start = 9 * 60,
                    int end = 12 * 60) {
    Calendar c;
    c.site_code = "TO-01";
    c.service_code = "DID_PATTO";
    c.first_day = first;
    c.last_day = last;
    for (int d = 1; d <= 7; ++d) c.bands.push_back({static_cast<Weekday>(d), start, end, 45, 2});
    c.operator_ids = {"op-1", "op-2"};
    return c;
  }

  int CountSlots(const std::string& calendar_id) {
    auto tx = db_->Begin();
    auto r = (*tx)->Execute("SELECT COUNT(*) FROM slots WHERE calendar_id = $1", {calendar_id});
    return r.ok() ? static_cast<int>(r->rows[0].Int(0)) : -1;
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<platform::db::Database> db_;
  std::unique_ptr<platform::outbox::Committer> committer_;
  platform::FakeClock clock_{absl::FromUnixSeconds(1'772'000'000)};  // 2026-02-25
  absl::TimeZone zone_;
  std::unique_ptr<CalendarManager> manager_;
  const Caller torino_operator_{.subject = "op-1", .role = Role::kOperator,
                                .cpi_code = "CPI-TO-15"};
  const Caller cuneo_operator_{.subject = "op-9", .role = Role::kOperator,
                               .cpi_code = "CPI-CN-18"};
};

TEST_F(BookingCalendarsTest, MaterialisesSlotsAcrossDstAndHolidays) {
  // 23 March - 5 April 2026 (DST starts 29 March; 5 April is Easter Sunday, every day has
  // bands): 14 days, minus Easter Sunday = 13 days of 4 slots.
  auto c = manager_->Create(torino_operator_, Weekdays(D(2026, 3, 23), D(2026, 4, 5)), "r1");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(CountSlots(c->id), 13 * 4);
  auto tx = db_->Begin();
  auto slots = CalendarStore().SlotsOfDay(**tx, c->id, D(2026, 3, 28));
  ASSERT_TRUE(slots.ok());
  ASSERT_EQ(slots->size(), 4u);
  EXPECT_EQ(absl::FormatTime("%H:%M", slots->front().start, absl::UTCTimeZone()), "08:00");
  slots = CalendarStore().SlotsOfDay(**tx, c->id, D(2026, 3, 30));
  ASSERT_EQ(slots->size(), 4u);
  EXPECT_EQ(absl::FormatTime("%H:%M", slots->front().start, absl::UTCTimeZone()), "07:00");
  EXPECT_EQ(slots->front().local_start_minute, 9 * 60);
}

TEST_F(BookingCalendarsTest, CreationIsIdempotentPerRequestId) {
  auto a = manager_->Create(torino_operator_, Weekdays(D(2026, 3, 2), D(2026, 3, 6)), "same");
  auto b = manager_->Create(torino_operator_, Weekdays(D(2026, 3, 2), D(2026, 3, 6)), "same");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->id, b->id);
}

TEST_F(BookingCalendarsTest, RefusesOverlapsBadBandsAndStrangers) {
  ASSERT_TRUE(manager_->Create(torino_operator_, Weekdays(D(2026, 3, 2), D(2026, 3, 31)), "")
                  .ok());
  auto overlap = manager_->Create(torino_operator_, Weekdays(D(2026, 3, 30), D(2026, 4, 3)), "");
  EXPECT_EQ(ErrorReason(overlap.status()), "PERIOD_OVERLAP");
  auto ragged = manager_->Create(torino_operator_,
                                 Weekdays(D(2026, 4, 6), D(2026, 4, 10), 9 * 60, 11 * 60 + 10), "");
  EXPECT_EQ(ErrorReason(ragged.status()), "BAND_NOT_WHOLE_SLOTS");
  auto stranger = manager_->Create(cuneo_operator_, Weekdays(D(2026, 5, 4), D(2026, 5, 8)), "");
  EXPECT_EQ(ErrorReason(stranger.status()), "OPERATOR_OUT_OF_CPI");
  Calendar unknown = Weekdays(D(2026, 5, 4), D(2026, 5, 8));
  unknown.site_code = "TO-99";
  EXPECT_EQ(ErrorReason(manager_->Create(torino_operator_, unknown, "").status()),
            "OFFICE_NOT_FOUND");
}

TEST_F(BookingCalendarsTest, ExceptionMayNotGoBelowBookingsAndListsThem) {
  auto c = manager_->Create(torino_operator_, Weekdays(D(2026, 3, 2), D(2026, 3, 6)), "");
  ASSERT_TRUE(c.ok()) << c.status();
  // Someone holds a seat at 09:00 on 4 March.
  {
    auto tx = db_->Begin();
    auto slots = CalendarStore().SlotsOfDay(**tx, c->id, D(2026, 3, 4));
    ASSERT_TRUE(slots.ok() && !slots->empty());
    const auto& s = slots->front();
    ASSERT_TRUE((*tx)->Execute("UPDATE slots SET booked = 1 WHERE id = $1", {s.id}).ok());
    ASSERT_TRUE((*tx)->Execute(
        "INSERT INTO appointments (id, slot_id, service_code, site_code, start_at, end_at,"
        " delivery_mode, state, person_id, fiscal_code, contact, operator_id, booked_by,"
        " booked_by_role, created_at, updated_at) VALUES ('appt-1', $1, 'DID_PATTO', 'TO-01',"
        " 0, 0, 1, 'to_deliver', 'p', 'x', '{}', 'op-1', 'c', 'citizen', 0, 0)", {s.id}).ok());
    ASSERT_TRUE(IsOk((*tx)->Commit()));
  }
  auto closed = manager_->AddException(torino_operator_, c->id,
                                       {D(2026, 3, 4), 0, 24 * 60, 0, "sciopero"});
  EXPECT_EQ(ErrorReason(closed.status()), "EXCEPTION_BELOW_BOOKINGS");
  EXPECT_NE(closed.status().message().find("appt-1"), absl::string_view::npos);
  // Reducing to one seat keeps the booking and is accepted; closing another day is fine too.
  ASSERT_TRUE(manager_->AddException(torino_operator_, c->id,
                                     {D(2026, 3, 4), 0, 24 * 60, 1, "personale ridotto"})
                  .ok());
  ASSERT_TRUE(manager_->AddException(torino_operator_, c->id,
                                     {D(2026, 3, 5), 0, 24 * 60, 0, "chiusura"})
                  .ok());
  AvailabilityIndex index(*db_, clock_);
  ASSERT_TRUE(IsOk(index.Load()));
  auto days = index.Month("DID_PATTO", {"TO-01"}, D(2026, 3, 1), D(2026, 3, 31), clock_.Now());
  ASSERT_EQ(days.size(), 4u);  // 2, 3, 4, 6 March; the 5th is closed
  EXPECT_EQ(days[2].day, D(2026, 3, 4));
  EXPECT_EQ(days[2].free_seats, 3);  // four slots of one seat, one taken
  auto first = index.First("DID_PATTO", {"TO-01"}, clock_.Now());
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->local_day, absl::CivilDay(2026, 3, 2));
}

TEST_F(BookingCalendarsTest, DuplicatesToAnotherSiteOfTheSameCpi) {
  auto c = manager_->Create(torino_operator_, Weekdays(D(2026, 3, 2), D(2026, 3, 6)), "");
  ASSERT_TRUE(c.ok());
  auto copy = manager_->Duplicate(torino_operator_, c->id, "TO-02", D(2026, 4, 6), D(2026, 4, 10),
                                  "dup-1");
  ASSERT_TRUE(copy.ok()) << copy.status();
  EXPECT_EQ(copy->site_code, "TO-02");
  EXPECT_EQ(copy->bands, c->bands);
  EXPECT_EQ(CountSlots(copy->id), 4 * 4);  // 6 April 2026 is Easter Monday
}

}  // namespace
}  // namespace sisl::booking
