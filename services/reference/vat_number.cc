#include "services/reference/vat_number.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "services/platform/errors.h"

namespace sisl::reference {
namespace {

bool AllDigits(absl::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string NormalizeVatNumber(absl::string_view vat_number) {
  std::string out;
  for (char c : vat_number) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) out.push_back(c);
  }
  if (absl::StartsWithIgnoreCase(out, "IT")) out.erase(0, 2);
  return out;
}

std::optional<char> VatNumberCheckDigit(absl::string_view first10) {
  if (first10.size() != 10 || !AllDigits(first10)) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < first10.size(); ++i) {
    int digit = first10[i] - '0';
    if (i % 2 == 1) {  // index 1 is position 2, an even position
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

absl::Status ValidateVatNumber(absl::string_view vat_number, absl::string_view field) {
  if (vat_number.size() != 11 || !AllDigits(vat_number)) {
    return platform::InvalidField("INVALID_VAT_NUMBER", field, "must be 11 digits");
  }
  // Passes the Luhn check but is the placeholder of forms, never a real number.
  if (vat_number == "00000000000") {
    return platform::InvalidField("INVALID_VAT_NUMBER", field, "must not be all zeros");
  }
  if (VatNumberCheckDigit(vat_number.substr(0, 10)) != vat_number.back()) {
    return platform::InvalidField("INVALID_VAT_NUMBER_CHECK", field,
                                  "the check digit does not match: the number is mistyped");
  }
  return absl::OkStatus();
}

}  // namespace sisl::reference
