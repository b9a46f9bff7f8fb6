// The gateway's rate limits on every route and its client addresses, on a running sisl-allinone:
// a login flood gets a 429 page with Retry-After, a session-API flood a 429 problem+json, pages
// and unknown paths are limited too, X-Forwarded-For counts only from gateway.trusted_proxies
// (here 127.0.0.1), and /readyz and /metrics are served on the ops port only, with the
// gateway's readiness checks and metrics there.
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/platform/ids.h"
#include "tests/support/child_process.h"
#include "tests/support/http_client.h"

namespace sisl::testing_env {
namespace {

class GatewayLimitsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_dir_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                          absl::StrCat("sisl-it-limits-", platform::NewUuidV7()));
    grpc_ = new std::string(absl::StrCat("127.0.0.1:", FreePort()));
    ops_ = new std::string(absl::StrCat("127.0.0.1:", FreePort()));
    public_ = new std::string(absl::StrCat("127.0.0.1:", FreePort()));
    process_ = new ChildProcess(
        BinaryPath("apps/sisl-allinone"), {},
        {{"SISL_DATA_DIR", data_dir_->string()},
         {"SISL_GRPC_ADDRESS", *grpc_},
         {"SISL_HTTP_ADDRESS", *ops_},
         {"SISL_GATEWAY_HTTP_ADDRESS", *public_},
         {"SISL_GATEWAY_PUBLIC_URL", "http://" + *public_},
         {"SISL_GATEWAY_WEB_DIR", ""},
         {"SISL_GATEWAY_TRUSTED_PROXIES", "127.0.0.1/32"},
         {"SISL_RATE_LIMITS_PER_IP_RPS", "1"},
         {"SISL_RATE_LIMITS_PER_IP_BURST", "12"},
         {"SISL_RATE_LIMITS_LOGINS_PER_MINUTE", "1"},
         {"SISL_RATE_LIMITS_LOGINS_BURST", "3"}},
        (std::filesystem::temp_directory_path() / "sisl-it-gateway-limits.log").string());
    ASSERT_TRUE(process_->Start());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    bool up = false;
    while (!up && std::chrono::steady_clock::now() < deadline) {
      HttpClient probe(*public_, {absl::Seconds(2)});
      auto r = probe.Get("/healthz");
      up = r.ok() && r->status == 200;
      if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(up) << "sisl-allinone did not start; see " << process_->log_path();
  }

  static void TearDownTestSuite() {
    delete process_;  // kills it
    std::error_code ec;
    std::filesystem::remove_all(*data_dir_, ec);
    delete data_dir_;
    delete grpc_;
    delete ops_;
    delete public_;
  }

  // A client address of this run's own (the limiter's buckets are per address): TEST-NET-2 with
  // random low bytes, sent as X-Forwarded-For through the trusted 127.0.0.1.
  static std::string NewClient() {
    static std::mt19937 random(std::random_device{}());
    return absl::StrCat("198.51.", random() % 256, ".", 1 + random() % 254);
  }

  static absl::StatusOr<HttpResponse> Get(const std::string& target, const std::string& client) {
    HttpClient http(*public_);
    return http.Get(target, {{"X-Forwarded-For", client}});
  }

  static std::filesystem::path* data_dir_;
  static std::string* grpc_;
  static std::string* ops_;
  static std::string* public_;
  static ChildProcess* process_;
};

std::filesystem::path* GatewayLimitsTest::data_dir_ = nullptr;
std::string* GatewayLimitsTest::grpc_ = nullptr;
std::string* GatewayLimitsTest::ops_ = nullptr;
std::string* GatewayLimitsTest::public_ = nullptr;
ChildProcess* GatewayLimitsTest::process_ = nullptr;

TEST_F(GatewayLimitsTest, ALoginFloodGetsA429PageWithRetryAfter) {
  const std::string login =
      "/spid/login?idp=" + UrlEncode("http://" + *public_ + "/dev-idp") + "&return_to=/";
  const std::string client = NewClient();
  for (int i = 0; i < 3; ++i) {
    auto r = Get(login, client);
    ASSERT_TRUE(r.ok()) << r.status();
    EXPECT_EQ(r->status, 200) << r->body;
  }
  auto refused = Get(login, client);
  ASSERT_TRUE(refused.ok()) << refused.status();
  EXPECT_EQ(refused->status, 429);
  EXPECT_TRUE(absl::StartsWith(refused->Header("content-type").value_or(""), "text/html"));
  const int retry_after = std::stoi(refused->Header("retry-after").value_or("0"));
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 60);
  // Another client behind the same proxy logs in; the refused one still reads public pages.
  auto other = Get(login, NewClient());
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->status, 200);
  auto idps = Get("/spid/idps", client);
  ASSERT_TRUE(idps.ok());
  EXPECT_EQ(idps->status, 200);
}

