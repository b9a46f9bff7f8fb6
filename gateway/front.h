#ifndef SISL_GATEWAY_FRONT_H_
#define SISL_GATEWAY_FRONT_H_

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "gateway/http/http_types.h"
#include "gateway/http/router.h"
#include "services/platform/metrics.h"

namespace sisl::gateway {

// The gateway's outermost HTTP handler: routes, security headers, access log (method, route
// template, status, duration, request id; never query strings or bodies, which can carry fiscal
// codes), request metrics, 404/405 as problem+json under /api, and the operations endpoints
// /healthz, /readyz and /metrics.
class Front final {
 public:
  explicit Front(bool access_log = true);

  http::Router& router() { return router_; }
  // /readyz fails while any check fails.
  void AddReadinessCheck(std::string name, std::function<absl::Status()> check) {
    checks_.emplace_back(std::move(name), std::move(check));
  }
  absl::Status RegisterOperations();
  void Handle(http::Request& request, http::Respond respond);

 private:
  http::Router router_;
  std::vector<std::pair<std::string, std::function<absl::Status()>>> checks_;
  const bool access_log_;
  // Looked up once: the registry's lock is not taken per request.
  platform::Counter* requests_by_class_[6] = {};
  platform::Histogram* latency_ = nullptr;
};

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_FRONT_H_
