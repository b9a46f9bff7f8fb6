// Privacy in booking (issue 10, point 8), against SQLite and PostgreSQL: events carry no contact
// data and notifiers read it through an audited use case; free text is bounded; database errors
// carry no row values (no DETAIL); the retention job deletes expired appointments, audit records
// and published outbox rows, driven by a FakeClock.
#include "absl/strings/str_cat.h"
#include "gateway/staff/api/staff_directory.h"
#include "gateway/staff/store/staff_store.h"
#include "gtest/gtest.h"
#include "services/booking/app/appointment_manager.h"
#include "services/booking/app/calendar_manager.h"
#include "services/booking/app/retention_job.h"
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

class BookingPrivacyTest : public BookingWorldTest {
 protected:
  BookCommand Command(const std::string& slot) {
    BookCommand cmd;
    cmd.slot_id = slot;
    cmd.citizen.email = "mario.rossi@example.org";
    cmd.citizen.mobile = "+393331234567";
    cmd.citizen.language = "en";
    cmd.citizen.domicile_municipality = "001272";
    return cmd;
  }
};

TEST_F(BookingPrivacyTest, EventsCarryNoContactAndNotifiersReadItAudited) {
  auto a = manager_->Book(mario_, Command(Slot(2, 9, 0)));
  ASSERT_TRUE(a.ok()) << a.status();
  // The outbox row (what Kafka receives) holds neither the e-mail address nor the mobile.
  {
    auto tx = db_->Begin();
    ASSERT_TRUE(tx.ok());
    auto rows = (*tx)->Execute("SELECT payload FROM outbox WHERE topic = $1",
                               {std::string("sisl.booking.appointments.v1")});
    ASSERT_TRUE(rows.ok()) << rows.status();
    ASSERT_EQ(rows->rows.size(), 1u);
    const std::string payload = rows->rows[0].Str(0);
    EXPECT_EQ(payload.find("mario.rossi@example.org"), std::string::npos);
    EXPECT_EQ(payload.find("3331234567"), std::string::npos);
  }
  // A notifier gets the contact with a reason, and the read is audited with that reason.
  auto contact = manager_->GetContact(notifier_, a->id, "booking confirmation");
  ASSERT_TRUE(contact.ok()) << contact.status();
  EXPECT_EQ(contact->email, "mario.rossi@example.org");
  EXPECT_EQ(contact->mobile, "+393331234567");
  EXPECT_EQ(contact->language, "en");
  EXPECT_EQ(contact->fiscal_code, a->fiscal_code);
  EXPECT_NE(contact->ics.find("BEGIN:VCALENDAR"), std::string::npos);
  EXPECT_NE(contact->ics.find(a->id), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'read_contact' AND actor ="
                  " 'notifications' AND actor_role = 'notifier' AND reason ="
                  " 'booking confirmation'"),
            1);
  ASSERT_TRUE(manager_->GetContact(admin_, a->id, "verifica recapiti").ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'read_contact'"), 2);
  // Nobody else, not even the CPI's operator or the citizen; refusals are audited too.
  EXPECT_EQ(ErrorReason(manager_->GetContact(operator_, a->id, "curiosity").status()),
            "CONTACT_READERS_ONLY");
  EXPECT_EQ(ErrorReason(manager_->GetContact(mario_, a->id, "mine").status()),
            "CONTACT_READERS_ONLY");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'denied_read_contact'"), 2);
  EXPECT_EQ(ErrorReason(manager_->GetContact(notifier_, a->id, " ").status()),
            "ACCESS_REASON_REQUIRED");
  EXPECT_EQ(ErrorReason(manager_->GetContact(notifier_, a->id, std::string(501, 'x')).status()),
            "ACCESS_REASON_TOO_LONG");
  EXPECT_EQ(ErrorReason(manager_->GetContact(notifier_, "nope", "reminder").status()),
            "APPOINTMENT_NOT_FOUND");
  // The notifier role is no staff role: it cannot read or book appointments.
  EXPECT_FALSE(manager_->Get(notifier_, a->id, "reminder").ok());
  EXPECT_EQ(ErrorReason(manager_->Search(notifier_, mario_.fiscal_code, "x", 10, "").status()),
            "STAFF_ONLY");
}

