#include "services/booking/app/appointment_manager.h"

#include <optional>

#include "services/booking/app/appointment_support.h"
#include "services/booking/domain/geo.h"
#include "services/booking/store/appointment_store.h"
#include "services/booking/store/calendar_store.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"
#include "services/reference/fiscal_code.h"

namespace sisl::booking {

using platform::auth::Caller;
using platform::auth::Role;
using platform::db::Transaction;
using platform::outbox::EventWriter;

Actor ActorOf(const Caller& caller) {
  Actor a;
  a.id = caller.subject;
  a.cpi_code = caller.cpi_code;
  switch (caller.role) {
    case Role::kOperator:
      a.role = ActorRole::kOperator;
      break;
    case Role::kContactCentre:
      a.role = ActorRole::kContactCentre;
      break;
    case Role::kAdmin:
      a.role = ActorRole::kAdmin;
      break;
    default:
      a.role = ActorRole::kCitizen;
      break;
  }
  return a;
}

AppointmentManager::AppointmentManager(platform::outbox::Committer& committer, absl::TimeZone zone,
                                       const platform::auth::PersonIdHasher& person_ids,
                                       std::string video_meeting_url)
    : committer_(committer),
      zone_(zone),
      person_ids_(person_ids),
      video_meeting_url_(std::move(video_meeting_url)) {}

namespace {

// The citizen being booked for: citizens book for themselves (identity from the token, contact
// details from the request); staff name the citizen.
absl::StatusOr<Citizen> CitizenFor(const Caller& caller, const Citizen& given) {
  Citizen c = given;
  if (caller.role == Role::kCitizen) {
    c.fiscal_code = caller.fiscal_code;
  } else if (caller.role != Role::kOperator && caller.role != Role::kContactCentre &&
             caller.role != Role::kAdmin) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "CANNOT_BOOK",
                           "this role cannot book appointments for citizens");
  }
  c.fiscal_code = reference::NormalizeFiscalCode(c.fiscal_code);
  // The domicile is chosen from the reference municipalities; living in Piedmont follows from it
  // and is never taken from the request.
  c.domiciled_in_piedmont = false;
  if (!c.domicile_municipality.empty()) {
    ASSIGN_OR_RETURN(const reference::Municipality* m,
                     ResolveMunicipality(c.domicile_municipality, "citizen.domicile_municipality"));
    c.domicile_municipality = m->istat_code;
    c.domiciled_in_piedmont = InPiedmont(*m);
  }
  return c;
}

}  // namespace

// One booking inside an open transaction: the checks, the seat, the operator, the row, the event.
class AppointmentTx final {
 public:
  AppointmentTx(AppointmentManager& m, Transaction& tx, EventWriter& events)
      : m_(m), tx_(tx), events_(events) {}

  // `previous`: when moving, the old appointment, already marked moved (MoveTo).
  absl::StatusOr<Appointment> Book(const Caller& caller, const Citizen& citizen,
                                   const BookCommand& cmd, const std::string& person_id,
                                   const Appointment* previous) {
    ASSIGN_OR_RETURN(StoredSlot slot, CalendarStore().GetSlot(tx_, cmd.slot_id));
    ASSIGN_OR_RETURN(Calendar calendar, CalendarStore().Get(tx_, slot.calendar_id));
    AppointmentInContext c;
    ASSIGN_OR_RETURN(c.office, OfficeStore(m_.db()).Get(tx_, slot.site_code));
    ASSIGN_OR_RETURN(c.service, CatalogueStore(m_.db()).Get(tx_, slot.service_code));
    ASSIGN_OR_RETURN(std::vector<OpenAppointment> open, store_.OpenFor(tx_, person_id));
    const absl::Time now = m_.clock().Now();
    const std::string moving_id = previous != nullptr ? previous->id : "";
    RETURN_IF_ERROR(CheckBooking({&c.service,
                                  {slot.id, slot.site_code, c.office.cpi_code, slot.service_code,
                                   slot.start, slot.end, slot.capacity, slot.booked},
                                  cmd.mode,
                                  citizen,
                                  ActorOf(caller),
                                  now,
                                  absl::ToCivilDay(now, m_.zone_),
                                  open,
                                  moving_id}));
    if (previous != nullptr) {
      // The old appointment steps aside first: the one-open-per-service index must allow the new.
      RETURN_IF_ERROR(store_.Update(tx_, *previous));
      RETURN_IF_ERROR(store_.ReleaseSeat(tx_, previous->slot_id));
    }
    RETURN_IF_ERROR(store_.TakeSeat(tx_, slot.id));
    const absl::CivilDay day = absl::ToCivilDay(slot.start, m_.zone_);
    ASSIGN_OR_RETURN(auto load,
                     store_.OperatorLoad(tx_, slot.site_code, absl::FromCivil(day, m_.zone_),
                                         absl::FromCivil(day + 1, m_.zone_)));
    Appointment& a = c.appointment;
    a.id = previous != nullptr ? previous->moved_to : platform::NewUuidV7(m_.clock());
    a.slot_id = slot.id;
    a.service_code = slot.service_code;
    a.site_code = slot.site_code;
    a.start = slot.start;
    a.end = slot.end;
    a.mode = cmd.mode;
    a.person_id = person_id;
    a.fiscal_code = citizen.fiscal_code;
    a.email = citizen.email;
    a.mobile = citizen.mobile;
    a.language = citizen.language.empty() ? "it" : citizen.language;
    a.operator_id = PickOperator(calendar.operator_ids, load);
    a.booked_by = caller.subject;
    a.booked_by_role = RoleLabel(caller);
    a.note = cmd.note;
    a.moved_from = moving_id;
    a.request_id = cmd.request_id;
    a.created_at = a.updated_at = now;
    RETURN_IF_ERROR(store_.Insert(tx_, a));
    RETURN_IF_ERROR(
        AuditStaff(tx_, now, caller, previous ? "move_on_behalf" : "book_on_behalf", a, cmd.note));
    RETURN_IF_ERROR(EmitChange(
        events_,
        previous ? v1::AppointmentEvent::CHANGE_MOVED : v1::AppointmentEvent::CHANGE_BOOKED, c,
        caller, m_.video_meeting_url_, moving_id, previous ? previous->slot_id : ""));
    return a;
  }

