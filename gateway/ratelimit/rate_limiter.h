#ifndef SISL_GATEWAY_RATELIMIT_RATE_LIMITER_H_
#define SISL_GATEWAY_RATELIMIT_RATE_LIMITER_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace sisl::gateway::ratelimit {

// A token bucket: it holds at most `burst` tokens and refills at `rate_per_second`; a request
// takes `cost` tokens. A bucket nobody used is full.
struct BucketSpec {
  double rate_per_second = 1;
  int burst = 1;
};

struct Decision {
  bool allowed = false;
  // When refused: how long until the request would be allowed (for Retry-After); zero if allowed.
  absl::Duration retry_after = absl::ZeroDuration();
  // Tokens left after this request (the smallest over the buckets taken together).
  double remaining = 0;
  // TakeAll: index of the bucket that refused (the one with the longest wait), -1 if allowed.
  int limited_by = -1;
};

// One bucket to take from, as chosen by RateLimitPolicy.
struct BucketRequest {
  std::string key;
  BucketSpec spec;
  int cost = 1;
};

// Token-bucket rate limiting. Implementations: MemoryRateLimiter (one process) and
// RedisRateLimiter (shared by every gateway replica).
//
// Failure policy (decided by the caller, not here): when the limiter itself fails (UNAVAILABLE,
// reason RATE_LIMIT_UNAVAILABLE: Redis down), the gateway FAILS OPEN for reads (serves them; a
// Redis outage must not take the public site down) and FAILS CLOSED for writes (answers 503), so
// nobody can book without limits while the limiter is blind.
class RateLimiter {
 public:
  virtual ~RateLimiter() = default;

  // Takes `cost` tokens from the bucket `key` if it has them. INVALID_ARGUMENT (reason
  // INVALID_BUCKET) for a non-positive rate, burst or cost, or a cost above the burst.
  virtual absl::StatusOr<Decision> Take(const std::string& key, const BucketSpec& spec,
                                        int cost = 1) = 0;

  // Takes from every bucket or from none: allowed only when each bucket has its cost, and then
  // charged to all of them. What a request does with RateLimitPolicy's buckets; RedisRateLimiter
  // does it in one round trip. An empty list is allowed.
  virtual absl::StatusOr<Decision> TakeAll(const std::vector<BucketRequest>& buckets) = 0;
};

// OK when `spec` and `cost` make a bucket a request can ever pass.
absl::Status ValidateBucket(const BucketSpec& spec, int cost);

}  // namespace sisl::gateway::ratelimit

#endif  // SISL_GATEWAY_RATELIMIT_RATE_LIMITER_H_
