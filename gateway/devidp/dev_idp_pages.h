#ifndef SISL_GATEWAY_DEVIDP_DEV_IDP_PAGES_H_
#define SISL_GATEWAY_DEVIDP_DEV_IDP_PAGES_H_

#include <string>
#include <string_view>

#include "gateway/http/http_types.h"

namespace sisl::gateway::devidp {

// An accessible Italian page (lang="it", one h1, main landmark), not cacheable.
http::Response Page(int status, std::string_view title, std::string_view main_html);

// The pages' stylesheet, served at /dev-idp/style.css.
extern const char kDevIdpCss[];

// A 400 page with an Italian message (and its English translation).
http::Response DevIdpError(std::string_view message_it, std::string_view message_en);

}  // namespace sisl::gateway::devidp

#endif  // SISL_GATEWAY_DEVIDP_DEV_IDP_PAGES_H_
