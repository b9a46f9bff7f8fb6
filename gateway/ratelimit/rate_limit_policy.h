#ifndef SISL_GATEWAY_RATELIMIT_RATE_LIMIT_POLICY_H_
#define SISL_GATEWAY_RATELIMIT_RATE_LIMIT_POLICY_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "gateway/ratelimit/rate_limiter.h"

namespace sisl::gateway::ratelimit {

// What a request costs, by route. kRead, kWrite and kBookingWrite are the classes of
// sisl.api.v1.RateClass (RATE_CLASS_UNSPECIFIED counts as kRead) and also cover the session API;
// kLogin starts a login (an RSA signature and a stored request: /spid/login); kSaml takes a SAML
// message or ends a session (/spid/acs, /spid/slo, /spid/logout, the development IdP's steps);
// kPage is everything else (pages, static files, metadata, /healthz, 404s).
enum class RequestClass { kRead, kWrite, kBookingWrite, kLogin, kSaml, kPage };

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
  // Logins started from one address (on top of per_ip): 20 at once, then 30 a minute.
  BucketSpec logins_per_ip{.rate_per_second = 0.5, .burst = 20};
  // SAML responses, logout requests and logouts from one address (on top of per_ip).
  BucketSpec saml_per_ip{.rate_per_second = 2, .burst = 60};
};

// Which buckets a request takes (pure; no I/O). Keys:
//   "ip:<addr>"    every request; IPv6 addresses are limited per /64 (one subscriber), IPv4 and
//                  IPv4-mapped IPv6 per address;
//   "s:<h>"        every request with a session;  "sw:<h>" its writes;  "sb:<h>" its bookings;
//   "ipb:<addr>"   booking writes without a session;
//   "ipl:<addr>"   logins (kLogin);  "ips:<addr>" SAML messages and logouts (kSaml);
// kPage takes only "ip:<addr>" (the session plays no part in serving a page);
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
