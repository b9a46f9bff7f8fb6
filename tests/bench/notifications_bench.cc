// notifications_bench: the notifications benchmark of issue 14 ("messages/s sent to the local
// SMTP server; end-to-end latency from booking to the confirmation received"). Driven by
// run_notifications_bench.sh, which builds, checks the infrastructure, makes the database and
// writes docs/performance.md from what this prints (notifications_bench_support.h).
//
//   notifications_bench --db=URL --kafka=HOST:PORT --redis=HOST:PORT --tls-dir=DIR --root=DIR
//       --build=DIR --work-dir=DIR [--messages=5000] [--latency-bookings=200] [--warmup=3]
//       [--send-interval=100ms] [--batch=] [--idle-wait=60] [--cpu-groups=label=pid+pid,...]
//       [--throughput-timeout=900]
//
// The servers as the fault test runs them (Servers). In this order:
//   1. --messages appointments booked over gRPC (8 threads) by as many invented citizens, their
//      events published; then sisl-notifications from the end of the appointments topic;
//   2. latency: --latency-bookings bookings one at a time (after --warmup unmeasured ones, and a
//      random pause shorter than the send interval before each), each by a new citizen with an
//      address of its own; from BookAppointment's return to the confirmation found by mailpit's
//      search (polled every 20 ms), split with the outbox's and the ledger's timestamps;
//   3. throughput: a reminder job due now for each appointment of step 1, inserted through the
//      store as the intake writes them (500 a transaction); from the first insert to the last
//      message in mailpit (its total polled every 50 ms); the ledger's created_at -> sent_at;
//   4. baseline: the same reminders rendered in the bench, then sent with SmtpMailer (one
//      connection, STARTTLS + AUTH as the service) to the same mailpit: no ledger, no contact;
//   5. for the record: booking's GetAppointmentContact as notifications calls it, one at a time.
#include <atomic>
#include <memory>
#include <thread>

#include "absl/random/random.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "nlohmann/json.hpp"
#include "services/notifications/app/values_json.h"
#include "services/notifications/channels/smtp_mailer.h"
#include "services/notifications/domain/catalogue.h"
#include "services/notifications/store/notifications_store.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/status_macros.h"
#include "services/reference/fiscal_code.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"
#include "sisl/booking/v1/availability.grpc.pb.h"
#include "sisl/booking/v1/calendars.grpc.pb.h"
#include "tests/bench/notifications_bench_support.h"

namespace sisl::bench::notif {
namespace {

namespace bv1 = ::sisl::booking::v1;
namespace db = ::sisl::platform::db;
namespace n = ::sisl::notifications;
using platform::auth::Caller;
using platform::auth::Role;

struct Booked {
  std::string appointment_id, person_id, email;
  absl::Time start, returned, seen;  // returned and seen: latency bookings only
};

// An invented citizen per number: a valid fiscal code of its own (as the fault test).
std::string FiscalCode(int i, uint64_t run) {
  std::string first15 = "XXXXXX80A41A859";
  uint64_t v = run * 100003 + static_cast<uint64_t>(i);
  for (int k = 0; k < 6; ++k, v /= 26) first15[k] = static_cast<char>('A' + v % 26);
  return first15 + *reference::FiscalCodeCheckCharacter(first15);
}

double Ms(absl::Duration d) { return absl::ToDoubleMilliseconds(d); }
double Seconds(absl::Duration d) { return absl::ToDoubleSeconds(d); }

// The reminder's values, as the fault test writes them (and the baseline renders them).
n::MessageValues ReminderValues(absl::Time start) {
  n::MessageValues values;
  values.SetText("service_name", "EURES - lavorare in Europa")
      .SetText("site_label", "CPI Biella")
      .SetText("site_address", "Via Trossi 46, Biella")
      .SetDateTime("start", start)
      .SetText("delivery", "in_person")
      .SetText("portal_url", "http://127.0.0.1:8080/");
  return values;
}

n::Language LanguageOf(int i) { return i % 2 == 0 ? n::Language::kItalian : n::Language::kEnglish; }

absl::StatusOr<db::Result> Query(db::Database& on, const std::string& sql,
                                 const std::vector<db::Value>& params = {}) {
  db::Result out;
  RETURN_IF_ERROR(db::InTransaction(on, [&](db::Transaction& tx) -> absl::Status {
    ASSIGN_OR_RETURN(out, tx.Execute(sql, params));
    return absl::OkStatus();
  }));
  return out;
}

class Bench final {
 public:
  explicit Bench(std::map<std::string, std::string> flags)
      : f_(flags), servers_(std::move(flags)) {}

