#ifndef SISL_GATEWAY_SPID_WEB_SPID_STATE_H_
#define SISL_GATEWAY_SPID_WEB_SPID_STATE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/cache/cache.h"

namespace sisl::gateway::spid::web {

// An AuthnRequest waiting for its Response. Stored under "spid:req:<request id>".
struct PendingLogin {
  std::string request_id;
  std::string idp_entity_id;
  int level = 2;
  std::string issue_instant;  // as sent (seconds precision)
  std::string sp_entity_id;   // the Issuer we used (SPID or CIE entity ID): the Audience
  std::string return_to;      // local path
  std::string relay_state;    // opaque random value sent with the request
  std::string binding_hash;   // SHA-256 (hex) of the browser-binding cookie
};

// A LogoutRequest we sent. Stored under "spid:logout:<request id>".
struct PendingLogout {
  std::string request_id;
  std::string idp_entity_id;
};

// SAML state in the shared cache, so that any gateway replica can finish a login started on
// another. Every "consume" is one-time across replicas: the first caller wins the
// SetIfAbsent on "spid:used:<id>", later ones get ALREADY_EXISTS. Cache errors are returned
// as UNAVAILABLE (the caller refuses the login: no state, no login).
class SpidState final {
 public:
  explicit SpidState(platform::cache::Cache& cache) : cache_(cache) {}

  absl::Status PutLogin(const PendingLogin& login, absl::Duration ttl);
  // NOT_FOUND: unknown or expired; ALREADY_EXISTS: already consumed.
  absl::StatusOr<PendingLogin> ConsumeLogin(const std::string& request_id, absl::Duration ttl);

  absl::Status PutLogout(const PendingLogout& logout, absl::Duration ttl);
  absl::StatusOr<PendingLogout> ConsumeLogout(const std::string& request_id, absl::Duration ttl);

  // Records a message ID of an IdP (assertion ID, IdP-initiated LogoutRequest ID) for `ttl`;
  // false when it had already been seen: a replay.
  absl::StatusOr<bool> FirstSeen(const std::string& idp_entity_id, const std::string& kind,
                                 const std::string& id, absl::Duration ttl);

 private:
  // Loads key, then claims "spid:used:<kind>:<id>".
  absl::StatusOr<std::string> Consume(const std::string& kind, const std::string& id,
                                      absl::Duration ttl);
  platform::cache::Cache& cache_;
};

}  // namespace sisl::gateway::spid::web

#endif  // SISL_GATEWAY_SPID_WEB_SPID_STATE_H_
