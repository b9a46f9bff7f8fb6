#include "services/enterprise/app/audit.h"

#include "absl/strings/ascii.h"
#include "services/enterprise/app/access.h"
#include "services/platform/access_reason.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"

namespace sisl::enterprise {

absl::Status AuditRead(platform::db::Transaction& tx, const platform::auth::Caller& caller,
                       const std::string& action, const std::string& subject,
                       const std::string& reason, absl::Time at) {
  return tx
      .Execute(
          "INSERT INTO enterprise_audit (id, at, actor, actor_role, action, subject, reason,"
          " outcome) VALUES ($1, $2, $3, $4, $5, $6, $7, 'allowed')",
          {platform::NewUuidV7(), absl::ToUnixMicros(at), caller.subject, ActorRole(caller), action,
           subject, reason})
      .status();
}

absl::Status CheckAccessReason(const std::string& reason) {
  return platform::CheckAccessReason(reason, "people's data");
}

}  // namespace sisl::enterprise
