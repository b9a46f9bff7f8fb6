// Cancellation, attendance and day closure (AppointmentManager, continued).
#include <optional>

#include "services/booking/app/appointment_manager.h"
#include "services/booking/app/appointment_support.h"
#include "services/booking/app/authz.h"
#include "services/booking/store/appointment_store.h"
#include "services/booking/store/calendar_json.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {

using platform::auth::Caller;
using platform::auth::Role;
using platform::db::Transaction;
using platform::outbox::EventWriter;

absl::StatusOr<Appointment> AppointmentManager::Cancel(const Caller& caller, const std::string& id,
                                                       int reason, const std::string& note) {
  RETURN_IF_ERROR(ValidateCancellation(reason, note));
  const std::string person = CallerPerson(caller, person_ids_);
  Appointment result;
  std::optional<Appointment> denied;
  absl::Status st = committer_.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    ASSIGN_OR_RETURN(AppointmentInContext c, LoadAppointment(db(), tx, id));
    Appointment& a = c.appointment;
    if (absl::Status allowed = AuthorizeAccess(caller, person, a, c.office); !allowed.ok()) {
      if (IsStaff(caller)) denied = a;
      return allowed;
    }
    RETURN_IF_ERROR(CheckCitizenOrStaffChange(
        {&c.service, a.state, a.start, ActorOf(caller), c.office.cpi_code, clock().Now()}));
    booking::Cancel(a, caller.role == Role::kCitizen, reason, note, clock().Now());
    AppointmentStore store;
    RETURN_IF_ERROR(store.Update(tx, a));
    RETURN_IF_ERROR(store.ReleaseSeat(tx, a.slot_id));
    RETURN_IF_ERROR(AuditStaff(tx, clock().Now(), caller, "cancel_on_behalf", a, note));
    result = a;
    return EmitChange(events, v1::AppointmentEvent::CHANGE_CANCELLED, c, caller,
                      video_meeting_url_);
  });
  if (denied) (void)AuditDenied(db(), clock().Now(), caller, "cancel", *denied, note);
  RETURN_IF_ERROR(st);
  return result;
}

absl::StatusOr<Appointment> AppointmentManager::RecordAttendance(const Caller& caller,
                                                                 const std::string& id,
                                                                 Attendance attendance,
                                                                 const std::string& note) {
  RETURN_IF_ERROR(ValidateNoteAndRequestId(note, ""));
  Appointment result;
  RETURN_IF_ERROR(committer_.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    ASSIGN_OR_RETURN(AppointmentInContext c, LoadAppointment(db(), tx, id));
    Appointment& a = c.appointment;
    ASSIGN_OR_RETURN(AppointmentState next,
                     ApplyAttendance(a.state, a.no_show_justified, attendance, a.start,
                                     clock().Now(), ActorOf(caller), c.office.cpi_code));
    booking::RecordAttendance(a, next, attendance, note, clock().Now());
    RETURN_IF_ERROR(AppointmentStore().Update(tx, a));
    RETURN_IF_ERROR(AuditStaff(tx, clock().Now(), caller, "record_attendance", a, note,
                               /*always=*/true));
    result = a;
    const auto change =
        attendance == Attendance::kDelivered ? v1::AppointmentEvent::CHANGE_DELIVERED
        : attendance == Attendance::kNoShow  ? v1::AppointmentEvent::CHANGE_NO_SHOW
                                             : v1::AppointmentEvent::CHANGE_NO_SHOW_JUSTIFIED;
    return EmitChange(events, change, c, caller, video_meeting_url_);
  }));
  return result;
}

absl::StatusOr<std::vector<Appointment>> AppointmentManager::CloseSiteDay(
    const Caller& caller, const std::string& site_code, absl::CivilDay day,
    const std::string& reason) {
  RETURN_IF_ERROR(ValidateReason(reason, "reason"));
  std::vector<Appointment> cancelled;
  RETURN_IF_ERROR(committer_.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    cancelled.clear();
    AppointmentInContext c;
    ASSIGN_OR_RETURN(c.office, OfficeStore(db()).Get(tx, site_code));
    RETURN_IF_ERROR(RequireCalendarManager(caller, c.office.cpi_code));
    AppointmentStore store;
    ASSIGN_OR_RETURN(std::vector<Appointment> all,
                     store.ListBySite(tx, site_code, absl::FromCivil(day, zone_),
                                      absl::FromCivil(day + 1, zone_), "", 100000));
    // No new bookings that day: every slot of the site keeps only what is booked, i.e. none.
    for (Appointment& a : all) {
      if (a.state != AppointmentState::kToDeliver) continue;
      ASSIGN_OR_RETURN(c.service, CatalogueStore(db()).Get(tx, a.service_code));
      booking::Cancel(a, /*by_citizen=*/false, kCancellationOfficeClosed, reason, clock().Now());
      RETURN_IF_ERROR(store.Update(tx, a));
      RETURN_IF_ERROR(store.ReleaseSeat(tx, a.slot_id));
      RETURN_IF_ERROR(AuditStaff(tx, clock().Now(), caller, "close_day", a, reason, true));
      c.appointment = a;
      RETURN_IF_ERROR(EmitChange(events, v1::AppointmentEvent::CHANGE_CANCELLED, c, caller,
                                 video_meeting_url_));
      cancelled.push_back(a);
    }
    RETURN_IF_ERROR(tx.Execute("UPDATE slots SET capacity = booked WHERE site_code = $1"
                               " AND local_day = $2",
                               {site_code, FormatDay(day)})
                        .status());
    // Availability indexes reload the calendars whose slots were closed.
    ASSIGN_OR_RETURN(platform::db::Result calendars,
                     tx.Execute("SELECT DISTINCT calendar_id, service_code FROM slots"
                                " WHERE site_code = $1 AND local_day = $2",
                                {site_code, FormatDay(day)}));
    for (const platform::db::RowReader& row : platform::db::Rows(calendars)) {
      RETURN_IF_ERROR(events.Emit(
          row.Str("calendar_id"),
          ToCalendarChanged(row.Str("calendar_id"), site_code, row.Str("service_code"))));
    }
    return absl::OkStatus();
  }));
  return cancelled;
}

}  // namespace sisl::booking
