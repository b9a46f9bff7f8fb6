// Token-bucket arithmetic, the in-memory limiter (on a fake clock), the rate-limit policy and the
// classes of the gateway's routes.
#include <atomic>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/gateway_config.h"
#include "gateway/ratelimit/memory_rate_limiter.h"
#include "gateway/ratelimit/rate_limit_policy.h"
#include "gateway/ratelimit/route_class.h"
#include "gateway/ratelimit/token_bucket.h"
#include "gtest/gtest.h"
#include "services/platform/clock.h"
#include "services/platform/config.h"
#include "services/platform/errors.h"

namespace sisl::gateway::ratelimit {
namespace {

const absl::Time kStart = absl::FromUnixSeconds(1'772'000'000);

TEST(TokenBucketTest, BurstThenRefillAtRate) {
  const BucketSpec spec{10, 3};
  TokenBucket b = TokenBucket::Full(spec, kStart);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(b.Take(spec, 1, kStart).allowed);
  Decision refused = b.Take(spec, 1, kStart);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, absl::Milliseconds(100));
  EXPECT_FALSE(b.Take(spec, 1, kStart + absl::Milliseconds(99)).allowed);
  EXPECT_TRUE(b.Take(spec, 1, kStart + absl::Milliseconds(100)).allowed);
  // Never more than the burst, however long it rested.
  b.Refill(spec, kStart + absl::Hours(1));
  EXPECT_DOUBLE_EQ(b.tokens, 3);
}

TEST(TokenBucketTest, ClockGoingBackwardsAddsNothing) {
  const BucketSpec spec{1, 2};
  TokenBucket b = TokenBucket::Full(spec, kStart);
  ASSERT_TRUE(b.Take(spec, 2, kStart).allowed);
  EXPECT_FALSE(b.Take(spec, 1, kStart - absl::Seconds(30)).allowed);
  EXPECT_TRUE(b.Take(spec, 1, kStart + absl::Seconds(1)).allowed);
}

TEST(TokenBucketTest, FullAtIsWhenItCanBeForgotten) {
  const BucketSpec spec{0.5, 4};
  TokenBucket b = TokenBucket::Full(spec, kStart);
  EXPECT_EQ(b.FullAt(spec), kStart);
  ASSERT_TRUE(b.Take(spec, 3, kStart).allowed);
  EXPECT_EQ(b.FullAt(spec), kStart + absl::Seconds(6));
}

TEST(ValidateBucketTest, RefusesBucketsThatCanNeverPass) {
  EXPECT_TRUE(ValidateBucket({1, 1}, 1).ok());
  for (auto [spec, cost] : std::vector<std::pair<BucketSpec, int>>{
           {{0, 1}, 1}, {{-1, 1}, 1}, {{1, 0}, 1}, {{1, 1}, 0}, {{1, 2}, 3}}) {
    absl::Status st = ValidateBucket(spec, cost);
    EXPECT_EQ(platform::ErrorReason(st), "INVALID_BUCKET");
  }
}

class MemoryRateLimiterTest : public ::testing::Test {
 protected:
  platform::FakeClock clock_{kStart};
  MemoryRateLimiter limiter_{clock_};
};

TEST_F(MemoryRateLimiterTest, KeysHaveSeparateBuckets) {
  const BucketSpec spec{1, 2};
  EXPECT_TRUE(limiter_.Take("a", spec)->allowed);
  EXPECT_TRUE(limiter_.Take("a", spec)->allowed);
  auto refused = limiter_.Take("a", spec);
  ASSERT_TRUE(refused.ok());
  EXPECT_FALSE(refused->allowed);
  EXPECT_EQ(refused->retry_after, absl::Seconds(1));
  EXPECT_TRUE(limiter_.Take("b", spec)->allowed);
  clock_.Advance(absl::Seconds(1));
  EXPECT_TRUE(limiter_.Take("a", spec)->allowed);
}

TEST_F(MemoryRateLimiterTest, CostTakesSeveralTokens) {
  const BucketSpec spec{1, 5};
  auto d = limiter_.Take("k", spec, 4);
  EXPECT_TRUE(d->allowed);
  EXPECT_DOUBLE_EQ(d->remaining, 1);
  EXPECT_FALSE(limiter_.Take("k", spec, 2)->allowed);
  EXPECT_TRUE(limiter_.Take("k", spec, 1)->allowed);
  EXPECT_EQ(platform::ErrorReason(limiter_.Take("k", spec, 6).status()), "INVALID_BUCKET");
}

TEST_F(MemoryRateLimiterTest, TakeAllIsAllOrNothing) {
  const BucketSpec roomy{1, 10};
  const BucketSpec tight{0.1, 1};
  ASSERT_TRUE(limiter_.Take("tight", tight)->allowed);
  auto d = limiter_.TakeAll({{"roomy", roomy, 1}, {"tight", tight, 1}});
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->allowed);
  EXPECT_EQ(d->limited_by, 1);
  EXPECT_EQ(d->retry_after, absl::Seconds(10));
  // "roomy" was not charged for the refused request.
  EXPECT_DOUBLE_EQ(limiter_.Take("roomy", roomy, 10)->remaining, 0);
}

TEST_F(MemoryRateLimiterTest, TakeAllReportsTheLongestWait) {
  const BucketSpec a{1, 1};
  const BucketSpec b{0.1, 1};
  ASSERT_TRUE(limiter_.TakeAll({{"a", a, 1}, {"b", b, 1}})->allowed);
  auto d = limiter_.TakeAll({{"a", a, 1}, {"b", b, 1}});
  EXPECT_FALSE(d->allowed);
  EXPECT_EQ(d->limited_by, 1);
  EXPECT_EQ(d->retry_after, absl::Seconds(10));
  auto allowed = limiter_.TakeAll({});
  EXPECT_TRUE(allowed->allowed);
}

TEST_F(MemoryRateLimiterTest, ForgetsBucketsThatRefilled) {
  const BucketSpec spec{10, 10};
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(limiter_.Take(absl::StrCat("ip:", i), spec).ok());
  EXPECT_EQ(limiter_.Size(), 100u);
  clock_.Advance(absl::Seconds(11));  // all refilled, and past the sweep interval
  // A shard sweeps when next used; 1,000 keys use all 64 shards (but with odds of 1e-5).
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter_.Take(absl::StrCat("p:", i), spec).ok());
  EXPECT_EQ(limiter_.Size(), 1000u);
}

