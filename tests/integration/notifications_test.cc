// Notifications end to end on the real stack (PostgreSQL, Kafka, Redis and the local SMTP
// server of deploy/infra.sh): sisl-booking and sisl-notifications as their own processes. A
// citizen books an EURES appointment over gRPC; booking's event reaches notifications through
// Kafka; notifications asks booking for the contact (its own service token, role notifier) and
// mails exactly one confirmation with the appointment's .ics, read back from mailpit's API. The
// reminder is a durable job at 09:00 Rome the day before; a move mails the new time and moves
// the job; a cancellation mails the notice and cancels the job. Nothing is mailed twice.
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/booking/domain/calendar.h"
#include "services/platform/ids.h"
#include "services/reference/calendar.h"
#include "services/reference/fiscal_code.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"
#include "sisl/booking/v1/availability.grpc.pb.h"
#include "sisl/booking/v1/calendars.grpc.pb.h"
#include "sisl/notifications/v1/notifications.grpc.pb.h"
#include "tests/integration/booking_fixture.h"
#include "tests/integration/event_reader.h"
#include "tests/support/mailpit.h"

namespace sisl::testing_env {
namespace {

namespace bv1 = ::sisl::booking::v1;
namespace nv1 = ::sisl::notifications::v1;
using platform::auth::Caller;
using platform::auth::Role;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

class NotificationsTest : public BookingServiceFixture {
 protected:
  void SetUp() override {
    smtp_ = Env("SISL_TEST_SMTP");
    tls_dir_ = Env("SISL_TEST_TLS_DIR");
    ASSERT_FALSE(smtp_.empty() || Env("SISL_TEST_MAILPIT_API").empty() || tls_dir_.empty())
        << "run ./sisl infra up and source .run/infra/env (./sisl test does this)";
    mailpit_ = std::make_unique<Mailpit>(Env("SISL_TEST_MAILPIT_API"));
    // Booking trusts notifications' own key (ADR 0022) for the contact reads.
    booking_env_["SISL_AUTH_TRUSTED_SERVICE_KEYS"] =
        absl::StrCat("notifications=", keys_->files().service_public_key);
    booking_env_["SISL_BOOKING_VIDEO_MEETING_URL"] =
        "https://videocolloqui.example.it/cpi/{appointment_id}";
    BookingServiceFixture::SetUp();
    if (HasFatalFailure()) return;
    const std::string group_prefix = absl::StrCat("it-notifications.", platform::NewUuidV7(), ".");
    StartGroupAtEnd(kafka_, group_prefix + "notifications-appointments",
                    {"sisl.booking.appointments.v1"});
    notifications_grpc_ = absl::StrCat("127.0.0.1:", FreePort());
    std::map<std::string, std::string> env = {
        {"SISL_DATABASE_URL", pg_url_},
        {"SISL_BUS_BOOTSTRAP_SERVERS", kafka_},
        {"SISL_CACHE_ADDRESS", redis_},
        {"SISL_SERVICE_GRPC_ADDRESS", notifications_grpc_},
        {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())},
        {"SISL_BUS_GROUP_PREFIX", group_prefix},
        {"SISL_AUTH_SERVICE_TOKEN_PRIVATE_KEY", keys_->files().service_private_key},
        {"SISL_NOTIFICATIONS_BOOKING_ADDRESS", grpc_address_},
        {"SISL_NOTIFICATIONS_SMTP_HOST", smtp_.substr(0, smtp_.find(':'))},
        {"SISL_NOTIFICATIONS_SMTP_PORT", smtp_.substr(smtp_.find(':') + 1)},
        {"SISL_NOTIFICATIONS_SMTP_CA_FILE", tls_dir_ + "/ca.crt"},
        {"SISL_NOTIFICATIONS_SMTP_USERNAME", "sisl"},
        {"SISL_NOTIFICATIONS_SMTP_PASSWORD", "not-checked-by-mailpit"},
        {"SISL_NOTIFICATIONS_SEND_INTERVAL", "200ms"}};
    env.merge(keys_->Env(/*gateway=*/false));
    notifications_ = std::make_unique<ChildProcess>(
        BinaryPath("services/notifications/sisl-notifications"),
        std::vector<std::string>{"--config", SourcePath("deploy/config/notifications.yaml")}, env,
        (std::filesystem::temp_directory_path() / "sisl-it-notifications.log").string());
    ASSERT_TRUE(notifications_->Start() &&
                notifications_->WaitForGrpc(notifications_grpc_, std::chrono::seconds(60)))
        << "sisl-notifications did not start; see " << notifications_->log_path();
    auto db =
        platform::db::OpenDatabase({.url = pg_url_, .pool_size = 2, .schema = "notifications"});
    ASSERT_TRUE(db.ok()) << db.status();
    notifications_db_ = *std::move(db);
  }

