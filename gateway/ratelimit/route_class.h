#ifndef SISL_GATEWAY_RATELIMIT_ROUTE_CLASS_H_
#define SISL_GATEWAY_RATELIMIT_ROUTE_CLASS_H_

#include "absl/strings/string_view.h"
#include "gateway/ratelimit/rate_limit_policy.h"

namespace sisl::gateway::ratelimit {

// How the gateway limits one route: which buckets it takes and how a refusal is shown.
struct RouteLimit {
  RequestClass request_class = RequestClass::kPage;
  // A 429 as an HTML page (what a browser navigating there should see), or as problem+json.
  bool html = true;
};

// The limit of a route the gateway serves itself, from its method and path template (or the
// request's path when no route matched), so that a route nobody classified is limited too:
//   /api/...                     kRead for GET and HEAD, kWrite otherwise; problem+json
//   /spid/login                  kLogin (one per login, whichever IdP); HTML
//   /spid/acs, /spid/slo, /spid/logout, and the development IdP's /dev-idp/sso, /dev-idp/login,
//   /dev-idp/slo, /dev-idp/logout
//                                kSaml; HTML
//   metadata, /spid/idps, /healthz
//                                kPage; problem+json
//   anything else (pages, /static/, the development IdP's page, 404s)
//                                kPage; HTML
// Transcoded REST routes take their class from the proto instead (Front::SetRouteClass).
RouteLimit ClassifyRoute(absl::string_view method, absl::string_view path);

}  // namespace sisl::gateway::ratelimit

#endif  // SISL_GATEWAY_RATELIMIT_ROUTE_CLASS_H_
