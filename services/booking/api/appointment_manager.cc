#include "services/booking/api/appointment_manager.h"

#include "absl/strings/str_cat.h"
#include "services/booking/api/appointment_support.h"
#include "services/booking/domain/fiscal_code.h"
#include "services/booking/store/calendar_store.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"

namespace sisl::booking {

using platform::auth::Caller;
using platform::auth::Role;
using platform::db::Transaction;
using Change = v1::AppointmentEvent::Change;

Actor ActorOf(const Caller& caller) {
  Actor a;
  a.id = caller.subject;
  a.cpi_code = caller.cpi_code;
  switch (caller.role) {
    case Role::kOperator: a.role = ActorRole::kOperator; break;
    case Role::kContactCentre: a.role = ActorRole::kContactCentre; break;
    case Role::kAdmin: a.role = ActorRole::kAdmin; break;
    default: a.role = ActorRole::kCitizen; break;
  }
  return a;
}

AppointmentManager::AppointmentManager(platform::db::Database& db, const platform::Clock& clock,
                                       absl::TimeZone zone,
                                       const platform::auth::PersonIdHasher& person_ids,
                                       std::function<void()> on_committed_event)
    : db_(db), clock_(clock), zone_(zone), person_ids_(person_ids),
      on_committed_event_(std::move(on_committed_event)) {}

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
  c.fiscal_code = NormalizeFiscalCode(c.fiscal_code);
  return c;
}

}  // namespace

// One booking inside an open transaction: the checks, the seat, the operator, the row.
class AppointmentTx final {
 public:
  AppointmentTx(AppointmentManager& m, Transaction& tx) : m_(m), tx_(tx) {}

  absl::StatusOr<StoredAppointment> Book(const Caller& caller, const Citizen& citizen,
                                         const BookCommand& cmd, const std::string& person_id,
                                         const std::string& moving_id, const std::string& cid,
                                         StoredAppointment* previous) {
    auto slot = CalendarStore().GetSlot(tx_, cmd.slot_id);
    if (!slot.ok()) return slot.status();
    auto calendar = CalendarStore().Get(tx_, slot->calendar_id);
    if (!calendar.ok()) return calendar.status();
    auto office = OfficeStore(m_.db_).Get(tx_, slot->site_code);
    if (!office.ok()) return office.status();
    auto service = CatalogueStore(m_.db_).Get(tx_, slot->service_code);
    if (!service.ok()) return service.status();
    auto open = store_.OpenFor(tx_, person_id);
    if (!open.ok()) return open.status();
    const absl::Time now = m_.clock_.Now();
    BookingRequest req{&*service,
                       {slot->id, slot->site_code, office->cpi_code, slot->service_code,
                        slot->start, slot->end, slot->capacity, slot->booked},
                       cmd.mode, citizen, ActorOf(caller), now,
                       absl::ToCivilDay(now, m_.zone_), *open, moving_id};
    if (absl::Status st = CheckBooking(req); !st.ok()) return st;
    if (previous != nullptr) {
      // The old appointment steps aside first: the one-open-per-service index must allow the new.
      if (absl::Status st = store_.Update(tx_, *previous); !st.ok()) return st;
      if (absl::Status st = store_.ReleaseSeat(tx_, previous->slot_id); !st.ok()) return st;
    }
    if (absl::Status st = store_.TakeSeat(tx_, slot->id); !st.ok()) return st;
    const absl::CivilDay day = absl::ToCivilDay(slot->start, m_.zone_);
    auto load = store_.OperatorLoad(tx_, slot->site_code, absl::FromCivil(day, m_.zone_),
                                    absl::FromCivil(day + 1, m_.zone_));
    if (!load.ok()) return load.status();
    StoredAppointment a;
    a.id = previous ? previous->moved_to : platform::NewUuidV7(m_.clock_);
    a.slot_id = slot->id;
    a.service_code = slot->service_code;
    a.site_code = slot->site_code;
    a.start = slot->start;
    a.end = slot->end;
    a.mode = cmd.mode;
    a.person_id = person_id;
    a.fiscal_code = citizen.fiscal_code;
    a.email = citizen.email;
    a.mobile = citizen.mobile;
    a.language = citizen.language.empty() ? "it" : citizen.language;
    a.operator_id = PickOperator(calendar->operator_ids, *load);
    a.booked_by = caller.subject;
    a.booked_by_role = RoleLabel(caller);
    a.note = cmd.note;
    a.moved_from = previous ? previous->id : "";
    a.request_id = cmd.request_id;
    a.created_at = a.updated_at = now;
    if (absl::Status st = store_.Insert(tx_, a); !st.ok()) return st;
    if (IsStaff(caller)) {
      const char* action = previous ? "move_on_behalf" : "book_on_behalf";
      if (auto st = store_.Audit(tx_, now, caller.subject, RoleLabel(caller), action, person_id,
                                 a.id, cmd.note);
          !st.ok()) {
        return st;
      }
    }
    EventContext ev{previous ? v1::AppointmentEvent::CHANGE_MOVED
                             : v1::AppointmentEvent::CHANGE_BOOKED,
                    &a, &*service, &*office, RoleLabel(caller),
                    previous ? previous->id : "", previous ? previous->slot_id : "", cid};
    if (absl::Status st = AppendAppointmentEvent(tx_, ev, m_.clock_); !st.ok()) return st;
    return a;
  }

