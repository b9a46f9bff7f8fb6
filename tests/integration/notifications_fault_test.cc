// The fault test of issue 14: 10,000 reminders due; sisl-notifications is killed (SIGKILL) while
// it sends them and the SMTP server is stopped for 30 s; after recovery the SMTP server holds
// exactly 10,000 messages, one per reminder, none twice.
//
// Real parts: sisl-booking (the 10,000 appointments, booked over gRPC by 10,000 invented
// citizens, and their contact data) and sisl-notifications as processes on the real PostgreSQL
// (a database of this run's own), Kafka and Redis; an SMTP server of the test's own (mailpit, as
// deploy/lib/mailpit.sh runs it, on free ports with STARTTLS and AUTH), so it can be stopped
// without disturbing other tests. The reminders are the durable jobs the intake writes for those
// appointments, due now (the day before the appointment has come).
//
// What makes it exactly once: the ledger's key per message and channel, leases that a killed
// replica's messages outlive, and a Message-ID derived from the key on every attempt. A message
// whose attempt was cut between the server's 250 and the commit is sent again after its lease,
// with the same Message-ID: the receiving server keeps one (mailpit's --ignore-duplicate-ids,
// as mail stores do). The test counts those resends from the server's log.
#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/booking/domain/calendar.h"
#include "services/notifications/app/values_json.h"
#include "services/notifications/store/notifications_store.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/ids.h"
#include "services/reference/fiscal_code.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"
#include "sisl/booking/v1/availability.grpc.pb.h"
#include "sisl/booking/v1/calendars.grpc.pb.h"
#include "tests/integration/booking_fixture.h"
#include "tests/integration/event_reader.h"
#include "tests/support/mailpit.h"

namespace sisl::testing_env {
namespace {

namespace bv1 = ::sisl::booking::v1;
using platform::auth::Caller;
using platform::auth::Role;

constexpr int kReminders = 10000;
constexpr int kSeats = 200;

std::string Env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

class NotificationsFaultTest : public BookingServiceFixture {
 protected:
  void SetUp() override {
    tls_dir_ = Env("SISL_TEST_TLS_DIR");
    ASSERT_FALSE(tls_dir_.empty()) << "run ./sisl infra up and source .run/infra/env";
    fresh_database_ = "sisl_it_notifications_fault";
    booking_env_["SISL_AUTH_TRUSTED_SERVICE_KEYS"] =
        absl::StrCat("notifications=", keys_->files().service_public_key);
    BookingServiceFixture::SetUp();
    if (HasFatalFailure()) return;
    work_ = std::filesystem::temp_directory_path() /
            absl::StrCat("sisl-it-notifications-fault-", platform::NewUuidV7());
    std::filesystem::create_directories(work_);
    smtp_port_ = FreePort();
    mailpit_http_ = absl::StrCat("127.0.0.1:", FreePort());
    mailpit_ = std::make_unique<Mailpit>("http://" + mailpit_http_);
    ASSERT_NO_FATAL_FAILURE(StartMailpit());
    group_prefix_ = absl::StrCat("it-notifications-fault.", platform::NewUuidV7(), ".");
  }

  void TearDown() override {
    if (notifications_) notifications_->Kill();
    if (mailpit_process_) mailpit_process_->Kill();
    notifications_db_.reset();
    BookingServiceFixture::TearDown();
    std::error_code ec;
    std::filesystem::remove_all(work_, ec);
  }

  void StartMailpit() {
    mailpit_process_ = std::make_unique<ChildProcess>(
        SourcePath(".run/bin/mailpit"),
        std::vector<std::string>{"--disable-version-check", "--smtp-disable-rdns", "--database",
                                 (work_ / "mailpit.db").string(), "--max", "0", "--listen",
                                 mailpit_http_, "--smtp", absl::StrCat("127.0.0.1:", smtp_port_),
                                 "--smtp-tls-cert", tls_dir_ + "/server.crt", "--smtp-tls-key",
                                 tls_dir_ + "/server.key", "--smtp-auth-accept-any",
                                 "--ignore-duplicate-ids"},
        std::map<std::string, std::string>{}, (work_ / "mailpit.log").string());
    ASSERT_TRUE(mailpit_process_->Start());
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (absl::Now() < deadline) {
      if (mailpit_->Ready()) return;
      absl::SleepFor(absl::Milliseconds(200));
    }
    FAIL() << "mailpit did not start; see " << (work_ / "mailpit.log").string();
  }

