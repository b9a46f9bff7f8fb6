#ifndef SISL_PLATFORM_AUTH_INTERNAL_TOKEN_H_
#define SISL_PLATFORM_AUTH_INTERNAL_TOKEN_H_

#include "absl/strings/string_view.h"
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/server_context.h"
#include "services/platform/clock.h"

namespace sisl::platform::auth {

enum class Role { kCitizen, kCompany, kConsultant, kOperator, kContactCentre, kAdmin };

absl::string_view RoleName(Role role);
bool ParseRole(absl::string_view name, Role* role);

// Who is calling, as asserted by the gateway in the internal token.
struct Caller {
  std::string subject;     // pseudonymous person id or staff id; never a fiscal code in logs
  Role role = Role::kCitizen;
  std::string cpi_code;    // operators: the CPI they work for
  std::string acting_for;  // company id, or the citizen an agent acts for
  // Citizens: their codice fiscale as asserted by SPID/CIE (services need it to book). Personal
  // data: never logged.
  std::string fiscal_code;
  absl::Time expires;
};

// The metadata key services read the internal token from.
inline constexpr char kTokenMetadataKey[] = "x-sisl-internal-token";

// Short-lived HMAC-SHA256-signed token the gateway forwards to services:
// base64url(JSON claims) "." base64url(MAC). Services verify signature and expiry.
class TokenCodec final {
 public:
  // `key` must be at least 32 bytes.
  explicit TokenCodec(std::string key, const Clock& clock = SystemClock::Get());

  std::string Mint(const Caller& caller, absl::Duration ttl = absl::Minutes(5)) const;
  // UNAUTHENTICATED (reason TOKEN_INVALID or TOKEN_EXPIRED) on a bad token.
  absl::StatusOr<Caller> Verify(absl::string_view token) const;
  // Reads and verifies the token of a call; UNAUTHENTICATED (TOKEN_MISSING) when absent.
  absl::StatusOr<Caller> FromContext(const grpc::ServerContext& context) const;

 private:
  std::string Mac(absl::string_view data) const;
  std::string key_;
  const Clock& clock_;
};

}  // namespace sisl::platform::auth

#endif  // SISL_PLATFORM_AUTH_INTERNAL_TOKEN_H_