TEST(MemoryRateLimiterBoundTest, StaysBoundedUnderAFloodOfKeys) {
  platform::FakeClock clock(kStart);
  MemoryRateLimiter limiter({.sweep_interval = absl::Hours(1), .max_buckets_per_shard = 16}, clock);
  for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(limiter.Take(absl::StrCat("k", i), {1, 5}).ok());
  EXPECT_LE(limiter.Size(), 64u * 16u);
}

TEST(MemoryRateLimiterConcurrencyTest, NeverAllowsMoreThanTheBurst) {
  MemoryRateLimiter limiter;
  const BucketSpec spec{0.001, 500};
  std::atomic<int> allowed = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto d = limiter.TakeAll({{"ip:1", {1000, 1000}, 1}, {"shared", spec, 1}});
        if (d.ok() && d->allowed) ++allowed;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(allowed.load(), 500);
}

// What a Take costs is measured by tests/bench/run_ratelimit_bench.sh (docs/performance.md), not
// asserted here: a wall-clock bound fails on a busy or sanitized build and proves nothing else.

TEST(RateLimitPolicyTest, ReadsTakeIpAndSessionBuckets) {
  RateLimitPolicy policy;
  auto anonymous = policy.BucketsFor(RequestClass::kRead, "192.0.2.7", std::nullopt);
  ASSERT_EQ(anonymous.size(), 1u);
  EXPECT_EQ(anonymous[0].key, "ip:192.0.2.7");
  EXPECT_EQ(anonymous[0].spec.burst, policy.config().per_ip.burst);
  auto logged_in = policy.BucketsFor(RequestClass::kRead, "192.0.2.7", "session-id-1");
  ASSERT_EQ(logged_in.size(), 2u);
  EXPECT_TRUE(absl::StartsWith(logged_in[1].key, "s:"));
  EXPECT_FALSE(absl::StrContains(logged_in[1].key, "session-id-1"));
  EXPECT_EQ(logged_in[1].key,
            policy.BucketsFor(RequestClass::kRead, "198.51.100.1", "session-id-1")[1].key);
  EXPECT_NE(logged_in[1].key,
            policy.BucketsFor(RequestClass::kRead, "192.0.2.7", "session-id-2")[1].key);
}

