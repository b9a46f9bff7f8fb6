// Who may file and read communications (ADR 0019). A company's people act for it with the
// communications scope: the gateway's token names the company and the scope, and this service
// re-checks the delegation against its replica of enterprise's delegations, so a revoked
// delegate is refused at once. Operators file "by the office" and read with an audited reason.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_ACCESS_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_ACCESS_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/communications/domain/communication.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/db/database.h"

namespace sisl::communications {

using platform::auth::Caller;
using platform::auth::Role;

bool IsStaff(const Caller& caller);  // operators and administrators

// The company a communication is filed for: the agency for UNISOMM, else the employer.
const std::string& FiledFor(const Communication& c);

// A person acting for `company` with the communications scope, held in the replica:
// PERMISSION_DENIED with reason NOT_ACTING_FOR_COMPANY, SCOPE_MISSING or DELEGATION_NOT_ACTIVE.
absl::Status RequireFiler(platform::db::Transaction& tx, const Caller& caller,
                          const std::string& company);

// Filing `c`: a company filer for FiledFor(c) (nature other than BY_OFFICE), or staff (nature
// BY_OFFICE only: PERMISSION_DENIED, reason BY_OFFICE_ONLY / BY_OFFICE_STAFF_ONLY).
absl::Status RequireMayFile(platform::db::Transaction& tx, const Caller& caller,
                            const Communication& c);

// The role kept with a filing ("company", "consultant", "operator", "admin").
std::string ActorRole(const Caller& caller);

// Staff reads of a person's data: a reason (ACCESS_REASON_REQUIRED, ACCESS_REASON_TOO_LONG) and
// an audit record in the reading transaction; a denied attempt is recorded too.
absl::Status CheckAccessReason(const std::string& reason);
absl::Status Audit(platform::db::Transaction& tx, const Caller& caller, const std::string& action,
                   const std::string& subject, const std::string& reason, bool allowed,
                   absl::Time at);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_ACCESS_H_
