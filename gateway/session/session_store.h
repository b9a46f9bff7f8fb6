#ifndef SISL_GATEWAY_SESSION_SESSION_STORE_H_
#define SISL_GATEWAY_SESSION_SESSION_STORE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/session/session.h"
#include "services/platform/cache/cache.h"
#include "services/platform/clock.h"

namespace sisl::gateway::session {

struct SessionStoreOptions {
  // A session unused for this long ends.
  absl::Duration idle_timeout = absl::Minutes(30);
  // A session ends this long after login, used or not.
  absl::Duration absolute_timeout = absl::Hours(8);
  // Touch() writes last_seen at most this often, so a busy page does not write on every request.
  // The idle timeout is therefore enforced to within this interval (a session may end up to
  // `touch_interval` early).
  absl::Duration touch_interval = absl::Minutes(1);
};

// Sessions on the cache port: RedisCache in distributed mode (every gateway replica sees every
// session), MemoryCache in embedded mode. Entries:
//   "sess:<id>"                 the session as JSON (SessionToJson), TTL = min(idle timeout,
//                               time left before the absolute timeout), renewed by writes;
//   "sess-saml:<sha256 triple>" the session id, for IdP-initiated Single Logout (TTL = time left
//                               before the absolute timeout).
// Timeouts are also checked on every read, so an entry the cache has not expired yet (clock skew,
// a MemoryCache not yet purged) is still treated as absent, and deleted.
//
// Unlike other cache users, sessions cannot fall back to a store: any cache failure is
// UNAVAILABLE with reason SESSION_STORE_UNAVAILABLE, which the gateway answers with 503.
//
// Known limits (no compare-and-set on the cache port): a Touch/Update racing a Delete of the same
// session can write it back; the SAML index holds one session per (IdP, NameID, SessionIndex)
// triple. Thread-safe.
class SessionStore final {
 public:
  SessionStore(platform::cache::Cache& cache, const platform::Clock& clock,
               SessionStoreOptions options = {});

  // Opens a session: new random id and CSRF token, created_at = last_seen = now. Indexes it for
  // Single Logout when the identity has a NameID.
  absl::StatusOr<Session> Create(const NewSession& init);

  // The live session with this id, or nullopt when unknown, malformed, corrupt or expired
  // (an expired or corrupt one is deleted).
  absl::StatusOr<std::optional<Session>> Get(const std::string& id);

  // Records activity: sets last_seen to now and writes the session if the stored last_seen is
  // older than touch_interval; otherwise does nothing (no I/O). Returns whether it wrote.
  absl::StatusOr<bool> Touch(Session& session);

  // Writes a changed session (e.g. after SelectRole) and refreshes last_seen. FAILED_PRECONDITION
  // (reason SESSION_EXPIRED) when the session has passed a timeout meanwhile.
  absl::Status Update(Session& session);

  // Logout: removes the session and its SAML index entry. Deleting an unknown id is OK.
  absl::Status Delete(const std::string& id);

  // IdP-initiated Single Logout: ends the session opened with this (IdP, NameID, SessionIndex)
  // and returns how many ended (0 or 1).
  absl::StatusOr<int> EndBySamlSubject(const std::string& idp_entity_id, const std::string& name_id,
                                       const std::string& session_index);

  const SessionStoreOptions& options() const { return options_; }

 private:
  bool Expired(const Session& s, absl::Time now) const;
  // TTL for a write at `now`: min(idle, absolute deadline - now); <= 0 when already over.
  absl::Duration Ttl(const Session& s, absl::Time now) const;
  absl::Status Write(const Session& s, absl::Time now);
  // Deletes the session entry and its SAML index entry (without reading).
  absl::Status Remove(const Session& s);

  platform::cache::Cache& cache_;
  const platform::Clock& clock_;
  const SessionStoreOptions options_;
};

// The cache key of a session.
std::string SessionKey(const std::string& id);

}  // namespace sisl::gateway::session

#endif  // SISL_GATEWAY_SESSION_SESSION_STORE_H_