TEST(RateLimitPolicyTest, WritesAndBookingsAddStricterBuckets) {
  RateLimitConfig config;
  config.booking_writes_per_session = {0.1, 2};
  RateLimitPolicy policy(config);
  auto write = policy.BucketsFor(RequestClass::kWrite, "192.0.2.7", "s1");
  ASSERT_EQ(write.size(), 3u);
  EXPECT_TRUE(absl::StartsWith(write[2].key, "sw:"));
  auto booking = policy.BucketsFor(RequestClass::kBookingWrite, "192.0.2.7", "s1");
  ASSERT_EQ(booking.size(), 3u);
  EXPECT_TRUE(absl::StartsWith(booking[2].key, "sb:"));
  EXPECT_EQ(booking[2].spec.burst, 2);
  auto anonymous = policy.BucketsFor(RequestClass::kBookingWrite, "192.0.2.7", std::nullopt);
  ASSERT_EQ(anonymous.size(), 2u);
  EXPECT_EQ(anonymous[1].key, "ipb:192.0.2.7");
  EXPECT_EQ(policy.BucketsFor(RequestClass::kRead, "192.0.2.7", "").size(), 1u);
}

TEST(RateLimitPolicyTest, LoginsAndSamlMessagesHaveTheirOwnPerIpBuckets) {
  RateLimitConfig config;
  config.logins_per_ip = {0.1, 3};
  config.saml_per_ip = {1, 7};
  RateLimitPolicy policy(config);
  // The session plays no part: a login flood cannot spread itself over made-up cookies.
  for (const auto& session :
       {std::optional<absl::string_view>(), std::optional<absl::string_view>("session-id-1")}) {
    auto login = policy.BucketsFor(RequestClass::kLogin, "192.0.2.7", session);
    ASSERT_EQ(login.size(), 2u);
    EXPECT_EQ(login[0].key, "ip:192.0.2.7");
    EXPECT_EQ(login[1].key, "ipl:192.0.2.7");
    EXPECT_EQ(login[1].spec.burst, 3);
    auto saml = policy.BucketsFor(RequestClass::kSaml, "192.0.2.7", session);
    ASSERT_EQ(saml.size(), 2u);
    EXPECT_EQ(saml[1].key, "ips:192.0.2.7");
    EXPECT_EQ(saml[1].spec.burst, 7);
    auto page = policy.BucketsFor(RequestClass::kPage, "192.0.2.7", session);
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].key, "ip:192.0.2.7");
  }
  EXPECT_EQ(policy.BucketsFor(RequestClass::kLogin, "2001:db8:1:2::1", std::nullopt)[1].key,
            "ipl:2001:db8:1:2::/64");
}

TEST(RateLimitPolicyTest, ALoginFloodIsRefusedAndOtherAddressesAreNot) {
  platform::FakeClock clock(kStart);
  MemoryRateLimiter limiter(clock);
  RateLimitPolicy policy;  // the defaults: 20 logins at once, then 30 a minute
  int allowed = 0;
  for (int i = 0; i < 100; ++i) {
    auto d = limiter.TakeAll(policy.BucketsFor(RequestClass::kLogin, "192.0.2.7", std::nullopt));
    ASSERT_TRUE(d.ok());
    allowed += d->allowed ? 1 : 0;
  }
  EXPECT_EQ(allowed, policy.config().logins_per_ip.burst);
  auto refused = limiter.TakeAll(policy.BucketsFor(RequestClass::kLogin, "192.0.2.7", "s"));
  ASSERT_TRUE(refused.ok());
  EXPECT_FALSE(refused->allowed);
  EXPECT_EQ(refused->retry_after, absl::Seconds(2));
  // Pages and API reads from that address still pass; other addresses log in.
  EXPECT_TRUE(
      limiter.TakeAll(policy.BucketsFor(RequestClass::kPage, "192.0.2.7", std::nullopt))->allowed);
  EXPECT_TRUE(
      limiter.TakeAll(policy.BucketsFor(RequestClass::kLogin, "192.0.2.8", std::nullopt))->allowed);
  clock.Advance(absl::Seconds(2));
  EXPECT_TRUE(
      limiter.TakeAll(policy.BucketsFor(RequestClass::kLogin, "192.0.2.7", std::nullopt))->allowed);
}

