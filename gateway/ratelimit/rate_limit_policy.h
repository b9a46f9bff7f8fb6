#ifndef SISL_GATEWAY_RATELIMIT_RATE_LIMIT_POLICY_H_
#define SISL_GATEWAY_RATELIMIT_RATE_LIMIT_POLICY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gateway/ratelimit/rate_limiter.h"

namespace sisl::gateway::ratelimit {

// The classes of sisl.api.v1.RateClass (RATE_CLASS_UNSPECIFIED counts as kRead).
enum class RequestClass { kRead, kWrite, kBookingWrite };

// Limits, configurable. A page load issues a handful of API calls, so per-IP limits leave room
// for offices behind one NAT address; bookings are limited per user, not per IP, for the same
// reason (a CPI's operators share an address).
struct RateLimitConfig {
  BucketSpec per_ip{.rate_per_second = 50, .burst = 100};
  BucketSpec per_session{.rate_per_second = 20, .burst = 40};
  // Writes of one session (on top of per_session).
  BucketSpec writes_per_session{.rate_per_second = 5, .burst = 20};
  // Book, move, cancel: 5 at once, then one every 5 s (12 a minute).
  BucketSpec booking_writes_per_session{.rate_per_second = 0.2, .burst = 5};
  // Booking writes that come without a session (the gateway refuses those anyway).
  BucketSpec booking_writes_per_ip{.rate_per_second = 0.2, .burst = 5};
};

// Which buckets a request takes (pure; no I/O). Keys:
//   "ip:<addr>"    every request; IPv6 addresses are limited per /64 (one subscriber), IPv4 and
//                  IPv4-mapped IPv6 per address;
//   "s:<h>"        every request with a session;  "sw:<h>" its writes;  "sb:<h>" its bookings;
//   "ipb:<addr>"   booking writes without a session;
// where <h> is a hash of the session id: bucket keys, visible to Redis operators, never carry a
// usable session id.
class RateLimitPolicy final {
 public:
  explicit RateLimitPolicy(RateLimitConfig config = {}) : config_(config) {}

  std::vector<BucketRequest> BucketsFor(RequestClass request_class, absl::string_view client_ip,
                                        std::optional<absl::string_view> session_id) const;

  const RateLimitConfig& config() const { return config_; }

 private:
  RateLimitConfig config_;
};

// The per-IP key part: the address itself, or its /64 network ("2001:db8:1:2::/64") for IPv6.
// Text that is not an address is used as it is.
std::string ClientKey(absl::string_view client_ip);

}  // namespace sisl::gateway::ratelimit

#endif  // SISL_GATEWAY_RATELIMIT_RATE_LIMIT_POLICY_H_
