#ifndef SISL_REFERENCE_FISCAL_CODE_INTERNAL_H_
#define SISL_REFERENCE_FISCAL_CODE_INTERNAL_H_

// Shared by fiscal_code.cc and fiscal_code_person.cc; not part of the library's API.

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace sisl::reference::internal {

inline constexpr size_t kLength = 16;
inline constexpr absl::string_view kMonthLetters = "ABCDEHLMPRST";
inline constexpr absl::string_view kOmocodeLetters = "LMNPQRSTUV";  // stand for 0..9
// Indices (0-based) of the characters that are digits, or omocode letters, left to right.
inline constexpr size_t kDigitPositions[] = {6, 7, 9, 10, 12, 13, 14};

// The value of a digit or omocode letter; -1 for anything else.
int DigitValue(char c);

// `first15` followed by its check character ('?' when it is not 15 letters and digits).
std::string WithCheckCharacter(std::string first15);

}  // namespace sisl::reference::internal

#endif  // SISL_REFERENCE_FISCAL_CODE_INTERNAL_H_
