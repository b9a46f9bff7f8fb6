#ifndef SISL_PLATFORM_AUTH_INTERNAL_TOKEN_H_
#define SISL_PLATFORM_AUTH_INTERNAL_TOKEN_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/server_context.h"
#include "services/platform/clock.h"

// OpenSSL's key type, kept out of this header.
struct evp_pkey_st;

namespace sisl::platform::auth {

enum class Role { kCitizen, kCompany, kConsultant, kOperator, kContactCentre, kAdmin, kNotifier };

absl::string_view RoleName(Role role);
bool ParseRole(absl::string_view name, Role* role);

// Who is calling, as asserted by the gateway in the internal token, or by a trusted service in
// its own service token (role kNotifier, subject "service:<name>"; ADR 0022).
struct Caller {
  // Pseudonymous person id, staff id, or "service:<name>"; never a fiscal code in logs.
  std::string subject;
  Role role = Role::kCitizen;
  std::string cpi_code;    // operators: the CPI they work for
  std::string acting_for;  // company id, or the citizen an agent acts for
  // Company roles (kCompany, kConsultant): what the person may do for `acting_for` (the company's
  // fiscal code), as kScope* names, and how they hold the role (kCompanyRole*). Empty otherwise.
  std::vector<std::string> scopes;
  std::string company_role;
  // Citizens: their codice fiscale as asserted by SPID/CIE (services need it to book). Personal
  // data: never logged.
  std::string fiscal_code;
  // The SPID level of the login behind the call (1-3, from the session's SpidL<n> URI); 0 when
  // unknown, which every service refuses.
  int spid_level = 0;
  absl::Time expires;
  // Set by the verifier: when the gateway issued the token and its unique id (`jti`).
  absl::Time issued_at;
  std::string token_id;
};

// The scopes a company role may carry (claim "scp"), one per DelegationScope of
// proto/sisl/enterprise/v1/delegations.proto: stable lower-case names.
inline constexpr char kScopeVacancies[] = "vacancies";
inline constexpr char kScopeCommunications[] = "communications";
inline constexpr char kScopeL68Returns[] = "l68_returns";
inline constexpr char kScopeServiceRequests[] = "service_requests";
// How the person holds a company role (claim "crl"): Role::kCompany as legal representative or
// delegate, Role::kConsultant as labour consultant or accredited studio.
inline constexpr char kCompanyRoleLegalRepresentative[] = "legal_representative";
inline constexpr char kCompanyRoleDelegate[] = "delegate";
inline constexpr char kCompanyRoleConsultant[] = "consultant";

// True when the caller's token grants `scope` (one of kScope*) for the company it acts for.
bool HasScope(const Caller& caller, absl::string_view scope);
// True for the kCompanyRole* names.
bool IsCompanyRoleName(absl::string_view name);

// The metadata key services read the internal token from.
inline constexpr char kTokenMetadataKey[] = "x-sisl-internal-token";
// The `iss` of the gateway's internal tokens.
inline constexpr char kTokenIssuer[] = "sisl-gateway";
// The `iss` of a service token (ADR 0022) starts with this, followed by the calling service's
// module name: "sisl-service:notifications".
inline constexpr char kServiceIssuerPrefix[] = "sisl-service:";
// The issuer of service `service`'s own tokens: "sisl-service:" + service.
std::string ServiceIssuer(absl::string_view service);

// The minimum SPID level a token must carry, per role (2 for everyone unless configured).
class LevelPolicy final {
 public:
  LevelPolicy() = default;
  explicit LevelPolicy(int minimum, std::map<Role, int> per_role = {})
      : minimum_(minimum), per_role_(std::move(per_role)) {}
  // "admin=3,operator=2" (roles by RoleName, levels 1-3) over `minimum`.
  // INVALID_ARGUMENT (INVALID_CONFIG) naming the bad entry.
  static absl::StatusOr<LevelPolicy> Parse(int minimum, absl::string_view per_role);
  int MinimumFor(Role role) const;

 private:
  int minimum_ = 2;
  std::map<Role, int> per_role_;
};

using KeyHandle = std::shared_ptr<evp_pkey_st>;

// An Ed25519 public key in PEM (SubjectPublicKeyInfo), e.g. a trusted service's key.
// INVALID_ARGUMENT (TOKEN_KEY_INVALID) otherwise.
absl::StatusOr<KeyHandle> PublicKeyFromPem(absl::string_view pem);

// Signs internal tokens with an Ed25519 private key: the gateway's (issuer kTokenIssuer), or a
// service's own key for the calls it makes to other services (issuer ServiceIssuer(<name>), see
// WithIssuer and ADR 0022).
// Token: base64url(JSON claims) "." base64url(Ed25519 signature over the first part). Claims:
// iss, aud (the target service), iat, exp, jti, sub, role, cpi, act, cf, lvl, and for company
// roles scp (array of scope names) and crl (company role); those two are left out when empty,
// and a token without them verifies with empty scopes and company role.
class TokenSigner final {
 public:
  // An Ed25519 private key in PEM (PKCS#8). INVALID_ARGUMENT (TOKEN_KEY_INVALID) otherwise.
  static absl::StatusOr<TokenSigner> FromPrivateKeyPem(absl::string_view pem,
                                                       const Clock& clock = SystemClock::Get());
  // A fresh key pair (first start of the all-in-one, tests).
  static absl::StatusOr<TokenSigner> Generate(const Clock& clock = SystemClock::Get());

