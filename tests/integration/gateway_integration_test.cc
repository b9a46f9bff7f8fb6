// The gateway against the real infrastructure and sisl-booking: login through the development
// IdP (real SAML path), roles, calendars, booking, listing, isolation between citizens, CSRF,
// rate limits, logout, the OpenAPI document's routes, and the internal token's protection.
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/ascii.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/platform/auth/internal_token.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"
#include "tests/integration/gateway_fixture.h"

namespace sisl::testing_env {
namespace {

using nlohmann::json;

std::string Day(int days_from_now) {
  return absl::FormatTime("%Y-%m-%d", absl::Now() + absl::Hours(24 * days_from_now),
                          absl::LocalTimeZone());
}

class GatewayIntegrationTest : public GatewayFixture {};

TEST_F(GatewayIntegrationTest, WithoutASessionTheApiAnswers401AndIgnoresClientTokens) {
  WebUser anon = Anonymous();
  auto r = anon.Get("/api/v1/my/appointments");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->Header("content-type").value_or(""), "application/problem+json");
  EXPECT_EQ(Json(*r)["reason"], "SESSION_REQUIRED");
  // A valid internal token sent by a client is not a way in: the gateway only forwards its own.
  const std::string token =
      keys_->Token({.subject = "x", .role = platform::auth::Role::kAdmin}, "gateway");
  auto forged = anon.browser->Get("/api/v1/staff-members", {{"x-sisl-internal-token", token}});
  ASSERT_TRUE(forged.ok());
  EXPECT_EQ(forged->status, 401);
  // Public reads need no session.
  auto offices = anon.Get("/api/v1/offices?pageSize=3");
  ASSERT_TRUE(offices.ok());
  EXPECT_EQ(offices->status, 200);
  EXPECT_EQ(Json(*offices)["offices"].size(), 3u);
}

TEST_F(GatewayIntegrationTest, ABookingServiceRefusesForgedAndMissingTokens) {
  auto stub = booking::v1::AppointmentsService::NewStub(
      grpc::CreateChannel(booking_grpc_, grpc::InsecureChannelCredentials()));
  auto wrong_key = platform::testing::TestKeys::Create();
  for (const std::string& token :
       {wrong_key->Token({.subject = "p", .fiscal_code = "RSSMRA80A01L219M"}, "booking"),
        std::string()}) {
    grpc::ClientContext ctx;
    if (!token.empty()) ctx.AddMetadata(platform::auth::kTokenMetadataKey, token);
    booking::v1::ListMyAppointmentsResponse resp;
    const grpc::Status st = stub->ListMyAppointments(&ctx, {}, &resp);
    EXPECT_EQ(st.error_code(), grpc::StatusCode::UNAUTHENTICATED) << st.error_message();
  }
}

TEST_F(GatewayIntegrationTest, CitizensBookListCancelAndNeverSeeEachOther) {
  // The operator of CPI Torino (a demo staff member) chooses the operator role and opens a
  // calendar at TO-02; on a database that already has it from an earlier run, the period
  // overlaps and the existing slots serve.
  WebUser op = Login("operatore-torino");
  auto session = op.Get("/api/session");
  ASSERT_TRUE(session.ok());
  std::string cpi;
  const json view = Json(*session);
  for (const auto& role : view["roles"]) {
    if (role["role"] == "operator") cpi = role["cpiCode"];
  }
  ASSERT_FALSE(cpi.empty()) << session->body;
  auto chosen = op.Post("/api/session/role", json{{"role", "operator"}, {"cpiCode", cpi}}.dump());
  ASSERT_TRUE(chosen.ok());
  ASSERT_EQ(chosen->status, 200) << chosen->body;
  const json calendar = {
      {"calendar",
       {{"siteCode", "TO-02"}, {"serviceCode", "RICERCA_LAVORO"}, {"firstDate", Day(3)},
        {"lastDate", Day(20)}, {"operatorIds", {"op-torino-1"}},
        {"bands", json::array({json{{"weekday", "WEEKDAY_TUESDAY"}, {"startTime", "09:00"},
                                    {"endTime", "12:00"}, {"slotMinutes", 30}, {"seatsPerSlot", 2}},
                               json{{"weekday", "WEEKDAY_THURSDAY"}, {"startTime", "09:00"},
                                    {"endTime", "12:00"}, {"slotMinutes", 30},
                                    {"seatsPerSlot", 2}}})}}}};
  auto created = op.Post("/api/v1/calendars", calendar.dump(), "it-cal-" + Day(3));
  ASSERT_TRUE(created.ok());
  ASSERT_EQ(created->status, 200) << created->body;  // a database of this run's own

  WebUser a = Login("cittadino-1");
  WebUser b = Login("cittadina-2");
  // The availability index follows calendar events through Kafka: allow it a moment.
  absl::StatusOr<HttpResponse> first;
  for (int i = 0; i < 100; ++i) {
    first = a.Get("/api/v1/availability/first?serviceCode=RICERCA_LAVORO"
                  "&scope.scope=SEARCH_SCOPE_REGION&scope.siteCodes=TO-02");
    ASSERT_TRUE(first.ok());
    if (first->status != 404) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  ASSERT_EQ(first->status, 200) << first->body;
  const std::string slot = Json(*first)["slot"]["id"];
  ASSERT_FALSE(slot.empty());

  // Without the CSRF token a write is refused, and nothing is booked.
  const std::string book = json{{"slotId", slot}, {"deliveryMode", "DELIVERY_MODE_IN_PERSON"},
                                {"citizen", {{"email", "mario@example.org"},
                                             {"domicileMunicipality", "001272"}}}}.dump();
  {
    HttpRequest r{"POST", "/api/v1/appointments", {{"Content-Type", "application/json"}}, book};
    auto refused = a.browser->Send(r);
    ASSERT_TRUE(refused.ok());
    EXPECT_EQ(refused->status, 403);
    EXPECT_EQ(Json(*refused)["reason"], "CSRF_TOKEN_INVALID");
  }
  const std::string key = "it-book-" + std::to_string(absl::ToUnixMicros(absl::Now()));
  auto booked = a.Post("/api/v1/appointments", book, key);
  ASSERT_TRUE(booked.ok());
  ASSERT_EQ(booked->status, 200) << booked->body;
  const std::string id = Json(*booked)["appointment"]["id"];
  // The same Idempotency-Key is the same booking.
  auto again = a.Post("/api/v1/appointments", book, key);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, 200);
  EXPECT_EQ(Json(*again)["appointment"]["id"], id);

  auto mine = a.Get("/api/v1/my/appointments");
  ASSERT_TRUE(mine.ok());
  std::set<std::string> ids;
  const json my_list = Json(*mine);
  for (const auto& appt : my_list["appointments"]) ids.insert(appt["id"]);
  EXPECT_TRUE(ids.count(id)) << mine->body;
  auto ics = a.Get("/api/v1/appointments/" + id + "/ics");
  ASSERT_TRUE(ics.ok());
  EXPECT_EQ(ics->status, 200);
  EXPECT_NE(ics->body.find("BEGIN:VCALENDAR"), std::string::npos);

  // Citizen B can neither read nor cancel A's appointment, nor see it in their list.
  auto peek = b.Get("/api/v1/appointments/" + id);
  ASSERT_TRUE(peek.ok());
  EXPECT_TRUE(peek->status == 403 || peek->status == 404) << peek->body;
  auto steal = b.Post("/api/v1/appointments/" + id + ":cancel",
                      json{{"reason", "CANCELLATION_REASON_NO_LONGER_NEEDED"}}.dump());
  ASSERT_TRUE(steal.ok());
  EXPECT_TRUE(steal->status == 403 || steal->status == 404) << steal->body;
  auto b_list = b.Get("/api/v1/my/appointments");
  ASSERT_TRUE(b_list.ok());
  EXPECT_EQ(b_list->body.find(id), std::string::npos);
  auto still = a.Get("/api/v1/appointments/" + id);
  ASSERT_TRUE(still.ok());
  EXPECT_EQ(Json(*still)["appointment"]["state"], "APPOINTMENT_STATE_TO_DELIVER") << still->body;

  // A cancels.
  auto cancelled = a.Post("/api/v1/appointments/" + id + ":cancel",
                          json{{"reason", "CANCELLATION_REASON_NO_LONGER_NEEDED"}, {"note", "test"}}.dump());
  ASSERT_TRUE(cancelled.ok());
  ASSERT_EQ(cancelled->status, 200) << cancelled->body;
  EXPECT_EQ(Json(*cancelled)["appointment"]["state"], "APPOINTMENT_STATE_CANCELLED_BY_CITIZEN");

  // Logout through SAML Single Logout with the development IdP ends the session.
  auto out = a.Get("/spid/logout");
  ASSERT_TRUE(out.ok());
  for (int hop = 0; hop < 4 && out.ok() && FormAction(out->body).has_value(); ++hop) {
    out = a.browser->PostForm(PathOf(*FormAction(out->body)), HiddenInputs(out->body));
  }
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->status, 200) << out->body;
  auto after = a.Get("/api/session");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Json(*after)["authenticated"], false);
  auto closed = a.Get("/api/v1/my/appointments");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->status, 401);
}

