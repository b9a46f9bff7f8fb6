// A vacancy as matching keeps it: a replica of the enterprise service's vacancy (published,
// changed, closed by its events), reduced to what the engine compares.
#ifndef SISL_SERVICES_MATCHING_DOMAIN_VACANCY_H_
#define SISL_SERVICES_MATCHING_DOMAIN_VACANCY_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/civil_time.h"
#include "services/matching/domain/types.h"

namespace sisl::matching {

struct LanguageRequirement {
  std::string language;  // ISO 639-1, lower case
  CefrLevel min_level = CefrLevel::kUnspecified;
  bool required = true;  // required: a hard filter; otherwise it only adds to the score
};

enum class VacancyState { kUnspecified, kPublished, kSuspended, kClosed };

struct Vacancy {
  std::string id;
  std::string company_id;
  std::string cpi_code;         // the CPI handling it; its weights rank the candidates
  std::string profession_code;  // CP2011, 5 levels or the CO's 6
  std::string contract_type;    // CO code, "A.01.00"
  WorkingMode working_mode = WorkingMode::kUnspecified;
  std::string workplace_istat_code;
  int area_radius_km = 0;  // how far candidates may live from the workplace
  std::vector<std::string> required_licences;
  std::vector<LanguageRequirement> languages;
  std::vector<std::string> required_registers;
  std::vector<std::string> desired_skills;                      // IT skills, scored
  int min_experience_months = 0;                                // in the profession; scored
  EducationLevel min_education = EducationLevel::kUnspecified;  // scored
  L68Category l68_reservation = L68Category::kNone;
  int positions = 1;
  int positions_filled = 0;
  VacancyState state = VacancyState::kPublished;
};

absl::string_view VacancyStateName(VacancyState state);

inline constexpr int kMaxPositions = 999;
inline constexpr int kMaxExperienceMonths = 600;

// Every problem, in field order. Reasons: VACANCY_ID_REQUIRED, COMPANY_ID_REQUIRED, INVALID_ID,
// CPI_REQUIRED, UNKNOWN_CPI, the reference's profession and contract-type reasons,
// WORKING_MODE_REQUIRED, the municipality reasons, INVALID_RADIUS, INVALID_DRIVING_LICENCE,
// DUPLICATE_DRIVING_LICENCE, INVALID_LANGUAGE_CODE, DUPLICATE_LANGUAGE, CEFR_LEVEL_REQUIRED,
// INVALID_PROFESSIONAL_REGISTER, INVALID_IT_SKILL, DUPLICATE_ENTRY, INVALID_EXPERIENCE,
// INVALID_POSITIONS, INVALID_POSITIONS_FILLED, STATE_REQUIRED. Codes valid on `today`.
std::vector<FieldProblem> CheckVacancy(const Vacancy& vacancy, absl::CivilDay today);
absl::Status ValidateVacancy(const Vacancy& vacancy, absl::CivilDay today);

// Published with positions left: the only vacancies matched.
bool IsOpen(const Vacancy& vacancy);

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_VACANCY_H_
