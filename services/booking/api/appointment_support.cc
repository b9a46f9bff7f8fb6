#include "services/booking/api/appointment_support.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/booking/api/appointment_manager.h"
#include "services/booking/domain/fiscal_code.h"
#include "services/booking/events/office_events.h"
#include "services/platform/errors.h"
#include "services/platform/outbox/outbox.h"

namespace sisl::booking {

using platform::auth::Role;

bool IsStaff(const platform::auth::Caller& caller) {
  return caller.role == Role::kOperator || caller.role == Role::kContactCentre ||
         caller.role == Role::kAdmin;
}

std::string CallerPerson(const platform::auth::Caller& caller,
                         const platform::auth::PersonIdHasher& ids) {
  return caller.role == Role::kCitizen ? ids.PersonId(NormalizeFiscalCode(caller.fiscal_code))
                                       : "";
}

std::string RoleLabel(const platform::auth::Caller& caller) {
  return std::string(platform::auth::RoleName(caller.role));
}

absl::Status AuthorizeAccess(const platform::auth::Caller& caller, const std::string& person_id,
                             const StoredAppointment& a, const Office& office) {
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
                         absl::StrCat("no appointment with id ", a.id),
                         {{"appointment_id", a.id}});
}

absl::Status AppendAppointmentEvent(platform::db::Transaction& tx, const EventContext& c,
                                    const platform::Clock& clock) {
  using google::protobuf::util::TimeUtil;
  const StoredAppointment& a = *c.appointment;
  v1::AppointmentEvent e;
  e.set_change(c.change);
  e.set_appointment_id(a.id);
  e.set_person_id(a.person_id);
  e.set_state(static_cast<v1::AppointmentState>(static_cast<int>(a.state) + 1));
  e.set_service_code(a.service_code);
  e.set_service_name(c.service->name_it);
  e.set_site_code(a.site_code);
  e.set_site_label(c.office->label);
  e.set_site_address(absl::StrCat(c.office->address, ", ", c.office->municipality));
  *e.mutable_start_time() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(a.start));
  *e.mutable_end_time() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(a.end));
  e.set_delivery_mode(static_cast<v1::DeliveryMode>(a.mode));
  for (Channel ch : c.service->channels) {
    e.add_channels(static_cast<v1::NotificationChannel>(ch));
  }
  e.set_language(a.language);
  e.set_email(a.email);
  e.set_mobile(a.mobile);
  e.set_related_appointment_id(c.related_appointment_id);
  e.set_cancellation_reason(static_cast<v1::CancellationReason>(a.cancellation_reason));
  e.set_actor_role(c.actor_role);
  e.set_sequence(a.sequence);
  e.set_slot_id(a.slot_id);
  e.set_previous_slot_id(c.previous_slot_id);
  return platform::outbox::Append(
             tx, {kServiceSource, kAppointmentsTopic, a.person_id, c.correlation_id, ""}, e,
             clock)
      .status();
}

}  // namespace sisl::booking
