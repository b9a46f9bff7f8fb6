#include "gateway/staff/domain/fiscal_code.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::gateway::staff {
namespace {

// Values of the characters in odd (1-based) positions, for digits and letters alike.
constexpr int kOdd[26] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                          20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
constexpr absl::string_view kMonths = "ABCDEHLMPRST";
constexpr absl::string_view kOmocodia = "LMNPQRSTUV";  // 0..9
// 0-based positions that hold digits (or omocodia letters).
constexpr int kDigitPositions[] = {6, 7, 9, 10, 12, 13, 14};

bool IsDigitPosition(int i) {
  for (int p : kDigitPositions) {
    if (p == i) return true;
  }
  return false;
}

// The digit value of a digit position (omocodia letters decoded), or -1.
int DigitValue(char c) {
  if (absl::ascii_isdigit(static_cast<unsigned char>(c))) return c - '0';
  const size_t pos = kOmocodia.find(c);
  return pos == absl::string_view::npos ? -1 : static_cast<int>(pos);
}

int CharValue(char c) {
  return absl::ascii_isdigit(static_cast<unsigned char>(c)) ? c - '0' : c - 'A';
}

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return platform::InvalidField("INVALID_FISCAL_CODE", field,
                                absl::StrCat("not a valid codice fiscale: ", why));
}

}  // namespace

std::string NormalizeFiscalCode(absl::string_view code) {
  return absl::AsciiStrToUpper(absl::StripAsciiWhitespace(code));
}

absl::Status ValidateFiscalCode(absl::string_view code, absl::string_view field) {
  if (code.size() != 16) return Invalid(field, "it must have 16 characters");
  for (int i = 0; i < 16; ++i) {
    const char c = code[i];
    if (IsDigitPosition(i)) {
      if (DigitValue(c) < 0) return Invalid(field, "a digit is expected");
    } else if (!absl::ascii_isupper(static_cast<unsigned char>(c))) {
      return Invalid(field, "a letter is expected");
    }
  }
  if (!absl::StrContains(kMonths, code[8])) return Invalid(field, "unknown month letter");
  const int day = DigitValue(code[9]) * 10 + DigitValue(code[10]);
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) {
    return Invalid(field, "day of birth out of range");
  }
  int sum = 0;
  for (int i = 0; i < 15; ++i) {
    const int v = CharValue(code[i]);
    sum += (i % 2 == 0) ? kOdd[v] : v;  // 0-based even index = 1-based odd position
  }
  if (code[15] != static_cast<char>('A' + sum % 26)) return Invalid(field, "wrong check character");
  return absl::OkStatus();
}

}  // namespace sisl::gateway::staff
