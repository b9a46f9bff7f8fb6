#ifndef SISL_GATEWAY_SESSION_API_H_
#define SISL_GATEWAY_SESSION_API_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/http/router.h"
#include "gateway/identity.h"
#include "gateway/session/session.h"
#include "gateway/session/session_store.h"
#include "gateway/spid/web/session_bridge.h"

namespace sisl::gateway {

// Staff roles of a person (from the staff directory), by fiscal code.
using StaffRolesLookup =
    std::function<absl::StatusOr<std::vector<session::AvailableRole>>(const std::string&)>;

// Over https (`secure`) the session cookie is kSecureSessionCookieName (__Host-sisl_session);
// the gateway's handlers read kSessionCookieName. Called on every request before routing: keeps
// only the __Host- cookie, under the name the handlers read (a plain "sisl_session" sent over
// https, which anyone able to set a cookie for the domain could plant, is dropped). Over plain
// http it does nothing.
void CanonicalSessionCookie(http::Request& request, bool secure);

// The Strict-Transport-Security value sent with every answer when the public URL is https (one
// year; no includeSubDomains, which would bind every other host of the domain too).
inline constexpr char kStrictTransportSecurity[] = "max-age=31536000";
// `respond` with Strict-Transport-Security added to every answer (https public URL only).
http::Respond WithStrictTransportSecurity(http::Respond respond);

// Opens sessions after a validated login (the SPID/CIE/dev-IdP ACS calls CompleteLogin), ends
// them, and serves the session API. Responses (for the OpenAPI document, gateway_module.cc
// OwnEndpoints; every error is application/problem+json with a `reason`):
//   GET  /api/session          200 application/json {authenticated, user, provider, level,
//                              roles[{role, cpiCode, actingFor, label, minimumLevel, and for
//                              company roles companyRole, companyName, scopes}],
//                              selectedRole, csrfToken, expiresAt, idleTimeoutSeconds}
//                              (authenticated false and nothing else without a session);
//                              503 SESSION_STORE_UNAVAILABLE | STAFF_DIRECTORY_UNAVAILABLE
//   POST /api/session/role     {"role": "operator", "cpiCode": "..."} or {"role": "company",
//                              "actingFor": "<company fiscal code>"} selects the acting role:
//                              200 the same body as GET, and a Set-Cookie with a NEW session id
//                              (the old one stops working; the CSRF token is kept);
//                              400 INVALID_JSON | UNKNOWN_ROLE; 401 SESSION_REQUIRED;
//                              403 CSRF_TOKEN_INVALID | ROLE_NOT_AVAILABLE | SPID_LEVEL_TOO_LOW
//                              | COMPANY_ROLE_NOT_HELD (company/consultant for a company not
//                              among the person's company roles);
//                              400 (FAILED_PRECONDITION) SESSION_EXPIRED | SESSION_ENDED; 503
//   POST /api/session/logout   ends the local session (SAML sessions use /spid/logout):
//                              204 no body, Set-Cookie clearing the cookie;
//                              401 SESSION_REQUIRED without a live session (the cookie is
//                              cleared too); 403 CSRF_TOKEN_INVALID; 503
class SessionApi final : public spid::SessionBridge {
 public:
  // `role_levels`: the SPID level each role needs (SelectRole refuses below it).
  // `company_roles`: the person's company roles (enterprise), asked at login; unset: none. When
  // it fails the person logs in without them (a warning is logged) and the roles re-check adds
  // them once enterprise answers.
  SessionApi(Identity& identity, StaffRolesLookup staff_roles, bool secure_cookies,
             session::RoleLevels role_levels = session::RoleLevels(),
             session::CompanyRoleSource company_roles = nullptr)
      : identity_(identity),
        staff_roles_(std::move(staff_roles)),
        secure_(secure_cookies),
        role_levels_(role_levels),
        company_roles_(std::move(company_roles)) {}

  absl::Status Register(http::Router& router);

  http::Response CompleteLogin(const http::Request& request,
                               const spid::VerifiedIdentity& identity,
                               const std::string& return_to) override;
  std::optional<spid::VerifiedIdentity> CurrentIdentity(const http::Request& request) override;
  void EndCurrentSession(const http::Request& request, http::Response& response) override;
  int EndSessionsFor(const std::string& idp_entity_id, const std::string& name_id,
                     const std::string& session_index) override;

 private:
  void GetSession(http::Request& request, http::Respond respond);
  void SelectRole(http::Request& request, http::Respond respond);
  void Logout(http::Request& request, http::Respond respond);

  Identity& identity_;
  StaffRolesLookup staff_roles_;
  const bool secure_;
  const session::RoleLevels role_levels_;
  const session::CompanyRoleSource company_roles_;
};

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_SESSION_API_H_
