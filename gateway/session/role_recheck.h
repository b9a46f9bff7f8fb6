#ifndef SISL_GATEWAY_SESSION_ROLE_RECHECK_H_
#define SISL_GATEWAY_SESSION_ROLE_RECHECK_H_

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/session/session.h"

namespace sisl::gateway::session {

// How a session's roles follow their sources (ADR 0013 for staff roles, ADR 0016 for company
// roles). Pure: SessionStore::Get decides when, reads the sources and writes the result.

// True when the session holds (or has selected) a staff role.
bool HasStaffRole(const Session& s);
// True when the session's company roles are re-checked: it holds or has selected one, or the
// last attempt to read them failed (they join once enterprise answers).
bool TracksCompanyRoles(const Session& s);

// Replaces the session's staff roles with `held` (the staff directory's answer). The selected
// staff role is cleared when it is no longer held or the session's level no longer suffices for
// it. Returns true when it cleared the selection.
bool ApplyStaffRoles(Session& s, const std::vector<AvailableRole>& held,
                     const RoleLevels& levels);

// Applies enterprise's answer for the person's company roles at `now`:
//  - an answer replaces the company roles, sets company_roles_confirmed_at = now and clears
//    company_roles_pending;
//  - a failure sets company_roles_pending and keeps the company roles as they are while the last
//    answer is younger than `grace`; after that they are dropped (fail closed) until enterprise
//    answers again.
// The selected company role is cleared when it is no longer listed, has lost a scope or changed
// kind, or needs a level the session lacks; otherwise it takes the listed entry (scopes gained).
// Returns true when it cleared the selection (the caller rotates the session id).
bool ApplyCompanyRoles(Session& s, const absl::StatusOr<std::vector<AvailableRole>>& fetched,
                       absl::Time now, absl::Duration grace, const RoleLevels& levels);

}  // namespace sisl::gateway::session

#endif  // SISL_GATEWAY_SESSION_ROLE_RECHECK_H_
