#ifndef SISL_TESTS_INTEGRATION_GATEWAY_FIXTURE_H_
#define SISL_TESTS_INTEGRATION_GATEWAY_FIXTURE_H_

// sisl-booking, sisl-enterprise, sisl-communications, sisl-matching, sisl-notifications,
// sisl-observatory and sisl-gateway as their own processes on the real PostgreSQL, Kafka and Redis
// (deploy/infra.sh), the gateway in development mode on loopback so that the development IdP
// can log demo users in through the real SAML path.

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"
#include "services/platform/testing/test_keys.h"
#include "tests/support/child_process.h"
#include "tests/support/http_client.h"

namespace sisl::testing_env {

// A logged-in (or not) user agent on the gateway.
struct WebUser {
  std::unique_ptr<Browser> browser;
  std::string csrf;
  absl::StatusOr<HttpResponse> Get(const std::string& target);
  // JSON body, X-CSRF-Token when known, optional Idempotency-Key.
  absl::StatusOr<HttpResponse> Post(const std::string& target, const std::string& json,
                                    const std::string& idempotency_key = "");
};

class GatewayFixture : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { StartProcesses(/*encrypted=*/false); }
  static void TearDownTestSuite();
  // encrypted: every link over TLS with the certificates of deploy/infra.sh (SISL_TEST_TLS_DIR):
  // gRPC with client certificates, PostgreSQL as sisl_tls (verify-full, client certificate),
  // Kafka SASL_SSL (SCRAM), Redis TLS with an ACL user; nothing else is reachable to them.
  static void StartProcesses(bool encrypted);
  // The TLS files of the test servers (SISL_TEST_TLS_DIR) and the gRPC credentials a client of
  // the encrypted processes needs (CA and client certificate).
  static std::string TlsFile(const std::string& name);
  static std::shared_ptr<grpc::ChannelCredentials> ClientTlsCredentials(bool with_certificate);

  // Logs `demo_user` (a development IdP key, e.g. "cittadino-1") in through /spid/login, the
  // development IdP and /spid/acs; fills the CSRF token. Fails the test on any step.
  static WebUser Login(const std::string& demo_user);
  static WebUser Anonymous();
  static nlohmann::json Json(const HttpResponse& r);

  static bool encrypted_;
  // gateway.session_role_recheck of the run ("" for the configured 30 s); set before
  // StartProcesses by suites that wait for a re-check.
  static std::string role_recheck_;
  static std::string database_;       // this run's database (dropped at the end)
  static std::string database_url_;   // its URL, without the TLS parameters
  static std::string gateway_http_;   // host:port
  static std::string booking_grpc_;
  static std::string enterprise_grpc_;
  static std::string communications_grpc_;
  static std::string matching_grpc_;
  static std::string notifications_grpc_;
  static std::string observatory_grpc_;
  // Generated for this run: the gateway signs with the private key, booking holds the public one.
  static std::unique_ptr<platform::testing::TestKeys> keys_;
  static std::unique_ptr<ChildProcess> booking_;
  static std::unique_ptr<ChildProcess> enterprise_;
  static std::unique_ptr<ChildProcess> communications_;
  static std::unique_ptr<ChildProcess> matching_;
  static std::unique_ptr<ChildProcess> notifications_;
  static std::unique_ptr<ChildProcess> observatory_;
  static std::unique_ptr<ChildProcess> gateway_;
};

// "http://host:port/path?q" -> "/path?q"; a path stays as it is.
std::string PathOf(const std::string& url);

}  // namespace sisl::testing_env

#endif  // SISL_TESTS_INTEGRATION_GATEWAY_FIXTURE_H_
