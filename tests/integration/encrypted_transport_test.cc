// Everything encrypted (ADR 0015): sisl-booking and sisl-gateway as their own processes, talking
// gRPC with client certificates, on PostgreSQL over TLS (verify-full, client certificate, role
// sisl_tls that the server admits only so), Kafka SASL_SSL (SCRAM-SHA-512) and Redis TLS with an
// ACL user; the servers are deploy/infra.sh's, with the certificates it generates. The whole
// citizen flow runs: an operator opens a calendar, the availability index follows it through
// Kafka, a citizen logs in (session in Redis) and books.
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/grpcpp.h"
#include "services/platform/auth/internal_token.h"
#include "sisl/booking/v1/offices.grpc.pb.h"
#include "tests/integration/gateway_fixture.h"

namespace sisl::testing_env {
namespace {

using nlohmann::json;

std::string Day(int days_from_now) {
  return absl::FormatTime("%Y-%m-%d", absl::Now() + absl::Hours(24 * days_from_now),
                          absl::LocalTimeZone());
}

// One line of psql output run as the test server's superuser (trusted on loopback).
std::string AdminQuery(const std::string& sql) {
  const char* pg = std::getenv("SISL_TEST_PG_URL");
  std::string url = pg ? pg : "";
  const size_t at = url.rfind('@'), slash = url.rfind('/');
  const std::string admin =
      absl::StrCat("postgresql://postgres@", url.substr(at + 1, slash - at - 1), "/postgres");
  FILE* p = popen(absl::StrCat("psql -qAtX '", admin, "' -c \"", sql, "\"").c_str(), "r");
  if (p == nullptr) return "";
  char line[256] = {};
  std::string out = fgets(line, sizeof line, p) ? line : "";
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

class EncryptedTransportTest : public GatewayFixture {
 protected:
  static void SetUpTestSuite() { StartProcesses(/*encrypted=*/true); }

  grpc::Status ListOffices(std::shared_ptr<grpc::ChannelCredentials> credentials) {
    auto stub =
        booking::v1::OfficesService::NewStub(grpc::CreateChannel(booking_grpc_, credentials));
    grpc::ClientContext ctx;
    ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    booking::v1::ListOfficesRequest request;
    request.set_page_size(1);
    booking::v1::ListOfficesResponse response;
    return stub->ListOffices(&ctx, request, &response);
  }
};

TEST_F(EncryptedTransportTest, BookingServesOnlyClientsWithACertificateOfTheCa) {
  EXPECT_TRUE(ListOffices(ClientTlsCredentials(/*with_certificate=*/true)).ok());
  const grpc::Status no_certificate = ListOffices(ClientTlsCredentials(false));
  EXPECT_EQ(no_certificate.error_code(), grpc::StatusCode::UNAVAILABLE)
      << no_certificate.error_message();
  const grpc::Status plaintext = ListOffices(grpc::InsecureChannelCredentials());
  EXPECT_EQ(plaintext.error_code(), grpc::StatusCode::UNAVAILABLE) << plaintext.error_message();
}

TEST_F(EncryptedTransportTest, ACitizenBooksWithEveryLinkEncrypted) {
  // The demo operator of CPI Torino (session in Redis over TLS) takes the operator role.
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
  const json calendar = {{"calendar",
                          {{"siteCode", "TO-02"},
                           {"serviceCode", "RICERCA_LAVORO"},
                           {"firstDate", Day(3)},
                           {"lastDate", Day(20)},
                           {"operatorIds", {"op-torino-1"}},
                           {"bands", json::array({json{{"weekday", "WEEKDAY_TUESDAY"},
                                                       {"startTime", "09:00"},
                                                       {"endTime", "12:00"},
                                                       {"slotMinutes", 30},
                                                       {"seatsPerSlot", 2}},
                                                  json{{"weekday", "WEEKDAY_THURSDAY"},
                                                       {"startTime", "09:00"},
                                                       {"endTime", "12:00"},
                                                       {"slotMinutes", 30},
                                                       {"seatsPerSlot", 2}}})}}}};
  auto created = op.Post("/api/v1/calendars", calendar.dump(), "tls-cal-" + Day(3));
  ASSERT_TRUE(created.ok());
  ASSERT_EQ(created->status, 200) << created->body;

  // The calendar's events go out through the outbox to Kafka over SASL_SSL and come back to
  // booking's availability index the same way.
  WebUser citizen = Login("cittadino-1");
  absl::StatusOr<HttpResponse> first;
  for (int i = 0; i < 150; ++i) {
    first = citizen.Get(
        "/api/v1/availability/first?serviceCode=RICERCA_LAVORO"
        "&scope.scope=SEARCH_SCOPE_REGION&scope.siteCodes=TO-02");
    ASSERT_TRUE(first.ok());
    if (first->status != 404) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  ASSERT_EQ(first->status, 200) << first->body;
  const json book = {
      {"slotId", Json(*first)["slot"]["id"]},
      {"deliveryMode", "DELIVERY_MODE_IN_PERSON"},
      {"citizen", {{"email", "mario@example.org"}, {"domicileMunicipality", "001272"}}}};
  auto booked = citizen.Post("/api/v1/appointments", book.dump(), "tls-book-1");
  ASSERT_TRUE(booked.ok());
  ASSERT_EQ(booked->status, 200) << booked->body;
  auto mine = citizen.Get("/api/v1/my/appointments");
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(Json(*mine)["appointments"].size(), 1u) << mine->body;

  // Every connection the two processes hold to PostgreSQL is TLS, as the role sisl_tls.
  const std::string connections = AdminQuery(
      "SELECT count(*) || ' ' || bool_and(s.ssl) FROM pg_stat_ssl s JOIN pg_stat_activity a "
      "USING (pid) WHERE a.datname = 'sisl_it_tls'");
  EXPECT_NE(connections.rfind("0 ", 0), 0u) << connections;  // some connections exist
  EXPECT_EQ(connections.substr(connections.find(' ') + 1), "true") << connections;
}

}  // namespace
}  // namespace sisl::testing_env
