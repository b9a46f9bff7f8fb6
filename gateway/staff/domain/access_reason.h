#ifndef SISL_GATEWAY_STAFF_DOMAIN_ACCESS_REASON_H_
#define SISL_GATEWAY_STAFF_DOMAIN_ACCESS_REASON_H_

#include <cstddef>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/platform/access_reason.h"

namespace sisl::gateway::staff {

// Staff members are people: an administrator listing or reading them says why, and the reason is
// kept in the staff audit (as booking's staff reads of a citizen's data do, with the same
// reasons and limit).
inline constexpr size_t kMaxAccessReasonLength = platform::kMaxAccessReasonLength;  // characters

// INVALID_ARGUMENT on `access_reason`: ACCESS_REASON_REQUIRED when empty or only ASCII blanks,
// ACCESS_REASON_TOO_LONG over kMaxAccessReasonLength characters.
absl::Status ValidateAccessReason(absl::string_view reason);

// At most kMaxAccessReasonLength characters of `reason`, cut at a character boundary: what a
// refused attempt records of the reason it gave, whatever it was.
std::string BoundedAccessReason(absl::string_view reason);

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_DOMAIN_ACCESS_REASON_H_
