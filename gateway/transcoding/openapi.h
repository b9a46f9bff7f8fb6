#ifndef SISL_GATEWAY_TRANSCODING_OPENAPI_H_
#define SISL_GATEWAY_TRANSCODING_OPENAPI_H_

#include <string>
#include <vector>

#include "gateway/transcoding/route_table.h"
#include "sisl/api/v1/http.pb.h"

namespace sisl::gateway::transcoding {

// An endpoint the gateway serves itself (sessions, SPID, probes, metrics), documented next to
// the transcoded routes.
struct GatewayEndpoint {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/api/session/role"
  std::string summary;
  std::string tag;  // "Session", "SPID", "Operations"
  // ACCESS_PUBLIC: no session needed; otherwise the session cookie (and, for state-changing
  // methods, the CSRF header) is required.
  sisl::api::v1::Access access = sisl::api::v1::ACCESS_PUBLIC;
  // The success status and the content type of its body ("" for none, e.g. a 303 redirect).
  int success_status = 200;
  std::string content_type = "application/json";
  // Form fields of an application/x-www-form-urlencoded body (e.g. {"SAMLResponse",
  // "RelayState"} for /spid/acs); empty for no body.
  std::vector<std::string> form_fields;
};

struct OpenApiInfo {
  std::string title = "SISL API";
  std::string version = "v1";
  std::string description;
  std::vector<std::string> server_urls;  // e.g. {"https://sisl.example.it"}; none when empty
  std::vector<GatewayEndpoint> gateway_endpoints;
};

// The OpenAPI 3.0.3 document (JSON, pretty-printed) of `routes` plus the gateway's own
// endpoints: one operation per route, request and response schemas from the message descriptors
// under the proto3 JSON mapping, RFC 7807 error responses, cookie session and CSRF security.
// The output depends only on its inputs and is byte-for-byte stable (keys sorted, routes sorted
// by path and method).
std::string BuildOpenApi(const std::vector<RestRoute>& routes, const OpenApiInfo& info);

}  // namespace sisl::gateway::transcoding

#endif  // SISL_GATEWAY_TRANSCODING_OPENAPI_H_