TEST_F(BookingPrivacyTest, FreeTextFieldsAreBounded) {
  const std::string long_note(kMaxNoteLength + 1, 'n');
  BookCommand cmd = Command(Slot(2, 9, 0));
  cmd.note = long_note;
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, cmd).status()), "NOTE_TOO_LONG");
  cmd = Command(Slot(2, 9, 0));
  cmd.request_id = std::string(kMaxRequestIdLength + 1, 'r');
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, cmd).status()), "REQUEST_ID_TOO_LONG");
  cmd = Command(Slot(2, 9, 0));
  cmd.citizen.email = std::string(250, 'm') + "@example.org";
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, cmd).status()), "EMAIL_TOO_LONG");
  cmd = Command(Slot(2, 9, 0));
  cmd.citizen.mobile = std::string(kMaxMobileLength + 1, '3');
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, cmd).status()), "MOBILE_TOO_LONG");
  cmd = Command(Slot(2, 9, 0));
  cmd.citizen.domicile_municipality = std::string(kMaxMunicipalityLength + 1, 'T');
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, cmd).status()), "MUNICIPALITY_TOO_LONG");
  cmd = Command(Slot(2, 9, 0));
  cmd.citizen.language = "italiano-standard";
  EXPECT_EQ(ErrorReason(manager_->Book(mario_, cmd).status()), "LANGUAGE_TOO_LONG");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appointments"), 0);
  // At the limit: accepted.
  cmd = Command(Slot(2, 9, 0));
  cmd.note = std::string(kMaxNoteLength, 'n');
  auto a = manager_->Book(mario_, cmd);
  ASSERT_TRUE(a.ok()) << a.status();

  BookCommand move = Command(Slot(2, 9, 45));
  move.note = long_note;
  EXPECT_EQ(ErrorReason(manager_->Move(mario_, a->id, move).status()), "NOTE_TOO_LONG");
  EXPECT_EQ(ErrorReason(manager_->Cancel(mario_, a->id, 1, long_note).status()), "NOTE_TOO_LONG");
  EXPECT_EQ(ErrorReason(
                manager_->RecordAttendance(operator_, a->id, Attendance::kNoShow, long_note)
                    .status()),
            "NOTE_TOO_LONG");
  EXPECT_EQ(ErrorReason(manager_->CloseSiteDay(operator_, "TO-01", D(2026, 3, 2),
                                               std::string(kMaxReasonLength + 1, 's'))
                            .status()),
            "REASON_TOO_LONG");
  EXPECT_EQ(ErrorReason(manager_->Get(operator_, a->id, std::string(501, 'x')).status()),
            "ACCESS_REASON_TOO_LONG");
}

TEST_F(BookingPrivacyTest, DatabaseErrorsCarryNoRowValues) {
  const std::string cf = FiscalCode("RSSMRA85T10L219");
  ASSERT_TRUE(IsOk(platform::db::InTransaction(*db_, [](platform::db::Transaction& tx) {
    return tx.ExecuteScript("CREATE TABLE privacy_people (fiscal_code TEXT NOT NULL UNIQUE)");
  })));
  auto insert = [&](const std::string& value) {
    return platform::db::InTransaction(*db_, [&](platform::db::Transaction& tx) {
      return tx.Execute("INSERT INTO privacy_people (fiscal_code) VALUES ($1)", {value}).status();
    });
  };
  ASSERT_TRUE(IsOk(insert(cf)));
  const absl::Status dup = insert(cf);
  EXPECT_EQ(dup.code(), absl::StatusCode::kAlreadyExists) << dup;
  EXPECT_EQ(ErrorReason(dup), "UNIQUE_VIOLATION");
  // PostgreSQL's DETAIL says "Key (fiscal_code)=(RSSMRA...) already exists.": not in the status.
  EXPECT_EQ(std::string(dup.message()).find(cf), std::string::npos) << dup.message();
  EXPECT_EQ(std::string(dup.message()).find("DETAIL"), std::string::npos) << dup.message();
  EXPECT_EQ(std::string(dup.message()).find("Key ("), std::string::npos) << dup.message();
  if (env_.postgres()) {
    // Errors whose primary message quotes the value are masked: invalid input for a number.
    const absl::Status bad = platform::db::InTransaction(*db_, [&](platform::db::Transaction& tx) {
      return tx.Execute("SELECT CAST($1 AS BIGINT) AS n", {cf}).status();
    });
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(std::string(bad.message()).find(cf), std::string::npos) << bad.message();
  }
}

