#include "gateway/session/session_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "gateway/session/role_recheck.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::session {
namespace {

absl::Status Unavailable(const absl::Status& cause) {
  return platform::Error(absl::StatusCode::kUnavailable, "SESSION_STORE_UNAVAILABLE",
                         absl::StrCat("session store unavailable: ", cause.message()));
}

bool HasSamlIndex(const Session& s) { return !s.name_id.empty(); }

absl::Status Ended() {
  return platform::Error(absl::StatusCode::kFailedPrecondition, "SESSION_ENDED",
                         "the session has ended; log in again");
}

}  // namespace

std::string SessionKey(const std::string& id) { return absl::StrCat("sess:", id); }
std::string SessionTombstoneKey(const std::string& id) { return absl::StrCat("sess-end:", id); }

void SessionStore::SetRoleSource(RoleSource source) {
  absl::MutexLock lock(&mu_);
  role_source_ = std::move(source);
}

void SessionStore::SetCompanyRoleSource(CompanyRoleSource source) {
  absl::MutexLock lock(&mu_);
  company_role_source_ = std::move(source);
}

void SessionStore::SetRoleLevels(RoleLevels levels) {
  absl::MutexLock lock(&mu_);
  role_levels_ = levels;
}

SessionStore::SessionStore(platform::cache::Cache& cache, const platform::Clock& clock,
                           SessionStoreOptions options)
    : cache_(cache), clock_(clock), options_(options) {}

absl::StatusOr<Session> SessionStore::Create(const NewSession& init) {
  ASSIGN_OR_RETURN(std::string id, RandomToken());
  ASSIGN_OR_RETURN(std::string csrf, RandomToken());
  const absl::Time now = clock_.Now();
  Session s;
  s.id = std::move(id);
  s.subject_kind = init.subject_kind;
  s.fiscal_code = init.fiscal_code;
  s.name = init.name;
  s.family_name = init.family_name;
  s.email = init.email;
  s.mobile = init.mobile;
  s.provider = init.provider;
  s.idp_entity_id = init.idp_entity_id;
  s.level = init.level;
  s.name_id = init.name_id;
  s.session_index = init.session_index;
  s.iva_code = init.iva_code;
  s.company_name = init.company_name;
  s.available_roles = init.available_roles;
  s.selected_role = init.selected_role;
  s.csrf_token = std::move(csrf);
  s.created_at = now;
  s.last_seen = now;
  s.roles_checked_at = now;  // the login path has just read the staff directory (and enterprise)
  // Company roles the login path could not read count as unconfirmed since ever (ADR 0016).
  s.company_roles_pending = init.company_roles_pending;
  s.company_roles_confirmed_at = init.company_roles_pending ? absl::UnixEpoch() : now;
  // A fresh random id has no tombstone: no guard.
  RETURN_IF_ERROR(Write(s, now, /*guard=*/false));
  if (HasSamlIndex(s)) {
    absl::Status st = cache_.Set(SamlIndexKey(s.idp_entity_id, s.name_id, s.session_index), s.id,
                                 options_.absolute_timeout);
    if (!st.ok()) {
      (void)cache_.Delete(SessionKey(s.id));
      return Unavailable(st);
    }
  }
  return s;
}

absl::StatusOr<std::optional<Session>> SessionStore::Get(const std::string& id) {
  ASSIGN_OR_RETURN(std::optional<Session> session, Peek(id));
  if (!session.has_value()) return std::nullopt;
  const absl::Time now = clock_.Now();
  if ((HasStaffRole(*session) || TracksCompanyRoles(*session)) &&
      now - session->roles_checked_at >= options_.role_recheck_interval) {
    ASSIGN_OR_RETURN(const bool live, RecheckRoles(*session, now));
    if (!live) return std::nullopt;
  }
  return session;
}

absl::StatusOr<std::optional<Session>> SessionStore::Peek(const std::string& id) {
  if (!LooksLikeSessionId(id)) return std::nullopt;
  auto stored = cache_.Get(SessionKey(id));
  if (!stored.ok()) return Unavailable(stored.status());
  if (!stored->has_value()) return std::nullopt;
  auto session = SessionFromJson(**stored);
  if (!session.ok() || session->id != id) {
    platform::log::Warn("dropping unreadable session entry",
                        {{"error", std::string(session.status().message())}});
    if (absl::Status st = cache_.Delete(SessionKey(id)); !st.ok()) return Unavailable(st);
    return std::nullopt;
  }
  if (Expired(*session, clock_.Now())) {
    RETURN_IF_ERROR(Remove(*session));
    return std::nullopt;
  }
  return *std::move(session);
}

absl::StatusOr<bool> SessionStore::Touch(Session& session) {
  const absl::Time now = clock_.Now();
  if (now - session.last_seen < options_.touch_interval) return false;
  session.last_seen = now;
  RETURN_IF_ERROR(Write(session, now));
  return true;
}

absl::Status SessionStore::Update(Session& session) {
  const absl::Time now = clock_.Now();
  if (Expired(session, now)) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "SESSION_EXPIRED",
                           "the session has expired; log in again");
  }
  session.last_seen = now;
  return Write(session, now);
}

