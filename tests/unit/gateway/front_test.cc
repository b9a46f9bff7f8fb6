// Front: the one rate-limit gate every request passes (routes of every kind, REST classes from
// the proto, unmatched paths), 429 as problem+json or as an HTML page with Retry-After, writes
// refused while the limiter is down, and no /readyz or /metrics on the public router.
#include "gateway/front.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "gateway/ratelimit/memory_rate_limiter.h"
#include "gateway/ratelimit/rate_limit_policy.h"
#include "gtest/gtest.h"
#include "services/platform/clock.h"
#include "services/platform/errors.h"
#include "services/platform/testing/status_matchers.h"

namespace sisl::gateway {
namespace {

using ratelimit::RequestClass;

const absl::Time kStart = absl::FromUnixSeconds(1'772'000'000);

class FrontTest : public ::testing::Test {
 protected:
  void SetUp() override {
    config_.per_ip = {10, 1000};
    config_.logins_per_ip = {0.5, 3};
    config_.saml_per_ip = {1, 4};
    config_.per_session = {1, 5};
    policy_ = ratelimit::RateLimitPolicy(config_);
    front_.SetRateGate([this](RequestClass c, const http::Request& r) -> absl::StatusOr<Admission> {
      classes_.push_back(c);
      if (limiter_down_) {
        return platform::Error(absl::StatusCode::kUnavailable, "RATE_LIMIT_UNAVAILABLE", "down");
      }
      const std::optional<std::string> cookie = r.Cookie("sisl_session");
      std::optional<absl::string_view> sid;
      if (cookie) sid = *cookie;
      auto d = limiter_.TakeAll(policy_.BucketsFor(c, r.remote_ip, sid));
      if (!d.ok()) return d.status();
      return Admission{d->allowed, d->retry_after};
    });
    ASSERT_OK(front_.RegisterOperations());
    for (const auto& [method, path] :
         std::vector<std::pair<std::string, std::string>>{{"GET", "/spid/login"},
                                                          {"POST", "/spid/acs"},
                                                          {"GET", "/api/session"},
                                                          {"POST", "/api/session/role"},
                                                          {"POST", "/api/v1/appointments"},
                                                          {"GET", "/"},
                                                          {"GET", "/spid/metadata"}}) {
      ASSERT_OK(front_.router().Add(method, path, [](http::Request&, http::Respond d) {
        http::Response r;
        r.body = "served";
        d(std::move(r));
      }));
    }
    front_.SetRouteClass("POST", "/api/v1/appointments", RequestClass::kBookingWrite);
  }

  http::Response Send(const std::string& method, const std::string& path,
                      const std::string& ip = "192.0.2.7", const std::string& session = "") {
    http::Request request;
    request.method = method;
    request.path = path;
    request.target = path;
    request.remote_ip = ip;
    request.request_id = "rid-1";
    if (!session.empty()) request.cookies["sisl_session"] = session;
    std::optional<http::Response> out;
    front_.Handle(request, [&out](http::Response r) { out = std::move(r); });
    EXPECT_TRUE(out.has_value());
    return out.value_or(http::Response{});
  }

  static std::string HeaderOf(const http::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }

  ratelimit::RateLimitConfig config_;
  ratelimit::RateLimitPolicy policy_;
  platform::FakeClock clock_{kStart};
  ratelimit::MemoryRateLimiter limiter_{clock_};
  Front front_{/*access_log=*/false};
  std::vector<RequestClass> classes_;
  bool limiter_down_ = false;
};

TEST_F(FrontTest, ALoginFloodGetsAnHtmlPageWithRetryAfter) {
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Send("GET", "/spid/login").body, "served");
  const http::Response refused = Send("GET", "/spid/login");
  EXPECT_EQ(refused.status, 429);
  EXPECT_TRUE(absl::StartsWith(refused.content_type, "text/html"));
  EXPECT_NE(refused.body.find("Troppe richieste"), std::string::npos);
  EXPECT_EQ(HeaderOf(refused, "Retry-After"), "2");
  EXPECT_FALSE(HeaderOf(refused, "Content-Security-Policy").empty()) << "security headers too";
  // Another address is not affected, nor are this address's pages.
  EXPECT_EQ(Send("GET", "/spid/login", "192.0.2.8").status, 200);
  EXPECT_EQ(Send("GET", "/").status, 200);
  clock_.Advance(absl::Seconds(2));
  EXPECT_EQ(Send("GET", "/spid/login").status, 200);
}

TEST_F(FrontTest, SamlMessagesAreLimitedPerAddress) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Send("POST", "/spid/acs").status, 200);
  const http::Response refused = Send("POST", "/spid/acs");
  EXPECT_EQ(refused.status, 429);
  EXPECT_TRUE(absl::StartsWith(refused.content_type, "text/html"));
}

TEST_F(FrontTest, TheSessionApiFloodGetsProblemJson) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Send("GET", "/api/session", "192.0.2.7", "s1").status, 200);
  const http::Response refused = Send("GET", "/api/session", "192.0.2.7", "s1");
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(refused.content_type, "application/problem+json");
  EXPECT_NE(refused.body.find("RATE_LIMITED"), std::string::npos);
  EXPECT_EQ(HeaderOf(refused, "Retry-After"), "1");
  // The session's bucket, not the address's: another session at the same address passes.
  EXPECT_EQ(Send("GET", "/api/session", "192.0.2.7", "s2").status, 200);
}

TEST_F(FrontTest, EveryRequestPassesTheGateWithItsClass) {
  Send("GET", "/spid/login");
  Send("POST", "/spid/acs");
  Send("GET", "/api/session");
  Send("POST", "/api/session/role");
  Send("POST", "/api/v1/appointments");
  Send("GET", "/");
  Send("GET", "/spid/metadata");
  Send("GET", "/healthz");
  Send("GET", "/no/such/page");    // 404
  Send("DELETE", "/api/session");  // 405
  EXPECT_EQ(classes_, (std::vector<RequestClass>{RequestClass::kLogin, RequestClass::kSaml,
                                                 RequestClass::kRead, RequestClass::kWrite,
                                                 RequestClass::kBookingWrite, RequestClass::kPage,
                                                 RequestClass::kPage, RequestClass::kPage,
                                                 RequestClass::kPage, RequestClass::kWrite}));
}

TEST_F(FrontTest, WhileTheLimiterIsDownReadsPassAndWritesGet503) {
  limiter_down_ = true;
  EXPECT_EQ(Send("GET", "/api/session").status, 200);
  EXPECT_EQ(Send("GET", "/spid/login").status, 200);
  const http::Response write = Send("POST", "/api/v1/appointments");
  EXPECT_EQ(write.status, 503);
  EXPECT_NE(write.body.find("RATE_LIMITER_UNAVAILABLE"), std::string::npos);
}

TEST_F(FrontTest, ReadinessAndMetricsAreNotOnThePublicPort) {
  EXPECT_EQ(Send("GET", "/healthz").status, 200);
  EXPECT_EQ(Send("GET", "/readyz").status, 404);
  EXPECT_EQ(Send("GET", "/metrics").status, 404);
}

}  // namespace
}  // namespace sisl::gateway