 private:
  AppointmentManager& m_;
  Transaction& tx_;
  EventWriter& events_;
  AppointmentStore store_;
};

absl::StatusOr<Appointment> AppointmentManager::Book(const Caller& caller, const BookCommand& cmd) {
  RETURN_IF_ERROR(ValidateNoteAndRequestId(cmd.note, cmd.request_id));
  RETURN_IF_ERROR(ValidateContactText(cmd.citizen.email, cmd.citizen.mobile,
                                      cmd.citizen.domicile_municipality, cmd.citizen.language));
  ASSIGN_OR_RETURN(Citizen citizen, CitizenFor(caller, cmd.citizen));
  RETURN_IF_ERROR(reference::ValidateFiscalCode(citizen.fiscal_code));
  const std::string person_id = person_ids_.PersonId(citizen.fiscal_code);
  Appointment result;
  RETURN_IF_ERROR(committer_.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    ASSIGN_OR_RETURN(
        result, platform::db::CreateOnce<Appointment>(
                    tx, {"booking.BookAppointment", caller.subject, cmd.request_id}, clock().Now(),
                    [&](const std::string& id) { return AppointmentStore().Get(tx, id); },
                    [&]() -> absl::StatusOr<Appointment> {
                      RETURN_IF_ERROR(AppointmentStore().LockPerson(tx, person_id));
                      return AppointmentTx(*this, tx, events)
                          .Book(caller, citizen, cmd, person_id, nullptr);
                    },
                    [](const Appointment& a) { return a.id; }));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<Appointment> AppointmentManager::Move(const Caller& caller, const std::string& id,
                                                     const BookCommand& cmd) {
  RETURN_IF_ERROR(ValidateNoteAndRequestId(cmd.note, cmd.request_id));
  const std::string caller_person = CallerPerson(caller, person_ids_);
  Appointment result;
  std::optional<Appointment> denied;
  absl::Status st = committer_.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    auto move = [&]() -> absl::StatusOr<Appointment> {
      ASSIGN_OR_RETURN(AppointmentInContext old, LoadAppointment(db(), tx, id));
      const Appointment& a = old.appointment;
      if (absl::Status allowed = AuthorizeAccess(caller, caller_person, a, old.office);
          !allowed.ok()) {
        if (IsStaff(caller)) denied = a;
        return allowed;
      }
      RETURN_IF_ERROR(CheckCitizenOrStaffChange(
          {&old.service, a.state, a.start, ActorOf(caller), old.office.cpi_code, clock().Now()}));
      RETURN_IF_ERROR(AppointmentStore().LockPerson(tx, a.person_id));
      Citizen citizen{a.fiscal_code, a.email, a.mobile, "", true, true, a.language};
      if (!cmd.citizen.email.empty() || !cmd.citizen.mobile.empty()) {
        citizen.email = cmd.citizen.email;
        citizen.mobile = cmd.citizen.mobile;
      }
      // Eligibility was checked when first booked; a move re-checks slot, time and overlap.
      Appointment previous = a;
      MoveTo(previous, platform::NewUuidV7(clock()), clock().Now());
      return AppointmentTx(*this, tx, events).Book(caller, citizen, cmd, a.person_id, &previous);
    };
    ASSIGN_OR_RETURN(
        result, platform::db::CreateOnce<Appointment>(
                    tx, {"booking.MoveAppointment", caller.subject, cmd.request_id}, clock().Now(),
                    [&](const std::string& new_id) { return AppointmentStore().Get(tx, new_id); },
                    move, [](const Appointment& a) { return a.id; }));
    return absl::OkStatus();
  });
  if (denied) (void)AuditDenied(db(), clock().Now(), caller, "move", *denied, cmd.note);
  RETURN_IF_ERROR(st);
  return result;
}

}  // namespace sisl::booking
