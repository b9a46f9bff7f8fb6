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

}  // namespace
}  // namespace sisl::gateway::transcoding
