// Appointment use cases on the booking store, against SQLite and PostgreSQL: booking and its
// blockers, idempotency, moves with history, cancellation, attendance, privacy of other
// citizens' appointments, audit of staff access, events and the iCalendar file.
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "services/booking/app/appointment_manager.h"
#include "services/booking/app/calendar_manager.h"
#include "services/booking/seeding.h"
#include "services/platform/errors.h"
#include "tests/contract/booking_test_support.h"

namespace sisl::booking {
namespace {

using platform::ErrorReason;
using platform::auth::Caller;
using platform::auth::Role;
using testing_env::IsOk;
using D = absl::CivilDay;

class BookingAppointmentsTest : public BookingWorldTest {
 protected:
  BookCommand Command(const std::string& slot, const std::string& request_id = "") {
    BookCommand cmd;
    cmd.slot_id = slot;
    cmd.citizen.email = "mario@example.org";
    cmd.citizen.domicile_municipality = "001272";  // Torino: domiciled in Piedmont
    cmd.request_id = request_id;
    return cmd;
  }
};

TEST_F(BookingAppointmentsTest, BooksOnceAndRefusesTheBlockers) {
  auto a = manager_->Book(mario_, Command(Slot(2, 9, 0), "req-1"));
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(a->state, AppointmentState::kToDeliver);
  EXPECT_EQ(a->operator_id, "op-a");
  // Same request id: the same appointment, no second seat.
  auto again = manager_->Book(mario_, Command(Slot(2, 9, 0), "req-1"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->id, a->id);
  EXPECT_EQ(Count("SELECT booked FROM slots WHERE booked > 0"), 1);
  // The seat is taken for Anna; Mario cannot book the same service twice.
  EXPECT_EQ(ErrorReason(manager_->Book(anna_, Command(Slot(2, 9, 0))).status()), "SLOT_TAKEN");
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, Command(Slot(3, 9, 0))).status()),
            "ALREADY_BOOKED_FOR_SERVICE");
  // No way to reach the citizen.
  BookCommand silent = Command(Slot(2, 9, 45));
  silent.citizen.email.clear();
  EXPECT_EQ(ErrorReason(manager_->Book(anna_, silent).status()),
            "NO_CONTACT_FOR_NOTIFICATIONS");
  // Anna books the next slot; the least-loaded operator gets it.
  auto b = manager_->Book(anna_, Command(Slot(2, 9, 45)));
  ASSERT_TRUE(b.ok()) << b.status();
  EXPECT_EQ(b->operator_id, "op-b");
  // One BOOKED event per booking in the outbox.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE topic = 'sisl.booking.appointments.v1'"), 2);
}

TEST_F(BookingAppointmentsTest, PiedmontDomicileFollowsTheChosenMunicipality) {
  // A municipality outside Piedmont: refused, whatever the request claims.
  BookCommand milan = Command(Slot(2, 9, 0));
  milan.citizen.domicile_municipality = "Milano";
  milan.citizen.domiciled_in_piedmont = true;
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, milan).status()), "NOT_DOMICILED_IN_PIEDMONT");
  BookCommand none = Command(Slot(2, 9, 0));
  none.citizen.domicile_municipality.clear();
  none.citizen.domiciled_in_piedmont = true;
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, none).status()), "DOMICILE_REQUIRED");
  BookCommand nowhere = Command(Slot(2, 9, 0));
  nowhere.citizen.domicile_municipality = "Atlantide";
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, nowhere).status()), "UNKNOWN_MUNICIPALITY");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appointments"), 0);
  // Any of Piedmont's municipalities, by name or ISTAT code, not only the CPI towns.
  BookCommand pragelato = Command(Slot(2, 9, 0));
  pragelato.citizen.domicile_municipality = "Pragelato";
  ASSERT_TRUE(manager_->Book(mario_, pragelato).ok());
  BookCommand by_code = Command(Slot(2, 9, 45));
  by_code.citizen.domicile_municipality = "004003";  // Alba (CN)
  ASSERT_TRUE(manager_->Book(anna_, by_code).ok());
}