  void TearDown() override {
    if (notifications_) notifications_->Kill();
    BookingServiceFixture::TearDown();
  }

  std::unique_ptr<grpc::ClientContext> As(const Caller& caller, const std::string& audience) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata(platform::auth::kTokenMetadataKey, keys_->Token(caller, audience));
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return ctx;
  }

  // Two EURES slots at Biella on a working day 10+ days ahead that no earlier run took.
  std::vector<std::string> FreshSlots() {
    auto channel = grpc::CreateChannel(grpc_address_, grpc::InsecureChannelCredentials());
    auto calendars = bv1::CalendarsService::NewStub(channel);
    auto availability = bv1::AvailabilityService::NewStub(channel);
    const Caller admin{.subject = "admin-1", .role = Role::kAdmin};
    const reference::HolidayCalendar holidays =
        reference::HolidayCalendar::ForMunicipalityName("Biella");
    absl::CivilDay day = absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(3600)) + 12;
    grpc::Status st;
    for (int attempt = 0; attempt < 70; ++attempt, ++day) {
      if (holidays.IsHoliday(day)) continue;
      bv1::CreateCalendarRequest create;
      auto* cal = create.mutable_calendar();
      cal->set_site_code("BI-01");
      cal->set_service_code("EURES");
      cal->set_first_date(absl::FormatCivilTime(day));
      cal->set_last_date(absl::FormatCivilTime(day));
      auto* band = cal->add_bands();
      band->set_weekday(static_cast<bv1::Weekday>(booking::WeekdayOf(day)));
      band->set_start_time("14:00");
      band->set_end_time("15:30");
      band->set_slot_minutes(45);
      band->set_seats_per_slot(1);
      cal->add_operator_ids("op-biella-1");
      bv1::CreateCalendarResponse created;
      st = calendars->CreateCalendar(As(admin, "booking").get(), create, &created);
      if (st.error_code() != grpc::StatusCode::FAILED_PRECONDITION) break;  // taken: next day
    }
    EXPECT_TRUE(st.ok()) << st.error_message();
    day_ = day;
    bv1::GetDayAvailabilityRequest search;
    search.set_service_code("EURES");
    search.set_date(absl::FormatCivilTime(day));
    search.mutable_scope()->set_scope(bv1::SEARCH_SCOPE_REGION);
    search.mutable_scope()->add_site_codes("BI-01");
    std::vector<std::string> ids;
    for (int i = 0; i < 100 && ids.size() < 2; ++i) {
      grpc::ClientContext ctx;
      bv1::GetDayAvailabilityResponse slots;
      EXPECT_TRUE(availability->GetDayAvailability(&ctx, search, &slots).ok());
      ids.clear();
      for (const auto& s : slots.slots()) ids.push_back(s.id());
      if (ids.size() < 2) absl::SleepFor(absl::Milliseconds(100));
    }
    return ids;
  }

  // The reminder jobs of an appointment: state and due time (unix seconds), by due time.
  std::vector<std::pair<std::string, int64_t>> Jobs(const std::string& appointment_id) {
    std::vector<std::pair<std::string, int64_t>> out;
    auto st = platform::db::InTransaction(
        *notifications_db_, [&](platform::db::Transaction& tx) -> absl::Status {
          auto res = tx.Execute(
              "SELECT state, due_at FROM reminder_jobs WHERE appointment_id = $1 ORDER BY due_at",
              {appointment_id});
          if (!res.ok()) return res.status();
          for (const auto& row : platform::db::Rows(*res)) {
            out.emplace_back(row.Str("state"), row.Int("due_at") / 1000000);
          }
          return absl::OkStatus();
        });
    EXPECT_TRUE(st.ok()) << st;
    return out;
  }

  std::string smtp_, tls_dir_, notifications_grpc_;
  absl::CivilDay day_;
  std::unique_ptr<Mailpit> mailpit_;
  std::unique_ptr<ChildProcess> notifications_;
  std::unique_ptr<platform::db::Database> notifications_db_;
};

