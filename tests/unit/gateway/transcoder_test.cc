// REST <-> gRPC transcoding through protobuf reflection, on the booking declarations.
#include "gateway/transcoding/transcoder.h"

#include <nlohmann/json.hpp>

#include "gtest/gtest.h"
#include "services/platform/errors.h"
#include "sisl/booking/v1/appointments.pb.h"
#include "sisl/booking/v1/availability.pb.h"
#include "sisl/booking/v1/offices.pb.h"

namespace sisl::gateway::transcoding {
namespace {

const RestRoute& Route(const std::vector<RestRoute>& routes, const std::string& grpc_path) {
  for (const auto& r : routes) {
    if (r.grpc_path == grpc_path) return r;
  }
  ADD_FAILURE() << "no route for " << grpc_path;
  static RestRoute none;
  return none;
}

class TranscoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto routes = CollectRoutes({"sisl."});
    ASSERT_TRUE(routes.ok()) << routes.status();
    routes_ = *std::move(routes);
  }
  std::vector<RestRoute> routes_;
};

TEST_F(TranscoderTest, CollectsTheDeclaredBookingRoutes) {
  const auto& r = Route(routes_, "/sisl.booking.v1.AppointmentsService/CancelAppointment");
  EXPECT_EQ(r.http_method, "POST");
  EXPECT_EQ(r.path_template, "/api/v1/appointments/{id}:cancel");
  EXPECT_EQ(r.path_fields, std::vector<std::string>{"id"});
  EXPECT_EQ(r.rule.rate_class(), sisl::api::v1::RATE_CLASS_BOOKING_WRITE);
  const auto& u = Route(routes_, "/sisl.booking.v1.OfficesService/UpdateOffice");
  EXPECT_EQ(u.path_fields, std::vector<std::string>{"office.site_code"});
}

TEST_F(TranscoderTest, QueryParametersBuildNestedRepeatedAndEnumFields) {
  const auto& r = Route(routes_, "/sisl.booking.v1.AvailabilityService/GetMonthAvailability");
  std::multimap<std::string, std::string> q = {
      {"serviceCode", "DID"}, {"month", "2026-12"}, {"scope.scope", "SEARCH_SCOPE_PROVINCE"},
      {"scope.province", "Cuneo"}, {"scope.site_codes", "CN-01"}, {"scope.siteCodes", "CN-02"},
      {"delivery_mode", "DELIVERY_MODE_IN_PERSON"}};
  auto msg = BuildRequest(r, {nullptr, &q, nullptr, std::nullopt});
  ASSERT_TRUE(msg.ok()) << msg.status();
  const auto& req = static_cast<const sisl::booking::v1::GetMonthAvailabilityRequest&>(**msg);
  EXPECT_EQ(req.service_code(), "DID");
  EXPECT_EQ(req.scope().province(), "Cuneo");
  EXPECT_EQ(req.scope().site_codes_size(), 2);
  EXPECT_EQ(req.scope().scope(), sisl::booking::v1::SEARCH_SCOPE_PROVINCE);
}

TEST_F(TranscoderTest, BodyPathAndIdempotencyKeyMakeTheRequest) {
  const auto& r = Route(routes_, "/sisl.booking.v1.AppointmentsService/MoveAppointment");
  std::map<std::string, std::string> path = {{"id", "A1"}};
  std::string body = R"({"newSlotId":"S2","id":"ignored"})";
  auto msg = BuildRequest(r, {&path, nullptr, &body, std::string("key-1")});
  ASSERT_TRUE(msg.ok()) << msg.status();
  const auto& req = static_cast<const sisl::booking::v1::MoveAppointmentRequest&>(**msg);
  EXPECT_EQ(req.id(), "A1");  // the path wins
  EXPECT_EQ(req.new_slot_id(), "S2");
  EXPECT_EQ(req.request_id(), "key-1");
  std::string with_id = R"({"newSlotId":"S2","requestId":"own"})";
  auto own = BuildRequest(r, {&path, nullptr, &with_id, std::string("key-1")});
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(static_cast<const sisl::booking::v1::MoveAppointmentRequest&>(**own).request_id(),
            "own");
}