  // A token for `caller` addressed to service `audience` (e.g. "booking").
  std::string Sign(const Caller& caller, absl::string_view audience,
                   absl::Duration ttl = absl::Minutes(5)) const;

  // The same key and clock, signing with `iss` = `issuer` (ServiceIssuer(<name>) for a
  // service's own calls).
  TokenSigner WithIssuer(std::string issuer) const;

  std::string PrivateKeyPem() const;
  std::string PublicKeyPem() const;
  const KeyHandle& key() const { return key_; }
  const std::string& issuer() const { return issuer_; }

 private:
  TokenSigner(KeyHandle key, const Clock& clock) : key_(std::move(key)), clock_(&clock) {}
  KeyHandle key_;
  const Clock* clock_;
  std::string issuer_ = kTokenIssuer;
};

// A service's half: verifies tokens with public keys only (it cannot mint), for the audiences it
// answers to: the gateway's tokens under a level policy, and the service tokens of the services
// it trusts (WithTrustedServices).
class TokenVerifier final {
 public:
  // An Ed25519 public key in PEM (SubjectPublicKeyInfo). INVALID_ARGUMENT (TOKEN_KEY_INVALID)
  // otherwise. `audiences`: the `aud` values accepted (a service's module name).
  static absl::StatusOr<TokenVerifier> FromPublicKeyPem(absl::string_view pem,
                                                        std::vector<std::string> audiences,
                                                        LevelPolicy levels = {},
                                                        const Clock& clock = SystemClock::Get());
  // The verifier of `signer`'s tokens (same public key).
  static TokenVerifier For(const TokenSigner& signer, std::vector<std::string> audiences,
                           LevelPolicy levels = {}, const Clock& clock = SystemClock::Get());
  // The same keys (trusted services included), clock and policy for other audiences.
  TokenVerifier ForAudiences(std::vector<std::string> audiences) const;
  // A copy that also accepts the service tokens of `service_keys` (module name -> that
  // service's Ed25519 public key, e.g. from PublicKeyFromPem): tokens whose `iss` is
  // ServiceIssuer(name), signed by that key. A name already trusted gets the new key.
  TokenVerifier WithTrustedServices(std::map<std::string, KeyHandle> service_keys) const;

  // Picks the key by the token's `iss` (the gateway's key for kTokenIssuer, a trusted service's
  // key for ServiceIssuer(name)) and checks the signature before trusting any claim.
  // UNAUTHENTICATED with reason TOKEN_INVALID (malformed, unknown issuer, bad signature, missing
  // claims, an scp that is not an array of strings, a crl that is not a company role name, a
  // service token whose role is not notifier), TOKEN_AUDIENCE_MISMATCH or TOKEN_EXPIRED;
  // PERMISSION_DENIED with TOKEN_LEVEL_TOO_LOW when the SPID level of a gateway token is below
  // the role's minimum (a service token is no person's login: the level policy does not apply).
  absl::StatusOr<Caller> Verify(absl::string_view token) const;
  // Reads and verifies the token of a call; UNAUTHENTICATED (TOKEN_MISSING) when absent.
  absl::StatusOr<Caller> FromContext(const grpc::ServerContext& context) const;

  const std::vector<std::string>& audiences() const { return audiences_; }
  const LevelPolicy& levels() const { return levels_; }
  // The module names whose service tokens this verifier accepts.
  std::vector<std::string> trusted_services() const;

 private:
  TokenVerifier(KeyHandle key, std::vector<std::string> audiences, LevelPolicy levels,
                const Clock& clock)
      : key_(std::move(key)),
        audiences_(std::move(audiences)),
        levels_(std::move(levels)),
        clock_(&clock) {}
  KeyHandle key_;  // the gateway's
  std::map<std::string, KeyHandle> service_keys_;
  std::vector<std::string> audiences_;
  LevelPolicy levels_;
  const Clock* clock_;
};

}  // namespace sisl::platform::auth

#endif  // SISL_PLATFORM_AUTH_INTERNAL_TOKEN_H_
