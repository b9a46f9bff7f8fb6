#include "gateway/ratelimit/memory_rate_limiter.h"

#include <algorithm>
#include <utility>

#include "absl/hash/hash.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::ratelimit {

MemoryRateLimiter::MemoryRateLimiter(const platform::Clock& clock)
    : MemoryRateLimiter(Options{}, clock) {}

MemoryRateLimiter::MemoryRateLimiter(Options options, const platform::Clock& clock)
    : options_(options), clock_(clock), shards_(std::make_unique<std::array<Shard, kShards>>()) {}

absl::StatusOr<Decision> MemoryRateLimiter::Take(const std::string& key, const BucketSpec& spec,
                                                 int cost) {
  RETURN_IF_ERROR(ValidateBucket(spec, cost));
  const absl::Time now = clock_.Now();
  Shard& shard = ShardOf(key);
  absl::MutexLock lock(&shard.mu);
  return TakeLocked(shard, key, spec, cost, now);
}

absl::StatusOr<Decision> MemoryRateLimiter::TakeAll(const std::vector<BucketRequest>& buckets) {
  for (const BucketRequest& b : buckets) {
    RETURN_IF_ERROR(ValidateBucket(b.spec, b.cost));
  }
  const absl::Time now = clock_.Now();
  Decision all;
  all.allowed = true;
  all.remaining = buckets.empty() ? 0 : -1;
  size_t taken = 0;
  for (; taken < buckets.size(); ++taken) {
    const BucketRequest& b = buckets[taken];
    Shard& shard = ShardOf(b.key);
    Decision d;
    {
      absl::MutexLock lock(&shard.mu);
      d = TakeLocked(shard, b.key, b.spec, b.cost, now);
    }
    if (all.remaining < 0 || d.remaining < all.remaining) all.remaining = d.remaining;
    if (!d.allowed) {
      all.allowed = false;
      all.retry_after = d.retry_after;
      all.limited_by = static_cast<int>(taken);
      break;
    }
  }
  if (all.allowed) return all;
  // All or nothing: give back what the earlier buckets gave, then find the longest wait among
  // the rest (a client told to retry sooner would only be refused again).
  for (size_t i = 0; i < taken; ++i) Refund(buckets[i]);
  for (size_t i = taken + 1; i < buckets.size(); ++i) {
    const BucketRequest& b = buckets[i];
    Shard& shard = ShardOf(b.key);
    absl::MutexLock lock(&shard.mu);
    auto it = shard.buckets.find(b.key);
    if (it == shard.buckets.end()) continue;  // full: it would have allowed
    TokenBucket probe = it->second.state;
    Decision d = probe.Take(b.spec, b.cost, now);
    all.remaining = std::min(all.remaining, d.remaining);
    if (!d.allowed && d.retry_after > all.retry_after) {
      all.retry_after = d.retry_after;
      all.limited_by = static_cast<int>(i);
    }
  }
  return all;
}

size_t MemoryRateLimiter::Size() const {
  size_t n = 0;
  for (const Shard& shard : *shards_) {
    absl::MutexLock lock(&shard.mu);
    n += shard.buckets.size();
  }
  return n;
}

MemoryRateLimiter::Shard& MemoryRateLimiter::ShardOf(const std::string& key) {
  return (*shards_)[absl::HashOf(key) % kShards];
}

Decision MemoryRateLimiter::TakeLocked(Shard& shard, const std::string& key, const BucketSpec& spec,
                                       int cost, absl::Time now) {
  MaybeSweep(shard, now);
  auto [it, inserted] = shard.buckets.try_emplace(key);
  Bucket& bucket = it->second;
  if (inserted) bucket.state = TokenBucket::Full(spec, now);
  Decision d = bucket.state.Take(spec, cost, now);
  bucket.full_at = bucket.state.FullAt(spec);
  return d;
}

void MemoryRateLimiter::Refund(const BucketRequest& b) {
  Shard& shard = ShardOf(b.key);
  absl::MutexLock lock(&shard.mu);
  auto it = shard.buckets.find(b.key);
  if (it == shard.buckets.end()) return;
  it->second.state.Refund(b.spec, b.cost);
  it->second.full_at = it->second.state.FullAt(b.spec);
}

void MemoryRateLimiter::MaybeSweep(Shard& shard, absl::Time now) {
  if (now >= shard.next_sweep) {
    shard.next_sweep = now + options_.sweep_interval;
    absl::erase_if(shard.buckets, [now](const auto& entry) { return entry.second.full_at <= now; });
  }
  if (shard.buckets.size() < options_.max_buckets_per_shard) return;
  // Full of busy buckets (a flood of distinct keys): drop a quarter of them in one pass.
  size_t n = 0;
  absl::erase_if(shard.buckets, [&n](const auto&) { return n++ % 4 == 0; });
}

}  // namespace sisl::gateway::ratelimit
