// Formats of the mandatory communications and validation of codes against the lists.

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "services/reference/code_lists.h"

namespace sisl::reference {
namespace {

bool AllOf(absl::string_view s, bool (*pred)(unsigned char)) {
  for (char c : s) {
    if (!pred(static_cast<unsigned char>(c))) return false;
  }
  return true;
}
bool IsDigit(unsigned char c) { return absl::ascii_isdigit(c); }
bool IsUpper(unsigned char c) { return absl::ascii_isupper(c); }
bool IsDigitOrUpper(unsigned char c) { return IsDigit(c) || IsUpper(c); }

// `dotted` single digits each followed by a dot, then 1..last_max digits.
bool IsDottedDigits(absl::string_view code, int dotted, std::size_t last_max) {
  for (int i = 0; i < dotted; ++i) {
    if (code.size() < 2 || !absl::ascii_isdigit(code[0]) || code[1] != '.') return false;
    code.remove_prefix(2);
  }
  return !code.empty() && code.size() <= last_max && AllOf(code, IsDigit);
}

std::string DayText(const std::optional<absl::CivilDay>& day) {
  return day ? absl::FormatCivilTime(*day) : "";
}

absl::Status Malformed(absl::string_view reason, absl::string_view field, absl::string_view code,
                       absl::string_view format) {
  return platform::InvalidField(
      reason, field, absl::StrFormat("'%s' does not have the format %s", code, format));
}

}  // namespace

bool IsWellFormedCoProfession(absl::string_view code) { return IsDottedDigits(code, 5, 2); }
bool IsWellFormedCp2011Unit(absl::string_view code) { return IsDottedDigits(code, 4, 1); }

bool IsWellFormedAteco(absl::string_view code) {
  return code.size() == 8 && code[2] == '.' && code[5] == '.' &&
         AllOf(code.substr(0, 2), IsDigit) && AllOf(code.substr(3, 2), IsDigit) &&
         AllOf(code.substr(6, 2), IsDigit);
}

bool IsWellFormedContractType(absl::string_view code) {
  return code.size() == 7 && IsUpper(code[0]) && code[1] == '.' && code[4] == '.' &&
         AllOf(code.substr(2, 2), IsDigit) && AllOf(code.substr(5, 2), IsDigit);
}

bool IsWellFormedWorkingTime(absl::string_view code) {
  return code.size() == 1 && IsUpper(code[0]);
}
bool IsWellFormedTerminationCause(absl::string_view code) {
  return code.size() == 2 && AllOf(code, IsUpper);
}
bool IsWellFormedEducationLevel(absl::string_view code) {
  return code.size() == 2 && AllOf(code, IsDigit);
}
bool IsWellFormedCitizenship(absl::string_view code) {
  return code.size() == 3 && AllOf(code, IsDigit);
}
bool IsWellFormedCcnl(absl::string_view code) {
  return (code.size() == 3 && AllOf(code, IsDigitOrUpper)) ||
         (code.size() == 2 && AllOf(code, IsUpper));
}
bool IsWellFormedCommunicationType(absl::string_view code) {
  return code.size() == 2 && AllOf(code, IsDigit);
}
bool IsWellFormedForm(absl::string_view code) { return code.size() == 2 && AllOf(code, IsUpper); }
bool IsWellFormedSocialSecurityBody(absl::string_view code) {
  return code.size() == 2 && AllOf(code, IsDigit);
}

absl::Status CheckCode(const CodeList& list, absl::string_view field, absl::string_view code,
                       absl::CivilDay day, absl::string_view unknown_reason) {
  const CodeEntry* entry = list.Find(code);
  if (entry == nullptr) {
    if (!list.complete()) return absl::OkStatus();
    return platform::InvalidField(unknown_reason, field,
                                  absl::StrCat("'", code, "' is not in ", list.name()));
  }
  if (entry->IsValidOn(day)) return absl::OkStatus();
  const std::string from = DayText(entry->valid_from), to = DayText(entry->valid_to);
  const std::string message =
      absl::StrFormat("'%s' (%s) is valid from %s to %s, not on %s", code, list.name(),
                      from.empty() ? "the start" : from, to.empty() ? "now" : to,
                      absl::FormatCivilTime(day));
  return platform::Error(absl::StatusCode::kInvalidArgument, "CODE_NOT_VALID_ON_DATE", message,
                         {{"list", list.id()},
                          {"code", std::string(code)},
                          {"day", absl::FormatCivilTime(day)},
                          {"valid_from", from},
                          {"valid_to", to}},
                         {{std::string(field), message}});
}

absl::Status ValidateCoProfession(absl::string_view field, absl::string_view code,
                                  absl::CivilDay day) {
  if (!IsWellFormedCoProfession(code)) {
    return Malformed("MALFORMED_PROFESSION_CODE", field, code, "9.9.9.9.9.99 (CP2011, 6 levels)");
  }
  return CheckCode(Cp2011Professions(), field, code, day, "UNKNOWN_PROFESSION_CODE");
}

absl::Status ValidateProfessionUnit(absl::string_view field, absl::string_view code,
                                    absl::CivilDay day) {
  if (!IsWellFormedCp2011Unit(code)) {
    return Malformed("MALFORMED_PROFESSION_CODE", field, code, "9.9.9.9.9 (CP2011, 5 levels)");
  }
  return CheckCode(Cp2011Professions(), field, code, day, "UNKNOWN_PROFESSION_CODE");
}

absl::Status ValidateAteco(absl::string_view field, absl::string_view code, absl::CivilDay day) {
  if (!IsWellFormedAteco(code)) return Malformed("MALFORMED_ATECO_CODE", field, code, "99.99.99");
  const CodeList& in_force = AtecoInForce(day);
  const CodeList& other = &in_force == &Ateco2025() ? Ateco2007() : Ateco2025();
  if (in_force.Find(code) == nullptr && other.Find(code) != nullptr) {
    return CheckCode(other, field, code, day, "UNKNOWN_ATECO_CODE");
  }
  return CheckCode(in_force, field, code, day, "UNKNOWN_ATECO_CODE");
}

#define SISL_REFERENCE_VALIDATOR(Name, List, Format, Shape, what)                          \
  absl::Status Validate##Name(absl::string_view field, absl::string_view code,            \
                              absl::CivilDay day) {                                     \
    if (!IsWellFormed##Format(code)) {                                                  \
      return Malformed("MALFORMED_" what, field, code, Shape);                          \
    }                                                                                   \
    return CheckCode(List(), field, code, day, "UNKNOWN_" what);                         \
  }

SISL_REFERENCE_VALIDATOR(ContractType, CoContractTypes, ContractType, "X.99.99", "CONTRACT_TYPE")
SISL_REFERENCE_VALIDATOR(WorkingTime, CoWorkingTime, WorkingTime, "X", "WORKING_TIME_CODE")
SISL_REFERENCE_VALIDATOR(TerminationCause, CoTerminationCauses, TerminationCause, "XX",
                         "TERMINATION_CAUSE")
SISL_REFERENCE_VALIDATOR(EducationLevel, CoEducationLevels, EducationLevel, "99",
                         "EDUCATION_LEVEL")
SISL_REFERENCE_VALIDATOR(Citizenship, CoCitizenship, Citizenship, "999", "CITIZENSHIP_CODE")
SISL_REFERENCE_VALIDATOR(Ccnl, Ccnl, Ccnl, "XXX or XX", "CCNL_CODE")

#undef SISL_REFERENCE_VALIDATOR

}  // namespace sisl::reference
