#ifndef SISL_PLATFORM_IDS_H_
#define SISL_PLATFORM_IDS_H_

#include "absl/strings/string_view.h"
#include <string>

#include "absl/time/time.h"
#include "services/platform/clock.h"

namespace sisl::platform {

// Returns a new RFC 9562 UUID version 7 in canonical lower-case form. Ids made by one process are
// strictly increasing, also within one millisecond, so they sort in creation order.
std::string NewUuidV7(const Clock& clock = SystemClock::Get());

// True when `s` is a canonical UUID of any version.
bool IsUuid(absl::string_view s);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_IDS_H_
