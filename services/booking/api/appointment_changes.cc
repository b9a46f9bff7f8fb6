// Cancellation, attendance and day closure (AppointmentManager, continued).
#include "absl/strings/str_cat.h"
#include "services/booking/api/appointment_manager.h"
#include "services/booking/api/appointment_support.h"
#include "services/booking/api/authz.h"
#include "services/booking/domain/fiscal_code.h"
#include "services/booking/store/calendar_json.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/booking/api/calendar_manager.h"
#include "services/booking/events/office_events.h"
#include "services/platform/errors.h"
#include "services/platform/outbox/outbox.h"

namespace sisl::booking {

using platform::auth::Caller;
using platform::auth::Role;
using platform::db::Transaction;

namespace {

constexpr int kOfficeClosedReason = 5;  // sisl.booking.v1.CANCELLATION_REASON_OFFICE_CLOSED

}  // namespace

absl::StatusOr<StoredAppointment> AppointmentManager::Cancel(const Caller& caller,
                                                             const std::string& id, int reason,
                                                             const std::string& note,
                                                             const std::string& cid) {
  if (reason <= 0 || reason > 6) {
    return platform::InvalidField("INVALID_CANCELLATION_REASON", "reason",
                                  "choose a reason from the list");
  }
  if (note.size() > 1000) {
    return platform::InvalidField("NOTE_TOO_LONG", "note", "must be at most 1000 characters");
  }
  const std::string person = CallerPerson(caller, person_ids_);
  StoredAppointment result;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    AppointmentStore store;
    auto a = store.Get(tx, id);
    if (!a.ok()) return a.status();
    auto office = OfficeStore(db_).Get(tx, a->site_code);
    if (!office.ok()) return office.status();
    if (auto z = AuthorizeAccess(caller, person, *a, *office); !z.ok()) return z;
    auto service = CatalogueStore(db_).Get(tx, a->service_code);
    if (!service.ok()) return service.status();
    if (auto c = CheckCitizenOrStaffChange(
            {&*service, a->state, a->start, ActorOf(caller), office->cpi_code, clock_.Now()});
        !c.ok()) {
      return c;
    }
    a->state = caller.role == Role::kCitizen ? AppointmentState::kCancelledByCitizen
                                             : AppointmentState::kCancelledByOperator;
    a->cancellation_reason = reason;
    a->note = note;
    a->sequence += 1;
    a->updated_at = clock_.Now();
    if (auto w = store.Update(tx, *a); !w.ok()) return w;
    if (auto w = store.ReleaseSeat(tx, a->slot_id); !w.ok()) return w;
    if (IsStaff(caller)) {
      if (auto w = store.Audit(tx, clock_.Now(), caller.subject, RoleLabel(caller),
                               "cancel_on_behalf", a->person_id, a->id, note);
          !w.ok()) {
        return w;
      }
    }
    result = *a;
    return AppendAppointmentEvent(tx,
                                  {v1::AppointmentEvent::CHANGE_CANCELLED, &result, &*service,
                                   &*office, RoleLabel(caller), "", "", cid},
                                  clock_);
  });
  if (!st.ok()) return st;
  if (on_committed_event_) on_committed_event_();
  return result;
}

