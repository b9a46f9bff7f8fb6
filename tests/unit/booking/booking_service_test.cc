// The booking module served by the kit's in-process fixture and called over real gRPC: public
// reads without a token, the service's error domain, a calendar reaching the availability index
// through the outbox, relay and bus, and an idempotent booking whose event carries the call's
// correlation id.
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "services/booking/booking_module.h"
#include "services/reference/fiscal_code.h"
#include "services/platform/grpc/status.h"
#include "services/platform/testing/module_fixture.h"
#include "services/platform/testing/status_matchers.h"
#include "sisl/api/v1/http.pb.h"
#include "sisl/booking/v1/appointment_events.pb.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"
#include "sisl/booking/v1/availability.grpc.pb.h"
#include "sisl/booking/v1/calendars.grpc.pb.h"
#include "sisl/booking/v1/offices.grpc.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "sisl/platform/v1/outbox_admin.grpc.pb.h"

namespace sisl::booking {
namespace {

using platform::FromGrpcStatus;
using platform::auth::Role;
using platform::testing::HasReason;
using platform::testing::IsOk;
using platform::testing::ModuleFixture;

class BookingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_OK_AND_ASSIGN(served_, ModuleFixture::Start(
                                      BookingModuleSpec(),
                                      {.config_yaml = "booking:\n  seed_demo_calendars: false\n"}));
  }
  std::unique_ptr<ModuleFixture> served_;
};

TEST_F(BookingServiceTest, PublicReadsNeedNoTokenAndErrorsCarryTheBookingDomain) {
  auto offices = v1::OfficesService::NewStub(served_->channel());
  v1::ListOfficesRequest list;
  list.set_page_size(5);
  v1::ListOfficesResponse page;
  ASSERT_THAT(FromGrpcStatus(offices->ListOffices(served_->Anonymous().get(), list, &page)),
              IsOk());
  EXPECT_EQ(page.total_size(), 44);
  EXPECT_EQ(page.offices_size(), 5);

  v1::GetOfficeRequest get;
  get.set_site_code("XX-99");
  v1::GetOfficeResponse office;
  const grpc::Status missing = offices->GetOffice(served_->Anonymous().get(), get, &office);
  EXPECT_THAT(FromGrpcStatus(missing), HasReason("OFFICE_NOT_FOUND"));
  EXPECT_NE(missing.error_details().find("booking.sisl.regione.piemonte.it"), std::string::npos);
}

TEST_F(BookingServiceTest, TheOutboxAdministrationIsForAdministratorsOfAHostedService) {
  auto admin = platform::v1::OutboxAdminService::NewStub(served_->channel());
  platform::v1::ListDeadLettersRequest list;
  list.set_service("booking");
  platform::v1::ListDeadLettersResponse parked;
  EXPECT_THAT(FromGrpcStatus(admin->ListDeadLetters(
                  served_->ContextAs({.subject = "op-1", .role = Role::kOperator}).get(), list,
                  &parked)),
              HasReason("ADMIN_ONLY"));
  auto as_admin = [&] { return served_->ContextAs({.subject = "ad-1", .role = Role::kAdmin}); };
  ASSERT_THAT(FromGrpcStatus(admin->ListDeadLetters(as_admin().get(), list, &parked)), IsOk());
  EXPECT_EQ(parked.dead_letters_size(), 0);
  list.set_service("payroll");
  EXPECT_THAT(FromGrpcStatus(admin->ListDeadLetters(as_admin().get(), list, &parked)),
              HasReason("UNKNOWN_SERVICE"));
  platform::v1::DropDeadLetterRequest drop;
  drop.set_service("booking");
  drop.set_event_id("nope");
  platform::v1::DropDeadLetterResponse dropped;
  EXPECT_THAT(FromGrpcStatus(admin->DropDeadLetter(as_admin().get(), drop, &dropped)),
              HasReason("REASON_REQUIRED"));
  drop.set_reason("malformed in a test");
  EXPECT_THAT(FromGrpcStatus(admin->DropDeadLetter(as_admin().get(), drop, &dropped)),
              HasReason("DEAD_LETTER_NOT_FOUND"));
}