TEST_F(BookingAppointmentsTest, CitizensSeeOnlyTheirOwnAndStaffAccessIsAudited) {
  auto a = manager_->Book(mario_, Command(Slot(2, 9, 0)));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(ErrorReason(manager_->Get(anna_, a->id, "").status()), "APPOINTMENT_NOT_FOUND");
  EXPECT_EQ(ErrorReason(manager_->Cancel(anna_, a->id, 1, "").status()),
            "APPOINTMENT_NOT_FOUND");
  ASSERT_TRUE(manager_->Get(mario_, a->id, "").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);
  auto found = manager_->Search(agent_, mario_.fiscal_code, "telefonata del cittadino", 10, "");
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->first.size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE actor = 'cc-1' AND action = 'search'"), 1);
  EXPECT_EQ(ErrorReason(manager_->Search(agent_, "RSSMRA85T10L219X", "x", 10, "").status()),
            "INVALID_FISCAL_CODE_CHECK");
  EXPECT_EQ(ErrorReason(manager_->Search(mario_, mario_.fiscal_code, "x", 10, "").status()),
            "STAFF_ONLY");
  // Every other staff access is audited too, with its reason: reads, day lists, bookings and
  // cancellations on a citizen's behalf.
  ASSERT_TRUE(manager_->Get(operator_, a->id, "verifica presenza").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE actor = 'op-a' AND action = 'read'"
                  " AND reason = 'verifica presenza'"),
            1);
  ASSERT_TRUE(manager_->ListSiteDay(operator_, "TO-01", D(2026, 3, 2), 10, "").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'list_site_day'"), 1);
  BookCommand for_anna = Command(Slot(2, 9, 45));
  for_anna.citizen.fiscal_code = anna_.fiscal_code;
  for_anna.note = "prenotata al telefono";
  auto booked = manager_->Book(agent_, for_anna);
  ASSERT_TRUE(booked.ok()) << booked.status();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE actor = 'cc-1'"
                  " AND action = 'book_on_behalf'"),
            1);
  ASSERT_TRUE(manager_->Cancel(agent_, booked->id, 6, "annullata al telefono").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE actor = 'cc-1'"
                  " AND action = 'cancel_on_behalf'"),
            1);
}

TEST_F(BookingAppointmentsTest, OperatorsReachOnlyTheirCpiAndRefusalsAreAuditedToo) {
  auto a = manager_->Book(mario_, Command(Slot(2, 9, 0)));  // at TO-01, CPI-TO-15
  ASSERT_TRUE(a.ok()) << a.status();
  const Caller cuneo{.subject = "op-cn", .role = Role::kOperator, .cpi_code = "CPI-CN-18"};
  // The search by fiscal code shows an operator only their own CPI's appointments.
  auto theirs = manager_->Search(cuneo, mario_.fiscal_code, "richiesta allo sportello", 10, "");
  ASSERT_TRUE(theirs.ok()) << theirs.status();
  EXPECT_TRUE(theirs->first.empty());
  auto ours = manager_->Search(operator_, mario_.fiscal_code, "richiesta allo sportello", 10, "");
  ASSERT_TRUE(ours.ok()) << ours.status();
  EXPECT_EQ(ours->first.size(), 1u);
  // Direct reads and changes are refused, and the refusals are in the audit log.
  EXPECT_EQ(ErrorReason(manager_->Get(cuneo, a->id, "verifica").status()), "OPERATOR_OUT_OF_CPI");
  EXPECT_EQ(ErrorReason(manager_->Cancel(cuneo, a->id, 6, "per errore").status()),
            "OPERATOR_OUT_OF_CPI");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE actor = 'op-cn'"
                  " AND action IN ('denied_read', 'denied_cancel')"),
            2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appointments WHERE state = 'to_deliver'"), 1);
  // Every staff read says why.
  EXPECT_EQ(ErrorReason(manager_->Get(operator_, a->id, "").status()), "ACCESS_REASON_REQUIRED");
  EXPECT_EQ(ErrorReason(manager_->Get(operator_, a->id, "   ").status()),
            "ACCESS_REASON_REQUIRED");
  EXPECT_TRUE(manager_->Get(operator_, a->id, "chiamata del cittadino").ok());
}

