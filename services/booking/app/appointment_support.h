#ifndef SISL_BOOKING_APP_APPOINTMENT_SUPPORT_H_
#define SISL_BOOKING_APP_APPOINTMENT_SUPPORT_H_

// Pieces shared by the appointment use cases (internal to app/).

#include <string>

#include "absl/status/status.h"
#include "services/booking/domain/appointment_record.h"
#include "services/booking/domain/bookable_service.h"
#include "services/booking/domain/office.h"
#include "services/booking/events/appointment_events.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/db/database.h"
#include "services/platform/outbox/committer.h"

namespace sisl::booking {

bool IsStaff(const platform::auth::Caller& caller);
// A citizen caller's person id (from the token's fiscal code); "" for staff.
std::string CallerPerson(const platform::auth::Caller& caller,
                         const platform::auth::PersonIdHasher& ids);
std::string RoleLabel(const platform::auth::Caller& caller);

// Who may see or change an appointment: the citizen it belongs to (by person id), operators of
// the site's CPI, contact-centre agents and administrators.
absl::Status AuthorizeAccess(const platform::auth::Caller& caller, const std::string& person_id,
                             const Appointment& appointment, const Office& office);

// An appointment with what its use cases need around it, read in one transaction.
struct AppointmentInContext {
  Appointment appointment;
  Office office;
  BookableService service;
};
absl::StatusOr<AppointmentInContext> LoadAppointment(platform::db::Database& db,
                                                     platform::db::Transaction& tx,
                                                     const std::string& id);

// Emits the AppointmentEvent of `change` (keyed by the pseudonymous person id).
// `video_meeting_url`: booking.video_meeting_url (the meeting link of video calls).
absl::Status EmitChange(platform::outbox::EventWriter& events, v1::AppointmentEvent::Change change,
                        const AppointmentInContext& c, const platform::auth::Caller& caller,
                        const std::string& video_meeting_url, const std::string& related_id = "",
                        const std::string& previous_slot = "");

// Staff reads of a citizen's data say why (kept in the audit log): ACCESS_REASON_REQUIRED or
// ACCESS_REASON_TOO_LONG (over 500 characters), INVALID_ARGUMENT on `access_reason`.
absl::Status RequireAccessReason(const std::string& reason);

// Records a refused staff access in its own transaction (best effort: the refusal stands).
absl::Status AuditDenied(platform::db::Database& db, absl::Time now,
                         const platform::auth::Caller& caller, const std::string& action,
                         const Appointment& a, const std::string& reason);

// Writes the audit record of a staff action on a citizen's appointment (nothing for citizens
// acting for themselves unless `always`).
absl::Status AuditStaff(platform::db::Transaction& tx, absl::Time now,
                        const platform::auth::Caller& caller, const std::string& action,
                        const Appointment& a, const std::string& reason, bool always = false);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_APP_APPOINTMENT_SUPPORT_H_
