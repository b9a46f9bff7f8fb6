#ifndef SISL_GATEWAY_RATELIMIT_REDIS_RATE_LIMITER_H_
#define SISL_GATEWAY_RATELIMIT_REDIS_RATE_LIMITER_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/ratelimit/rate_limiter.h"
#include "services/platform/cache/redis_pool.h"

namespace sisl::gateway::ratelimit {

// Token buckets in Redis, shared by every gateway replica. Each Take/TakeAll is one round trip: a
// Lua script (EVALSHA, falling back to EVAL when the server answers NOSCRIPT, e.g. after a
// restart) that refills, checks and charges the buckets atomically. Time comes from the Redis
// server (`redis.call('TIME')`), so replicas with skewed clocks agree. Each bucket is a hash
// {t: tokens, ts: microseconds} whose TTL is the time it needs to refill completely (+1 s), so
// idle buckets vanish by themselves.
//
// When Redis is down, calls fail fast with UNAVAILABLE, reason RATE_LIMIT_UNAVAILABLE (see
// RateLimiter for what the gateway does then). Keys must hash to one slot for TakeAll on a Redis
// Cluster (one Redis, or Sentinel, is what SISL deploys).
class RedisRateLimiter final : public RateLimiter {
 public:
  struct Options {
    platform::cache::RedisPool::Options redis;
    // Prepended to every bucket key.
    std::string key_prefix = "sisl:rl:";
  };

  explicit RedisRateLimiter(Options options);

  absl::StatusOr<Decision> Take(const std::string& key, const BucketSpec& spec,
                                int cost = 1) override;
  absl::StatusOr<Decision> TakeAll(const std::vector<BucketRequest>& buckets) override;

  // The script and its SHA-1 (exposed for tests).
  static const char* Script();
  const std::string& script_sha() const { return sha_; }

 private:
  const std::string key_prefix_;
  const std::string sha_;
  platform::cache::RedisPool pool_;
};

}  // namespace sisl::gateway::ratelimit

#endif  // SISL_GATEWAY_RATELIMIT_REDIS_RATE_LIMITER_H_
