#ifndef SISL_GATEWAY_IDENTITY_H_
#define SISL_GATEWAY_IDENTITY_H_

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "gateway/http/http_types.h"
#include "gateway/session/session_store.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"

namespace sisl::gateway {

// Who is calling the gateway: the session behind the request's cookie, and the internal token
// that carries that identity to the services.
class Identity final {
 public:
  Identity(session::SessionStore& sessions, const platform::auth::TokenSigner& tokens,
           const platform::auth::PersonIdHasher& person_ids,
           absl::Duration token_ttl = absl::Minutes(2))
      : sessions_(sessions), tokens_(tokens), person_ids_(person_ids), token_ttl_(token_ttl) {}

  // The live session of the request (touching it), or nullopt without a valid cookie.
  // UNAVAILABLE (SESSION_STORE_UNAVAILABLE) when the session store is down. When the roles
  // re-check gave the session a new id (a selected company role revoked), the request's session
  // cookie is rewritten to it, so that the answer carries the new cookie
  // (HandleWithSessionRotation, session_api.h) and later reads in the request see the same id.
  absl::StatusOr<std::optional<session::Session>> Resolve(http::Request& request);

  // The caller a session acts as; requires a selected role. Staff and citizens both get a
  // pseudonymous subject (never the fiscal code); citizens' own fiscal code travels in `cf`.
  // Company roles carry the company's fiscal code (`act`), their scopes and company role.
  // The SPID level is the session's (SpidL1-3 URI; 0 when unknown, which services refuse).
  platform::auth::Caller CallerOf(const session::Session& session) const;
  // A token for the session's caller, addressed to service `audience` (see AudienceOf).
  std::string MintToken(const session::Session& session, absl::string_view audience) const;

  session::SessionStore& sessions() { return sessions_; }

 private:
  session::SessionStore& sessions_;
  const platform::auth::TokenSigner& tokens_;
  const platform::auth::PersonIdHasher& person_ids_;
  const absl::Duration token_ttl_;
};

// The service a gRPC method belongs to, the `aud` of tokens sent to it: "booking" for
// "/sisl.booking.v1.OfficesService/GetOffice" (the package's second component).
std::string AudienceOf(absl::string_view grpc_path);

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_IDENTITY_H_
