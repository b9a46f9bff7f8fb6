// sisl-booking on the real stack: a booking made over gRPC reaches Kafka as an AppointmentEvent
// with what a notifier needs but no contact data (read over gRPC, audited), and the availability
// index (fed back by that event through Kafka) shows the seat as taken.
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "grpcpp/grpcpp.h"
#include "services/booking/domain/calendar.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/calendar.h"
#include "services/platform/ids.h"
#include "sisl/booking/v1/appointment_events.pb.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"
#include "sisl/booking/v1/availability.grpc.pb.h"
#include "sisl/booking/v1/calendars.grpc.pb.h"
#include "sisl/events/v1/event.pb.h"
#include "tests/integration/booking_fixture.h"
#include "tests/integration/event_reader.h"

namespace sisl::testing_env {
namespace {

using namespace booking::v1;  // NOLINT: test brevity

class BookingEventsTest : public BookingServiceFixture {
 protected:
  std::unique_ptr<grpc::ClientContext> As(const platform::auth::Caller& caller) {
    auto ctx = std::make_unique<grpc::ClientContext>();
    ctx->AddMetadata(platform::auth::kTokenMetadataKey, keys_->Token(caller, "booking"));
    ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    return ctx;
  }
};

TEST_F(BookingEventsTest, BookingIsPublishedAndUpdatesAvailability) {
  auto channel = grpc::CreateChannel(grpc_address_, grpc::InsecureChannelCredentials());
  auto availability = AvailabilityService::NewStub(channel);
  auto appointments = AppointmentsService::NewStub(channel);
  const platform::auth::Caller admin{.subject = "admin-1", .role = platform::auth::Role::kAdmin};

  // A calendar only this test uses: one EURES slot at Biella on a working day within the
  // service's horizon, on a day no earlier run took (calendars persist in the test database).
  auto calendars = CalendarsService::NewStub(channel);
  const reference::HolidayCalendar holidays = reference::HolidayCalendar::ForMunicipalityName("Biella");
  absl::CivilDay day = absl::ToCivilDay(absl::Now(), absl::FixedTimeZone(3600)) + 10;
  grpc::Status st;
  for (int attempt = 0; attempt < 75; ++attempt, ++day) {
    if (holidays.IsHoliday(day)) continue;
    CreateCalendarRequest create;
    auto* cal = create.mutable_calendar();
    cal->set_site_code("BI-01");
    cal->set_service_code("EURES");
    cal->set_first_date(absl::FormatCivilTime(day));
    cal->set_last_date(absl::FormatCivilTime(day));
    auto* band = cal->add_bands();
    band->set_weekday(static_cast<booking::v1::Weekday>(booking::WeekdayOf(day)));
    band->set_start_time("10:00");
    band->set_end_time("10:45");
    band->set_slot_minutes(45);
    band->set_seats_per_slot(1);
    cal->add_operator_ids("op-biella-1");
    CreateCalendarResponse created;
    st = calendars->CreateCalendar(As(admin).get(), create, &created);
    if (st.error_code() != grpc::StatusCode::FAILED_PRECONDITION) break;  // PERIOD_OVERLAP: next
  }
  ASSERT_TRUE(st.ok()) << st.error_message();

  GetDayAvailabilityRequest search;
  search.set_service_code("EURES");
  search.set_date(absl::FormatCivilTime(day));
  search.mutable_scope()->set_scope(SEARCH_SCOPE_REGION);
  search.mutable_scope()->add_site_codes("BI-01");
  auto free_slots = [&]() {
    grpc::ClientContext ctx;
    GetDayAvailabilityResponse resp;
    EXPECT_TRUE(availability->GetDayAvailability(&ctx, search, &resp).ok());
    return resp.slots_size();
  };
  // The CalendarChanged event reaches the index through Kafka.
  for (int i = 0; i < 100 && free_slots() == 0; ++i) absl::SleepFor(absl::Milliseconds(100));
  ASSERT_EQ(free_slots(), 1);

  const std::string marker = platform::NewUuidV7();
  // An invented citizen, new on every run (the test database outlives runs).
  std::string first15 = "XXXXXX80A41A859";
  const uint64_t seed = std::hash<std::string>()(platform::NewUuidV7());
  for (int i = 0; i < 6; ++i) first15[i] = static_cast<char>('A' + (seed >> (5 * i)) % 26);
  const std::string cf = first15 + *reference::FiscalCodeCheckCharacter(first15);
  const platform::auth::Caller citizen{.subject = "c-1", .role = platform::auth::Role::kCitizen,
                                       .fiscal_code = cf};
  grpc::ClientContext sctx;
  GetDayAvailabilityResponse slots;
  ASSERT_TRUE(availability->GetDayAvailability(&sctx, search, &slots).ok());
  BookAppointmentRequest book;
  book.set_slot_id(slots.slots(0).id());
  book.set_delivery_mode(DELIVERY_MODE_VIDEO_CALL);
  book.mutable_citizen()->set_email("laura@example.org");
  book.mutable_citizen()->set_language("fr");
  BookAppointmentResponse booked;
  st = appointments->BookAppointment(As(citizen).get(), book, &booked);
  ASSERT_TRUE(st.ok()) << st.error_message();

  AppointmentEvent event;
  std::string payload;
  ConsumeAfter(kafka_, "sisl.booking.appointments.v1", marker, 1, std::chrono::seconds(60),
               [&](const platform::bus::Message& m) {
                 payload = m.payload;
                 sisl::events::v1::Event envelope;
                 if (envelope.ParseFromString(m.payload)) envelope.data().UnpackTo(&event);
                 return absl::OkStatus();
               });
  EXPECT_EQ(event.change(), AppointmentEvent::CHANGE_BOOKED);
  EXPECT_EQ(event.appointment_id(), booked.appointment().id());
  EXPECT_EQ(event.site_code(), "BI-01");
  EXPECT_EQ(event.language(), "fr");
  // No contact data on Kafka (issue 10): not in the fields, not anywhere in the bytes.
  const auto* refl = event.GetReflection();
  for (const char* field : {"email", "mobile"}) {  // deprecated fields: never set
    EXPECT_EQ(refl->GetString(event, event.GetDescriptor()->FindFieldByName(field)), "") << field;
  }
  EXPECT_EQ(payload.find("laura@example.org"), std::string::npos);
  // A notifier asks booking for it over gRPC, giving a reason; a citizen token may not.
  const platform::auth::Caller notifier{.subject = "notifications",
                                        .role = platform::auth::Role::kNotifier};
  GetAppointmentContactRequest contact_req;
  contact_req.set_appointment_id(event.appointment_id());
  contact_req.set_access_reason("booking confirmation");
  GetAppointmentContactResponse contact;
  st = appointments->GetAppointmentContact(As(notifier).get(), contact_req, &contact);
  ASSERT_TRUE(st.ok()) << st.error_message();
  EXPECT_EQ(contact.email(), "laura@example.org");
  EXPECT_EQ(contact.language(), "fr");
  st = appointments->GetAppointmentContact(As(citizen).get(), contact_req, &contact);
  EXPECT_EQ(st.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(event.delivery_mode(), DELIVERY_MODE_VIDEO_CALL);
  EXPECT_FALSE(event.site_address().empty());
  EXPECT_EQ(event.person_id().size(), 64u);  // hex HMAC, never the fiscal code
  EXPECT_EQ(event.person_id().find(cf), std::string::npos);
  // The index learns from the event that the only seat is gone.
  for (int i = 0; i < 100 && free_slots() == 1; ++i) absl::SleepFor(absl::Milliseconds(100));
  EXPECT_EQ(free_slots(), 0);
}

}  // namespace
}  // namespace sisl::testing_env