  void StartNotifications() {
    const std::string grpc = absl::StrCat("127.0.0.1:", FreePort());
    std::map<std::string, std::string> env = {
        {"SISL_DATABASE_URL", pg_url_},
        {"SISL_BUS_BOOTSTRAP_SERVERS", kafka_},
        {"SISL_CACHE_ADDRESS", redis_},
        {"SISL_SERVICE_GRPC_ADDRESS", grpc},
        {"SISL_SERVICE_HTTP_ADDRESS", absl::StrCat("127.0.0.1:", FreePort())},
        {"SISL_BUS_GROUP_PREFIX", group_prefix_},
        {"SISL_AUTH_SERVICE_TOKEN_PRIVATE_KEY", keys_->files().service_private_key},
        {"SISL_NOTIFICATIONS_BOOKING_ADDRESS", grpc_address_},
        {"SISL_NOTIFICATIONS_SMTP_PORT", std::to_string(smtp_port_)},
        {"SISL_NOTIFICATIONS_SMTP_CA_FILE", tls_dir_ + "/ca.crt"},
        {"SISL_NOTIFICATIONS_SMTP_PASSWORD", "any"},
        {"SISL_NOTIFICATIONS_SEND_INTERVAL", "100ms"},
        {"SISL_NOTIFICATIONS_BATCH", "100"},
        {"SISL_NOTIFICATIONS_LEASE", "10s"},
        {"SISL_NOTIFICATIONS_RETRY_INITIAL", "1s"},
        {"SISL_NOTIFICATIONS_RETRY_MAX", "5s"},
        {"SISL_NOTIFICATIONS_RETRY_MAX_ATTEMPTS", "1000"}};
    env.merge(keys_->Env(/*gateway=*/false));
    notifications_ = std::make_unique<ChildProcess>(
        BinaryPath("services/notifications/sisl-notifications"),
        std::vector<std::string>{"--config", SourcePath("deploy/config/notifications.yaml")}, env,
        (work_ / "notifications.log").string());
    ASSERT_TRUE(notifications_->Start() &&
                notifications_->WaitForGrpc(grpc, std::chrono::seconds(60)))
        << "sisl-notifications did not start; see " << notifications_->log_path();
  }

  std::unique_ptr<grpc::ClientContext> As(const Caller& caller) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata(platform::auth::kTokenMetadataKey, keys_->Token(caller, "booking"));
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return ctx;
  }