TEST_F(BookingPrivacyTest, RetentionJobDeletesOnlyWhatExpired) {
  auto a = manager_->Book(mario_, Command(Slot(2, 9, 0)));  // ends 2026-03-02 09:45
  ASSERT_TRUE(a.ok()) << a.status();
  auto b = manager_->Book(anna_, Command(Slot(6, 11, 15)));  // ends 2026-03-06 12:00
  ASSERT_TRUE(b.ok()) << b.status();
  ASSERT_TRUE(manager_->Get(operator_, a->id, "verifica").ok());  // audit at 2026-02-25
  // The relay marked the events published.
  ASSERT_TRUE(IsOk(platform::db::InTransaction(*db_, [&](platform::db::Transaction& tx) {
    return tx.Execute("UPDATE outbox SET sent_at = $1",
                      {platform::ToUnixMicrosUtc(clock_.Now())}).status();
  })));
  const int64_t outbox_rows = Count("SELECT COUNT(*) FROM outbox");
  ASSERT_GE(outbox_rows, 2);
  const int64_t audit_rows = Count("SELECT COUNT(*) FROM audit_log");
  ASSERT_GE(audit_rows, 1);

  RetentionPolicy policy;
  policy.appointments = absl::Hours(24 * 1826);
  policy.audit = absl::Hours(24 * 1000);
  policy.outbox_sent = absl::Hours(24 * 7);
  policy.batch_size = 1;  // one row per table and run: RunOnce reports a full batch
  RetentionJob job(*db_, clock_, policy);

  // Six days later: nothing has expired.
  clock_.Advance(absl::Hours(24 * 6));
  auto counts = job.RunOnce();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->appointments + counts->audit_records + counts->outbox_rows, 0);
  // Eight days after publication: the published outbox rows go, one batch at a time.
  clock_.Advance(absl::Hours(24 * 2));
  counts = job.RunOnce();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->outbox_rows, 1);
  EXPECT_TRUE(counts->full_batch);
  while (counts.ok() && counts->full_batch) counts = job.RunOnce();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appointments"), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), audit_rows);

  // 1000 days after the audit record: it goes; the appointments stay (five years).
  clock_.Set(absl::FromUnixSeconds(1'772'000'000) + absl::Hours(24 * 1000) + absl::Minutes(1));
  counts = job.RunOnce();
  ASSERT_TRUE(counts.ok());
  while (counts.ok() && counts->full_batch) counts = job.RunOnce();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appointments"), 2);

  // Five years after Mario's appointment, before Anna's: only Mario's goes, with its
  // idempotency key; Anna's stays until its own day plus five years.
  clock_.Set(absl::FromCivil(absl::CivilMinute(2031, 3, 4, 12, 0), zone_));
  counts = job.RunOnce();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->appointments, 1);
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM appointments WHERE id = '", a->id, "'")), 0);
  EXPECT_EQ(Count(absl::StrCat("SELECT COUNT(*) FROM appointments WHERE id = '", b->id, "'")), 1);
  clock_.Set(absl::FromCivil(absl::CivilMinute(2031, 3, 8, 0, 0), zone_));
  ASSERT_TRUE(job.RunOnce().ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appointments"), 0);
}

TEST_F(BookingPrivacyTest, ZeroPeriodsKeepEverything) {
  ASSERT_TRUE(manager_->Book(mario_, Command(Slot(2, 9, 0))).ok());
  ASSERT_TRUE(IsOk(platform::db::InTransaction(*db_, [&](platform::db::Transaction& tx) {
    return tx.Execute("UPDATE outbox SET sent_at = $1", {int64_t{0}}).status();
  })));
  RetentionJob job(*db_, clock_,
                   {.appointments = absl::ZeroDuration(), .audit = absl::ZeroDuration(),
                    .outbox_sent = absl::ZeroDuration()});
  clock_.Advance(absl::Hours(24 * 365 * 20));
  auto counts = job.RunOnce();
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->appointments + counts->audit_records + counts->outbox_rows, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appointments"), 1);
}

// The staff directory's requests: display name (200) and e-mail (254) were bounded already; the
// idempotency key was not.
TEST(StaffDirectoryPrivacyTest, FreeTextFieldsAreBounded) {
  testing_env::TestDatabase env;
  auto db = env.Open();
  ASSERT_NE(db, nullptr);
  platform::FakeClock clock{absl::FromUnixSeconds(1'772'000'000)};
  ASSERT_TRUE(IsOk(gateway::staff::MigrateStaffStore(*db, clock)));
  gateway::staff::StaffDirectory directory(*db, clock,
                                           gateway::staff::KnownCpiCodes({"CPI-TO-15"}));
  const Caller admin{.subject = "admin-1", .role = Role::kAdmin};
  auto member = [] {
    return gateway::staff::StaffMember{
        .fiscal_code = FiscalCode("RSSMRA85T10L219"),
        .display_name = "Operatore Uno",
        .email = "op1@regione.piemonte.it",
        .roles = {{gateway::staff::StaffRole::kOperator, "CPI-TO-15"}}};
  };
  EXPECT_EQ(ErrorReason(directory.Create(admin, member(), std::string(101, 'r'), "").status()),
            "REQUEST_ID_TOO_LONG");
  auto long_name = member();
  long_name.display_name = std::string(201, 'n');
  EXPECT_EQ(ErrorReason(directory.Create(admin, long_name, "", "").status()),
            "INVALID_DISPLAY_NAME");
  auto long_email = member();
  long_email.email = std::string(250, 'e') + "@regione.piemonte.it";
  EXPECT_EQ(ErrorReason(directory.Create(admin, long_email, "", "").status()), "INVALID_EMAIL");
  EXPECT_TRUE(directory.Create(admin, member(), std::string(100, 'r'), "").ok());
}

}  // namespace
}  // namespace sisl::booking
