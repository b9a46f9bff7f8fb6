#ifndef SISL_GATEWAY_SESSION_SESSION_STORE_H_
#define SISL_GATEWAY_SESSION_SESSION_STORE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
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
  // A session holding staff roles has them re-checked against the staff directory (the
  // RoleSource) when it is read this long after the last check, so a withdrawn role leaves live
  // sessions within this interval (gateway.session_role_recheck).
  absl::Duration role_recheck_interval = absl::Seconds(30);
  // Company roles (re-checked on the same interval against enterprise) are kept while enterprise
  // cannot answer only as long as its last answer is younger than this; then they are dropped
  // until it answers again (fail closed; ADR 0016).
  absl::Duration company_roles_grace = absl::Seconds(60);
};

// The staff roles a person holds now (the staff directory), by fiscal code.
using RoleSource =
    std::function<absl::StatusOr<std::vector<AvailableRole>>(const std::string& fiscal_code)>;

// The company roles a person may take today (enterprise's ListMyCompanyRoles), by fiscal code and
// the session's SPID level URI (the level of the token the question is asked with).
using CompanyRoleSource = std::function<absl::StatusOr<std::vector<AvailableRole>>(
    const std::string& fiscal_code, const std::string& level_uri)>;

// Sessions on the cache port: RedisCache in distributed mode (every gateway replica sees every
// session), MemoryCache in embedded mode. Entries:
//   "sess:<id>"                 the session as JSON (SessionToJson), TTL = min(idle timeout,
//                               time left before the absolute timeout), renewed by writes;
//   "sess-saml:<sha256 triple>" the session id, for IdP-initiated Single Logout (TTL = time left
//                               before the absolute timeout);
//   "sess-end:<id>"             a tombstone written by every logout or expiry before the entry is
//                               deleted (TTL = the absolute timeout): no write brings the id back.
// Timeouts are also checked on every read, so an entry the cache has not expired yet (clock skew,
// a MemoryCache not yet purged) is still treated as absent, and deleted.
//
// Unlike other cache users, sessions cannot fall back to a store: any cache failure is
// UNAVAILABLE with reason SESSION_STORE_UNAVAILABLE, which the gateway answers with 503.
//
// A write racing a logout (the cache port has no compare-and-set): every write of an existing
// session checks the tombstone before its Set and again after it, deleting what it wrote when the
// tombstone appeared meanwhile. Logout writes the tombstone before deleting, so (the cache being
// linearizable) either the logout's delete comes after the write, or the write's second check
// sees the tombstone. Remaining window: between such a write and its own undo (one round trip) a
// concurrent read of the id can still see the session; a writer that dies in that instant leaves
// it until the idle timeout. The SAML index holds one session per (IdP, NameID, SessionIndex)
// triple. Thread-safe.
class SessionStore final {
 public:
  SessionStore(platform::cache::Cache& cache, const platform::Clock& clock,
               SessionStoreOptions options = {});

  // Opens a session: new random id and CSRF token, created_at = last_seen = now. Indexes it for
  // Single Logout when the identity has a NameID.
  absl::StatusOr<Session> Create(const NewSession& init);

  // The live session with this id, or nullopt when unknown, malformed, corrupt or expired
  // (an expired or corrupt one is deleted). A session with staff roles whose roles were checked
  // role_recheck_interval ago or more is re-checked against the RoleSource first: staff roles
  // no longer held leave it (the selected one too, so the user must select again), new ones
  // join, and the result is written. UNAVAILABLE (STAFF_DIRECTORY_UNAVAILABLE) when that check
  // fails: a staff session is not served on roles that could not be confirmed.
  // Company roles are re-checked alike against the CompanyRoleSource (see ApplyCompanyRoles in
  // role_recheck.h): a revoked or narrowed one leaves (or is updated); when the selected one
  // goes, the session is written under a NEW id (as Rotate), so the returned session's id may
  // differ from `id`. When enterprise cannot answer the session is still served, on the company
  // roles of its last answer for company_roles_grace, without them after that.
  absl::StatusOr<std::optional<Session>> Get(const std::string& id);

  // Get without the roles re-check: for ending a session (logout, Single Logout), which must
  // work while the staff directory is down.
  absl::StatusOr<std::optional<Session>> Peek(const std::string& id);

  // Where Get re-checks staff roles; unset, they are not re-checked. Set before serving.
  void SetRoleSource(RoleSource source);
  // Where Get re-checks company roles; unset, they are not re-checked. Set before serving.
  void SetCompanyRoleSource(CompanyRoleSource source);
  // The levels the re-check also applies to the selected role (a session whose level no longer
  // suffices for it, after a configuration change, loses the selection). Default: the floor 2.
  void SetRoleLevels(RoleLevels levels);

  // Records activity: sets last_seen to now and writes the session if the stored last_seen is
  // older than touch_interval; otherwise does nothing (no I/O). Returns whether it wrote.
  absl::StatusOr<bool> Touch(Session& session);

  // Writes a changed session (e.g. after SelectRole) and refreshes last_seen. FAILED_PRECONDITION
  // (reason SESSION_EXPIRED) when the session has passed a timeout meanwhile, (SESSION_ENDED)
  // when it was logged out meanwhile.
  absl::Status Update(Session& session);

  // Update under a new id (role change: the old cookie stops working). On success `session.id`
  // is the new id, the old id is ended (tombstone) and the SAML index names the new one; the
  // CSRF token is kept. Errors as Update; on error the old id is left as it was.
  absl::Status Rotate(Session& session);

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
  // Writes the entry. With `guard`, the write of an existing session: refused when its id (or
  // `also_ended`, the id it replaces) has a tombstone, and undone when one appears meanwhile.
  absl::Status Write(const Session& s, absl::Time now, bool guard = true,
                     const std::string& also_ended = "");
  // FAILED_PRECONDITION (SESSION_ENDED) when `id` has a tombstone.
  absl::Status CheckNotEnded(const std::string& id);
  // Writes the tombstone, then deletes the session entry and its SAML index entry.
  absl::Status Remove(const Session& s);
  // Re-checks the staff and company roles (see Get; defined in role_recheck.cc). Returns false
  // when the session ended meanwhile.
  absl::StatusOr<bool> RecheckRoles(Session& s, absl::Time now);

  platform::cache::Cache& cache_;
  const platform::Clock& clock_;
  const SessionStoreOptions options_;
  mutable absl::Mutex mu_;
  RoleSource role_source_ ABSL_GUARDED_BY(mu_);
  CompanyRoleSource company_role_source_ ABSL_GUARDED_BY(mu_);
  RoleLevels role_levels_ ABSL_GUARDED_BY(mu_);
};

// The cache key of a session, and of its tombstone.
std::string SessionKey(const std::string& id);
std::string SessionTombstoneKey(const std::string& id);

}  // namespace sisl::gateway::session

#endif  // SISL_GATEWAY_SESSION_SESSION_STORE_H_