TEST(RateLimitConfigTest, KeysSetTheLoginAndSamlBucketsAndTheTrustedProxies) {
  auto defaults = platform::Config::LoadString(
      "", gateway::GatewayConfigKeys(true),
      [](const std::string&) -> std::optional<std::string> { return std::nullopt; });
  ASSERT_TRUE(defaults.ok()) << defaults.status();
  const gateway::GatewayOptions o = gateway::GatewayOptionsFromConfig(*defaults);
  EXPECT_EQ(o.trusted_proxies, "") << "no proxy is trusted unless configured";
  EXPECT_EQ(o.rate_limits.logins_per_ip.burst, 20);
  EXPECT_DOUBLE_EQ(o.rate_limits.logins_per_ip.rate_per_second, 0.5);
  EXPECT_EQ(o.rate_limits.saml_per_ip.burst, 60);
  EXPECT_DOUBLE_EQ(o.rate_limits.saml_per_ip.rate_per_second, 2);
  auto set = platform::Config::LoadString(
      "gateway:\n  trusted_proxies: 10.0.0.0/8,::1\n"
      "rate_limits:\n  logins_per_minute: 6\n  logins_burst: 2\n  saml_per_minute: 30\n"
      "  saml_burst: 4\n",
      gateway::GatewayConfigKeys(false),
      [](const std::string&) -> std::optional<std::string> { return std::nullopt; });
  ASSERT_TRUE(set.ok()) << set.status();
  const gateway::GatewayOptions p = gateway::GatewayOptionsFromConfig(*set);
  EXPECT_EQ(p.trusted_proxies, "10.0.0.0/8,::1");
  EXPECT_EQ(p.rate_limits.logins_per_ip.burst, 2);
  EXPECT_DOUBLE_EQ(p.rate_limits.logins_per_ip.rate_per_second, 0.1);
  EXPECT_EQ(p.rate_limits.saml_per_ip.burst, 4);
  EXPECT_DOUBLE_EQ(p.rate_limits.saml_per_ip.rate_per_second, 0.5);
}

TEST(RouteClassTest, EveryRouteHasAClass) {
  auto is = [](absl::string_view method, absl::string_view path, RequestClass c, bool html) {
    const RouteLimit limit = ClassifyRoute(method, path);
    return limit.request_class == c && limit.html == html;
  };
  EXPECT_TRUE(is("GET", "/spid/login", RequestClass::kLogin, true));
  EXPECT_TRUE(is("POST", "/dev-idp/login", RequestClass::kSaml, true));
  EXPECT_TRUE(is("POST", "/spid/acs", RequestClass::kSaml, true));
  EXPECT_TRUE(is("GET", "/spid/logout", RequestClass::kSaml, true));
  EXPECT_TRUE(is("POST", "/spid/slo", RequestClass::kSaml, true));
  EXPECT_TRUE(is("POST", "/dev-idp/sso", RequestClass::kSaml, true));
  EXPECT_TRUE(is("GET", "/api/session", RequestClass::kRead, false));
  EXPECT_TRUE(is("POST", "/api/session/role", RequestClass::kWrite, false));
  EXPECT_TRUE(is("POST", "/api/session/logout", RequestClass::kWrite, false));
  EXPECT_TRUE(is("GET", "/api/openapi.json", RequestClass::kRead, false));
  EXPECT_TRUE(is("DELETE", "/api/v1/unknown", RequestClass::kWrite, false));
  EXPECT_TRUE(is("GET", "/spid/metadata", RequestClass::kPage, false));
  EXPECT_TRUE(is("GET", "/cie/metadata", RequestClass::kPage, false));
  EXPECT_TRUE(is("GET", "/spid/idps", RequestClass::kPage, false));
  EXPECT_TRUE(is("GET", "/healthz", RequestClass::kPage, false));
  EXPECT_TRUE(is("GET", "/", RequestClass::kPage, true));
  EXPECT_TRUE(is("GET", "/static/app.js", RequestClass::kPage, true));
  EXPECT_TRUE(is("GET", "/dev-idp", RequestClass::kPage, true));
  EXPECT_TRUE(is("GET", "/no/such/page", RequestClass::kPage, true));
}

TEST(RateLimitPolicyTest, IpV6IsLimitedPerSlash64) {
  EXPECT_EQ(ClientKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
  EXPECT_EQ(ClientKey("2001:db8:1:2::1"), ClientKey("2001:db8:1:2:ffff::9"));
  EXPECT_NE(ClientKey("2001:db8:1:2::1"), ClientKey("2001:db8:1:3::1"));
  EXPECT_EQ(ClientKey("::ffff:192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(ClientKey("192.0.2.7"), "192.0.2.7");
  EXPECT_EQ(ClientKey("not-an-ip"), "not-an-ip");
  EXPECT_EQ(ClientKey("fe80::1%eth0"), "fe80::1%eth0");
}

}  // namespace
}  // namespace sisl::gateway::ratelimit
