// Vocabulary shared by the matching model and engine: CEFR levels, working modes, education
// levels, L.68/99 categories, field problems and the normalisation of free-text tags.
#ifndef SISL_SERVICES_MATCHING_DOMAIN_TYPES_H_
#define SISL_SERVICES_MATCHING_DOMAIN_TYPES_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace sisl::matching {

// Common European Framework of Reference levels, ordered: a higher value is a better level.
enum class CefrLevel { kUnspecified, kA1, kA2, kB1, kB2, kC1, kC2 };

enum class WorkingMode { kUnspecified, kOnSite, kRemote, kHybrid };

// Highest education completed, ordered (a higher value is a higher level). The CO's two-digit
// education codes map onto it with EducationLevelFromCoCode.
enum class EducationLevel {
  kUnspecified,          // not declared
  kNone,                 // CO 00
  kPrimary,              // CO 10, licenza elementare
  kLowerSecondary,       // CO 20, licenza media
  kVocationalSecondary,  // CO 30, no access to university
  kUpperSecondary,       // CO 40, diploma giving access to university
  kPostSecondary,        // CO 50, tertiary outside university (ITS)
  kUniversityDiploma,    // CO 60
  kDegree,               // CO 70, laurea
  kPostGraduate,         // CO 80-83, master, specialisation
  kDoctorate,            // CO 90
};

// L.68/1999 lists: a candidate's status and a vacancy's reservation use the same categories.
enum class L68Category {
  kNone,
  kDisabled,   // art.1, people with disabilities
  kProtected,  // art.18, protected categories (orphans, widows, refugees...)
};

absl::string_view CefrLevelName(CefrLevel level);            // "A1".."C2", "" for unspecified
absl::string_view WorkingModeName(WorkingMode mode);         // "on-site", "remote", "hybrid"
absl::string_view EducationLevelName(EducationLevel level);  // "degree", ...
absl::string_view L68CategoryName(L68Category category);     // "none", "art.1", "art.18"

// The level of a CO education code ("70" -> kDegree), checked against the reference list:
// INVALID_ARGUMENT with the reference's reasons (MALFORMED_EDUCATION_LEVEL,
// UNKNOWN_EDUCATION_LEVEL) on `field`.
absl::StatusOr<EducationLevel> EducationLevelFromCoCode(absl::string_view field,
                                                        absl::string_view code);

// A problem of one field, for validation that reports every problem at once.
struct FieldProblem {
  std::string field;        // "languages[1].level"
  std::string reason;       // UPPER_SNAKE_CASE, stable
  std::string description;  // for people
};

// OK when `problems` is empty; otherwise INVALID_ARGUMENT with the first problem's reason, one
// field violation per problem and the metadata "reasons" (every reason, comma-separated).
absl::Status ProblemsStatus(const std::vector<FieldProblem>& problems, absl::string_view what);

// The key free-text tags (skills, registers, licences) are compared by: accents folded,
// upper-case ASCII, runs of blanks made one space, trimmed. "  Albo degli  ingegnèri" ->
// "ALBO DEGLI INGEGNERI".
std::string NormalizeTag(absl::string_view text);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_TYPES_H_
