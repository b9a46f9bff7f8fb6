#ifndef SISL_BOOKING_SEEDING_H_
#define SISL_BOOKING_SEEDING_H_

#include "absl/status/status.h"
#include "services/booking/app/calendar_manager.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"

namespace sisl::booking {

// Applies the platform's and the booking service's migrations (idempotent, under a lock).
absl::Status MigrateBookingStore(platform::db::Database& db, const platform::Clock& clock);

// Reference data compiled into the binary: the 30 CPIs, 44 sites and the service catalogue.
// Idempotent (existing rows are kept), safe with replicas starting together.
absl::Status SeedReferenceData(platform::db::Database& db, const platform::Clock& clock);

// Demo calendars for every site (embedded and development mode): first reception/DID,
// guidance and GOL assessment, weekdays, from today for 13 weeks. Skips a site and service
// that already have a calendar.
absl::Status SeedDemoCalendars(platform::db::Database& db, CalendarManager& calendars,
                               const platform::Clock& clock, absl::TimeZone zone);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_SEEDING_H_
