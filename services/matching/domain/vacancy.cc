#include "services/matching/domain/vacancy.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/matching/domain/checks.h"

namespace sisl::matching {

absl::string_view VacancyStateName(VacancyState state) {
  switch (state) {
    case VacancyState::kPublished:
      return "published";
    case VacancyState::kSuspended:
      return "suspended";
    case VacancyState::kClosed:
      return "closed";
    case VacancyState::kUnspecified:
      break;
  }
  return "unspecified";
}

std::vector<FieldProblem> CheckVacancy(const Vacancy& v, absl::CivilDay today) {
  internal::Problems out;
  internal::CheckId(out, "id", v.id, "VACANCY_ID_REQUIRED");
  internal::CheckId(out, "company_id", v.company_id, "COMPANY_ID_REQUIRED");
  internal::CheckCpi(out, "cpi_code", v.cpi_code);
  internal::CheckProfession(out, "profession_code", v.profession_code, today);
  internal::CheckContractType(out, "contract_type", v.contract_type, today);
  internal::CheckWorkingMode(out, "working_mode", v.working_mode);
  internal::CheckMunicipality(out, "workplace_istat_code", v.workplace_istat_code);
  internal::CheckRadius(out, "area_radius_km", v.area_radius_km);
  internal::CheckLicences(out, "required_licences", v.required_licences);
  std::vector<std::string> seen_languages;
  for (size_t i = 0; i < v.languages.size(); ++i) {
    internal::CheckLanguage(out, absl::StrCat("languages[", i, "]"), v.languages[i].language,
                            v.languages[i].min_level, seen_languages);
  }
  internal::CheckTags(out, "required_registers", v.required_registers,
                      "INVALID_PROFESSIONAL_REGISTER");
  internal::CheckTags(out, "desired_skills", v.desired_skills, "INVALID_IT_SKILL");
  if (v.min_experience_months < 0 || v.min_experience_months > kMaxExperienceMonths) {
    out.push_back({"min_experience_months", "INVALID_EXPERIENCE",
                   absl::StrCat("0 to ", kMaxExperienceMonths, " months")});
  }
  if (v.positions < 1 || v.positions > kMaxPositions) {
    out.push_back({"positions", "INVALID_POSITIONS", absl::StrCat("1 to ", kMaxPositions)});
  } else if (v.positions_filled < 0 || v.positions_filled > v.positions) {
    out.push_back({"positions_filled", "INVALID_POSITIONS_FILLED",
                   absl::StrCat("0 to the ", v.positions, " positions")});
  }
  if (v.state == VacancyState::kUnspecified) {
    out.push_back({"state", "STATE_REQUIRED", "published, suspended or closed"});
  }
  return out;
}

absl::Status ValidateVacancy(const Vacancy& vacancy, absl::CivilDay today) {
  return ProblemsStatus(CheckVacancy(vacancy, today), "vacancy");
}

bool IsOpen(const Vacancy& vacancy) {
  return vacancy.state == VacancyState::kPublished && vacancy.positions_filled < vacancy.positions;
}

}  // namespace sisl::matching
