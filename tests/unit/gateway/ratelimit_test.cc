// Token-bucket arithmetic, the in-memory limiter (on a fake clock) and the rate-limit policy.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/ratelimit/memory_rate_limiter.h"
#include "gateway/ratelimit/rate_limit_policy.h"
#include "gateway/ratelimit/token_bucket.h"
#include "gtest/gtest.h"
#include "services/platform/clock.h"
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

TEST(MemoryRateLimiterSpeedTest, TakeCostsAboutAMicrosecond) {
  MemoryRateLimiter limiter;
  RateLimitPolicy policy;
  const int n = 200'000;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) {
    auto buckets = policy.BucketsFor(RequestClass::kRead, absl::StrCat("10.0.", i % 250, ".1"),
                                     "0123456789012345678901234567890123456789abc");
    (void)limiter.TakeAll(buckets);
  }
  const double us =
      std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() /
      n;
  std::printf("policy + memory TakeAll: %.2f us per request\n", us);
  EXPECT_LT(us, 20.0);  // generous: sanitizer builds and busy CI machines
}

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
