#ifndef SISL_GATEWAY_SESSION_SESSION_H_
#define SISL_GATEWAY_SESSION_SESSION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/platform/auth/internal_token.h"

namespace sisl::gateway::session {

enum class SubjectKind { kCitizen, kStaff };

// One role the user may act in (chosen after login when there are several): a citizen acting for
// themselves, an operator of one CPI, a contact-centre agent, an administrator, a legal
// representative or delegate of a company (kCompany), a labour consultant (kConsultant)...
struct AvailableRole {
  platform::auth::Role role = platform::auth::Role::kCitizen;
  std::string cpi_code;    // operators: their CPI
  std::string acting_for;  // company roles: the company's fiscal code; agents: the citizen
  std::string label;       // for the role chooser, e.g. "Operatore - CPI Torino"
  // Company roles only (from enterprise's ListMyCompanyRoles): what the role may do
  // (platform::auth::kScope* names), how it is held (kCompanyRole* names) and the company's name.
  std::vector<std::string> scopes;
  std::string company_role;
  std::string company_name;

  // Label aside: two entries name the same role when these match.
  bool SameRoleAs(const AvailableRole& other) const {
    return role == other.role && cpi_code == other.cpi_code && acting_for == other.acting_for;
  }
  bool operator==(const AvailableRole&) const = default;
};

// A logged-in browser. The person fields are personal data: a Session is never logged, and it
// has no operator<< on purpose.
struct Session {
  std::string id;  // opaque, 256 random bits, base64url; the cookie value
  SubjectKind subject_kind = SubjectKind::kCitizen;
  // The person, as asserted by the identity provider.
  std::string fiscal_code;
  std::string name;
  std::string family_name;
  std::string email;
  std::string mobile;
  // The company the SPID identity names (attributes ivaCode and companyName, asked for by a login
  // with purpose=company), to prefill its registration: the VAT number's 11 digits and the name.
  // Empty when the IdP did not release them (and in sessions stored before they existed).
  // Company data: never logged.
  std::string iva_code;
  std::string company_name;
  // How they logged in (kept for SAML Single Logout).
  std::string provider;  // "spid", "cie", "dev"
  std::string idp_entity_id;
  std::string level;  // e.g. "https://www.spid.gov.it/SpidL2"
  std::string name_id;
  std::string session_index;
  std::vector<AvailableRole> available_roles;
  std::optional<AvailableRole> selected_role;
  std::string csrf_token;  // 256 random bits, base64url; sent back in X-CSRF-Token
  absl::Time created_at;
  absl::Time last_seen;
  // When the roles were last re-checked (staff roles against the staff directory, company roles
  // against enterprise; SessionStore re-checks them every `role_recheck_interval`, see
  // session_store.h).
  absl::Time roles_checked_at;
  // When enterprise last answered with the person's company roles, and whether the last attempt
  // failed (then the session keeps being re-checked even without company roles, and the roles it
  // had are dropped once the last answer is older than the grace period: ADR 0016).
  absl::Time company_roles_confirmed_at;
  bool company_roles_pending = false;

  bool operator==(const Session&) const = default;
};

// What the login path knows when it opens a session (id, CSRF token and times are made by the
// store).
struct NewSession {
  SubjectKind subject_kind = SubjectKind::kCitizen;
  std::string fiscal_code;
  std::string name;
  std::string family_name;
  std::string email;
  std::string mobile;
  std::string provider;
  std::string idp_entity_id;
  std::string level;
  std::string name_id;
  std::string session_index;
  std::vector<AvailableRole> available_roles;
  // Usually set when there is exactly one available role.
  std::optional<AvailableRole> selected_role;
  // True when enterprise could not be asked for the person's company roles at login.
  bool company_roles_pending = false;
  // SPID company attributes (login with purpose=company): VAT number and company name.
  std::string iva_code;
  std::string company_name;
};

// `bytes` random bytes from the operating system's CSPRNG (OpenSSL RAND_bytes), base64url without
// padding: 32 bytes give 43 characters. INTERNAL (RANDOM_UNAVAILABLE) if the generator fails.
absl::StatusOr<std::string> RandomToken(int bytes = 32);

// True when `id` has the shape of a session id (43 base64url characters). Cheap pre-check so that
// junk cookies never reach the cache.
bool LooksLikeSessionId(absl::string_view id);

// Constant-time comparison of the X-CSRF-Token header value with the session's token. False when
// the session has no token or the header is empty.
bool CheckCsrf(const Session& session, absl::string_view header_value);

// True for the roles the staff directory grants (operator, contact centre, administrator).
bool IsStaffRole(platform::auth::Role role);
// True for the roles enterprise's delegations grant (company, consultant).
bool IsCompanyRole(platform::auth::Role role);

// The SPID level (1-3) each role needs, over a floor for every role (spid.minimum_level).
// Configured as "operator=2,contact_centre=2,admin=3" (gateway.role_minimum_levels); a role not
// named needs the floor, and no role needs less than the floor. See
// docs/adr/0013-spid-levels-and-sessions.md.
class RoleLevels final {
 public:
  RoleLevels() = default;
  // INVALID_ARGUMENT (reason CONFIG_INVALID) naming the bad entry: unknown role, level not 1-3,
  // missing "=".
  static absl::StatusOr<RoleLevels> Parse(int floor, absl::string_view per_role);

  int MinimumFor(platform::auth::Role role) const;
  // OK when a session at `level_uri` (e.g. "https://www.spid.gov.it/SpidL2") may act in `role`;
  // PERMISSION_DENIED (reason SPID_LEVEL_TOO_LOW, metadata role, required_level, session_level)
  // otherwise. An unknown level URI counts as 0.
  absl::Status Check(platform::auth::Role role, absl::string_view level_uri) const;

 private:
  int floor_ = 2;
  int per_role_[6] = {0, 0, 0, 0, 0, 0};  // by Role; 0: the floor
};

// Selects `wanted` (matched by role, CPI and acting-for; label, scopes and company role are taken
// from the session's entry) among the session's available roles; PERMISSION_DENIED (reason
// ROLE_NOT_AVAILABLE) otherwise — (reason COMPANY_ROLE_NOT_HELD) for a company or consultant role
// naming a company the person holds no such role for — or (reason SPID_LEVEL_TOO_LOW) when the
// session's SPID level is below what `levels` asks for that role.
absl::Status SelectRole(Session& session, const AvailableRole& wanted,
                        const RoleLevels& levels = RoleLevels());

// The cache key of the SAML Single Logout index: "sess-saml:" + hex SHA-256 of the
// length-prefixed triple (so no separator can make two triples collide).
std::string SamlIndexKey(absl::string_view idp_entity_id, absl::string_view name_id,
                         absl::string_view session_index);

// JSON (de)serialisation for the session store. Times are Unix microseconds.
std::string SessionToJson(const Session& session);
// INTERNAL (reason SESSION_CORRUPT) when `json` is not a session written by SessionToJson.
absl::StatusOr<Session> SessionFromJson(absl::string_view json);

}  // namespace sisl::gateway::session

#endif  // SISL_GATEWAY_SESSION_SESSION_H_
