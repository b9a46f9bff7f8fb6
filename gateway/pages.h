#ifndef SISL_GATEWAY_PAGES_H_
#define SISL_GATEWAY_PAGES_H_

#include "absl/status/status.h"
#include "gateway/gateway_config.h"
#include "gateway/http/router.h"

namespace sisl::gateway {

// The pages people open in a browser: the home page ("/", where logins land) and the static
// files of gateway.web_dir under /static/ (no directory listing, no path traversal).
// `dev_idp_entity_id`: the development IdP to offer on the home page (empty: none).
absl::Status RegisterPages(http::Router& router, const GatewayOptions& options,
                           const std::string& dev_idp_entity_id);

// Content type by file extension ("application/octet-stream" when unknown).
const char* ContentTypeFor(const std::string& path);

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_PAGES_H_
