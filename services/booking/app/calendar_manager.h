#ifndef SISL_BOOKING_APP_CALENDAR_MANAGER_H_
#define SISL_BOOKING_APP_CALENDAR_MANAGER_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/booking/domain/calendar.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/outbox/committer.h"

namespace sisl::booking {

// Calendar use cases: validation against the site's other calendars, slot materialisation in
// Europe/Rome time with the site's holidays, exceptions checked against bookings, and a
// CalendarChanged event through the outbox for availability indexes.
class CalendarManager final {
 public:
  CalendarManager(platform::outbox::Committer& committer, absl::TimeZone zone);

  absl::StatusOr<Calendar> Create(const platform::auth::Caller& caller, Calendar calendar,
                                  const std::string& request_id);
  absl::StatusOr<Calendar> Get(const platform::auth::Caller& caller, const std::string& id);
  absl::StatusOr<std::pair<std::vector<Calendar>, std::string>> List(
      const platform::auth::Caller& caller, const std::string& site_code,
      const std::string& service_code, int page_size, const std::string& page_token);
  absl::StatusOr<Calendar> AddException(const platform::auth::Caller& caller,
                                        const std::string& calendar_id,
                                        const CalendarException& exception);
  absl::StatusOr<Calendar> Duplicate(const platform::auth::Caller& caller,
                                     const std::string& source_id, const std::string& site_code,
                                     absl::CivilDay first_day, absl::CivilDay last_day,
                                     const std::string& request_id);

  // Creates a calendar without an authenticated caller (seeding demo data at first start).
  absl::StatusOr<Calendar> CreateAsSystem(Calendar calendar, const std::string& request_id);

 private:
  absl::StatusOr<Calendar> CreateChecked(const platform::auth::Caller* caller, Calendar calendar,
                                         const std::string& request_id);
  platform::db::Database& db() const { return committer_.db(); }
  const platform::Clock& clock() const { return committer_.clock(); }

  platform::outbox::Committer& committer_;
  absl::TimeZone zone_;
};

}  // namespace sisl::booking

#endif  // SISL_BOOKING_APP_CALENDAR_MANAGER_H_
