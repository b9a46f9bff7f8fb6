#ifndef SISL_GATEWAY_SESSION_SESSION_COOKIE_H_
#define SISL_GATEWAY_SESSION_SESSION_COOKIE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sisl::gateway::session {

// The session cookie's name.
inline constexpr char kSessionCookieName[] = "sisl_session";

// Whether cookies get the Secure attribute: always, except when the public base URL is plain
// http on localhost or 127.0.0.1 (local development, where browsers would drop a Secure cookie
// sent over http).
bool SecureCookiesFor(absl::string_view public_base_url);

// The Set-Cookie value carrying `session_id`: "sisl_session=<id>; Path=/; HttpOnly;
// SameSite=Lax[; Secure]". No Max-Age: a browser-session cookie; the server enforces the idle
// and absolute timeouts. SameSite=Lax (not Strict) so the top-level POST/redirect back from the
// identity provider still lands on a logged-in page.
std::string SessionCookie(absl::string_view session_id, bool secure);

// The Set-Cookie value that removes the session cookie (same attributes, empty value, Max-Age=0
// and an Expires in the past for old browsers).
std::string ClearSessionCookie(bool secure);

}  // namespace sisl::gateway::session

#endif  // SISL_GATEWAY_SESSION_SESSION_COOKIE_H_