absl::Status SessionStore::Rotate(Session& session) {
  const absl::Time now = clock_.Now();
  if (Expired(session, now)) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "SESSION_EXPIRED",
                           "the session has expired; log in again");
  }
  ASSIGN_OR_RETURN(std::string new_id, RandomToken());
  Session rotated = session;
  rotated.id = std::move(new_id);
  rotated.last_seen = now;
  // The new id is fresh; the guard is the old id's tombstone (a logout racing the role change).
  RETURN_IF_ERROR(Write(rotated, now, /*guard=*/true, /*also_ended=*/session.id));
  if (HasSamlIndex(rotated)) {
    const absl::Duration left = rotated.created_at + options_.absolute_timeout - now;
    absl::Status st = cache_.Set(
        SamlIndexKey(rotated.idp_entity_id, rotated.name_id, rotated.session_index), rotated.id,
        std::max(left, absl::Seconds(1)));
    if (!st.ok()) {
      (void)cache_.Delete(SessionKey(rotated.id));
      return Unavailable(st);
    }
  }
  // End the old id (tombstone and entry; its SAML index entry now names the new id, so only the
  // session entry goes).
  if (absl::Status st = cache_.Set(SessionTombstoneKey(session.id), "1",
                                   options_.absolute_timeout);
      !st.ok()) {
    return Unavailable(st);
  }
  if (absl::Status st = cache_.Delete(SessionKey(session.id)); !st.ok()) return Unavailable(st);
  session = std::move(rotated);
  return absl::OkStatus();
}

absl::Status SessionStore::Delete(const std::string& id) {
  if (!LooksLikeSessionId(id)) return absl::OkStatus();
  auto stored = cache_.Get(SessionKey(id));
  if (!stored.ok()) return Unavailable(stored.status());
  if (stored->has_value()) {
    auto session = SessionFromJson(**stored);
    if (session.ok() && session->id == id) return Remove(*session);
  }
  // Unknown (or unreadable) id: still leave a tombstone, for a write racing this logout.
  if (absl::Status st = cache_.Set(SessionTombstoneKey(id), "1", options_.absolute_timeout);
      !st.ok()) {
    return Unavailable(st);
  }
  if (absl::Status st = cache_.Delete(SessionKey(id)); !st.ok()) return Unavailable(st);
  return absl::OkStatus();
}

absl::StatusOr<int> SessionStore::EndBySamlSubject(const std::string& idp_entity_id,
                                                   const std::string& name_id,
                                                   const std::string& session_index) {
  if (name_id.empty()) return 0;
  const std::string index_key = SamlIndexKey(idp_entity_id, name_id, session_index);
  auto id = cache_.Get(index_key);
  if (!id.ok()) return Unavailable(id.status());
  if (!id->has_value()) return 0;
  // Peek deletes it (and the index) if it has expired; no roles re-check to end a session.
  ASSIGN_OR_RETURN(const std::optional<Session> session, Peek(**id));
  int ended = 0;
  if (session.has_value()) {
    RETURN_IF_ERROR(Remove(*session));
    ended = 1;
  }
  if (absl::Status st = cache_.Delete(index_key); !st.ok()) return Unavailable(st);
  return ended;
}

bool SessionStore::Expired(const Session& s, absl::Time now) const {
  return now - s.last_seen >= options_.idle_timeout ||
         now - s.created_at >= options_.absolute_timeout;
}

absl::Duration SessionStore::Ttl(const Session& s, absl::Time now) const {
  return std::min(options_.idle_timeout, s.created_at + options_.absolute_timeout - now);
}

absl::Status SessionStore::CheckNotEnded(const std::string& id) {
  auto tombstone = cache_.Get(SessionTombstoneKey(id));
  if (!tombstone.ok()) return Unavailable(tombstone.status());
  return tombstone->has_value() ? Ended() : absl::OkStatus();
}

absl::Status SessionStore::Write(const Session& s, absl::Time now, bool guard,
                                 const std::string& also_ended) {
  const absl::Duration ttl = Ttl(s, now);
  if (ttl <= absl::ZeroDuration()) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "SESSION_EXPIRED",
                           "the session has expired; log in again");
  }
  const std::string& guarded = also_ended.empty() ? s.id : also_ended;
  if (guard) RETURN_IF_ERROR(CheckNotEnded(guarded));
  if (absl::Status st = cache_.Set(SessionKey(s.id), SessionToJson(s), ttl); !st.ok()) {
    return Unavailable(st);
  }
  if (guard) {
    // A logout may have written its tombstone (and deleted the entry) between the check above
    // and the Set: undo the write, which would otherwise revive the session.
    if (absl::Status st = CheckNotEnded(guarded); !st.ok()) {
      if (absl::Status del = cache_.Delete(SessionKey(s.id)); !del.ok()) return Unavailable(del);
      return st;
    }
  }
  return absl::OkStatus();
}

absl::Status SessionStore::Remove(const Session& s) {
  // The tombstone first: a racing write that misses it before its Set sees it after.
  if (absl::Status st = cache_.Set(SessionTombstoneKey(s.id), "1", options_.absolute_timeout);
      !st.ok()) {
    return Unavailable(st);
  }
  if (absl::Status st = cache_.Delete(SessionKey(s.id)); !st.ok()) return Unavailable(st);
  if (HasSamlIndex(s)) {
    absl::Status st = cache_.Delete(SamlIndexKey(s.idp_entity_id, s.name_id, s.session_index));
    if (!st.ok()) return Unavailable(st);
  }
  return absl::OkStatus();
}

}  // namespace sisl::gateway::session
