#ifndef SISL_BOOKING_API_APPOINTMENT_MANAGER_H_
#define SISL_BOOKING_API_APPOINTMENT_MANAGER_H_

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/booking/domain/appointment.h"
#include "services/booking/store/appointment_store.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"

namespace sisl::booking {

inline constexpr char kAppointmentsTopic[] = "sisl.booking.appointments.v1";

struct BookCommand {
  std::string slot_id;
  DeliveryMode mode = DeliveryMode::kInPerson;
  Citizen citizen;  // staff: the citizen booked for; citizens: contact details only
  std::string note;
  std::string request_id;
};

// Appointment use cases: booking with every blocker of DOMAIN.md §4, moves that keep history,
// cancellations, attendance, staff lists and search with an audit record for every staff access,
// and AppointmentEvent through the outbox for notifiers and availability indexes.
class AppointmentManager final {
 public:
  AppointmentManager(platform::db::Database& db, const platform::Clock& clock,
                     absl::TimeZone zone, const platform::auth::PersonIdHasher& person_ids,
                     std::function<void()> on_committed_event);

  absl::StatusOr<StoredAppointment> Book(const platform::auth::Caller& caller,
                                         const BookCommand& command,
                                         const std::string& correlation_id);
  absl::StatusOr<StoredAppointment> Move(const platform::auth::Caller& caller,
                                         const std::string& id, const BookCommand& command,
                                         const std::string& correlation_id);
  absl::StatusOr<StoredAppointment> Cancel(const platform::auth::Caller& caller,
                                           const std::string& id, int reason,
                                           const std::string& note,
                                           const std::string& correlation_id);
  absl::StatusOr<StoredAppointment> RecordAttendance(const platform::auth::Caller& caller,
                                                     const std::string& id, Attendance attendance,
                                                     const std::string& note,
                                                     const std::string& correlation_id);
  absl::StatusOr<StoredAppointment> Get(const platform::auth::Caller& caller,
                                        const std::string& id, const std::string& reason);
  using Page = std::pair<std::vector<StoredAppointment>, std::string>;
  absl::StatusOr<Page> ListMine(const platform::auth::Caller& caller, int page_size,
                                const std::string& page_token);
  absl::StatusOr<Page> ListSiteDay(const platform::auth::Caller& caller,
                                   const std::string& site_code, absl::CivilDay day,
                                   int page_size, const std::string& page_token);
  absl::StatusOr<Page> Search(const platform::auth::Caller& caller,
                              const std::string& fiscal_code, const std::string& reason,
                              int page_size, const std::string& page_token);
  absl::StatusOr<std::vector<StoredAppointment>> CloseSiteDay(
      const platform::auth::Caller& caller, const std::string& site_code, absl::CivilDay day,
      const std::string& reason, const std::string& correlation_id);
  absl::StatusOr<std::string> Ics(const platform::auth::Caller& caller, const std::string& id);

 private:
  friend class AppointmentTx;
  platform::db::Database& db_;
  const platform::Clock& clock_;
  absl::TimeZone zone_;
  const platform::auth::PersonIdHasher& person_ids_;
  std::function<void()> on_committed_event_;
};

Actor ActorOf(const platform::auth::Caller& caller);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_APPOINTMENT_MANAGER_H_
