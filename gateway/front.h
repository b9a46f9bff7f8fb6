#ifndef SISL_GATEWAY_FRONT_H_
#define SISL_GATEWAY_FRONT_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/http/http_types.h"
#include "gateway/http/router.h"
#include "gateway/ratelimit/rate_limit_policy.h"
#include "services/platform/metrics.h"

namespace sisl::gateway {

// The rate limiter's decision for one request.
struct Admission {
  bool allowed = true;
  absl::Duration retry_after;
};

// Takes the buckets of `request_class` for a request (its client address, its session cookie).
// UNAVAILABLE when the limiter's store is down.
using RateGate = std::function<absl::StatusOr<Admission>(ratelimit::RequestClass request_class,
                                                          const http::Request& request)>;

// The gateway's outermost HTTP handler: routes, the rate-limit gate every request passes
// (matched or not), security headers, access log (method, route template, status, duration,
// request id; never query strings or bodies, which can carry fiscal codes), request metrics,
// 404/405 as problem+json under /api, and /healthz (liveness). /readyz and /metrics are not
// served here: they are on the process's ops port (platform::ServerHost).
class Front final {
 public:
  explicit Front(bool access_log = true);

  http::Router& router() { return router_; }
  // Without a gate nothing is limited (tests of the routes alone).
  void SetRateGate(RateGate gate) { gate_ = std::move(gate); }
  // The class of one route, overriding ratelimit::ClassifyRoute (the transcoded REST routes, whose
  // class is declared on the proto). Before the server starts: read without a lock afterwards.
  void SetRouteClass(const std::string& method, const std::string& path_template,
                     ratelimit::RequestClass request_class);
  absl::Status RegisterOperations();
  void Handle(http::Request& request, http::Respond respond);

 private:
  // The answer refusing the request (429; 503 for writes while the limiter is down), if any.
  std::optional<http::Response> Refusal(const http::Request& request, bool matched);

  http::Router router_;
  RateGate gate_;
  absl::flat_hash_map<std::string, ratelimit::RequestClass> route_classes_;
  const bool access_log_;
  // Looked up once: the registry's lock is not taken per request.
  platform::Counter* requests_by_class_[6] = {};
  platform::Histogram* latency_ = nullptr;
  platform::Counter* rate_limited_by_class_[6] = {};
};

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_FRONT_H_
