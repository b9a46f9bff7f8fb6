#include "services/enterprise/app/audit.h"

#include "absl/strings/ascii.h"
#include "services/enterprise/app/access.h"
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
  if (absl::StripAsciiWhitespace(reason).empty()) {
    return platform::InvalidField("ACCESS_REASON_REQUIRED", "access_reason",
                                  "staff reading people's data must say why");
  }
  size_t characters = 0;  // UTF-8 code points, as the API's field rule counts them
  for (unsigned char c : reason) characters += (c & 0xC0) != 0x80;
  if (characters > kMaxAccessReasonLength) {
    return platform::InvalidField("ACCESS_REASON_TOO_LONG", "access_reason",
                                  "at most 500 characters");
  }
  return absl::OkStatus();
}

}  // namespace sisl::enterprise