  int Run() {
    cpu_.AddSelf("bench");
    if (!servers_.Start(cpu_)) return 1;
    for (const absl::string_view g : absl::StrSplit(f_["cpu-groups"], ',', absl::SkipEmpty())) {
      std::pair<std::string, std::string> kv = absl::StrSplit(g, absl::MaxSplits('=', 1));
      cpu_.Add(kv.first, absl::StrSplit(kv.second, '+', absl::SkipEmpty()));
    }
    channel_ = grpc::CreateChannel(servers_.booking_grpc(), grpc::InsecureChannelCredentials());
    stub_ = bv1::AppointmentsService::NewStub(channel_);
    slots_ = Slots(Int("messages") + Int("latency-bookings") + Int("warmup"));
    if (slots_.empty() || !BookMany() || !servers_.StartNotifications(cpu_)) return 1;
    bool ok = Latency();
    ok = Throughput() && ok;
    ok = Baseline() && ok;
    ContactReads();
    servers_.Stop();
    return ok ? 0 : 1;
  }

 private:
  int Int(const std::string& name) { return std::stoi(f_[name]); }

  std::unique_ptr<grpc::ClientContext> As(const Caller& caller) const {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata(platform::auth::kTokenMetadataKey, servers_.keys().Token(caller, "booking"));
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    return ctx;
  }

  void Begin(const std::string& phase) {
    const bool idle = WaitIdle(Int("idle-wait"));
    Kv("idle_" + phase, idle ? "yes" : "no");
    if (!idle) Say("the machine is still busy; measuring " + phase + " anyway");
    cpu_.Start();
  }
  void End(const std::string& phase) { Say("CPU during " + phase + ": " + cpu_.Stop(phase)); }

  // EURES at Biella, weekdays 08:00-17:00 in 45-minute slots from 7 days ahead for four weeks,
  // enough seats for `needed` bookings; the slots, once the availability index has them.
  std::vector<bv1::Slot> Slots(int needed) {
    auto calendars = bv1::CalendarsService::NewStub(channel_);
    const absl::CivilDay first = absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(3600)) + 7;
    const int seats = std::max(20, needed / 150 + 1);
    bv1::CreateCalendarRequest create;
    auto* cal = create.mutable_calendar();
    cal->set_site_code("BI-01");
    cal->set_service_code("EURES");
    cal->set_first_date(absl::FormatCivilTime(first));
    cal->set_last_date(absl::FormatCivilTime(first + 27));
    for (int weekday = bv1::WEEKDAY_MONDAY; weekday <= bv1::WEEKDAY_FRIDAY; ++weekday) {
      auto* band = cal->add_bands();
      band->set_weekday(static_cast<bv1::Weekday>(weekday));
      band->set_start_time("08:00");
      band->set_end_time("17:00");
      band->set_slot_minutes(45);
      band->set_seats_per_slot(seats);
    }
    cal->add_operator_ids("op-biella-1");
    bv1::CreateCalendarResponse created;
    const grpc::Status st = calendars->CreateCalendar(
        As({.subject = "admin-1", .role = Role::kAdmin}).get(), create, &created);
    if (!st.ok()) {
      Say("CreateCalendar: " + st.error_message());
      return {};
    }
    auto availability = bv1::AvailabilityService::NewStub(channel_);
    std::vector<bv1::Slot> slots;
    for (absl::CivilDay day = first; day <= first + 27; ++day) {
      const absl::Weekday wd = absl::GetWeekday(day);
      if (wd == absl::Weekday::saturday || wd == absl::Weekday::sunday) continue;
      bv1::GetDayAvailabilityRequest search;
      search.set_service_code("EURES");
      search.set_date(absl::FormatCivilTime(day));
      search.mutable_scope()->set_scope(bv1::SEARCH_SCOPE_REGION);
      search.mutable_scope()->add_site_codes("BI-01");
      // The CalendarChanged event reaches the index through Kafka; a holiday has no slots.
      for (int i = 0; i < (slots.empty() ? 300 : 10); ++i) {
        grpc::ClientContext ctx;
        bv1::GetDayAvailabilityResponse resp;
        if (availability->GetDayAvailability(&ctx, search, &resp).ok() && resp.slots_size() > 0) {
          for (const bv1::Slot& s : resp.slots()) slots.push_back(s);
          break;
        }
        absl::SleepFor(absl::Milliseconds(100));
      }
    }
    if (static_cast<int64_t>(slots.size()) * seats < needed) {
      Say(absl::StrCat("only ", slots.size(), " slots of ", seats, " seats for ", needed));
      return {};
    }
    return slots;
  }

