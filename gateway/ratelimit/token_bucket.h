#ifndef SISL_GATEWAY_RATELIMIT_TOKEN_BUCKET_H_
#define SISL_GATEWAY_RATELIMIT_TOKEN_BUCKET_H_

#include "absl/time/time.h"
#include "gateway/ratelimit/rate_limiter.h"

namespace sisl::gateway::ratelimit {

// The state of one bucket and its arithmetic (pure; RedisRateLimiter's Lua script does the same).
struct TokenBucket {
  double tokens = 0;
  absl::Time updated;  // when `tokens` was computed

  // A full bucket as of `now`.
  static TokenBucket Full(const BucketSpec& spec, absl::Time now) {
    return TokenBucket{static_cast<double>(spec.burst), now};
  }

  // Adds what accrued since `updated` (a clock going backwards adds nothing).
  void Refill(const BucketSpec& spec, absl::Time now);
  // Refills, then takes `cost` tokens if there are enough. Does not change the tokens when it
  // refuses.
  Decision Take(const BucketSpec& spec, int cost, absl::Time now);
  // Gives back `cost` tokens (undoing a Take of TakeAll whose other buckets refused).
  void Refund(const BucketSpec& spec, int cost);
  // When the bucket will be full again if nobody takes from it: it can be forgotten after that.
  absl::Time FullAt(const BucketSpec& spec) const;
};

}  // namespace sisl::gateway::ratelimit

#endif  // SISL_GATEWAY_RATELIMIT_TOKEN_BUCKET_H_
