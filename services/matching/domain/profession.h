// CP2011 professions as the engine compares them, through the reference's parent hierarchy
// (services/reference/code_lists.h, Cp2011Professions()): a unit is the 5th level (ClicLavoro's
// code); a CO 6th-level code counts as its unit; a group is the ancestor at a configured level.
#ifndef SISL_SERVICES_MATCHING_DOMAIN_PROFESSION_H_
#define SISL_SERVICES_MATCHING_DOMAIN_PROFESSION_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace sisl::matching {

inline constexpr int kUnitLevel = 5;
// The default group level: the 4th level ("5.2.2.1", "categoria"), so a cook and a pizza
// maker of the same category are the same group.
inline constexpr int kDefaultGroupLevel = 4;

// The ancestor-or-self of `code` at `level` (1..6) following the reference's parents; nullopt
// when the code is not in CP2011 or is above `level`.
std::optional<std::string> ProfessionAncestor(absl::string_view code, int level);

// The unit (5th level) of a 5- or 6-level code: "5.2.2.1.0.3" -> "5.2.2.1.0".
std::optional<std::string> ProfessionUnit(absl::string_view code);

// The Italian label of a code in CP2011, "" when unknown.
std::string ProfessionLabel(absl::string_view code);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_PROFESSION_H_