TEST_F(TranscoderTest, BadInputGetsSpecificReasons) {
  const auto& get = Route(routes_, "/sisl.booking.v1.OfficesService/ListOffices");
  std::multimap<std::string, std::string> unknown = {{"colour", "red"}};
  auto a = BuildRequest(get, {nullptr, &unknown, nullptr, std::nullopt});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(platform::ErrorReason(a.status()), "UNKNOWN_PARAMETER");
  ASSERT_EQ(platform::ErrorFieldViolations(a.status()).size(), 1u);
  EXPECT_EQ(platform::ErrorFieldViolations(a.status())[0].field, "colour");

  std::multimap<std::string, std::string> bad_int = {{"pageSize", "lots"}};
  EXPECT_EQ(platform::ErrorReason(BuildRequest(get, {nullptr, &bad_int, nullptr, {}}).status()),
            "INVALID_JSON");

  const auto& post = Route(routes_, "/sisl.booking.v1.AppointmentsService/BookAppointment");
  for (std::string body : {std::string("[1,2]"), std::string("{"), std::string("{\"slotId\":3"),
                           std::string(200, '[')}) {
    auto st = BuildRequest(post, {nullptr, nullptr, &body, {}}).status();
    EXPECT_EQ(platform::ErrorReason(st), "INVALID_JSON") << body;
  }
  std::string unknown_field = R"({"slotId":"S","colour":"red"})";
  EXPECT_EQ(platform::ErrorReason(BuildRequest(post, {nullptr, nullptr, &unknown_field, {}}).status()),
            "INVALID_JSON");
  std::string body = "{}";
  EXPECT_EQ(platform::ErrorReason(BuildRequest(get, {nullptr, nullptr, &body, {}}).status()),
            "BODY_NOT_ALLOWED");
}

TEST_F(TranscoderTest, ResponsesFollowTheProto3JsonMapping) {
  sisl::booking::v1::GetOfficeResponse resp;
  resp.mutable_office()->set_site_code("TO-01");
  auto json = nlohmann::json::parse(ResponseToJson(resp).value());
  EXPECT_EQ(json["office"]["siteCode"], "TO-01");
  EXPECT_TRUE(json["office"].contains("province"));  // defaults printed
}

std::string Violation(const absl::Status& st) {
  const auto violations = platform::ErrorFieldViolations(st);
  return violations.empty() ? "" : violations[0].field;
}