TEST_F(GatewayLimitsTest, ASessionApiFloodGetsProblemJson) {
  const std::string client = NewClient();
  int ok = 0;
  std::optional<HttpResponse> refused;
  for (int i = 0; i < 30 && !refused; ++i) {
    auto r = Get("/api/session", client);
    ASSERT_TRUE(r.ok()) << r.status();
    if (r->status == 200) ++ok;
    if (r->status == 429) refused = *r;
  }
  ASSERT_TRUE(refused.has_value()) << "no 429 after 30 calls";
  EXPECT_GE(ok, 12);
  EXPECT_LE(ok, 14);  // the burst, plus what refilled meanwhile at 1/s
  EXPECT_EQ(refused->Header("content-type").value_or(""), "application/problem+json");
  EXPECT_NE(refused->body.find("RATE_LIMITED"), std::string::npos);
  EXPECT_TRUE(refused->Header("retry-after").has_value());
}

TEST_F(GatewayLimitsTest, PagesAndUnknownPathsAreLimitedToo) {
  const std::string client = NewClient();
  int status = 0;
  for (int i = 0; i < 30 && status != 429; ++i) {
    auto r = Get("/no-such-page", client);
    ASSERT_TRUE(r.ok()) << r.status();
    status = r->status;
    if (status == 429) {
      EXPECT_TRUE(absl::StartsWith(r->Header("content-type").value_or(""), "text/html"));
      EXPECT_TRUE(r->Header("retry-after").has_value());
    } else {
      EXPECT_EQ(status, 404);
    }
  }
  EXPECT_EQ(status, 429);
}

TEST_F(GatewayLimitsTest, XForwardedForCountsOnlyFromTrustedProxies) {
  // From the trusted 127.0.0.1 the header names the client: exhaust one client's logins...
  const std::string login =
      "/spid/login?idp=" + UrlEncode("http://" + *public_ + "/dev-idp") + "&return_to=/";
  const std::string client = NewClient();
  int last = 0;
  for (int i = 0; i < 4; ++i) last = Get(login, client)->status;
  EXPECT_EQ(last, 429);
  // ...a client cannot hide behind a made-up address of its own on the left: the rightmost
  // untrusted hop is the one that counts.
  auto spoofed = Get(login, absl::StrCat(NewClient(), ", ", client));
  ASSERT_TRUE(spoofed.ok());
  EXPECT_EQ(spoofed->status, 429);
}

TEST_F(GatewayLimitsTest, ReadinessAndMetricsOnlyOnTheOpsPort) {
  HttpClient public_port(*public_);
  auto readyz = public_port.Get("/readyz");
  ASSERT_TRUE(readyz.ok());
  EXPECT_EQ(readyz->status, 404);
  auto metrics = public_port.Get("/metrics");
  ASSERT_TRUE(metrics.ok());
  EXPECT_EQ(metrics->status, 404);
  auto openapi = Get("/api/openapi.json", NewClient());
  ASSERT_TRUE(openapi.ok());
  EXPECT_EQ(openapi->body.find("\"/metrics\""), std::string::npos);
  EXPECT_EQ(openapi->body.find("\"/readyz\""), std::string::npos);

  HttpClient ops(*ops_);
  auto ready = ops.Get("/readyz");
  ASSERT_TRUE(ready.ok());
  EXPECT_EQ(ready->status, 200) << ready->body;
  EXPECT_NE(ready->body.find("gateway-sessions: ok"), std::string::npos) << ready->body;
  EXPECT_NE(ready->body.find("gateway-upstreams: ok"), std::string::npos) << ready->body;
  auto ops_metrics = ops.Get("/metrics");
  ASSERT_TRUE(ops_metrics.ok());
  EXPECT_EQ(ops_metrics->status, 200);
  EXPECT_NE(ops_metrics->body.find("sisl_gateway_http_requests_total"), std::string::npos);
  EXPECT_NE(ops_metrics->body.find("sisl_gateway_rate_limited_total"), std::string::npos);
}

}  // namespace
}  // namespace sisl::testing_env