TEST_F(GatewayIntegrationTest, BookingWritesAreRateLimitedWithRetryAfter) {
  WebUser c = Login("cittadina-2");
  int limited = 0;
  std::string retry_after;
  for (int i = 0; i < 8 && limited == 0; ++i) {
    auto r = c.Post("/api/v1/appointments/00000000-0000-0000-0000-000000000000:cancel",
                    json{{"reason", "CANCELLATION_REASON_NO_LONGER_NEEDED"}}.dump());
    ASSERT_TRUE(r.ok());
    if (r->status == 429) {
      ++limited;
      retry_after = r->Header("retry-after").value_or("");
      EXPECT_EQ(Json(*r)["reason"], "RATE_LIMITED");
    }
  }
  EXPECT_EQ(limited, 1);
  EXPECT_FALSE(retry_after.empty());
}

// Every operation of /api/openapi.json is served: none answers "no such route" or "method not
// allowed", none crashes, and every API error is a problem+json with a reason.
TEST_F(GatewayIntegrationTest, EveryDocumentedRouteAnswers) {
  WebUser admin = Login("amministratore");
  auto roles = admin.Post("/api/session/role", json{{"role", "admin"}}.dump());
  ASSERT_TRUE(roles.ok());
  ASSERT_EQ(roles->status, 200) << roles->body;
  auto doc = admin.Get("/api/openapi.json");
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc->status, 200);
  const json openapi = Json(*doc);
  ASSERT_EQ(openapi["openapi"], "3.0.3");
  int operations = 0;
  for (const auto& [path, item] : openapi["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      std::string target = path;
      size_t open;
      while ((open = target.find('{')) != std::string::npos) {
        target.replace(open, target.find('}', open) - open + 1, "x");
      }
      if (target == "/spid/logout" || target == "/api/session/logout") continue;  // ends the session
      HttpRequest r;
      r.method = absl::AsciiStrToUpper(method);
      r.target = target;
      r.headers = {{"X-CSRF-Token", admin.csrf}};
      if (r.method != "GET" && r.method != "DELETE") {
        r.headers.emplace_back("Content-Type", "application/json");
        r.body = "{}";
      }
      Browser raw(GatewayFixture::gateway_http_, /*max_redirects=*/0);
      raw.cookies() = admin.browser->cookies();
      auto answer = raw.Send(r);
      ASSERT_TRUE(answer.ok()) << r.method << " " << target;
      ++operations;
      const json body = Json(*answer);
      const std::string reason = body.is_object() ? body.value("reason", "") : "";
      EXPECT_NE(reason, "ROUTE_NOT_FOUND") << r.method << " " << target;
      EXPECT_NE(answer->status, 405) << r.method << " " << target;
      EXPECT_LT(answer->status, 500) << r.method << " " << target << ": " << answer->body;
      if (answer->Header("content-type").value_or("") == "application/problem+json") {
        EXPECT_FALSE(reason.empty()) << r.method << " " << target << ": " << answer->body;
      }
    }
  }
  EXPECT_GE(operations, 30);
}

}  // namespace
}  // namespace sisl::testing_env
