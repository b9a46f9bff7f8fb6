#ifndef SISL_GATEWAY_SPID_WEB_SAML_HTTP_H_
#define SISL_GATEWAY_SPID_WEB_SAML_HTTP_H_

// HTTP plumbing of the SAML bindings shared by the SP endpoints and the development IdP:
// form bodies, DEFLATE for HTTP-Redirect, the auto-submitting POST page.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/http/http_types.h"
#include "gateway/spid/crypto.h"
#include "gateway/spid/redirect_binding.h"

namespace sisl::gateway::spid::web {

// application/x-www-form-urlencoded body; a repeated name keeps its first value.
std::map<std::string, std::string> ParseForm(std::string_view body);
// The raw query string of a request target ("" when none).
std::string RawQuery(const http::Request& request);

// Raw DEFLATE (RFC 1951) as the HTTP-Redirect binding uses it.
absl::StatusOr<std::string> Deflate(std::string_view data);
// Inflates at most `max_bytes` (a larger output is refused, against decompression bombs).
absl::StatusOr<std::string> Inflate(std::string_view data, size_t max_bytes);

// Base64 decoding that tolerates line breaks and spaces (IdPs wrap their base64).
absl::StatusOr<std::string> DecodeBase64Lenient(std::string_view data, size_t max_decoded);

// A SAML protocol message received by either binding: HTTP-Redirect (GET; the DEFLATEd
// message is inflated, and `query` keeps the raw parameters whose signature the caller must
// verify with VerifyRedirectQuery) or HTTP-POST (form field SAMLRequest or SAMLResponse).
struct IncomingMessage {
  std::string xml;
  std::string relay_state;
  std::optional<RedirectQuery> query;
};
absl::StatusOr<IncomingMessage> ReadSamlMessage(const http::Request& request);

std::string HtmlEscape(std::string_view text);

// The HTTP-POST binding page: a form posting `fields` to `action`, submitted by a small
// same-origin script (/spid/autosubmit.js, CSP-friendly) and by a visible button without
// JavaScript. Status 200, no caching.
http::Response AutoPostPage(const std::string& action,
                            const std::vector<std::pair<std::string, std::string>>& fields);

// The script the POST page loads.
inline constexpr char kAutoSubmitPath[] = "/spid/autosubmit.js";
http::Response AutoSubmitScript();

// A redirect for the HTTP-Redirect binding: 302 (spid-sp-test accepts 200 and 302 only).
http::Response RedirectTo(const std::string& url, const std::string& query);

void NoStore(http::Response& response);

}  // namespace sisl::gateway::spid::web

#endif  // SISL_GATEWAY_SPID_WEB_SAML_HTTP_H_
