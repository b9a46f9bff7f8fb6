#ifndef SISL_TESTS_CONTRACT_BOOKING_TEST_SUPPORT_H_
#define SISL_TESTS_CONTRACT_BOOKING_TEST_SUPPORT_H_

// The booking world the appointment contract suites share: a migrated and seeded store (SQLite
// or PostgreSQL, see db_test_support.h), a fake clock on 25 February 2026, one calendar at
// TO-01 for DID_PATTO on 2-6 March 2026 (09:00-12:00, 45-minute slots, one seat, two operators),
// the appointment use cases, and the callers the suites use.

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "gtest/gtest.h"
#include "services/booking/app/appointment_manager.h"
#include "services/booking/app/calendar_manager.h"
#include "services/booking/seeding.h"
#include "services/platform/clock.h"
#include "services/platform/outbox/committer.h"
#include "services/reference/fiscal_code.h"
#include "tests/contract/db_test_support.h"

namespace sisl::booking {

// An invented fiscal code with a correct check character.
inline std::string FiscalCode(const std::string& first15) {
  return first15 + *reference::FiscalCodeCheckCharacter(first15);
}

class BookingWorldTest : public ::testing::Test {
 protected:
  using Caller = platform::auth::Caller;
  using Role = platform::auth::Role;
  using D = absl::CivilDay;

  void SetUp() override {
    ASSERT_TRUE(absl::LoadTimeZone("Europe/Rome", &zone_));
    db_ = env_.Open();
    ASSERT_NE(db_, nullptr);
    ASSERT_TRUE(testing_env::IsOk(MigrateBookingStore(*db_, clock_)));
    ASSERT_TRUE(testing_env::IsOk(SeedReferenceData(*db_, clock_)));
    committer_ = std::make_unique<platform::outbox::Committer>(*db_, clock_, "sisl-booking",
                                                              nullptr);
    CalendarManager calendars(*committer_, zone_);
    Calendar c;
    c.site_code = "TO-01";
    c.service_code = "DID_PATTO";
    c.first_day = D(2026, 3, 2);
    c.last_day = D(2026, 3, 6);
    for (int d = 1; d <= 5; ++d) c.bands.push_back({static_cast<Weekday>(d), 540, 720, 45, 1});
    c.operator_ids = {"op-a", "op-b"};
    auto made = calendars.CreateAsSystem(c, "");
    ASSERT_TRUE(made.ok()) << made.status();
    calendar_id_ = made->id;
    manager_ = std::make_unique<AppointmentManager>(*committer_, zone_, hasher_);
  }

  // The slot of the calendar starting at day/hour/minute (March 2026, Europe/Rome).
  std::string Slot(int day, int hour, int minute) {
    const absl::Time t = absl::FromCivil(absl::CivilMinute(2026, 3, day, hour, minute), zone_);
    return absl::StrCat(calendar_id_, "-", absl::ToUnixSeconds(t));
  }

  // The first column of the first row of `sql`, or -1.
  int64_t Count(const std::string& sql) {
    auto tx = db_->Begin();
    auto r = (*tx)->Execute(sql, {});
    return r.ok() ? r->rows[0].Int(0) : -1;
  }

  testing_env::TestDatabase env_;
  std::unique_ptr<platform::db::Database> db_;
  std::unique_ptr<platform::outbox::Committer> committer_;
  platform::FakeClock clock_{absl::FromUnixSeconds(1'772'000'000)};  // 2026-02-25
  absl::TimeZone zone_;
  platform::auth::PersonIdHasher hasher_{"test-person-id-secret-0123456789abcdef"};
  std::string calendar_id_;
  std::unique_ptr<AppointmentManager> manager_;
  // Born 1985 and 1990: adults.
  const Caller mario_{.subject = "p-mario", .role = Role::kCitizen,
                      .fiscal_code = FiscalCode("RSSMRA85T10L219")};
  const Caller anna_{.subject = "p-anna", .role = Role::kCitizen,
                     .fiscal_code = FiscalCode("BNCNNA90A41L219")};
  const Caller operator_{.subject = "op-a", .role = Role::kOperator, .cpi_code = "CPI-TO-15"};
  const Caller agent_{.subject = "cc-1", .role = Role::kContactCentre};
  const Caller admin_{.subject = "ad-1", .role = Role::kAdmin};
  const Caller notifier_{.subject = "notifications", .role = Role::kNotifier};
};

}  // namespace sisl::booking

#endif  // SISL_TESTS_CONTRACT_BOOKING_TEST_SUPPORT_H_