TEST_F(BookingServiceTest, MunicipalitiesAreSearchableForTheDomicileField) {
  auto offices = v1::OfficesService::NewStub(served_->channel());
  v1::SearchMunicipalitiesRequest search;
  search.set_query("monca");
  v1::SearchMunicipalitiesResponse found;
  ASSERT_THAT(FromGrpcStatus(offices->SearchMunicipalities(served_->Anonymous().get(), search,
                                                           &found)),
              IsOk());
  ASSERT_GE(found.municipalities_size(), 1);
  EXPECT_EQ(found.municipalities(0).name(), "Moncalieri");  // Piedmont's first
  EXPECT_EQ(found.municipalities(0).istat_code(), "001156");
  EXPECT_EQ(found.municipalities(0).region(), "Piemonte");

  search.set_query("casale m");
  search.set_piedmont_only(true);
  search.set_page_size(3);
  found.Clear();
  ASSERT_THAT(FromGrpcStatus(offices->SearchMunicipalities(served_->Anonymous().get(), search,
                                                           &found)),
              IsOk());
  ASSERT_GE(found.municipalities_size(), 1);
  EXPECT_LE(found.municipalities_size(), 3);
  EXPECT_EQ(found.municipalities(0).name(), "Casale Monferrato");
  for (const auto& m : found.municipalities()) EXPECT_EQ(m.region(), "Piemonte");

  search.set_query("m");
  EXPECT_THAT(FromGrpcStatus(offices->SearchMunicipalities(served_->Anonymous().get(), search,
                                                           &found)),
              HasReason("INVALID_QUERY"));
}

TEST_F(BookingServiceTest, ACalendarReachesAvailabilityAndABookingIsIdempotent) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  const absl::CivilDay first = absl::ToCivilDay(absl::Now(), utc) + 7;
  auto calendars = v1::CalendarsService::NewStub(served_->channel());
  v1::CreateCalendarRequest create;
  v1::Calendar* c = create.mutable_calendar();
  c->set_site_code("TO-01");
  c->set_service_code("DID_PATTO");
  c->set_first_date(absl::FormatCivilTime(first));
  c->set_last_date(absl::FormatCivilTime(first + 14));
  for (int d = 1; d <= 5; ++d) {
    v1::TimeBand* band = c->add_bands();
    band->set_weekday(static_cast<v1::Weekday>(d));
    band->set_start_time("09:00");
    band->set_end_time("12:00");
    band->set_slot_minutes(45);
    band->set_seats_per_slot(1);
  }
  c->add_operator_ids("op-1");
  v1::CreateCalendarResponse created;
  auto as_operator =
      served_->ContextAs({.subject = "op-1", .role = Role::kOperator, .cpi_code = "CPI-TO-15"});
  ASSERT_THAT(FromGrpcStatus(calendars->CreateCalendar(as_operator.get(), create, &created)),
              IsOk());

  // The CalendarChanged event goes out through the outbox relay and the bus to the index.
  auto availability = v1::AvailabilityService::NewStub(served_->channel());
  v1::FindFirstAvailableRequest find;
  find.set_service_code("DID_PATTO");
  find.mutable_scope()->set_scope(v1::SEARCH_SCOPE_PROVINCE);
  find.mutable_scope()->set_province("Torino");
  v1::FindFirstAvailableResponse first_free;
  absl::Status found = absl::NotFoundError("not yet");
  for (const absl::Time deadline = absl::Now() + absl::Seconds(10);
       !found.ok() && absl::Now() < deadline; absl::SleepFor(absl::Milliseconds(10))) {
    found = FromGrpcStatus(
        availability->FindFirstAvailable(served_->Anonymous().get(), find, &first_free));
  }
  ASSERT_THAT(found, IsOk());
  EXPECT_EQ(first_free.slot().site_code(), "TO-01");

  auto appointments = v1::AppointmentsService::NewStub(served_->channel());
  const std::string cf =
      std::string("RSSMRA85T10L219") + *reference::FiscalCodeCheckCharacter("RSSMRA85T10L219");
  v1::BookAppointmentRequest book;
  book.set_slot_id(first_free.slot().id());
  book.set_delivery_mode(v1::DELIVERY_MODE_IN_PERSON);
  book.mutable_citizen()->set_email("mario@example.org");
  book.mutable_citizen()->set_domicile_municipality("Moncalieri");
  book.set_request_id("req-1");
  v1::BookAppointmentResponse a, again;
  auto as_citizen = [&] {
    return served_->ContextAs({.subject = "p-1", .role = Role::kCitizen, .fiscal_code = cf},
                              "corr-book-1");
  };
  ASSERT_THAT(FromGrpcStatus(appointments->BookAppointment(as_citizen().get(), book, &a)), IsOk());
  ASSERT_THAT(FromGrpcStatus(appointments->BookAppointment(as_citizen().get(), book, &again)),
              IsOk());
  EXPECT_EQ(a.appointment().id(), again.appointment().id());

  // Exactly one AppointmentEvent, carrying the correlation id of the call that booked.
  const std::string topic = "sisl.booking.appointments.v1";
  for (const absl::Time deadline = absl::Now() + absl::Seconds(10);
       served_->bus().TopicSize(topic) < 1 && absl::Now() < deadline;) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  ASSERT_EQ(served_->bus().TopicSize(topic), 1u);
  ASSERT_OK_AND_ASSIGN(auto tx, served_->db().Begin());
  ASSERT_OK_AND_ASSIGN(auto rows, tx->Execute("SELECT headers FROM outbox WHERE topic = $1",
                                              {topic}));
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_NE(rows.rows[0].Str(0).find("corr-book-1"), std::string::npos);

  // The event carries no contact data; a notifier reads it over gRPC, audited.
  ASSERT_OK_AND_ASSIGN(auto payloads, tx->Execute("SELECT payload FROM outbox WHERE topic = $1",
                                                  {topic}));
  EXPECT_EQ(payloads.rows[0].Str(0).find("mario@example.org"), std::string::npos);
  tx.reset();  // ends the read (SQLite: lets the audited read below write)
  v1::GetAppointmentContactRequest contact_request;
  contact_request.set_appointment_id(a.appointment().id());
  contact_request.set_access_reason("reminder 24h");
  v1::GetAppointmentContactResponse contact;
  ASSERT_THAT(FromGrpcStatus(appointments->GetAppointmentContact(
                  served_->ContextAs({.subject = "notifications", .role = Role::kNotifier}).get(),
                  contact_request, &contact)),
              IsOk());
  EXPECT_EQ(contact.email(), "mario@example.org");
  EXPECT_EQ(contact.language(), "it");
  EXPECT_THAT(FromGrpcStatus(appointments->GetAppointmentContact(
                  served_->ContextAs({.subject = "op-1", .role = Role::kOperator,
                                      .cpi_code = "CPI-TO-15"})
                      .get(),
                  contact_request, &contact)),
              HasReason("CONTACT_READERS_ONLY"));
  EXPECT_THAT(FromGrpcStatus(appointments->GetAppointmentContact(served_->Anonymous().get(),
                                                                 contact_request, &contact)),
              HasReason("TOKEN_MISSING"));
  ASSERT_OK_AND_ASSIGN(tx, served_->db().Begin());
  ASSERT_OK_AND_ASSIGN(auto audited,
                       tx->Execute("SELECT COUNT(*) AS n FROM audit_log WHERE action ="
                                   " 'read_contact' AND reason = 'reminder 24h'",
                                   {}));
  EXPECT_EQ(audited.rows[0].Int(0), 1);
}