TEST_F(BookingAppointmentsTest, MoveKeepsHistoryAndCancelFreesTheSeat) {
  auto a = manager_->Book(mario_, Command(Slot(2, 9, 0)));
  ASSERT_TRUE(a.ok());
  auto moved = manager_->Move(mario_, a->id, Command(Slot(4, 10, 30)));
  ASSERT_TRUE(moved.ok()) << moved.status();
  EXPECT_EQ(moved->moved_from, a->id);
  EXPECT_EQ(moved->sequence, 0);
  auto old = manager_->Get(mario_, a->id, "");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->state, AppointmentState::kMoved);
  EXPECT_EQ(old->moved_to, moved->id);
  // The old seat is free again: Anna can take it.
  EXPECT_TRUE(manager_->Book(anna_, Command(Slot(2, 9, 0))).ok());
  auto cancelled = manager_->Cancel(mario_, moved->id, 2, "influenza");
  ASSERT_TRUE(cancelled.ok()) << cancelled.status();
  EXPECT_EQ(cancelled->state, AppointmentState::kCancelledByCitizen);
  EXPECT_EQ(cancelled->sequence, 1);
  EXPECT_EQ(ErrorReason(manager_->Cancel(mario_, moved->id, 2, "").status()),
            "APPOINTMENT_NOT_OPEN");
  auto ics = manager_->Ics(mario_, moved->id);
  ASSERT_TRUE(ics.ok()) << ics.status();
  EXPECT_NE(ics->find("METHOD:CANCEL"), std::string::npos);
  EXPECT_NE(ics->find("SEQUENCE:1"), std::string::npos);
  EXPECT_NE(ics->find(absl::StrCat("UID:", moved->id)), std::string::npos);
}

TEST_F(BookingAppointmentsTest, CitizensCannotCancelAfterTheDeadline) {
  auto a = manager_->Book(mario_, Command(Slot(2, 9, 0)));
  ASSERT_TRUE(a.ok());
  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 3, 1, 12, 0), zone_));  // < 24 h before
  EXPECT_EQ(ErrorReason(manager_->Cancel(mario_, a->id, 1, "").status()),
            "CHANGE_DEADLINE_PASSED");
  // The operator can, and it is audited.
  auto c = manager_->Cancel(operator_, a->id, 6, "chiesto al telefono");
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->state, AppointmentState::kCancelledByOperator);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'cancel_on_behalf'"), 1);
}

TEST_F(BookingAppointmentsTest, AttendanceAfterStartNoShowAndJustification) {
  auto a = manager_->Book(mario_, Command(Slot(2, 9, 0)));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(ErrorReason(manager_->RecordAttendance(operator_, a->id, Attendance::kNoShow, "")
                            .status()),
            "ATTENDANCE_BEFORE_START");
  clock_.Set(absl::FromCivil(absl::CivilMinute(2026, 3, 2, 10, 0), zone_));
  auto no_show = manager_->RecordAttendance(operator_, a->id, Attendance::kNoShow, "");
  ASSERT_TRUE(no_show.ok()) << no_show.status();
  EXPECT_EQ(no_show->state, AppointmentState::kNoShow);
  auto justified = manager_->RecordAttendance(operator_, a->id, Attendance::kJustified,
                                              "certificato medico");
  ASSERT_TRUE(justified.ok()) << justified.status();
  EXPECT_TRUE(justified->no_show_justified);
  EXPECT_EQ(ErrorReason(
                manager_->RecordAttendance(mario_, a->id, Attendance::kDelivered, "").status()),
            "STAFF_ONLY");
}

TEST_F(BookingAppointmentsTest, ClosingADayCancelsItsAppointmentsWithNotice) {
  ASSERT_TRUE(manager_->Book(mario_, Command(Slot(3, 9, 0))).ok());
  ASSERT_TRUE(manager_->Book(anna_, Command(Slot(3, 11, 15))).ok());
  auto closed = manager_->CloseSiteDay(operator_, "TO-01", D(2026, 3, 3), "sciopero");
  ASSERT_TRUE(closed.ok()) << closed.status();
  EXPECT_EQ(closed->size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM slots WHERE local_day = '2026-03-03' AND capacity > 0"), 0);
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, Command(Slot(3, 9, 45))).status()),
            "SLOT_TAKEN");
  auto page = manager_->ListSiteDay(operator_, "TO-01", D(2026, 3, 3), 10, "");
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->first.size(), 2u);
}

}  // namespace
}  // namespace sisl::booking
