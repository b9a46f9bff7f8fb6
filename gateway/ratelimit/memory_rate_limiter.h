#ifndef SISL_GATEWAY_RATELIMIT_MEMORY_RATE_LIMITER_H_
#define SISL_GATEWAY_RATELIMIT_MEMORY_RATE_LIMITER_H_

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "gateway/ratelimit/rate_limiter.h"
#include "gateway/ratelimit/token_bucket.h"
#include "services/platform/clock.h"

namespace sisl::gateway::ratelimit {

// Token buckets in this process (embedded mode, or a single gateway): a hash map split into
// shards, each behind its own mutex, so concurrent requests rarely contend; a Take is one hash,
// one lock and a little arithmetic (well under a microsecond).
//
// Idle buckets are forgotten: a bucket that has refilled completely is the same as an absent
// one, so each shard sweeps those out every `sweep_interval`. A shard that reaches
// `max_buckets_per_shard` busy buckets (a flood of distinct keys) drops a quarter of them
// arbitrarily, which hands those keys a fresh burst: memory stays bounded at that cost.
class MemoryRateLimiter final : public RateLimiter {
 public:
  struct Options {
    absl::Duration sweep_interval = absl::Seconds(10);
    size_t max_buckets_per_shard = 16'384;  // x 64 shards: about a million buckets
  };

  explicit MemoryRateLimiter(const platform::Clock& clock = platform::SystemClock::Get());
  MemoryRateLimiter(Options options, const platform::Clock& clock);

  MemoryRateLimiter(const MemoryRateLimiter&) = delete;
  MemoryRateLimiter& operator=(const MemoryRateLimiter&) = delete;

  absl::StatusOr<Decision> Take(const std::string& key, const BucketSpec& spec,
                                int cost = 1) override;
  absl::StatusOr<Decision> TakeAll(const std::vector<BucketRequest>& buckets) override;

  // Buckets held (for tests and metrics).
  size_t Size() const;

 private:
  static constexpr size_t kShards = 64;

  struct Bucket {
    TokenBucket state;
    absl::Time full_at;  // when it may be forgotten
  };
  struct Shard {
    mutable absl::Mutex mu;
    absl::flat_hash_map<std::string, Bucket> buckets ABSL_GUARDED_BY(mu);
    absl::Time next_sweep ABSL_GUARDED_BY(mu);
  };

  Shard& ShardOf(const std::string& key);
  // With the shard's mutex held.
  void MaybeSweep(Shard& shard, absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mu);
  Decision TakeLocked(Shard& shard, const std::string& key, const BucketSpec& spec, int cost,
                      absl::Time now) ABSL_EXCLUSIVE_LOCKS_REQUIRED(shard.mu);
  void Refund(const BucketRequest& bucket);

  const Options options_;
  const platform::Clock& clock_;
  std::unique_ptr<std::array<Shard, kShards>> shards_;
};

}  // namespace sisl::gateway::ratelimit

#endif  // SISL_GATEWAY_RATELIMIT_MEMORY_RATE_LIMITER_H_
