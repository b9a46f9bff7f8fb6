// A candidate's profile (CV, DOMAIN.md §5): what the person looks for and brings, owned by the
// citizen and validated by an operator of their CPI. A validated profile expires 365 days after
// its validation unless the person is in the L.68/99 lists.
//
//   RETURN_IF_ERROR(ValidateProfile(profile, today));
//   if (DueForExpiryWarning(profile, today, 30)) ...;   // emit the warning event
//   if (IsExpired(profile, today)) ...;                 // no longer matched
#ifndef SISL_SERVICES_MATCHING_DOMAIN_PROFILE_H_
#define SISL_SERVICES_MATCHING_DOMAIN_PROFILE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/matching/domain/types.h"

namespace sisl::matching {

// A profession the person looks for, with the contracts and working modes they accept (an
// empty list accepts any).
struct DesiredProfession {
  std::string profession_code;              // CP2011, 5 levels or the CO's 6
  std::vector<std::string> contract_types;  // CO codes, "A.01.00"
  std::vector<WorkingMode> working_modes;
};

struct Experience {
  std::string profession_code;  // CP2011, 5 or 6 levels
  std::string employer_name;
  absl::CivilDay from;
  std::optional<absl::CivilDay> to;  // inclusive; nullopt while ongoing
  std::string relationship_id;       // prefilled from communications; "" when typed in
};

struct LanguageSkill {
  std::string language;  // ISO 639-1, lower case: "en"
  CefrLevel level = CefrLevel::kUnspecified;
};

enum class Availability { kUnspecified, kAvailable, kNotAvailable, kEmployed };

enum class Visibility {
  kUnspecified,
  kVisibleToCompanies,  // companies may see the profile with the person's name
  kCpiOnly,             // only CPI operators match it
  kAnonymous,           // matched for companies without the name
};

struct CandidateProfile {
  std::string person_id;  // pseudonymous, opaque
  std::string cpi_code;   // the CPI in charge, "CPI-TO-15"
  std::vector<DesiredProfession> desired_professions;
  std::vector<Experience> experiences;
  EducationLevel education = EducationLevel::kUnspecified;
  std::vector<LanguageSkill> languages;
  std::vector<std::string> it_skills;
  std::vector<std::string> driving_licences;        // "B", "C", "CQC"
  std::vector<std::string> professional_registers;  // "Albo degli ingegneri"
  std::string domicile_istat_code;                  // "001272"
  int mobility_radius_km = 0;
  Availability availability = Availability::kUnspecified;
  L68Category l68 = L68Category::kNone;
  std::optional<absl::CivilDay> unemployed_since;  // nullopt: not unemployed, or unknown
  Visibility visibility = Visibility::kUnspecified;
  std::optional<absl::CivilDay> validated_on;  // by an operator; nullopt: not validated
};

absl::string_view AvailabilityName(Availability availability);
absl::string_view VisibilityName(Visibility visibility);

inline constexpr int kProfileValidityDays = 365;
inline constexpr int kMaxDesiredProfessions = 10;
// Unemployed for at least this many days is long-term unemployment (Eurostat: 12 months).
inline constexpr int kLongTermUnemploymentDays = 365;

// Every problem, in field order. Reasons: PERSON_ID_REQUIRED, INVALID_ID, CPI_REQUIRED,
// UNKNOWN_CPI, DESIRED_PROFESSION_REQUIRED, TOO_MANY_DESIRED_PROFESSIONS, DUPLICATE_PROFESSION,
// the reference's profession and contract-type reasons (MALFORMED_PROFESSION_CODE,
// UNKNOWN_PROFESSION_CODE, ...), WORKING_MODE_REQUIRED, EMPLOYER_REQUIRED,
// EXPERIENCE_DATES_ORDER, EXPERIENCE_IN_FUTURE, INVALID_LANGUAGE_CODE, DUPLICATE_LANGUAGE,
// CEFR_LEVEL_REQUIRED, INVALID_IT_SKILL, INVALID_PROFESSIONAL_REGISTER, DUPLICATE_ENTRY,
// INVALID_DRIVING_LICENCE, DUPLICATE_DRIVING_LICENCE, the municipality reasons
// (MALFORMED_MUNICIPALITY_CODE, UNKNOWN_MUNICIPALITY_CODE, MUNICIPALITY_NOT_IN_FORCE,
// MUNICIPALITY_WITHOUT_LOCATION), INVALID_RADIUS, AVAILABILITY_REQUIRED, VISIBILITY_REQUIRED,
// DATE_IN_FUTURE (unemployed_since, validated_on). Codes are checked as valid on `today`.
std::vector<FieldProblem> CheckProfile(const CandidateProfile& profile, absl::CivilDay today);
// INVALID_ARGUMENT with the first problem's reason (see ProblemsStatus).
absl::Status ValidateProfile(const CandidateProfile& profile, absl::CivilDay today);

// True when the person is in the L.68/99 lists (art.1 or art.18): their profile never expires.
bool InL68Lists(const CandidateProfile& profile);

// The first day the profile is no longer valid: validated_on + 365 days. nullopt when it is not
// validated or does not expire (L.68).
std::optional<absl::CivilDay> ExpiryDate(const CandidateProfile& profile);
// Validated and not expired on `today`.
bool IsValidOn(const CandidateProfile& profile, absl::CivilDay today);
bool IsExpired(const CandidateProfile& profile, absl::CivilDay today);
// True from `warning_days` days before the expiry date to the day before it: the window in
// which the person is told the profile will expire.
bool DueForExpiryWarning(const CandidateProfile& profile, absl::CivilDay today, int warning_days);

// Unemployed for at least kLongTermUnemploymentDays on `today`.
bool IsLongTermUnemployed(const CandidateProfile& profile, absl::CivilDay today);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_PROFILE_H_