// Issue 10: the (sisl.api.v1.field) rules are checked before any service is called.
TEST_F(TranscoderTest, RefusesValuesBreakingTheFieldRules) {
  const auto& offices = Route(routes_, "/sisl.booking.v1.OfficesService/ListOffices");
  auto list = [&](std::multimap<std::string, std::string> q) {
    return BuildRequest(offices, {nullptr, &q, nullptr, std::nullopt}).status();
  };
  EXPECT_TRUE(list({{"pageSize", "1"}}).ok());
  EXPECT_TRUE(list({{"pageSize", "100"}}).ok());
  EXPECT_TRUE(list({}).ok());  // left out: the service's default
  for (const char* bad : {"0", "-1", "101"}) {
    const absl::Status st = list({{"pageSize", bad}});
    EXPECT_EQ(platform::ErrorReason(st), "INVALID_FIELD") << bad;
    EXPECT_EQ(Violation(st), "pageSize") << bad;
  }
  EXPECT_EQ(Violation(list({{"page_size", "500"}})), "pageSize");

  const auto& office = Route(routes_, "/sisl.booking.v1.OfficesService/GetOffice");
  for (const char* bad : {"to-01", "TO-1", "TO-011", "TO_01", ""}) {
    std::map<std::string, std::string> path = {{"site_code", bad}};
    const absl::Status st = BuildRequest(office, {&path, nullptr, nullptr, std::nullopt}).status();
    EXPECT_EQ(platform::ErrorReason(st), "INVALID_FIELD") << bad;
    EXPECT_EQ(Violation(st), "siteCode") << bad;
  }

  const auto& day = Route(routes_, "/sisl.booking.v1.AvailabilityService/GetDayAvailability");
  auto on = [&](std::multimap<std::string, std::string> q) {
    return BuildRequest(day, {nullptr, &q, nullptr, std::nullopt}).status();
  };
  EXPECT_TRUE(on({{"serviceCode", "DID_PATTO"}, {"date", "2026-02-28"}}).ok());
  for (const char* bad : {"2026-02-30", "2026-2-3", "28/02/2026", "2026-02-28T00:00", ""}) {
    const absl::Status st = on({{"date", bad}});
    EXPECT_EQ(platform::ErrorReason(st), "INVALID_FIELD") << bad;
    EXPECT_EQ(Violation(st), "date") << bad;
  }
  EXPECT_EQ(Violation(on({{"serviceCode", "DID_PATTO"}})), "date");  // required

  const auto& month = Route(routes_, "/sisl.booking.v1.AvailabilityService/GetMonthAvailability");
  for (const char* bad : {"2026-13", "2026-4", "2026-04-01", "April"}) {
    std::multimap<std::string, std::string> q = {{"month", bad}};
    EXPECT_EQ(Violation(BuildRequest(month, {nullptr, &q, nullptr, std::nullopt}).status()),
              "month")
        << bad;
  }

  const auto& search = Route(routes_, "/sisl.booking.v1.AppointmentsService/SearchAppointments");
  std::multimap<std::string, std::string> q = {{"fiscalCode", "RSSMRA80A01L219"},
                                               {"accessReason", "phone call"}};
  EXPECT_EQ(Violation(BuildRequest(search, {nullptr, &q, nullptr, std::nullopt}).status()),
            "fiscalCode");
  q = {{"fiscalCode", "RSSMRA80A01L219X"}, {"accessReason", std::string(501, 'x')}};
  EXPECT_EQ(Violation(BuildRequest(search, {nullptr, &q, nullptr, std::nullopt}).status()),
            "accessReason");
  for (const char* bad : {"rssmra80a01l219x", "RSSMRA80D31L219X", "RSSMRA80B30L219X",
                          "RSSMRA80A00L219X", "RSSMRA80Z01L219X", "RSSMRA8OA01L219X"}) {
    q = {{"fiscalCode", bad}, {"accessReason", "phone call"}};
    EXPECT_EQ(Violation(BuildRequest(search, {nullptr, &q, nullptr, std::nullopt}).status()),
              "fiscalCode")
        << bad;
  }
  for (const char* good : {"RSSMRA80A01L219X", "RSSMRA80B69L219X", "RSSMRAULAMPLNTVX"}) {
    q = {{"fiscalCode", good}, {"accessReason", "phone call"}};
    EXPECT_TRUE(BuildRequest(search, {nullptr, &q, nullptr, std::nullopt}).ok()) << good;
  }
  q = {{"fiscalCode", "RSSMRA80A01L219X"}, {"accessReason", " \t "}};
  EXPECT_EQ(Violation(BuildRequest(search, {nullptr, &q, nullptr, std::nullopt}).status()),
            "accessReason");

  const auto& update = Route(routes_, "/sisl.booking.v1.OfficesService/UpdateOffice");
  std::map<std::string, std::string> path = {{"office.site_code", "TO-01"}};
  std::string body = R"({"office": {"phone": "011 123"}})";
  EXPECT_EQ(Violation(BuildRequest(update, {&path, nullptr, &body, std::nullopt}).status()),
            "updateMask");
  body = R"({"office": {"phone": "011 123"}, "updateMask": "phone"})";
  auto ok = BuildRequest(update, {&path, nullptr, &body, std::nullopt});
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(static_cast<const sisl::booking::v1::UpdateOfficeRequest&>(**ok).office().site_code(),
            "TO-01");
  path = {{"office.site_code", "nowhere"}};
  EXPECT_EQ(Violation(BuildRequest(update, {&path, nullptr, &body, std::nullopt}).status()),
            "office.siteCode");
}

// Patterns run on bounded input only: a long value is refused, never a crash.
TEST_F(TranscoderTest, LongValuesAreRefusedSafely) {
  const auto& update = Route(routes_, "/sisl.booking.v1.OfficesService/UpdateOffice");
  std::map<std::string, std::string> path = {{"office.site_code", std::string(1 << 20, 'A')}};
  std::string body = R"({"updateMask": ")" + std::string(1 << 20, 'a') + "\"}";
  const absl::Status st = BuildRequest(update, {&path, nullptr, &body, std::nullopt}).status();
  EXPECT_EQ(platform::ErrorReason(st), "INVALID_FIELD");
  EXPECT_EQ(Violation(st), "updateMask");  // the body's types are checked first
  body = R"({"updateMask": "phone"})";
  EXPECT_EQ(Violation(BuildRequest(update, {&path, nullptr, &body, std::nullopt}).status()),
            "office.siteCode");
  const auto& search = Route(routes_, "/sisl.booking.v1.AppointmentsService/SearchAppointments");
  std::multimap<std::string, std::string> q = {{"fiscalCode", std::string(1 << 20, 'R')},
                                               {"accessReason", std::string(1 << 20, 'x')}};
  EXPECT_EQ(platform::ErrorFieldViolations(
                BuildRequest(search, {nullptr, &q, nullptr, std::nullopt}).status())
                .size(),
            2u);
}

