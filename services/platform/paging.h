#ifndef SISL_PLATFORM_PAGING_H_
#define SISL_PLATFORM_PAGING_H_

#include "absl/strings/string_view.h"
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace sisl::platform {

// AIP-158 pagination helpers. A page token is opaque to clients: it carries the cursor (the last
// key returned) and a fingerprint of the query, so a token reused with other filters is refused.

// 0 means `default_size`; negative sizes are INVALID_ARGUMENT (reason INVALID_PAGE_SIZE); sizes
// above `max_size` are lowered to it.
absl::StatusOr<int> ResolvePageSize(int requested, int default_size, int max_size);

std::string EncodePageToken(absl::string_view cursor, absl::string_view query);

// Returns the cursor ("" for an empty token). INVALID_ARGUMENT with reason INVALID_PAGE_TOKEN
// when the token is malformed or was issued for a different query.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view query);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_PAGING_H_