  // EURES at Biella, weekdays 08:00-17:00 from 7 days ahead for three weeks, 200 seats a slot;
  // the slots, once the availability index has them.
  std::vector<bv1::Slot> Slots() {
    auto channel = grpc::CreateChannel(grpc_address_, grpc::InsecureChannelCredentials());
    auto calendars = bv1::CalendarsService::NewStub(channel);
    const absl::CivilDay first = absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(3600)) + 7;
    bv1::CreateCalendarRequest create;
    auto* cal = create.mutable_calendar();
    cal->set_site_code("BI-01");
    cal->set_service_code("EURES");
    cal->set_first_date(absl::FormatCivilTime(first));
    cal->set_last_date(absl::FormatCivilTime(first + 20));
    for (int weekday = bv1::WEEKDAY_MONDAY; weekday <= bv1::WEEKDAY_FRIDAY; ++weekday) {
      auto* band = cal->add_bands();
      band->set_weekday(static_cast<bv1::Weekday>(weekday));
      band->set_start_time("08:00");
      band->set_end_time("17:00");
      band->set_slot_minutes(45);
      band->set_seats_per_slot(kSeats);
    }
    cal->add_operator_ids("op-biella-1");
    bv1::CreateCalendarResponse created;
    const grpc::Status st = calendars->CreateCalendar(
        As({.subject = "admin-1", .role = Role::kAdmin}).get(), create, &created);
    EXPECT_TRUE(st.ok()) << st.error_code() << " " << st.error_message() << " "
                         << st.error_details().size();
    if (!st.ok()) return {};
    auto availability = bv1::AvailabilityService::NewStub(channel);
    std::vector<bv1::Slot> slots;
    for (absl::CivilDay day = first; day <= first + 20 && slots.size() * kSeats < kReminders;
         ++day) {
      bv1::GetDayAvailabilityRequest search;
      search.set_service_code("EURES");
      search.set_date(absl::FormatCivilTime(day));
      search.mutable_scope()->set_scope(bv1::SEARCH_SCOPE_REGION);
      search.mutable_scope()->add_site_codes("BI-01");
      const bool weekday = booking::WeekdayOf(day) != booking::Weekday::kSaturday &&
                           booking::WeekdayOf(day) != booking::Weekday::kSunday;
      for (int i = 0; i < 300; ++i) {  // the CalendarChanged event reaches the index via Kafka
        grpc::ClientContext ctx;
        bv1::GetDayAvailabilityResponse resp;
        EXPECT_TRUE(availability->GetDayAvailability(&ctx, search, &resp).ok());
        if (resp.slots_size() > 0 || !weekday) {
          for (const bv1::Slot& s : resp.slots()) slots.push_back(s);
          break;
        }
        absl::SleepFor(absl::Milliseconds(100));
      }
    }
    return slots;
  }

  std::filesystem::path work_;
  std::string tls_dir_, mailpit_http_, group_prefix_;
  int smtp_port_ = 0;
  std::unique_ptr<Mailpit> mailpit_;
  std::unique_ptr<ChildProcess> mailpit_process_;
  std::unique_ptr<ChildProcess> notifications_;
  std::unique_ptr<platform::db::Database> notifications_db_;
};

struct Booked {
  std::string appointment_id;
  std::string person_id;
  absl::Time start;
};

// An invented citizen per number: a valid fiscal code of its own (letters from the number).
std::string FiscalCode(int n, uint64_t run) {
  std::string first15 = "XXXXXX80A41A859";
  uint64_t v = run * 100003 + static_cast<uint64_t>(n);
  for (int i = 0; i < 6; ++i, v /= 26) first15[i] = static_cast<char>('A' + v % 26);
  return first15 + *reference::FiscalCodeCheckCharacter(first15);
}