// Issue 10: enums take their value names only, as the document lists them.
TEST_F(TranscoderTest, EnumsTakeDeclaredNamesOnly) {
  const auto& month = Route(routes_, "/sisl.booking.v1.AvailabilityService/GetMonthAvailability");
  std::multimap<std::string, std::string> q = {{"month", "2026-04"}, {"deliveryMode", "1"}};
  const absl::Status st = BuildRequest(month, {nullptr, &q, nullptr, std::nullopt}).status();
  EXPECT_FALSE(st.ok());
  q = {{"month", "2026-04"}, {"deliveryMode", "DELIVERY_MODE_PHONE"}};
  EXPECT_TRUE(BuildRequest(month, {nullptr, &q, nullptr, std::nullopt}).ok());
  const auto& book = Route(routes_, "/sisl.booking.v1.AppointmentsService/BookAppointment");
  std::string body = R"({"slotId": "S1", "deliveryMode": 2})";
  EXPECT_EQ(Violation(BuildRequest(book, {nullptr, nullptr, &body, std::nullopt}).status()),
            "deliveryMode");
}

// Issue 10: a body must have the JSON types the document gives it (the proto3 JSON parser alone
// takes numbers for strings, strings for integers and nulls).
TEST_F(TranscoderTest, BodiesHaveTheDocumentedJsonTypes) {
  const auto& book = Route(routes_, "/sisl.booking.v1.AppointmentsService/BookAppointment");
  auto build = [&](std::string body) {
    return BuildRequest(book, {nullptr, nullptr, &body, std::nullopt}).status();
  };
  EXPECT_TRUE(build(R"({"slotId": "S1", "citizen": {"email": "a@b.it"}})").ok());
  EXPECT_EQ(Violation(build(R"({"slotId": null})")), "slotId");
  EXPECT_EQ(Violation(build(R"({"citizen": {"compulsorySchoolingCompleted": "true"}})")),
            "citizen.compulsorySchoolingCompleted");
  EXPECT_EQ(Violation(build(R"({"citizen": []})")), "citizen");
  const auto& update = Route(routes_, "/sisl.booking.v1.OfficesService/UpdateOffice");
  std::map<std::string, std::string> path = {{"office.site_code", "TO-01"}};
  std::string body = R"({"updateMask": "phone", "expectedVersion": 3})";  // int64: a string
  const absl::Status st = BuildRequest(update, {&path, nullptr, &body, std::nullopt}).status();
  EXPECT_EQ(platform::ErrorReason(st), "INVALID_FIELD");
  EXPECT_EQ(Violation(st), "expectedVersion");
  body = R"({"updateMask": "phone", "expectedVersion": "3"})";
  EXPECT_TRUE(BuildRequest(update, {&path, nullptr, &body, std::nullopt}).ok());
  for (const char* bad : {"abc", "007", "1e3", "-0", "1234567890123456789"}) {
    body = std::string(R"({"updateMask": "phone", "expectedVersion": ")") + bad + "\"}";
    EXPECT_EQ(Violation(BuildRequest(update, {&path, nullptr, &body, std::nullopt}).status()),
              "expectedVersion")
        << bad;
  }
  const auto& calendar = Route(routes_, "/sisl.booking.v1.CalendarsService/CreateCalendar");
  body = R"({"calendar": {"bands": [{"slotMinutes": "30"}]}})";
  EXPECT_EQ(Violation(BuildRequest(calendar, {nullptr, nullptr, &body, std::nullopt}).status()),
            "calendar.bands[0].slotMinutes");
}

}  // namespace
}  // namespace sisl::gateway::transcoding
