#include "services/booking/domain/fiscal_code.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

using platform::InvalidField;

constexpr size_t kLength = 16;
constexpr absl::string_view kMonthLetters = "ABCDEHLMPRST";
constexpr absl::string_view kOmocodeLetters = "LMNPQRSTUV";  // stand for 0..9
// Indices (0-based) of the characters that are digits, or omocode letters.
constexpr size_t kDigitPositions[] = {6, 7, 9, 10, 12, 13, 14};
// Values of the characters in odd (1-based) positions: digits 0-9 and letters A-Z.
constexpr int kOddValues[26] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                                20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};

bool IsDigitPosition(size_t i) {
  for (size_t p : kDigitPositions) {
    if (p == i) return true;
  }
  return false;
}

// The digit value of a digit or omocode letter; -1 for anything else.
int DigitValue(char c) {
  if (absl::ascii_isdigit(static_cast<unsigned char>(c))) return c - '0';
  const size_t pos = kOmocodeLetters.find(c);
  return pos == absl::string_view::npos ? -1 : static_cast<int>(pos);
}

int TwoDigits(absl::string_view code, size_t i) {
  return DigitValue(code[i]) * 10 + DigitValue(code[i + 1]);
}

bool IsUpperAlnum(char c) {
  return absl::ascii_isupper(static_cast<unsigned char>(c)) ||
         absl::ascii_isdigit(static_cast<unsigned char>(c));
}

absl::Status FormatError(absl::string_view what) {
  return InvalidField("INVALID_FISCAL_CODE_FORMAT", "fiscal_code", what);
}

}  // namespace

std::string NormalizeFiscalCode(absl::string_view code) {
  return absl::AsciiStrToUpper(absl::StripAsciiWhitespace(code));
}

std::optional<char> FiscalCodeCheckCharacter(absl::string_view first15) {
  if (first15.size() != kLength - 1) return std::nullopt;
  int sum = 0;
  for (size_t i = 0; i < first15.size(); ++i) {
    const char c = first15[i];
    if (!IsUpperAlnum(c)) return std::nullopt;
    const int index = absl::ascii_isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A';
    sum += (i % 2 == 0) ? kOddValues[index] : index;  // index 0 is position 1, an odd position
  }
  return static_cast<char>('A' + sum % 26);
}

absl::Status ValidateFiscalCode(absl::string_view code) {
  if (code.size() != kLength) {
    return FormatError("must be 16 characters long");
  }
  for (size_t i = 0; i < kLength; ++i) {
    const char c = code[i];
    if (IsDigitPosition(i)) {
      if (DigitValue(c) < 0) {
        return FormatError(absl::StrCat("character ", i + 1, " must be a digit (or ",
                                        kOmocodeLetters, " for omocodia)"));
      }
    } else if (!absl::ascii_isupper(static_cast<unsigned char>(c))) {
      return FormatError(absl::StrCat("character ", i + 1, " must be an upper-case letter"));
    }
  }
  const size_t month_index = kMonthLetters.find(code[8]);
  if (month_index == absl::string_view::npos) {
    return FormatError(absl::StrCat("the month letter must be one of ", kMonthLetters));
  }
  int day = TwoDigits(code, 9);
  if (day > 40) day -= 40;
  constexpr int kMonthDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day < 1 || day > kMonthDays[month_index]) {
    return FormatError("the day of birth does not exist (1-31, or 41-71 for women)");
  }
  const std::optional<char> check = FiscalCodeCheckCharacter(code.substr(0, kLength - 1));
  if (!check.has_value() || *check != code[kLength - 1]) {
    return InvalidField("INVALID_FISCAL_CODE_CHECK", "fiscal_code",
                        "the check character does not match: the code is mistyped");
  }
  return absl::OkStatus();
}

absl::StatusOr<absl::CivilDay> BirthDateFromFiscalCode(absl::string_view code,
                                                       absl::CivilDay today) {
  if (auto st = ValidateFiscalCode(code); !st.ok()) return st;
  const int yy = TwoDigits(code, 6);
  const int month = static_cast<int>(kMonthLetters.find(code[8])) + 1;
  int day = TwoDigits(code, 9);
  if (day > 40) day -= 40;
  const int this_century = static_cast<int>(today.year() / 100) * 100;
  int year = this_century + yy;
  if (absl::CivilDay(year, month, day) > today) year -= 100;
  const absl::CivilDay birth(year, month, day);
  if (birth.month() != month || birth.day() != day) {
    return FormatError(absl::StrCat("the birth date does not exist: ", day, "/", month, "/", year));
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

}  // namespace sisl::booking
