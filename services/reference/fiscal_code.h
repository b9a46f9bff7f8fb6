#ifndef SISL_REFERENCE_FISCAL_CODE_H_
#define SISL_REFERENCE_FISCAL_CODE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"

namespace sisl::reference {

// Italian personal fiscal code (codice fiscale, DOMAIN.md §8): surname 3 letters, name 3 letters,
// year 2 digits, month letter (ABCDEHLMPRST), day 2 digits (+40 for women), birth place (the
// Belfiore code of the municipality, or Z and 3 digits for a foreign country), check letter.
// Omocodia replaces digits at positions 7, 8, 10, 11, 13, 14, 15 (1-based), from the right, with
// LMNPQRSTUV for 0..9. Codes are never logged.

enum class Sex { kMale, kFemale };

// Trims surrounding whitespace and upper-cases ASCII letters.
std::string NormalizeFiscalCode(absl::string_view code);

// The check letter of the first 15 characters of a code (upper-case letters and digits), with the
// official odd/even tables; nullopt when `first15` is not 15 such characters.
std::optional<char> FiscalCodeCheckCharacter(absl::string_view first15);

// Validates a normalized code (see NormalizeFiscalCode): INVALID_ARGUMENT on field `field` with
// reason INVALID_FISCAL_CODE_FORMAT (length, shape, month letter, day of month) or
// INVALID_FISCAL_CODE_CHECK (wrong check letter). The birth place is not looked up (see
// Municipalities::BirthPlaceKnown).
absl::Status ValidateFiscalCode(absl::string_view code, absl::string_view field = "fiscal_code");

// The birth date encoded in a valid code. The two-digit year gets the latest century that does not
// put the date after `today` (so people over 100 years old come out 100 years too young).
// INVALID_FISCAL_CODE_FORMAT also when the date does not exist in that year (29 February).
absl::StatusOr<absl::CivilDay> BirthDateFromFiscalCode(absl::string_view code,
                                                       absl::CivilDay today);

// Age in whole years on `day` (negative when `day` is before `birth`). Someone born on
// 29 February becomes one year older on 1 March in common years.
int AgeOn(absl::CivilDay birth, absl::CivilDay day);

// What a valid code says.
struct DecodedFiscalCode {
  std::string code;             // the code decoded (normalized)
  std::string base_code;        // omocodia undone: digits in every digit position, own check letter
  bool omocode = false;         // true when `code` has omocodia letters
  std::string surname_letters;  // characters 1-3
  std::string name_letters;     // characters 4-6
  Sex sex = Sex::kMale;
  absl::CivilDay birth_date;     // century as in BirthDateFromFiscalCode
  std::string birth_place_code;  // e.g. "L219" (Torino) or "Z404"; omocodia undone
};

// Decodes a normalized code; the errors of BirthDateFromFiscalCode.
absl::StatusOr<DecodedFiscalCode> DecodeFiscalCode(absl::string_view code, absl::CivilDay today);

// The 128 codes of one person: every combination of omocodia substitutions of the base code of
// `code` (any of them may be given), each with its check letter. Element 0 is the base code and
// bit k of an index substitutes the (k+1)-th digit from the right, so element 2^k - 1 is the
// k-th omocode the Agenzia delle Entrate assigns. The errors of ValidateFiscalCode.
absl::StatusOr<std::vector<std::string>> OmocodiaVariants(absl::string_view code);

// The three letters of a surname / a name (official rules: consonants in order, then vowels,
// then X; a name with four or more consonants takes the 1st, 3rd and 4th). Accented and other
// Latin letters count as their base letter; apostrophes, spaces and other signs are skipped.
// "" when the text has no letter.
std::string SurnameLetters(absl::string_view surname);
std::string NameLetters(absl::string_view name);

// The data a fiscal code is computed from.
struct FiscalCodePerson {
  std::string surname;
  std::string name;
  Sex sex = Sex::kMale;
  absl::CivilDay birth_date;
  std::string birth_place_code;  // Belfiore code of the municipality, or the country's Z code
};

// The base (non-omocode) code of a person. INVALID_ARGUMENT with reason INVALID_SURNAME,
// INVALID_NAME (no letter), INVALID_BIRTH_PLACE_CODE (not a letter and 3 digits) or
// INVALID_BIRTH_DATE (year before 1800).
absl::StatusOr<std::string> EncodeFiscalCode(const FiscalCodePerson& person);

// One field of declared data that disagrees with a fiscal code.
struct FiscalCodeMismatch {
  std::string field;        // surname, name, sex, birth_date, birth_place_code
  std::string reason;       // FISCAL_CODE_<FIELD>_MISMATCH, e.g. FISCAL_CODE_BIRTH_DATE_MISMATCH
  std::string description;  // names the characters of the code, never their values
};

struct FiscalCodeCoherence {
  DecodedFiscalCode decoded;
  std::vector<FiscalCodeMismatch> mismatches;  // in field order; empty when coherent

  bool coherent() const { return mismatches.empty(); }
};

// Compares declared data with what a normalized code encodes, every field (omocode codes
// included). The birth date is compared on day, month and the two year digits, so the century
// choice never makes a mismatch. Fails only when the code itself is invalid (DecodeFiscalCode).
absl::StatusOr<FiscalCodeCoherence> CheckFiscalCodeCoherence(absl::string_view code,
                                                             const FiscalCodePerson& declared,
                                                             absl::CivilDay today);

// OK when `mismatches` is empty; otherwise INVALID_ARGUMENT with the first mismatch's reason and
// one field violation per mismatch, for an API to return.
absl::Status FiscalCodeMismatchStatus(const std::vector<FiscalCodeMismatch>& mismatches);

}  // namespace sisl::reference

#endif  // SISL_REFERENCE_FISCAL_CODE_H_
