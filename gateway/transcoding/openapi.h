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
  // When not empty, exactly the responses the endpoint gives, replacing `success_status`,
  // `content_type` and the problem+json errors that follow from `access` (e.g. the SAML
  // endpoints, which answer browsers with HTML pages, errors included). A status may appear
  // more than once with different content types.
  struct Answer {
    int status = 200;
    std::string content_type;  // "" for no body; a 3xx documents its Location header
  };
  std::vector<Answer> responses;
  // JSON Schema (as JSON text) of an application/json request body; "" for none.
  std::string json_body;
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
// under the proto3 JSON mapping with the (sisl.api.v1.field) rules the transcoder enforces
// (pattern, lengths, bounds, format, required), RFC 7807 error responses, cookie session and
// CSRF security. A path field of a nested message ("{office.site_code}") is a parameter with a
// plain name ("{site_code}"), so that one path item holds every method of one path.
// The output depends only on its inputs and is byte-for-byte stable (keys sorted, routes sorted
// by path and method).
std::string BuildOpenApi(const std::vector<RestRoute>& routes, const OpenApiInfo& info);

// The document's name of each of the route's path fields, in order: the field's own name
// ("office.site_code" -> "site_code"), or the path with '_' for '.' when two would clash.
std::vector<std::string> PathParameterNames(const RestRoute& route);

// The route's path as the document writes it: "{name=**}" -> "{name}", dotted fields by
// PathParameterNames.
std::string OpenApiPath(const RestRoute& route);

}  // namespace sisl::gateway::transcoding

#endif  // SISL_GATEWAY_TRANSCODING_OPENAPI_H_