 private:
  AppointmentManager& m_;
  Transaction& tx_;
  AppointmentStore store_;
};

absl::StatusOr<StoredAppointment> AppointmentManager::Book(const Caller& caller,
                                                           const BookCommand& cmd,
                                                           const std::string& cid) {
  auto citizen = CitizenFor(caller, cmd.citizen);
  if (!citizen.ok()) return citizen.status();
  if (absl::Status st = ValidateFiscalCode(citizen->fiscal_code); !st.ok()) return st;
  const std::string person_id = person_ids_.PersonId(citizen->fiscal_code);
  StoredAppointment result;
  bool created = false;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    AppointmentStore store;
    if (!cmd.request_id.empty()) {
      auto existing = store.FindByRequest(tx, caller.subject, cmd.request_id);
      if (!existing.ok()) return existing.status();
      if (existing->has_value()) {
        result = **existing;
        return absl::OkStatus();
      }
    }
    if (absl::Status lock = store.LockPerson(tx, person_id); !lock.ok()) return lock;
    auto booked = AppointmentTx(*this, tx).Book(caller, *citizen, cmd, person_id, "", cid, nullptr);
    if (!booked.ok()) return booked.status();
    result = *std::move(booked);
    created = true;
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  if (created && on_committed_event_) on_committed_event_();
  return result;
}

absl::StatusOr<StoredAppointment> AppointmentManager::Move(const Caller& caller,
                                                           const std::string& id,
                                                           const BookCommand& cmd,
                                                           const std::string& cid) {
  const std::string caller_person = CallerPerson(caller, person_ids_);
  StoredAppointment result;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    AppointmentStore store;
    if (!cmd.request_id.empty()) {
      auto existing = store.FindByRequest(tx, caller.subject, cmd.request_id);
      if (!existing.ok()) return existing.status();
      if (existing->has_value()) {
        result = **existing;
        return absl::OkStatus();
      }
    }
    auto old = store.Get(tx, id);
    if (!old.ok()) return old.status();
    auto office = OfficeStore(db_).Get(tx, old->site_code);
    if (!office.ok()) return office.status();
    if (auto a = AuthorizeAccess(caller, caller_person, *old, *office); !a.ok()) return a;
    auto service = CatalogueStore(db_).Get(tx, old->service_code);
    if (!service.ok()) return service.status();
    if (auto c = CheckCitizenOrStaffChange({&*service, old->state, old->start, ActorOf(caller),
                                            office->cpi_code, clock_.Now()});
        !c.ok()) {
      return c;
    }
    if (absl::Status lock = store.LockPerson(tx, old->person_id); !lock.ok()) return lock;
    Citizen citizen{old->fiscal_code, old->email, old->mobile, "", true, true, old->language};
    if (!cmd.citizen.email.empty() || !cmd.citizen.mobile.empty()) {
      citizen.email = cmd.citizen.email;
      citizen.mobile = cmd.citizen.mobile;
    }
    // Eligibility was checked when first booked; a move re-checks slot, time and overlap.
    citizen.domiciled_in_piedmont = true;
    citizen.compulsory_schooling_completed = true;
    StoredAppointment previous = *old;
    previous.state = AppointmentState::kMoved;
    previous.moved_to = platform::NewUuidV7(clock_);
    previous.sequence += 1;
    previous.updated_at = clock_.Now();
    auto moved = AppointmentTx(*this, tx).Book(caller, citizen, cmd, old->person_id, old->id, cid,
                                               &previous);
    if (!moved.ok()) return moved.status();
    result = *std::move(moved);
    return absl::OkStatus();
  });
  if (!st.ok()) return st;
  if (on_committed_event_) on_committed_event_();
  return result;
}

}  // namespace sisl::booking
