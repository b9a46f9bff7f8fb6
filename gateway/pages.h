#ifndef SISL_GATEWAY_PAGES_H_
#define SISL_GATEWAY_PAGES_H_

#include "absl/status/status.h"
#include "gateway/gateway_config.h"
#include "gateway/http/router.h"

namespace sisl::gateway {

// The pages people open in a browser: the home page ("/", where logins land) and the static
// files of gateway.web_dir under /static/ (no directory listing, no path traversal).
absl::Status RegisterPages(http::Router& router, const GatewayOptions& options);

// Content type by file extension ("application/octet-stream" when unknown).
const char* ContentTypeFor(const std::string& path);

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_PAGES_H_
