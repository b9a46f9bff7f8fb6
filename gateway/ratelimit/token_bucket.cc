#include "gateway/ratelimit/token_bucket.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::gateway::ratelimit {
namespace {

// Floating-point slack: 0.99999999 accrued tokens count as one.
constexpr double kEpsilon = 1e-9;

}  // namespace

absl::Status ValidateBucket(const BucketSpec& spec, int cost) {
  if (!(spec.rate_per_second > 0) || !std::isfinite(spec.rate_per_second) || spec.burst <= 0 ||
      cost <= 0 || cost > spec.burst) {
    return platform::Error(
        absl::StatusCode::kInvalidArgument, "INVALID_BUCKET",
        absl::StrCat("rate ", spec.rate_per_second, "/s, burst ", spec.burst, ", cost ", cost,
                     ": rate, burst and cost must be positive and cost at most the burst"));
  }
  return absl::OkStatus();
}

void TokenBucket::Refill(const BucketSpec& spec, absl::Time now) {
  if (now <= updated) return;
  tokens = std::min<double>(spec.burst,
                            tokens + absl::ToDoubleSeconds(now - updated) * spec.rate_per_second);
  updated = now;
}

Decision TokenBucket::Take(const BucketSpec& spec, int cost, absl::Time now) {
  Refill(spec, now);
  Decision d;
  if (tokens + kEpsilon >= cost) {
    tokens = std::max(0.0, tokens - cost);
    d.allowed = true;
  } else {
    d.retry_after =
        absl::Ceil(absl::Seconds((cost - tokens) / spec.rate_per_second), absl::Microseconds(1));
  }
  d.remaining = tokens;
  return d;
}

void TokenBucket::Refund(const BucketSpec& spec, int cost) {
  tokens = std::min<double>(spec.burst, tokens + cost);
}

absl::Time TokenBucket::FullAt(const BucketSpec& spec) const {
  return updated + absl::Seconds((spec.burst - tokens) / spec.rate_per_second);
}

}  // namespace sisl::gateway::ratelimit
