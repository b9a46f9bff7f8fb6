// Fiscal codes from a person's data: the surname and name letters, encoding, and the coherence of
// declared data with a code.

#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/fiscal_code_internal.h"
#include "services/reference/text_folding.h"

namespace sisl::reference {
namespace {

using platform::InvalidField;

bool IsVowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U'; }

struct Letters {
  std::string consonants;
  std::string vowels;
};

// The letters of a name as the rules count them: Latin letters with their diacritics removed
// (ToAsciiUpper), every other character (apostrophes, spaces, hyphens) skipped. J, K, W, X and
// Y are consonants.
Letters SplitLetters(absl::string_view text) {
  Letters out;
  for (char c : ToAsciiUpper(text)) {
    if (c < 'A' || c > 'Z') continue;
    (IsVowel(c) ? out.vowels : out.consonants).push_back(c);
  }
  return out;
}

std::string ThreeLetters(const std::string& consonants, const std::string& vowels) {
  if (consonants.empty() && vowels.empty()) return "";
  std::string out = (consonants + vowels).substr(0, 3);
  out.resize(3, 'X');  // short names are padded with X
  return out;
}

std::string TwoDigitString(int value) {
  return std::string{static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

// The birth-date part (characters 7-11) of a base code.
std::string DatePart(absl::CivilDay day, Sex sex) {
  const int yy = static_cast<int>(day.year() % 100);
  return absl::StrCat(TwoDigitString(yy), std::string(1, internal::kMonthLetters[day.month() - 1]),
                      TwoDigitString(day.day() + (sex == Sex::kFemale ? 40 : 0)));
}

bool IsPlaceCode(absl::string_view code) {
  return code.size() == 4 && absl::ascii_isupper(static_cast<unsigned char>(code[0])) &&
         absl::ascii_isdigit(static_cast<unsigned char>(code[1])) &&
         absl::ascii_isdigit(static_cast<unsigned char>(code[2])) &&
         absl::ascii_isdigit(static_cast<unsigned char>(code[3]));
}

absl::string_view SexWord(Sex sex) { return sex == Sex::kFemale ? "female" : "male"; }

}  // namespace

std::string SurnameLetters(absl::string_view surname) {
  const Letters l = SplitLetters(surname);
  return ThreeLetters(l.consonants, l.vowels);
}

std::string NameLetters(absl::string_view name) {
  Letters l = SplitLetters(name);
  if (l.consonants.size() >= 4) l.consonants = {l.consonants[0], l.consonants[2], l.consonants[3]};
  return ThreeLetters(l.consonants, l.vowels);
}

absl::StatusOr<std::string> EncodeFiscalCode(const FiscalCodePerson& person) {
  const std::string surname = SurnameLetters(person.surname);
  if (surname.empty()) return InvalidField("INVALID_SURNAME", "surname", "has no letter");
  const std::string name = NameLetters(person.name);
  if (name.empty()) return InvalidField("INVALID_NAME", "name", "has no letter");
  const std::string place =
      absl::AsciiStrToUpper(absl::StripAsciiWhitespace(person.birth_place_code));
  if (!IsPlaceCode(place)) {
    return InvalidField("INVALID_BIRTH_PLACE_CODE", "birth_place_code",
                        "must be a letter and 3 digits (Belfiore code, or Z code of a country)");
  }
  if (person.birth_date.year() < 1800) {
    return InvalidField("INVALID_BIRTH_DATE", "birth_date", "must not be before 1800");
  }
  return internal::WithCheckCharacter(
      absl::StrCat(surname, name, DatePart(person.birth_date, person.sex), place));
}

absl::StatusOr<FiscalCodeCoherence> CheckFiscalCodeCoherence(absl::string_view code,
                                                             const FiscalCodePerson& declared,
                                                             absl::CivilDay today) {
  FiscalCodeCoherence out;
  ASSIGN_OR_RETURN(out.decoded, DecodeFiscalCode(code, today));
  const DecodedFiscalCode& d = out.decoded;
  auto mismatch = [&](absl::string_view field, absl::string_view reason, std::string description) {
    out.mismatches.push_back({std::string(field), std::string(reason), std::move(description)});
  };
  if (SurnameLetters(declared.surname) != d.surname_letters) {
    mismatch("surname", "FISCAL_CODE_SURNAME_MISMATCH",
             "the surname does not give characters 1-3 of the fiscal code");
  }
  if (NameLetters(declared.name) != d.name_letters) {
    mismatch("name", "FISCAL_CODE_NAME_MISMATCH",
             "the name does not give characters 4-6 of the fiscal code");
  }
  if (declared.sex != d.sex) {
    mismatch("sex", "FISCAL_CODE_SEX_MISMATCH",
             absl::StrCat("declared ", SexWord(declared.sex), ", the fiscal code is of a ",
                          SexWord(d.sex)));
  }
  // Day, month and the two year digits: the code has no century.
  const std::string declared_date = DatePart(declared.birth_date, d.sex);
  const std::string code_date = DatePart(d.birth_date, d.sex);
  if (declared_date != code_date) {
    mismatch("birth_date", "FISCAL_CODE_BIRTH_DATE_MISMATCH",
             "the birth date does not give characters 7-11 of the fiscal code");
  }
  const std::string place =
      absl::AsciiStrToUpper(absl::StripAsciiWhitespace(declared.birth_place_code));
  if (place != d.birth_place_code) {
    mismatch("birth_place_code", "FISCAL_CODE_BIRTH_PLACE_MISMATCH",
             "the birth place code is not characters 12-15 of the fiscal code");
  }
  return out;
}

absl::Status FiscalCodeMismatchStatus(const std::vector<FiscalCodeMismatch>& mismatches) {
  if (mismatches.empty()) return absl::OkStatus();
  std::vector<platform::FieldViolation> violations;
  for (const FiscalCodeMismatch& m : mismatches) violations.push_back({m.field, m.description});
  return platform::Error(absl::StatusCode::kInvalidArgument, mismatches.front().reason,
                         "the fiscal code does not match the declared data", {}, violations);
}

}  // namespace sisl::reference