TEST_F(NotificationsFaultTest, TenThousandRemindersOnceThroughAKillAndAnSmtpOutage) {
  const absl::Time began = absl::Now();
  const std::string marker = platform::NewUuidV7();
  const std::vector<bv1::Slot> slots = Slots();
  ASSERT_GE(slots.size() * kSeats, static_cast<size_t>(kReminders));

  // 10,000 appointments, booked over gRPC by 10,000 citizens (8 at a time).
  const uint64_t run = std::hash<std::string>()(platform::NewUuidV7()) % 1000000;
  const std::string run_tag = absl::StrCat(run);
  std::vector<Booked> booked(kReminders);
  std::atomic<int> next{0}, failures{0};
  auto stub = bv1::AppointmentsService::NewStub(
      grpc::CreateChannel(grpc_address_, grpc::InsecureChannelCredentials()));
  const platform::auth::PersonIdHasher person_ids(keys_->person_id_key());
  std::vector<std::thread> bookers;
  for (int t = 0; t < 8; ++t) {
    bookers.emplace_back([&] {
      for (int n = next++; n < kReminders; n = next++) {
        const std::string cf = FiscalCode(n, run);
        bv1::BookAppointmentRequest book;
        book.set_slot_id(slots[n / kSeats].id());
        book.set_delivery_mode(bv1::DELIVERY_MODE_IN_PERSON);
        book.mutable_citizen()->set_email(absl::StrCat("r", n, ".", run_tag, "@example.org"));
        book.mutable_citizen()->set_language(n % 2 == 0 ? "it" : "en");
        bv1::BookAppointmentResponse resp;
        const grpc::Status st = stub->BookAppointment(
            As({.subject = cf, .role = Role::kCitizen, .fiscal_code = cf}).get(), book, &resp);
        if (!st.ok()) {
          if (failures++ < 5) ADD_FAILURE() << "booking " << n << ": " << st.error_message();
          continue;
        }
        booked[n] = {resp.appointment().id(), person_ids.PersonId(cf),
                     absl::FromUnixSeconds(resp.appointment().start_time().seconds())};
      }
    });
  }
  for (std::thread& t : bookers) t.join();
  ASSERT_EQ(failures.load(), 0);
  const absl::Duration booking_time = absl::Now() - began;
  // Every booking event published before notifications' group is placed at the topic's end.
  for (int i = 0; i < 600 && UnsentAfter(Db(), marker) > 0; ++i) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  ASSERT_EQ(UnsentAfter(Db(), marker), 0);

  // sisl-notifications from the end of the appointment topic (the bookings' own confirmations
  // are not this test's subject), then the 10,000 reminder jobs as the intake writes them, due
  // now.
  StartGroupAtEnd(kafka_, group_prefix_ + "notifications-appointments",
                  {"sisl.booking.appointments.v1"});
  ASSERT_NO_FATAL_FAILURE(StartNotifications());
  auto db = platform::db::OpenDatabase({.url = pg_url_, .pool_size = 2, .schema = "notifications"});
  ASSERT_TRUE(db.ok()) << db.status();
  notifications_db_ = *std::move(db);
  const absl::Time due = absl::Now();
  for (int from = 0; from < kReminders; from += 500) {
    const absl::Status st = platform::db::InTransaction(
        *notifications_db_, [&](platform::db::Transaction& tx) -> absl::Status {
          for (int n = from; n < std::min(kReminders, from + 500); ++n) {
            notifications::MessageValues values;
            values.SetText("service_name", "EURES - lavorare in Europa")
                .SetText("site_label", "CPI Biella")
                .SetText("site_address", "Via Trossi 46, Biella")
                .SetDateTime("start", booked[n].start)
                .SetText("delivery", "in_person")
                .SetText("portal_url", "http://127.0.0.1:8080/");
            notifications::store::AppointmentForReminders a{
                booked[n].appointment_id,
                booked[n].person_id,
                n % 2 == 0 ? notifications::Language::kItalian : notifications::Language::kEnglish,
                {notifications::Channel::kEmail},
                booked[n].start,
                notifications::ValuesToJson(values)};
            const notifications::Reminder reminder{1, due};
            const absl::Status s = notifications::store::ReminderJobs::Schedule(
                tx, a, absl::MakeConstSpan(&reminder, 1), due - absl::Seconds(1));
            if (!s.ok()) return s;
          }
          return absl::OkStatus();
        });
    ASSERT_TRUE(st.ok()) << st;
  }

  // While it sends: SIGKILL once a third has arrived, and the SMTP server away for 30 s.
  const absl::Time sending = absl::Now();
  const absl::Time third_deadline = sending + absl::Minutes(3);
  int64_t at_kill = 0;
  while ((at_kill = mailpit_->Total()) < kReminders / 3 && absl::Now() < third_deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_GE(at_kill, kReminders / 3) << "too slow; see " << notifications_->log_path();
  notifications_->Kill();
  mailpit_process_->Kill();
  EXPECT_FALSE(mailpit_->Ready());
  ASSERT_NO_FATAL_FAILURE(StartNotifications());
  absl::SleepFor(absl::Seconds(30));
  ASSERT_NO_FATAL_FAILURE(StartMailpit());

  // Recovery: every reminder arrives, once.
  const absl::Time recovery_deadline = absl::Now() + absl::Minutes(5);
  int64_t sent = 0;
  while (absl::Now() < recovery_deadline) {
    auto st = platform::db::InTransaction(
        *notifications_db_, [&](platform::db::Transaction& tx) -> absl::Status {
          auto res =
              tx.Execute("SELECT COUNT(*) AS n FROM outgoing_messages WHERE state = 'sent'", {});
          if (!res.ok()) return res.status();
          sent = platform::db::Rows(*res).front().Int("n");
          return absl::OkStatus();
        });
    ASSERT_TRUE(st.ok()) << st;
    if (sent == kReminders) break;
    absl::SleepFor(absl::Milliseconds(500));
  }
  ASSERT_EQ(sent, kReminders) << "see " << notifications_->log_path();
  const absl::Duration total_time = absl::Now() - sending;
  EXPECT_EQ(mailpit_->Total(), kReminders);

  // One message per reminder: every recipient once.
  std::set<std::string> recipients;
  int64_t listed = 0;
  for (int start = 0; start < kReminders + 1000; start += 1000) {
    nlohmann::json page = nlohmann::json::parse(
        mailpit_->Get(absl::StrCat("/api/v1/messages?limit=1000&start=", start)), nullptr, false);
    ASSERT_TRUE(page.is_object());
    if (page["messages"].empty()) break;
    for (const auto& m : page["messages"]) {
      ++listed;
      ASSERT_FALSE(m["To"].empty());
      recipients.insert(m["To"][0].value("Address", ""));
    }
  }
  EXPECT_EQ(listed, kReminders);
  EXPECT_EQ(recipients.size(), static_cast<size_t>(kReminders));
  for (int n : {0, 1, kReminders / 2, kReminders - 1}) {
    EXPECT_TRUE(recipients.contains(absl::StrCat("r", n, ".", run_tag, "@example.org"))) << n;
  }

  // Every job done, nothing failed for good; how the outage and the kill showed.
  int64_t done = 0, failed_attempts = 0, not_sent = 0;
  auto st = platform::db::InTransaction(
      *notifications_db_, [&](platform::db::Transaction& tx) -> absl::Status {
        auto jobs = tx.Execute("SELECT COUNT(*) AS n FROM reminder_jobs WHERE state = 'done'", {});
        if (!jobs.ok()) return jobs.status();
        done = platform::db::Rows(*jobs).front().Int("n");
        auto m = tx.Execute(
            "SELECT COALESCE(SUM(attempts), 0) AS attempts, COUNT(*) FILTER (WHERE state <>"
            " 'sent') AS not_sent FROM outgoing_messages",
            {});
        if (!m.ok()) return m.status();
        failed_attempts = platform::db::Rows(*m).front().Int("attempts");
        not_sent = platform::db::Rows(*m).front().Int("not_sent");
        return absl::OkStatus();
      });
  ASSERT_TRUE(st.ok()) << st;
  EXPECT_EQ(done, kReminders);
  EXPECT_EQ(not_sent, 0);
  EXPECT_GT(failed_attempts, 0) << "the outage should have cost attempts";
  // Messages the restarted server dropped as already received (same Message-ID): the resends
  // of attempts the kill cut between the server's answer and the commit.
  nlohmann::json info = nlohmann::json::parse(mailpit_->Get("/api/v1/info"), nullptr, false);
  ASSERT_TRUE(info.is_object() && info.contains("RuntimeStats")) << info.dump();
  const int64_t duplicates = info["RuntimeStats"].value("SMTPIgnored", int64_t{-1});
  EXPECT_GE(duplicates, 0);
  std::printf(
      "fault test: %d appointments booked in %.1f s; %d reminders sent in %.1f s through a "
      "SIGKILL at %lld delivered and a 30 s SMTP outage; %lld failed attempts retried; %lld "
      "resends "
      "after an unknown outcome recognised by Message-ID\n",
      kReminders, absl::ToDoubleSeconds(booking_time), kReminders,
      absl::ToDoubleSeconds(total_time), static_cast<long long>(at_kill),
      static_cast<long long>(failed_attempts), static_cast<long long>(duplicates));
}

}  // namespace
}  // namespace sisl::testing_env
