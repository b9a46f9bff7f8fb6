#ifndef SISL_ENTERPRISE_APP_ACCESS_H_
#define SISL_ENTERPRISE_APP_ACCESS_H_

// Who may do what in the enterprise service. The gateway's token says which company a person
// acts for and with which scopes; this service re-checks it against its own delegations (the
// authority), so a token minted before a revocation is refused at once.

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/enterprise/domain/delegation.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/auth/person_id.h"
#include "services/platform/db/database.h"

namespace sisl::enterprise {

using platform::auth::Caller;
using platform::auth::Role;

bool IsStaff(const Caller& caller);
bool IsOperatorOrAdmin(const Caller& caller);

// The fiscal code of the caller among the holders of `delegations`: matched by pseudonymous
// person id, so a token need not carry a fiscal code. "" when the caller holds none of them.
std::string HolderCodeOf(const std::vector<Delegation>& delegations, const Caller& caller,
                         const platform::auth::PersonIdHasher& person_ids);

// A person acting for `company` in `scope` today: the caller's selected role must be a company
// or consultant role for that company (PERMISSION_DENIED, reason NOT_ACTING_FOR_COMPANY), and the
// company's delegations must allow it (the reasons of Authorize). Returns the person's fiscal
// code, for the acts it records.
absl::StatusOr<std::string> RequireCompanyScope(platform::db::Transaction& tx, const Caller& caller,
                                                const std::string& company, DelegationScope scope,
                                                absl::CivilDay today,
                                                const platform::auth::PersonIdHasher& person_ids);

// Operators of a CPI where the company has a site, and administrators (PERMISSION_DENIED,
// reason OUTSIDE_OPERATOR_CPI, otherwise).
absl::Status RequireOperatorOfCompany(platform::db::Transaction& tx, const Caller& caller,
                                      const std::string& company);

// The role name kept in histories ("company", "consultant", "operator", "admin", "citizen").
std::string ActorRole(const Caller& caller);

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_APP_ACCESS_H_
