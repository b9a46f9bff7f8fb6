#ifndef SISL_REFERENCE_TEXT_FOLDING_H_
#define SISL_REFERENCE_TEXT_FOLDING_H_

#include <string>

#include "absl/strings/string_view.h"

namespace sisl::reference {

// Upper-case ASCII for a UTF-8 name, as the fiscal-code rules and name matching need it: Latin
// letters with diacritics become their base letters (È -> E, ç -> C, Ł -> L; ß -> SS, Æ -> AE),
// the typographic apostrophes, the backtick and the acute accent become ', ASCII is upper-cased
// and anything else outside ASCII is dropped. Bytes that are not valid UTF-8 are read as
// Latin-1, the encoding of older files.
std::string ToAsciiUpper(absl::string_view utf8);

// A key to compare place names ignoring case, accents, apostrophes and punctuation: lower-case
// ASCII letters and digits, words separated by one space ("Villanova d’Asti", "VILLANOVA D'ASTI"
// and "villanova d asti" all give "villanova d asti"; "CIRIE'" and "Ciriè" give "cirie").
std::string FoldPlaceName(absl::string_view name);

}  // namespace sisl::reference

#endif  // SISL_REFERENCE_TEXT_FOLDING_H_
