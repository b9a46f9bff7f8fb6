#ifndef SISL_GATEWAY_STAFF_DOMAIN_FISCAL_CODE_H_
#define SISL_GATEWAY_STAFF_DOMAIN_FISCAL_CODE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sisl::gateway::staff {

// Personal codice fiscale checks for the staff directory (DOMAIN.md §8): the gateway does not link
// the booking service's library, so this is the gateway's own small copy of the shape and
// check-character rules (omocodia included).

// Trims surrounding whitespace and upper-cases ASCII letters.
std::string NormalizeFiscalCode(absl::string_view code);

// Validates a normalized code: 16 characters shaped like a codice fiscale (month letter, day of
// month, omocodia letters in the digit positions) with the right check character.
// INVALID_ARGUMENT, reason INVALID_FISCAL_CODE, field `field` otherwise.
absl::Status ValidateFiscalCode(absl::string_view code, absl::string_view field = "fiscal_code");

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_DOMAIN_FISCAL_CODE_H_
