// The roles re-check of live sessions: the pure rules (role_recheck.h) and SessionStore's step
// that applies them (declared in session_store.h).
#include "gateway/session/role_recheck.h"

#include <algorithm>
#include <string>
#include <utility>

#include "gateway/session/session_store.h"
#include "services/platform/errors.h"
#include "services/platform/log.h"

namespace sisl::gateway::session {
namespace {

using platform::auth::Role;

// Citizen (and other) roles first, then staff roles, then company roles: the order the login
// path builds, kept whatever was re-checked last.
int Rank(const AvailableRole& r) {
  if (IsStaffRole(r.role)) return 1;
  if (IsCompanyRole(r.role)) return 2;
  return 0;
}

void Replace(Session& s, bool (*category)(Role), const std::vector<AvailableRole>& held) {
  std::vector<AvailableRole> roles;
  for (const AvailableRole& r : s.available_roles) {
    if (!category(r.role)) roles.push_back(r);
  }
  for (const AvailableRole& r : held) {
    if (category(r.role)) roles.push_back(r);
  }
  std::stable_sort(roles.begin(), roles.end(), [](const AvailableRole& a, const AvailableRole& b) {
    return Rank(a) < Rank(b);
  });
  s.available_roles = std::move(roles);
}

const AvailableRole* Find(const std::vector<AvailableRole>& roles, const AvailableRole& wanted) {
  for (const AvailableRole& r : roles) {
    if (r.SameRoleAs(wanted)) return &r;
  }
  return nullptr;
}

bool Covers(const std::vector<std::string>& now, const std::vector<std::string>& before) {
  return std::all_of(before.begin(), before.end(), [&](const std::string& scope) {
    return std::find(now.begin(), now.end(), scope) != now.end();
  });
}

void Unselect(Session& s, const char* why) {
  platform::log::Info(why,
                      {{"role", std::string(platform::auth::RoleName(s.selected_role->role))}});
  s.selected_role.reset();
}

}  // namespace

bool HasStaffRole(const Session& s) {
  for (const AvailableRole& r : s.available_roles) {
    if (IsStaffRole(r.role)) return true;
  }
  return s.selected_role.has_value() && IsStaffRole(s.selected_role->role);
}

bool TracksCompanyRoles(const Session& s) {
  if (s.company_roles_pending) return true;
  for (const AvailableRole& r : s.available_roles) {
    if (IsCompanyRole(r.role)) return true;
  }
  return s.selected_role.has_value() && IsCompanyRole(s.selected_role->role);
}

bool ApplyStaffRoles(Session& s, const std::vector<AvailableRole>& held,
                     const RoleLevels& levels) {
  Replace(s, &IsStaffRole, held);
  if (!s.selected_role.has_value() || !IsStaffRole(s.selected_role->role)) return false;
  if (Find(s.available_roles, *s.selected_role) == nullptr) {
    Unselect(s, "session: selected staff role withdrawn");
    return true;
  }
  if (!levels.Check(s.selected_role->role, s.level).ok()) {
    Unselect(s, "session: selected staff role needs a higher SPID level");
    return true;
  }
  return false;
}

bool ApplyCompanyRoles(Session& s, const absl::StatusOr<std::vector<AvailableRole>>& fetched,
                       absl::Time now, absl::Duration grace, const RoleLevels& levels) {
  static const std::vector<AvailableRole> kNone;
  const std::vector<AvailableRole>* held = &kNone;
  if (fetched.ok()) {
    held = &*fetched;
    s.company_roles_confirmed_at = now;
    s.company_roles_pending = false;
  } else {
    s.company_roles_pending = true;
    if (now - s.company_roles_confirmed_at < grace) return false;  // kept, for now
  }
  Replace(s, &IsCompanyRole, *held);
  if (!s.selected_role.has_value() || !IsCompanyRole(s.selected_role->role)) return false;
  const AvailableRole* listed = Find(s.available_roles, *s.selected_role);
  if (listed == nullptr) {
    Unselect(s, fetched.ok() ? "session: selected company role revoked"
                             : "session: selected company role unconfirmed for too long");
    return true;
  }
  if (listed->company_role != s.selected_role->company_role ||
      !Covers(listed->scopes, s.selected_role->scopes)) {
    Unselect(s, "session: selected company role narrowed");
    return true;
  }
  if (!levels.Check(listed->role, s.level).ok()) {
    Unselect(s, "session: selected company role needs a higher SPID level");
    return true;
  }
  s.selected_role = *listed;
  return false;
}

absl::StatusOr<bool> SessionStore::RecheckRoles(Session& s, absl::Time now) {
  RoleSource staff_source;
  CompanyRoleSource company_source;
  RoleLevels levels;
  {
    absl::MutexLock lock(&mu_);
    staff_source = role_source_;
    company_source = company_role_source_;
    levels = role_levels_;
  }
  const bool staff = staff_source && HasStaffRole(s);
  const bool company = company_source && TracksCompanyRoles(s);
  if (!staff && !company) return true;
  if (staff) {
    absl::StatusOr<std::vector<AvailableRole>> held = staff_source(s.fiscal_code);
    if (!held.ok()) {
      platform::log::Warn("session: staff roles cannot be re-checked",
                          {{"error", std::string(held.status().message())}});
      return platform::Error(absl::StatusCode::kUnavailable, "STAFF_DIRECTORY_UNAVAILABLE",
                             "the staff directory cannot confirm the session's roles; try again");
    }
    ApplyStaffRoles(s, *held, levels);
  }
  bool rotate = false;
  if (company) {
    absl::StatusOr<std::vector<AvailableRole>> held = company_source(s.fiscal_code, s.level);
    if (!held.ok()) {
      platform::log::Warn("session: company roles cannot be re-checked",
                          {{"reason", platform::ErrorReason(held.status())},
                           {"error", std::string(held.status().message())}});
    }
    rotate = ApplyCompanyRoles(s, held, now, options_.company_roles_grace, levels);
  }
  s.roles_checked_at = now;
  s.last_seen = now;  // the write below is also the touch
  // A company role taken away from the selection changes what the session may do: a new id, as
  // for a role change (the answer carries the new cookie, see Identity::Resolve).
  absl::Status written = rotate ? Rotate(s) : Write(s, now);
  if (!written.ok()) {
    if (written.code() == absl::StatusCode::kFailedPrecondition) return false;
    return written;
  }
  return true;
}

}  // namespace sisl::gateway::session
