#ifndef SISL_BOOKING_DOMAIN_FISCAL_CODE_H_
#define SISL_BOOKING_DOMAIN_FISCAL_CODE_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace sisl::booking {

// Italian personal fiscal code (codice fiscale): surname 3 letters, name 3 letters, year 2 digits,
// month letter (ABCDEHLMPRST), day 2 digits (+40 for women), Belfiore code (letter and 3 digits),
// check letter. Omocodia may replace any of the digits (positions 7, 8, 10, 11, 13, 14, 15,
// 1-based) with LMNPQRSTUV for 0..9.

// Trims surrounding whitespace and upper-cases ASCII letters.
std::string NormalizeFiscalCode(absl::string_view code);

// The check letter of the first 15 characters of a code (upper-case letters and digits), with the
// official odd/even tables; nullopt when `first15` is not 15 such characters.
std::optional<char> FiscalCodeCheckCharacter(absl::string_view first15);

// Validates a normalized code (see NormalizeFiscalCode): INVALID_ARGUMENT with reason
// INVALID_FISCAL_CODE_FORMAT (length, shape, month letter, day of month) or
// INVALID_FISCAL_CODE_CHECK (wrong check letter), field "fiscal_code".
absl::Status ValidateFiscalCode(absl::string_view code);

// The birth date encoded in a valid code. The two-digit year gets the latest century that does not
// put the date after `today` (so people over 100 years old come out 100 years too young).
// INVALID_FISCAL_CODE_FORMAT also when the date does not exist in that year (29 February).
absl::StatusOr<absl::CivilDay> BirthDateFromFiscalCode(absl::string_view code,
                                                       absl::CivilDay today);

// Age in whole years on `day` (negative when `day` is before `birth`). Someone born on
// 29 February becomes one year older on 1 March in common years.
int AgeOn(absl::CivilDay birth, absl::CivilDay day);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_FISCAL_CODE_H_
