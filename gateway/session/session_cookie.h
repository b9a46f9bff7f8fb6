#ifndef SISL_GATEWAY_SESSION_SESSION_COOKIE_H_
#define SISL_GATEWAY_SESSION_SESSION_COOKIE_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sisl::gateway::session {

// The session cookie's name over plain http on localhost (development), and the name the
// gateway's handlers read: over https the browser sends kSecureSessionCookieName, which
// CanonicalSessionCookie (session_api.h) renames to this one on the way in.
inline constexpr char kSessionCookieName[] = "sisl_session";
// The session cookie's name over https: the __Host- prefix makes browsers accept it only with
// Secure, Path=/ and no Domain, so a sibling subdomain or a plain-http response cannot set or
// overwrite it (cookie tossing, fixation).
inline constexpr char kSecureSessionCookieName[] = "__Host-sisl_session";

// kSecureSessionCookieName when `secure`, kSessionCookieName otherwise.
const char* SessionCookieName(bool secure);

// Whether cookies get the Secure attribute: always, except when the public base URL is plain
// http on localhost or 127.0.0.1 (local development, where browsers would drop a Secure cookie
// sent over http).
bool SecureCookiesFor(absl::string_view public_base_url);

// The Set-Cookie value carrying `session_id`: "__Host-sisl_session=<id>; Path=/; HttpOnly;
// SameSite=Lax; Secure" (secure) or "sisl_session=<id>; Path=/; HttpOnly; SameSite=Lax". No
// Max-Age: a browser-session cookie; the server enforces the idle and absolute timeouts.
// SameSite=Lax (not Strict) so the top-level POST/redirect back from the identity provider still
// lands on a logged-in page.
std::string SessionCookie(absl::string_view session_id, bool secure);

// The Set-Cookie value that removes the session cookie (same name and attributes, empty value,
// Max-Age=0 and an Expires in the past for old browsers).
std::string ClearSessionCookie(bool secure);

}  // namespace sisl::gateway::session

#endif  // SISL_GATEWAY_SESSION_SESSION_COOKIE_H_
