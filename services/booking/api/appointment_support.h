#ifndef SISL_BOOKING_API_APPOINTMENT_SUPPORT_H_
#define SISL_BOOKING_API_APPOINTMENT_SUPPORT_H_

// Pieces shared by the appointment use cases (internal to api/).

#include <string>

#include "absl/status/status.h"
#include "services/booking/domain/bookable_service.h"
#include "services/booking/domain/office.h"
#include "services/booking/store/appointment_store.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "sisl/booking/v1/appointment_events.pb.h"

namespace sisl::booking {

bool IsStaff(const platform::auth::Caller& caller);
// A citizen caller's person id (from the token's fiscal code); "" for staff.
std::string CallerPerson(const platform::auth::Caller& caller,
                         const platform::auth::PersonIdHasher& ids);
std::string RoleLabel(const platform::auth::Caller& caller);

// Who may see or change an appointment: the citizen it belongs to (by person id), operators of
// the site's CPI, contact-centre agents and administrators.
absl::Status AuthorizeAccess(const platform::auth::Caller& caller, const std::string& person_id,
                             const StoredAppointment& appointment, const Office& office);

struct EventContext {
  v1::AppointmentEvent::Change change;
  const StoredAppointment* appointment;
  const BookableService* service;
  const Office* office;
  std::string actor_role;
  std::string related_appointment_id;
  std::string previous_slot_id;
  std::string correlation_id;
};

absl::Status AppendAppointmentEvent(platform::db::Transaction& tx, const EventContext& context,
                                    const platform::Clock& clock);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_APPOINTMENT_SUPPORT_H_
