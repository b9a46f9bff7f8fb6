// Validation, check character, birth date and decoding of personal fiscal codes.

#include "services/reference/fiscal_code.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "services/reference/fiscal_code_internal.h"

namespace sisl::reference {
namespace {

using platform::InvalidField;

// Values of the characters in odd (1-based) positions, indexed by digit value or letter - 'A'.
constexpr int kOddValues[26] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
constexpr int kMonthDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

bool IsDigitPosition(size_t i) {
  for (size_t p : internal::kDigitPositions) {
    if (p == i) return true;
  }
  return false;
}

int TwoDigits(absl::string_view code, size_t i) {
  return internal::DigitValue(code[i]) * 10 + internal::DigitValue(code[i + 1]);
}

absl::Status FormatError(absl::string_view field, absl::string_view what) {
  return InvalidField("INVALID_FISCAL_CODE_FORMAT", field, what);
}

// The shape checks of ValidateFiscalCode, without the check character.
absl::Status ValidateShape(absl::string_view code, absl::string_view field) {
  if (code.size() != internal::kLength) return FormatError(field, "must be 16 characters long");
  for (size_t i = 0; i < internal::kLength; ++i) {
    const char c = code[i];
    if (IsDigitPosition(i)) {
      if (internal::DigitValue(c) < 0) {
        return FormatError(field, absl::StrCat("character ", i + 1, " must be a digit (or ",
                                               internal::kOmocodeLetters, " for omocodia)"));
      }
    } else if (!absl::ascii_isupper(static_cast<unsigned char>(c))) {
      return FormatError(field, absl::StrCat("character ", i + 1, " must be an upper-case letter"));
    }
  }
  const size_t month_index = internal::kMonthLetters.find(code[8]);
  if (month_index == absl::string_view::npos) {
    return FormatError(field,
                       absl::StrCat("the month letter must be one of ", internal::kMonthLetters));
  }
  int day = TwoDigits(code, 9);
  if (day > 40) day -= 40;
  if (day < 1 || day > kMonthDays[month_index]) {
    return FormatError(field, "the day of birth does not exist (1-31, or 41-71 for women)");
  }
  return absl::OkStatus();
}

}  // namespace

namespace internal {

int DigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  const size_t pos = kOmocodeLetters.find(c);
  return pos == absl::string_view::npos ? -1 : static_cast<int>(pos);
}

std::string WithCheckCharacter(std::string first15) {
  first15.push_back(FiscalCodeCheckCharacter(first15).value_or('?'));
  return first15;
}

}  // namespace internal

std::string NormalizeFiscalCode(absl::string_view code) {
  return absl::AsciiStrToUpper(absl::StripAsciiWhitespace(code));
}

std::optional<char> FiscalCodeCheckCharacter(absl::string_view first15) {
  if (first15.size() != internal::kLength - 1) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < first15.size(); ++i) {
    const char c = first15[i];
    int index;
    if (c >= '0' && c <= '9') {
      index = c - '0';
    } else if (c >= 'A' && c <= 'Z') {
      index = c - 'A';
    } else {
      return std::nullopt;
    }
    sum += (i % 2 == 0) ? kOddValues[index] : index;  // index 0 is position 1, an odd position
  }
  return static_cast<char>('A' + sum % 26);
}

absl::Status ValidateFiscalCode(absl::string_view code, absl::string_view field) {
  RETURN_IF_ERROR(ValidateShape(code, field));
  if (FiscalCodeCheckCharacter(code.substr(0, internal::kLength - 1)) != code.back()) {
    return InvalidField("INVALID_FISCAL_CODE_CHECK", field,
                        "the check character does not match: the code is mistyped");
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::CivilDay> BirthDateFromFiscalCode(absl::string_view code,
                                                       absl::CivilDay today) {
  RETURN_IF_ERROR(ValidateFiscalCode(code));
  const int yy = TwoDigits(code, 6);
  const int month = static_cast<int>(internal::kMonthLetters.find(code[8])) + 1;
  int day = TwoDigits(code, 9);
  if (day > 40) day -= 40;
  int year = static_cast<int>(today.year() / 100) * 100 + yy;
  if (absl::CivilDay(year, month, day) > today) year -= 100;
  const absl::CivilDay birth(year, month, day);
  if (birth.month() != month || birth.day() != day) {  // CivilDay normalized 29/2 to 1/3
    return FormatError("fiscal_code",
                       absl::StrCat("the birth date does not exist: ", day, "/", month, "/", year));
  }
  return birth;
}

int AgeOn(absl::CivilDay birth, absl::CivilDay day) {
  int years = static_cast<int>(day.year() - birth.year());
  if (day.month() < birth.month() || (day.month() == birth.month() && day.day() < birth.day())) {
    --years;
  }
  return years;
}

absl::StatusOr<DecodedFiscalCode> DecodeFiscalCode(absl::string_view code, absl::CivilDay today) {
  ASSIGN_OR_RETURN(absl::CivilDay birth, BirthDateFromFiscalCode(code, today));
  DecodedFiscalCode out;
  out.code = std::string(code);
  std::string base(code.substr(0, internal::kLength - 1));
  for (size_t p : internal::kDigitPositions) {
    const char digit = static_cast<char>('0' + internal::DigitValue(base[p]));
    out.omocode = out.omocode || digit != base[p];
    base[p] = digit;
  }
  out.base_code = internal::WithCheckCharacter(std::move(base));
  out.surname_letters = out.code.substr(0, 3);
  out.name_letters = out.code.substr(3, 3);
  out.sex = TwoDigits(code, 9) > 40 ? Sex::kFemale : Sex::kMale;
  out.birth_date = birth;
  out.birth_place_code = out.base_code.substr(11, 4);
  return out;
}

absl::StatusOr<std::vector<std::string>> OmocodiaVariants(absl::string_view code) {
  RETURN_IF_ERROR(ValidateFiscalCode(code));
  std::string base(code.substr(0, internal::kLength - 1));
  for (size_t p : internal::kDigitPositions) {
    base[p] = static_cast<char>('0' + internal::DigitValue(base[p]));
  }
  constexpr size_t kCount = 1u << (sizeof(internal::kDigitPositions) / sizeof(size_t));
  std::vector<std::string> out;
  out.reserve(kCount);
  for (size_t mask = 0; mask < kCount; ++mask) {
    std::string variant = base;
    for (size_t k = 0; k < 7; ++k) {
      const size_t p = internal::kDigitPositions[6 - k];  // bit 0 is the rightmost digit
      if (mask & (size_t{1} << k)) variant[p] = internal::kOmocodeLetters[variant[p] - '0'];
    }
    out.push_back(internal::WithCheckCharacter(std::move(variant)));
  }
  return out;
}

}  // namespace sisl::reference
