#ifndef SISL_REFERENCE_VAT_NUMBER_H_
#define SISL_REFERENCE_VAT_NUMBER_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace sisl::reference {

// Partita IVA, which is also the fiscal code of companies and other non-natural persons
// (DOMAIN.md §8): 11 digits, the company number (7), the tax office (3), a Luhn check digit.

// Removes every whitespace character and a leading "IT" country prefix (any case), as VAT
// numbers are written on invoices ("IT 01234567890"; SPID's ivaCode "VATIT-..." is the caller's
// to strip).
std::string NormalizeVatNumber(absl::string_view vat_number);

// The check digit of the first 10 digits (Luhn: digits in even 1-based positions doubled,
// minus 9 above 9; the check digit brings the sum to a multiple of 10); nullopt when `first10`
// is not 10 digits.
std::optional<char> VatNumberCheckDigit(absl::string_view first10);

// Validates a normalized number: INVALID_ARGUMENT on field `field` with reason
// INVALID_VAT_NUMBER (not 11 digits, or all zeros) or INVALID_VAT_NUMBER_CHECK (wrong check
// digit).
absl::Status ValidateVatNumber(absl::string_view vat_number,
                               absl::string_view field = "vat_number");

}  // namespace sisl::reference

#endif  // SISL_REFERENCE_VAT_NUMBER_H_