  absl::StatusOr<Booked> Book(int i, const std::string& email) {
    const std::string cf = FiscalCode(i, run_);
    bv1::BookAppointmentRequest book;
    book.set_slot_id(slots_[i % slots_.size()].id());
    book.set_delivery_mode(bv1::DELIVERY_MODE_IN_PERSON);
    book.mutable_citizen()->set_email(email);
    book.mutable_citizen()->set_language(LanguageOf(i) == n::Language::kItalian ? "it" : "en");
    bv1::BookAppointmentResponse resp;
    const grpc::Status st = stub_->BookAppointment(
        As({.subject = cf, .role = Role::kCitizen, .fiscal_code = cf}).get(), book, &resp);
    const absl::Time returned = absl::Now();
    if (!st.ok()) return absl::InternalError(absl::StrCat("booking ", i, ": ", st.error_message()));
    return Booked{resp.appointment().id(),
                  person_ids_.PersonId(cf),
                  email,
                  absl::FromUnixSeconds(resp.appointment().start_time().seconds()),
                  returned,
                  absl::InfinitePast()};
  }

  // --messages appointments by as many citizens (8 at a time), their events all published
  // before notifications' group is placed at the topic's end.
  bool BookMany() {
    const int total = Int("messages");
    booked_.resize(total);
    std::atomic<int> next{0}, failures{0};
    const absl::Time began = absl::Now();
    std::vector<std::thread> bookers;
    for (int t = 0; t < 8; ++t) {
      bookers.emplace_back([&] {
        for (int i = next++; i < total; i = next++) {
          auto b = Book(i, absl::StrCat("r", i, ".", run_, "@example.org"));
          if (!b.ok() && failures++ < 5) Say(b.status().ToString());
          if (b.ok()) booked_[i] = *std::move(b);
        }
      });
    }
    for (std::thread& t : bookers) t.join();
    const absl::Duration took = absl::Now() - began;
    Say(absl::StrFormat("%d appointments booked in %.1f s", total, Seconds(took)));
    Kv("booking_seconds", Seconds(took));
    Kv("booking_rate", total / Seconds(took), 0);
    if (failures > 0) return false;
    for (int i = 0; i < 1200; ++i) {
      auto unsent =
          Query(servers_.booking_db(), "SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL");
      if (unsent.ok() && db::Rows(*unsent).front().Int("n") == 0) return true;
      absl::SleepFor(absl::Milliseconds(100));
    }
    Say("booking's outbox did not drain");
    return false;
  }

  bool Latency();
  bool Throughput();
  bool Baseline();
  void ContactReads();

