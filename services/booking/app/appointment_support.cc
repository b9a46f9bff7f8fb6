#include "services/booking/app/appointment_support.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/booking/store/appointment_store.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/access_reason.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "services/reference/fiscal_code.h"

namespace sisl::booking {

using platform::auth::Role;

bool IsStaff(const platform::auth::Caller& caller) {
  return caller.role == Role::kOperator || caller.role == Role::kContactCentre ||
         caller.role == Role::kAdmin;
}

std::string CallerPerson(const platform::auth::Caller& caller,
                         const platform::auth::PersonIdHasher& ids) {
  return caller.role == Role::kCitizen
             ? ids.PersonId(reference::NormalizeFiscalCode(caller.fiscal_code))
             : "";
}

std::string RoleLabel(const platform::auth::Caller& caller) {
  return std::string(platform::auth::RoleName(caller.role));
}

absl::Status AuthorizeAccess(const platform::auth::Caller& caller, const std::string& person_id,
                             const Appointment& a, const Office& office) {
  switch (caller.role) {
    case Role::kCitizen:
      if (!person_id.empty() && person_id == a.person_id) return absl::OkStatus();
      break;
    case Role::kOperator:
      if (caller.cpi_code == office.cpi_code) return absl::OkStatus();
      return platform::Error(absl::StatusCode::kPermissionDenied, "OPERATOR_OUT_OF_CPI",
                             "operators see only their own CPI's appointments");
    case Role::kContactCentre:
    case Role::kAdmin:
      return absl::OkStatus();
    default:
      break;
  }
  // Do not reveal whether someone else's appointment exists.
  return platform::Error(absl::StatusCode::kNotFound, "APPOINTMENT_NOT_FOUND",
                         absl::StrCat("no appointment with id ", a.id), {{"appointment_id", a.id}});
}

absl::StatusOr<AppointmentInContext> LoadAppointment(platform::db::Database& db,
                                                     platform::db::Transaction& tx,
                                                     const std::string& id) {
  AppointmentInContext c;
  ASSIGN_OR_RETURN(c.appointment, AppointmentStore().Get(tx, id));
  ASSIGN_OR_RETURN(c.office, OfficeStore(db).Get(tx, c.appointment.site_code));
  ASSIGN_OR_RETURN(c.service, CatalogueStore(db).Get(tx, c.appointment.service_code));
  return c;
}

absl::Status EmitChange(platform::outbox::EventWriter& events, v1::AppointmentEvent::Change change,
                        const AppointmentInContext& c, const platform::auth::Caller& caller,
                        const std::string& video_meeting_url, const std::string& related_id,
                        const std::string& previous_slot) {
  const Appointment& a = c.appointment;
  return events.Emit(
      a.person_id,
      ToAppointmentEvent({change, &a, &c.service, &c.office, RoleLabel(caller), related_id,
                          previous_slot, VideoMeetingLink(video_meeting_url, a.id, a.mode)}));
}

absl::Status RequireAccessReason(const std::string& reason) {
  return platform::CheckAccessReason(reason, "this citizen");
}

absl::Status AuditDenied(platform::db::Database& db, absl::Time now,
                         const platform::auth::Caller& caller, const std::string& action,
                         const Appointment& a, const std::string& reason) {
  return platform::db::InTransaction(db, [&](platform::db::Transaction& tx) {
    return AuditStaff(tx, now, caller, absl::StrCat("denied_", action), a, reason, true);
  });
}

absl::Status AuditStaff(platform::db::Transaction& tx, absl::Time now,
                        const platform::auth::Caller& caller, const std::string& action,
                        const Appointment& a, const std::string& reason, bool always) {
  if (!always && !IsStaff(caller)) return absl::OkStatus();
  return AppointmentStore().Audit(tx, now, caller.subject, RoleLabel(caller), action, a.person_id,
                                  a.id, reason);
}

}  // namespace sisl::booking