absl::StatusOr<StoredAppointment> AppointmentManager::RecordAttendance(
    const Caller& caller, const std::string& id, Attendance attendance, const std::string& note,
    const std::string& cid) {
  StoredAppointment result;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    AppointmentStore store;
    auto a = store.Get(tx, id);
    if (!a.ok()) return a.status();
    auto office = OfficeStore(db_).Get(tx, a->site_code);
    if (!office.ok()) return office.status();
    auto next = ApplyAttendance(a->state, a->no_show_justified, attendance, a->start,
                                clock_.Now(), ActorOf(caller), office->cpi_code);
    if (!next.ok()) return next.status();
    auto service = CatalogueStore(db_).Get(tx, a->service_code);
    if (!service.ok()) return service.status();
    a->state = *next;
    if (attendance == Attendance::kJustified) a->no_show_justified = true;
    if (!note.empty()) a->note = note;
    a->sequence += 1;
    a->updated_at = clock_.Now();
    if (auto w = store.Update(tx, *a); !w.ok()) return w;
    if (auto w = store.Audit(tx, clock_.Now(), caller.subject, RoleLabel(caller),
                             "record_attendance", a->person_id, a->id, note);
        !w.ok()) {
      return w;
    }
    result = *a;
    const auto change = attendance == Attendance::kDelivered ? v1::AppointmentEvent::CHANGE_DELIVERED
                        : attendance == Attendance::kNoShow
                            ? v1::AppointmentEvent::CHANGE_NO_SHOW
                            : v1::AppointmentEvent::CHANGE_NO_SHOW_JUSTIFIED;
    return AppendAppointmentEvent(
        tx, {change, &result, &*service, &*office, RoleLabel(caller), "", "", cid}, clock_);
  });
  if (!st.ok()) return st;
  if (on_committed_event_) on_committed_event_();
  return result;
}

absl::StatusOr<std::vector<StoredAppointment>> AppointmentManager::CloseSiteDay(
    const Caller& caller, const std::string& site_code, absl::CivilDay day,
    const std::string& reason, const std::string& cid) {
  std::vector<StoredAppointment> cancelled;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    cancelled.clear();
    auto office = OfficeStore(db_).Get(tx, site_code);
    if (!office.ok()) return office.status();
    if (auto z = RequireCalendarManager(caller, office->cpi_code); !z.ok()) return z;
    AppointmentStore store;
    auto all = store.ListBySite(tx, site_code, absl::FromCivil(day, zone_),
                                absl::FromCivil(day + 1, zone_), "", 100000);
    if (!all.ok()) return all.status();
    // No new bookings that day: every slot of the site keeps only what is booked, i.e. none.
    for (StoredAppointment& a : *all) {
      if (a.state != AppointmentState::kToDeliver) continue;
      auto service = CatalogueStore(db_).Get(tx, a.service_code);
      if (!service.ok()) return service.status();
      a.state = AppointmentState::kCancelledByOperator;
      a.cancellation_reason = kOfficeClosedReason;
      a.note = reason;
      a.sequence += 1;
      a.updated_at = clock_.Now();
      if (auto w = store.Update(tx, a); !w.ok()) return w;
      if (auto w = store.ReleaseSeat(tx, a.slot_id); !w.ok()) return w;
      if (auto w = store.Audit(tx, clock_.Now(), caller.subject, RoleLabel(caller), "close_day",
                               a.person_id, a.id, reason);
          !w.ok()) {
        return w;
      }
      if (auto w = AppendAppointmentEvent(tx,
                                          {v1::AppointmentEvent::CHANGE_CANCELLED, &a,
                                           &*service, &*office, RoleLabel(caller), "", "", cid},
                                          clock_);
          !w.ok()) {
        return w;
      }
      cancelled.push_back(a);
    }
    auto closed = tx.Execute(
        "UPDATE slots SET capacity = booked WHERE site_code = $1 AND local_day = $2",
        {site_code, FormatDay(day)});
    if (!closed.ok()) return closed.status();
    // Availability indexes reload the calendars whose slots were closed.
    auto calendars = tx.Execute(
        "SELECT DISTINCT calendar_id, service_code FROM slots WHERE site_code = $1"
        " AND local_day = $2", {site_code, FormatDay(day)});
    if (!calendars.ok()) return calendars.status();
    for (const auto& row : calendars->rows) {
      v1::CalendarChanged changed;
      changed.set_calendar_id(row.Str(0));
      changed.set_site_code(site_code);
      changed.set_service_code(row.Str(1));
      auto appended = platform::outbox::Append(
          tx, {kServiceSource, kCalendarsTopic, row.Str(0), cid, ""}, changed, clock_);
      if (!appended.ok()) return appended.status();
    }
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  if (on_committed_event_) on_committed_event_();
  return cancelled;
}

}  // namespace sisl::booking
