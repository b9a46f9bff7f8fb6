// The reason staff give when they read or change a person's data (audited with it): one rule
// for every service.
#ifndef SISL_PLATFORM_ACCESS_REASON_H_
#define SISL_PLATFORM_ACCESS_REASON_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sisl::platform {

// Characters (Unicode code points), as the APIs' field rules count them.
inline constexpr size_t kMaxAccessReasonLength = 500;

// INVALID_ARGUMENT on field access_reason: ACCESS_REASON_REQUIRED when it is blank (the
// message asks why the caller is looking up `looking_up`, e.g. "this citizen"), or
// ACCESS_REASON_TOO_LONG over kMaxAccessReasonLength characters.
absl::Status CheckAccessReason(absl::string_view reason, absl::string_view looking_up);

// The number of UTF-8 code points of `text` (bytes that do not continue a character).
size_t Utf8Characters(absl::string_view text);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_ACCESS_REASON_H_