TEST(BookingApiTest, TheContactReadHasNoRestRoute) {
  const auto* method = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(
      "sisl.booking.v1.AppointmentsService.GetAppointmentContact");
  ASSERT_NE(method, nullptr);
  EXPECT_FALSE(method->options().HasExtension(sisl::api::v1::http));
  // The event's contact fields are deprecated, kept for wire compatibility.
  const auto* event = v1::AppointmentEvent::descriptor();
  EXPECT_TRUE(event->FindFieldByName("email")->options().deprecated());
  EXPECT_TRUE(event->FindFieldByName("mobile")->options().deprecated());
}

TEST(BookingConfigTest, RetentionPeriodsAreValidated) {
  auto bad = ModuleFixture::Start(
      BookingModuleSpec(),
      {.config_yaml = "booking:\n  seed_demo_calendars: false\n  retention:\n"
                      "    appointment_days: -1\n"});
  EXPECT_FALSE(bad.ok());
  auto ok = ModuleFixture::Start(
      BookingModuleSpec(),
      {.config_yaml = "booking:\n  seed_demo_calendars: false\n  retention:\n"
                      "    appointment_days: 3650\n    audit_days: 0\n    interval: 10m\n"});
  ASSERT_THAT(ok.status(), IsOk());
  auto* module = dynamic_cast<BookingModule*>(&(*ok)->module());
  ASSERT_NE(module, nullptr);
  EXPECT_EQ(module->retention().policy().appointments, absl::Hours(24 * 3650));
  EXPECT_EQ(module->retention().policy().audit, absl::ZeroDuration());
  EXPECT_EQ(module->retention().policy().outbox_sent, absl::Hours(24 * 7));
  EXPECT_EQ(module->retention().policy().interval, absl::Minutes(10));
}

}  // namespace
}  // namespace sisl::booking
