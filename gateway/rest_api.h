#ifndef SISL_GATEWAY_REST_API_H_
#define SISL_GATEWAY_REST_API_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/http/router.h"
#include "gateway/identity.h"
#include "gateway/response_cache.h"
#include "gateway/transcoding/route_table.h"
#include "gateway/transcoding/upstream.h"
#include "services/platform/clock.h"

namespace sisl::gateway {

struct RestApiOptions {
  absl::Duration upstream_timeout = absl::Seconds(10);
  bool response_cache = true;
};

// REST/JSON over gRPC for every declared route: session and role checks, CSRF on state-changing
// calls, transcoding, the internal token, the shared cache of public reads, and
// problem+json for every failure.
class RestApi final {
 public:
  RestApi(std::vector<transcoding::RestRoute> routes, transcoding::Upstreams& upstreams,
          Identity& identity, const platform::Clock& clock,
          RestApiOptions options = {});

  // Rate limits are not applied here: Front's gate takes them before the handler runs, with each
  // route's rate_class (GatewayModule hands them to Front::SetRouteClass).
  absl::Status Register(http::Router& router);
  const std::vector<transcoding::RestRoute>& routes() const { return routes_; }

 private:
  void Handle(const transcoding::RestRoute& route, http::Request& request, http::Respond respond);

  std::vector<transcoding::RestRoute> routes_;
  transcoding::Upstreams& upstreams_;
  Identity& identity_;
  const platform::Clock& clock_;
  RestApiOptions options_;
  ResponseCache cache_;
};

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_REST_API_H_
