// Who may do what in matching (ADR 0020): citizens their own profile and proposals; operators
// the profiles, matches and proposals of their CPI (administrators any), reading a person's
// profile with an audited reason; a company's people (vacancies scope) the candidates sent to
// their vacancies, from the visibility date.
#ifndef SISL_SERVICES_MATCHING_APP_ACCESS_H_
#define SISL_SERVICES_MATCHING_APP_ACCESS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/db/database.h"

namespace sisl::matching {

using platform::auth::Caller;
using platform::auth::Role;

bool IsStaff(const Caller& caller);  // operators and administrators

// PERMISSION_DENIED CITIZENS_ONLY.
absl::Status RequireCitizen(const Caller& caller);
// Operators of `cpi_code` and administrators: PERMISSION_DENIED STAFF_ONLY or OTHER_CPI.
absl::Status RequireStaffOf(const Caller& caller, const std::string& cpi_code);
// A company's person acting for `company` with the vacancies scope: PERMISSION_DENIED
// NOT_ACTING_FOR_COMPANY or SCOPE_MISSING.
absl::Status RequireCompany(const Caller& caller, const std::string& company);

// "operator", "admin", "citizen", "company".
std::string ActorRole(const Caller& caller);

// A staff read or change of a person's data: the reason checked (ACCESS_REASON_REQUIRED,
// ACCESS_REASON_TOO_LONG) and recorded in `tx` with who, what and when.
absl::Status CheckAccessReason(const std::string& reason);
absl::Status Audit(platform::db::Transaction& tx, const Caller& caller, const std::string& action,
                   const std::string& person_id, const std::string& reason, absl::Time at);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_APP_ACCESS_H_