  std::map<std::string, std::string> f_;
  Servers servers_;
  CpuMeter cpu_;
  const uint64_t run_ = absl::Uniform<uint64_t>(absl::BitGen(), 0, 1000000);
  const platform::auth::PersonIdHasher person_ids_{servers_.keys().person_id_key()};
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<bv1::AppointmentsService::Stub> stub_;
  std::vector<bv1::Slot> slots_;
  std::vector<Booked> booked_;  // the --messages of BookMany
};

// One booking at a time; each confirmation looked for in mailpit every 20 ms from the call's
// return. The stages from the stores' own clocks (same machine): booking's outbox row (created
// -> published), the ledger's message (created by the consumer -> accepted by SMTP).
bool Bench::Latency() {
  const int warmup = Int("warmup"), count = Int("latency-bookings");
  absl::Duration interval;
  if (!absl::ParseDuration(f_["send-interval"], &interval)) interval = absl::Milliseconds(500);
  absl::BitGen gen;
  std::vector<Booked> measured;
  int timeouts = 0, duplicates = 0;
  Begin("latency");
  for (int k = 0; k < warmup + count; ++k) {
    absl::SleepFor(interval * absl::Uniform(gen, 0.0, 1.0));
    const int i = Int("messages") + k;
    auto b = Book(i, absl::StrCat("l", k, ".", run_, "@example.org"));
    if (!b.ok()) return Say(b.status().ToString()), false;
    const absl::Time deadline = b->returned + absl::Seconds(k < warmup ? 60 : 30);
    int found = 0;
    while (absl::Now() < deadline) {
      const absl::Time polled = absl::Now();
      found = servers_.mailpit().SearchTo(b->email).value("messages_count", 0);
      if (found > 0) break;
      absl::SleepFor(absl::Milliseconds(20) - (absl::Now() - polled));
    }
    b->seen = absl::Now();
    if (found == 0) ++timeouts;
    if (k >= warmup && found > 0) measured.push_back(*std::move(b));
  }
  End("latency");
  // Each confirmation once (a second one would come within the send interval).
  absl::SleepFor(interval * 3);
  std::vector<double> total, relay, bus, sender, visible;
  for (const Booked& b : measured) {
    if (servers_.mailpit().SearchTo(b.email).value("messages_count", 0) != 1) ++duplicates;
    total.push_back(Ms(b.seen - b.returned));
    auto out = Query(servers_.booking_db(),
                     "SELECT created_at, sent_at FROM outbox WHERE event_key = $1 AND topic = $2",
                     {b.person_id, std::string("sisl.booking.appointments.v1")});
    auto msg = Query(servers_.notifications_db(),
                     "SELECT created_at, sent_at FROM outgoing_messages WHERE appointment_id = $1"
                     " AND type = 'appointment_confirmation' AND state = 'sent'",
                     {b.appointment_id});
    if (!out.ok() || !msg.ok() || out->rows.size() != 1 || msg->rows.size() != 1) continue;
    const db::RowReader o = db::Rows(*out).front(), m = db::Rows(*msg).front();
    relay.push_back((o.Int("sent_at") - o.Int("created_at")) / 1000.0);
    bus.push_back((m.Int("created_at") - o.Int("sent_at")) / 1000.0);
    sender.push_back((m.Int("sent_at") - m.Int("created_at")) / 1000.0);
    visible.push_back(Ms(b.seen - absl::FromUnixMicros(m.Int("sent_at"))));
  }
  Kv("lat_count", static_cast<double>(measured.size()), 0);
  Kv("lat_split_count", static_cast<double>(sender.size()), 0);
  Kv("lat_timeouts", timeouts, 0);
  Kv("lat_duplicates", duplicates, 0);
  KvDistribution("lat_total", total);
  KvDistribution("lat_relay", relay);
  KvDistribution("lat_bus", bus);
  KvDistribution("lat_sender", sender);
  KvDistribution("lat_visible", visible);
  Say(absl::StrFormat("latency: %d bookings, p50 %.0f ms, p99 %.0f ms, %d timeouts",
                      measured.size(), Percentile(total, 50), Percentile(total, 99), timeouts));
  return timeouts == 0 && duplicates == 0 && static_cast<int>(measured.size()) == count;
}

// A reminder job due now for each appointment of BookMany, as the intake writes them; from the
// first insert until mailpit holds them all.
bool Bench::Throughput() {
  const int total = Int("messages");
  const int64_t base = servers_.mailpit().Total();
  Begin("throughput");
  const absl::Time began = absl::Now();
  for (int from = 0; from < total; from += 500) {
    const absl::Status st =
        db::InTransaction(servers_.notifications_db(), [&](db::Transaction& tx) -> absl::Status {
          const absl::Time due = absl::Now();
          for (int i = from; i < std::min(total, from + 500); ++i) {
            n::store::AppointmentForReminders a{booked_[i].appointment_id,
                                                booked_[i].person_id,
                                                LanguageOf(i),
                                                {n::Channel::kEmail},
                                                booked_[i].start,
                                                n::ValuesToJson(ReminderValues(booked_[i].start))};
            const n::Reminder reminder{1, due};
            RETURN_IF_ERROR(n::store::ReminderJobs::Schedule(
                tx, a, absl::MakeConstSpan(&reminder, 1), due - absl::Seconds(1)));
          }
          return absl::OkStatus();
        });
    if (!st.ok()) return Say(st.ToString()), false;
  }
  const absl::Time inserted = absl::Now();
  const absl::Time deadline = began + absl::Seconds(Int("throughput-timeout"));
  int64_t arrived = 0;
  while ((arrived = servers_.mailpit().Total() - base) < total && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  const absl::Time done = absl::Now();
  End("throughput");
  Kv("tp_insert_seconds", Seconds(inserted - began), 2);
  Kv("tp_arrived", static_cast<double>(arrived), 0);
  Kv("tp_seconds", Seconds(done - began), 2);
  Kv("tp_rate", arrived / Seconds(done - began), 1);
  auto rows = Query(servers_.notifications_db(),
                    "SELECT m.created_at, m.sent_at, j.due_at FROM outgoing_messages m JOIN"
                    " reminder_jobs j ON j.reminder_key = m.idempotency_key WHERE m.type ="
                    " 'appointment_reminder' AND m.state = 'sent'");
  if (!rows.ok()) return Say(rows.status().ToString()), false;
  std::vector<double> ledger, from_due;
  int64_t first_created = INT64_MAX, last_sent = 0;
  for (const db::RowReader& r : db::Rows(*rows)) {
    ledger.push_back((r.Int("sent_at") - r.Int("created_at")) / 1000.0);
    from_due.push_back((r.Int("sent_at") - r.Int("due_at")) / 1000.0);
    first_created = std::min(first_created, r.Int("created_at"));
    last_sent = std::max(last_sent, r.Int("sent_at"));
  }
  Kv("tp_sent_in_ledger", static_cast<double>(ledger.size()), 0);
  KvDistribution("tp_ledger", ledger);
  KvDistribution("tp_due", from_due);
  if (!ledger.empty()) {
    Kv("tp_ledger_rate", ledger.size() / ((last_sent - first_created) / 1e6), 1);
  }
  nlohmann::json info =
      nlohmann::json::parse(servers_.mailpit().Get("/api/v1/info"), nullptr, false);
  if (info.is_object() && info.contains("RuntimeStats")) {
    Kv("tp_smtp_ignored", info["RuntimeStats"].value("SMTPIgnored", -1), 0);
  }
  Say(absl::StrFormat("throughput: %d of %d in %.1f s, %.1f messages/s", arrived, total,
                      Seconds(done - began), arrived / Seconds(done - began)));
  return arrived == total && static_cast<int>(ledger.size()) == total;
}

// The same reminders rendered here and sent straight to mailpit through SmtpMailer.
bool Bench::Baseline() {
  const int total = Int("messages");
  absl::TimeZone rome;
  if (!absl::LoadTimeZone("Europe/Rome", &rome)) return Say("no Europe/Rome zone"), false;
  absl::StatusOr<n::TemplateCatalogue> catalogue = n::TemplateCatalogue::Load(rome);
  if (!catalogue.ok()) return Say(catalogue.status().ToString()), false;
  std::vector<n::Email> emails;
  const absl::Time render_began = absl::Now();
  for (int i = 0; i < total; ++i) {
    // Through the ledger's JSON, as the sender reads them.
    auto values = n::ValuesFromJson(n::ValuesToJson(ReminderValues(booked_[i].start)));
    auto rendered = values.ok() ? catalogue->Render(n::MessageType::kAppointmentReminder,
                                                    LanguageOf(i), *values)
                                : values.status();
    if (!rendered.ok()) return Say(rendered.status().ToString()), false;
    emails.push_back(n::EmailFromRendered(*rendered,
                                          {absl::StrCat("b", i, ".", run_, "@example.org"), ""},
                                          absl::StrCat("bench-baseline.", run_, ".", i)));
  }
  Kv("bl_render_us", Ms(absl::Now() - render_began) * 1000.0 / total, 0);
  n::SmtpConfig config;
  config.host = "127.0.0.1";
  config.port = servers_.smtp_port();
  config.ca_file = f_["tls-dir"] + "/ca.crt";
  config.username = "sisl";
  config.password = "any";
  config.from = {"noreply@sisl.regione.piemonte.it", "Centri per l'impiego del Piemonte"};
  auto mailer = n::SmtpMailer::Create(config);
  if (!mailer.ok()) return Say(mailer.status().ToString()), false;
  const int64_t base = servers_.mailpit().Total();
  int errors = 0;
  Begin("baseline");
  const absl::Time began = absl::Now();
  for (const n::Email& e : emails) {
    if (absl::StatusOr<n::SendResult> r = (*mailer)->Send(e); !r.ok() && errors++ < 5) {
      Say(r.status().ToString());
    }
  }
  const absl::Time sent = absl::Now();
  int64_t arrived = 0;
  while ((arrived = servers_.mailpit().Total() - base) < total - errors &&
         absl::Now() < sent + absl::Seconds(60)) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  const absl::Time done = absl::Now();
  End("baseline");
  Kv("bl_errors", errors, 0);
  Kv("bl_arrived", static_cast<double>(arrived), 0);
  Kv("bl_send_seconds", Seconds(sent - began), 2);
  Kv("bl_seconds", Seconds(done - began), 2);
  Kv("bl_rate", arrived / Seconds(done - began), 1);
  Say(absl::StrFormat("baseline: %d in %.1f s, %.1f messages/s", arrived, Seconds(done - began),
                      arrived / Seconds(done - began)));
  return errors == 0 && arrived == total;
}

// Booking's GetAppointmentContact as sisl-notifications makes it before each message (its own
// service token, role notifier, signed for each call), one at a time, for 200 appointments.
void Bench::ContactReads() {
  std::ifstream in(servers_.keys().files().service_private_key);
  const std::string pem((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto signer = platform::auth::TokenSigner::FromPrivateKeyPem(pem);
  if (!signer.ok()) return;
  const platform::auth::TokenSigner service =
      signer->WithIssuer(platform::auth::ServiceIssuer("notifications"));
  std::vector<double> ms;
  for (int i = 0; i < std::min<int>(200, booked_.size()); ++i) {
    const absl::Time t0 = absl::Now();
    grpc::ClientContext ctx;
    ctx.AddMetadata(platform::auth::kTokenMetadataKey,
                    service.Sign({.subject = "service:notifications", .role = Role::kNotifier},
                                 "booking", absl::Minutes(2)));
    bv1::GetAppointmentContactRequest req;
    req.set_appointment_id(booked_[i].appointment_id);
    req.set_access_reason("notification appointment_reminder");
    bv1::GetAppointmentContactResponse resp;
    if (stub_->GetAppointmentContact(&ctx, req, &resp).ok()) ms.push_back(Ms(absl::Now() - t0));
  }
  KvDistribution("contact", ms);
}

}  // namespace
}  // namespace sisl::bench::notif

int main(int argc, char** argv) {
  std::map<std::string, std::string> flags = {{"db", ""},
                                              {"kafka", ""},
                                              {"redis", ""},
                                              {"tls-dir", ""},
                                              {"root", ""},
                                              {"build", ""},
                                              {"work-dir", ""},
                                              {"messages", "5000"},
                                              {"latency-bookings", "200"},
                                              {"warmup", "3"},
                                              {"send-interval", "100ms"},
                                              {"batch", ""},
                                              {"idle-wait", "60"},
                                              {"cpu-groups", ""},
                                              {"throughput-timeout", "900"}};
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    if (arg.rfind("--", 0) != 0 || eq == std::string::npos || !flags.count(arg.substr(2, eq - 2))) {
      std::fprintf(stderr, "notifications_bench: unknown or malformed flag %s\n", arg.c_str());
      return 2;
    }
    flags[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
  }
  for (const char* required : {"db", "kafka", "redis", "tls-dir", "root", "build", "work-dir"}) {
    if (flags[required].empty()) {
      std::fprintf(stderr, "notifications_bench: --%s is required\n", required);
      return 2;
    }
  }
  setvbuf(stdout, nullptr, _IOLBF, 0);
  sisl::bench::notif::Kv("messages", flags["messages"]);
  sisl::bench::notif::Kv("latency_bookings", flags["latency-bookings"]);
  sisl::bench::notif::Kv("send_interval", flags["send-interval"]);
  sisl::bench::notif::Kv("warmup", flags["warmup"]);
  sisl::bench::notif::Kv("batch", flags["batch"].empty() ? "50" : flags["batch"]);
  return sisl::bench::notif::Bench(flags).Run();
}
