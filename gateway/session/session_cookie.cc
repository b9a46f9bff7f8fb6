#include "gateway/session/session_cookie.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace sisl::gateway::session {
namespace {

constexpr char kAttributes[] = "; Path=/; HttpOnly; SameSite=Lax";

}  // namespace

bool SecureCookiesFor(absl::string_view public_base_url) {
  const std::string url = absl::AsciiStrToLower(public_base_url);
  constexpr absl::string_view kHttp = "http://";
  if (!absl::StartsWith(url, kHttp)) return true;
  absl::string_view host = absl::string_view(url).substr(kHttp.size());
  host = host.substr(0, host.find_first_of("/?#"));
  host = host.substr(0, host.rfind(':') == absl::string_view::npos ? host.size() : host.rfind(':'));
  return host != "localhost" && host != "127.0.0.1";
}

const char* SessionCookieName(bool secure) {
  return secure ? kSecureSessionCookieName : kSessionCookieName;
}

std::string SessionCookie(absl::string_view session_id, bool secure) {
  return absl::StrCat(SessionCookieName(secure), "=", session_id, kAttributes,
                      secure ? "; Secure" : "");
}

std::string ClearSessionCookie(bool secure) {
  return absl::StrCat(SessionCookieName(secure), "=", kAttributes,
                      "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                      secure ? "; Secure" : "");
}

}  // namespace sisl::gateway::session
