#ifndef SISL_GATEWAY_SESSION_API_H_
#define SISL_GATEWAY_SESSION_API_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/http/router.h"
#include "gateway/identity.h"
#include "gateway/session/session.h"
#include "gateway/spid/web/session_bridge.h"

namespace sisl::gateway {

// Staff roles of a person (from the staff directory), by fiscal code.
using StaffRolesLookup =
    std::function<absl::StatusOr<std::vector<session::AvailableRole>>(const std::string&)>;

// Opens sessions after a validated login (the SPID/CIE/dev-IdP ACS calls CompleteLogin), ends
// them, and serves the session API:
//   GET  /api/session          who is logged in, their roles, the CSRF token
//   POST /api/session/role     {"role": "operator", "cpiCode": "..."} selects the acting role
//   POST /api/session/logout   ends the local session (SAML sessions use /spid/logout)
class SessionApi final : public spid::SessionBridge {
 public:
  SessionApi(Identity& identity, StaffRolesLookup staff_roles, bool secure_cookies)
      : identity_(identity), staff_roles_(std::move(staff_roles)), secure_(secure_cookies) {}

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
};

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_SESSION_API_H_
