#ifndef SISL_GATEWAY_STAFF_DOMAIN_FISCAL_CODE_H_
#define SISL_GATEWAY_STAFF_DOMAIN_FISCAL_CODE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sisl::gateway::staff {

// The staff directory's fiscal-code checks: the rules are services/reference's (DOMAIN.md §8);
// the directory answers every invalid code with one reason.

// Trims surrounding whitespace and upper-cases ASCII letters.
std::string NormalizeFiscalCode(absl::string_view code);

// Validates a normalized code (shape, month letter, day of month, omocodia, check character).
// INVALID_ARGUMENT, reason INVALID_FISCAL_CODE, field `field` otherwise.
absl::Status ValidateFiscalCode(absl::string_view code, absl::string_view field = "fiscal_code");

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_DOMAIN_FISCAL_CODE_H_
