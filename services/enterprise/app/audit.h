#ifndef SISL_ENTERPRISE_APP_AUDIT_H_
#define SISL_ENTERPRISE_APP_AUDIT_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/db/database.h"

namespace sisl::enterprise {

// A staff read of people's data (a company's delegations name persons), with its reason, in the
// reading transaction: if the record cannot be written the read fails.
absl::Status AuditRead(platform::db::Transaction& tx, const platform::auth::Caller& caller,
                       const std::string& action, const std::string& subject,
                       const std::string& reason, absl::Time at);

// INVALID_ARGUMENT ACCESS_REASON_REQUIRED (blank) or ACCESS_REASON_TOO_LONG.
absl::Status CheckAccessReason(const std::string& reason);

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_APP_AUDIT_H_