// 09:00 in Rome on `day`, as unix seconds.
int64_t NineInRome(absl::CivilDay day) {
  absl::TimeZone rome;
  EXPECT_TRUE(absl::LoadTimeZone("Europe/Rome", &rome));
  return absl::ToUnixSeconds(
      absl::FromCivil(absl::CivilHour(day.year(), day.month(), day.day(), 9), rome));
}

TEST_F(NotificationsTest, ConfirmationOnceWithIcsMoveReschedulesCancelRemoves) {
  const std::vector<std::string> slots = FreshSlots();
  ASSERT_EQ(slots.size(), 2u);
  auto appointments = bv1::AppointmentsService::NewStub(
      grpc::CreateChannel(grpc_address_, grpc::InsecureChannelCredentials()));
  std::string first15 = "XXXXXX80A41A859";
  const uint64_t seed = std::hash<std::string>()(platform::NewUuidV7());
  for (int i = 0; i < 6; ++i) first15[i] = static_cast<char>('A' + (seed >> (5 * i)) % 26);
  const Caller citizen{.subject = "c-1",
                       .role = Role::kCitizen,
                       .fiscal_code = first15 + *reference::FiscalCodeCheckCharacter(first15)};
  const std::string address = UniqueAddress("laura", "example.org");

  // Booked: one confirmation, in the citizen's language, with the .ics of the appointment.
  bv1::BookAppointmentRequest book;
  book.set_slot_id(slots[0]);
  book.set_delivery_mode(bv1::DELIVERY_MODE_IN_PERSON);
  book.mutable_citizen()->set_email(address);
  book.mutable_citizen()->set_language("en");
  bv1::BookAppointmentResponse booked;
  grpc::Status st = appointments->BookAppointment(As(citizen, "booking").get(), book, &booked);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const std::string first_id = booked.appointment().id();
  nlohmann::json list = mailpit_->WaitFor(address, 1, absl::Seconds(30));
  ASSERT_EQ(list.value("messages_count", 0), 1) << list.dump();
  nlohmann::json confirmation = mailpit_->Message(list["messages"][0]["ID"]);
  EXPECT_TRUE(absl::StrContains(confirmation.value("Subject", ""), "confirmed"))
      << confirmation.value("Subject", "");
  EXPECT_TRUE(absl::StrContains(confirmation.value("Text", ""), "EURES"));
  ASSERT_EQ(confirmation["Attachments"].size(), 1u) << confirmation.dump();
  const nlohmann::json& ics_part = confirmation["Attachments"][0];
  EXPECT_EQ(ics_part.value("FileName", ""), "appuntamento.ics");
  EXPECT_TRUE(absl::StartsWith(ics_part.value("ContentType", ""), "text/calendar"));
  const std::string ics = mailpit_->Part(confirmation["ID"], ics_part["PartID"]);
  EXPECT_TRUE(absl::StartsWith(ics, "BEGIN:VCALENDAR")) << ics;
  EXPECT_TRUE(absl::StrContains(ics, absl::StrCat("UID:", first_id))) << ics;
  EXPECT_TRUE(absl::StrContains(ics, "END:VCALENDAR"));
  // EURES reminds one day before: a durable job at 09:00 Rome on the day before.
  auto jobs = Jobs(first_id);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].first, "scheduled");
  EXPECT_EQ(jobs[0].second, NineInRome(day_ - 1));

  // Moved, now as a video call: a notice with the new time and the meeting link; the old
  // appointment's job cancelled, the new one's set.
  bv1::MoveAppointmentRequest move;
  move.set_id(first_id);
  move.set_new_slot_id(slots[1]);
  move.set_delivery_mode(bv1::DELIVERY_MODE_VIDEO_CALL);
  bv1::MoveAppointmentResponse moved;
  st = appointments->MoveAppointment(As(citizen, "booking").get(), move, &moved);
  ASSERT_TRUE(st.ok()) << st.error_message();
  const std::string second_id = moved.appointment().id();
  list = mailpit_->WaitFor(address, 2, absl::Seconds(30));
  ASSERT_EQ(list.value("messages_count", 0), 2) << list.dump();
  nlohmann::json notice;
  for (const auto& m : list["messages"]) {
    if (m.value("ID", "") != confirmation.value("ID", "")) notice = mailpit_->Message(m["ID"]);
  }
  const std::string link = absl::StrCat("https://videocolloqui.example.it/cpi/", second_id);
  EXPECT_TRUE(absl::StrContains(notice.value("Text", ""), link)) << notice.value("Text", "");
  ASSERT_EQ(notice["Attachments"].size(), 1u);
  const std::string moved_ics = absl::StrReplaceAll(  // unfolded (RFC 5545 §3.1)
      mailpit_->Part(notice["ID"], notice["Attachments"][0]["PartID"]), {{"\r\n ", ""}});
  EXPECT_TRUE(absl::StrContains(moved_ics, absl::StrCat("URL:", link))) << moved_ics;
  jobs = Jobs(first_id);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].first, "cancelled");
  jobs = Jobs(second_id);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].first, "scheduled");
  EXPECT_EQ(jobs[0].second, NineInRome(day_ - 1));

  // Cancelled: the notice, and no reminder left.
  bv1::CancelAppointmentRequest cancel;
  cancel.set_id(second_id);
  cancel.set_reason(bv1::CANCELLATION_REASON_WORK);
  bv1::CancelAppointmentResponse cancelled;
  st = appointments->CancelAppointment(As(citizen, "booking").get(), cancel, &cancelled);
  ASSERT_TRUE(st.ok()) << st.error_message();
  list = mailpit_->WaitFor(address, 3, absl::Seconds(30));
  ASSERT_EQ(list.value("messages_count", 0), 3) << list.dump();
  jobs = Jobs(second_id);
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].first, "cancelled");
  std::set<std::string> subjects;
  for (const auto& m : list["messages"]) subjects.insert(m.value("Subject", ""));
  EXPECT_EQ(subjects.size(), 3u) << list.dump();

  // The citizen sees the three messages sent to them.
  auto preferences = nv1::PreferencesService::NewStub(
      grpc::CreateChannel(notifications_grpc_, grpc::InsecureChannelCredentials()));
  nv1::ListMyMessagesRequest mine;
  nv1::ListMyMessagesResponse messages;
  st = preferences->ListMyMessages(As(citizen, "notifications").get(), mine, &messages);
  ASSERT_TRUE(st.ok()) << st.error_message();
  ASSERT_EQ(messages.messages_size(), 3);
  for (const auto& m : messages.messages()) {
    EXPECT_EQ(m.state(), nv1::MESSAGE_STATE_SENT);
    EXPECT_EQ(m.channel(), nv1::CHANNEL_EMAIL);
    EXPECT_EQ(m.language(), nv1::LANGUAGE_ENGLISH);
  }

  // Nothing more arrives (a redelivered event or a second round sends nothing twice).
  absl::SleepFor(absl::Seconds(2));
  EXPECT_EQ(mailpit_->SearchTo(address).value("messages_count", 0), 3);
}

}  // namespace
}  // namespace sisl::testing_env
