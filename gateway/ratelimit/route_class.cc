#include "gateway/ratelimit/route_class.h"

#include "absl/strings/match.h"

namespace sisl::gateway::ratelimit {

RouteLimit ClassifyRoute(absl::string_view method, absl::string_view path) {
  if (absl::StartsWith(path, "/api/")) {
    const bool read = method == "GET" || method == "HEAD";
    return {read ? RequestClass::kRead : RequestClass::kWrite, /*html=*/false};
  }
  if (path == "/spid/login") return {RequestClass::kLogin, true};
  for (absl::string_view saml : {"/spid/acs", "/spid/slo", "/spid/logout", "/dev-idp/sso",
                                 "/dev-idp/login", "/dev-idp/slo", "/dev-idp/logout"}) {
    if (path == saml) return {RequestClass::kSaml, true};
  }
  if (absl::EndsWith(path, "/metadata") || path == "/spid/idps" || path == "/healthz") {
    return {RequestClass::kPage, /*html=*/false};
  }
  return {RequestClass::kPage, true};
}

}  // namespace sisl::gateway::ratelimit
