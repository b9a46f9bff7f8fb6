#include "services/matching/domain/profile.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/matching/domain/checks.h"

namespace sisl::matching {
namespace {

using internal::Problems;

void CheckDesired(Problems& out, const std::vector<DesiredProfession>& desired,
                  absl::CivilDay today) {
  if (desired.empty()) {
    out.push_back({"desired_professions", "DESIRED_PROFESSION_REQUIRED", "at least one"});
    return;
  }
  if (desired.size() > kMaxDesiredProfessions) {
    out.push_back({"desired_professions", "TOO_MANY_DESIRED_PROFESSIONS",
                   absl::StrCat("at most ", kMaxDesiredProfessions)});
  }
  std::vector<std::string> seen;
  for (size_t i = 0; i < desired.size(); ++i) {
    const std::string field = absl::StrCat("desired_professions[", i, "]");
    const DesiredProfession& d = desired[i];
    const size_t before = out.size();
    internal::CheckProfession(out, field + ".profession_code", d.profession_code, today);
    if (out.size() == before) {
      for (const std::string& s : seen) {
        if (s == d.profession_code) {
          out.push_back({field + ".profession_code", "DUPLICATE_PROFESSION", "each code once"});
        }
      }
      seen.push_back(d.profession_code);
    }
    for (size_t j = 0; j < d.contract_types.size(); ++j) {
      internal::CheckContractType(out, absl::StrCat(field, ".contract_types[", j, "]"),
                                  d.contract_types[j], today);
    }
    for (size_t j = 0; j < d.working_modes.size(); ++j) {
      internal::CheckWorkingMode(out, absl::StrCat(field, ".working_modes[", j, "]"),
                                 d.working_modes[j]);
    }
  }
}

void CheckExperiences(Problems& out, const std::vector<Experience>& experiences,
                      absl::CivilDay today) {
  for (size_t i = 0; i < experiences.size(); ++i) {
    const std::string field = absl::StrCat("experiences[", i, "]");
    const Experience& e = experiences[i];
    internal::CheckProfession(out, field + ".profession_code", e.profession_code, today);
    if (NormalizeTag(e.employer_name).empty()) {
      out.push_back({field + ".employer_name", "EMPLOYER_REQUIRED", "the employer's name"});
    }
    if (e.from > today) {
      out.push_back({field + ".from", "EXPERIENCE_IN_FUTURE", "an experience already started"});
    }
    if (e.to.has_value() && *e.to < e.from) {
      out.push_back({field + ".to", "EXPERIENCE_DATES_ORDER",
                     absl::StrCat("ends ", absl::FormatCivilTime(*e.to), " before it starts ",
                                  absl::FormatCivilTime(e.from))});
    }
  }
}

void CheckNotFuture(Problems& out, const char* field, const std::optional<absl::CivilDay>& day,
                    absl::CivilDay today) {
  if (day.has_value() && *day > today) {
    out.push_back(
        {field, "DATE_IN_FUTURE", absl::StrCat(absl::FormatCivilTime(*day), " is after today")});
  }
}

}  // namespace

absl::string_view AvailabilityName(Availability availability) {
  switch (availability) {
    case Availability::kAvailable:
      return "available";
    case Availability::kNotAvailable:
      return "not available";
    case Availability::kEmployed:
      return "employed";
    case Availability::kUnspecified:
      break;
  }
  return "unspecified";
}

absl::string_view VisibilityName(Visibility visibility) {
  switch (visibility) {
    case Visibility::kVisibleToCompanies:
      return "visible to companies";
    case Visibility::kCpiOnly:
      return "CPI only";
    case Visibility::kAnonymous:
      return "anonymous";
    case Visibility::kUnspecified:
      break;
  }
  return "unspecified";
}

std::vector<FieldProblem> CheckProfile(const CandidateProfile& p, absl::CivilDay today) {
  Problems out;
  internal::CheckId(out, "person_id", p.person_id, "PERSON_ID_REQUIRED");
  internal::CheckCpi(out, "cpi_code", p.cpi_code);
  CheckDesired(out, p.desired_professions, today);
  CheckExperiences(out, p.experiences, today);
  std::vector<std::string> seen_languages;
  for (size_t i = 0; i < p.languages.size(); ++i) {
    internal::CheckLanguage(out, absl::StrCat("languages[", i, "]"), p.languages[i].language,
                            p.languages[i].level, seen_languages);
  }
  internal::CheckTags(out, "it_skills", p.it_skills, "INVALID_IT_SKILL");
  internal::CheckLicences(out, "driving_licences", p.driving_licences);
  internal::CheckTags(out, "professional_registers", p.professional_registers,
                      "INVALID_PROFESSIONAL_REGISTER");
  internal::CheckMunicipality(out, "domicile_istat_code", p.domicile_istat_code);
  internal::CheckRadius(out, "mobility_radius_km", p.mobility_radius_km);
  if (p.availability == Availability::kUnspecified) {
    out.push_back({"availability", "AVAILABILITY_REQUIRED", "available, not available, employed"});
  }
  if (p.visibility == Visibility::kUnspecified) {
    out.push_back(
        {"visibility", "VISIBILITY_REQUIRED", "visible to companies, CPI only or anonymous"});
  }
  CheckNotFuture(out, "unemployed_since", p.unemployed_since, today);
  CheckNotFuture(out, "validated_on", p.validated_on, today);
  return out;
}

absl::Status ValidateProfile(const CandidateProfile& profile, absl::CivilDay today) {
  return ProblemsStatus(CheckProfile(profile, today), "profile");
}

bool InL68Lists(const CandidateProfile& profile) { return profile.l68 != L68Category::kNone; }

std::optional<absl::CivilDay> ExpiryDate(const CandidateProfile& profile) {
  if (!profile.validated_on.has_value() || InL68Lists(profile)) return std::nullopt;
  return *profile.validated_on + kProfileValidityDays;
}

bool IsValidOn(const CandidateProfile& profile, absl::CivilDay today) {
  return profile.validated_on.has_value() && !IsExpired(profile, today);
}

bool IsExpired(const CandidateProfile& profile, absl::CivilDay today) {
  const std::optional<absl::CivilDay> expiry = ExpiryDate(profile);
  return expiry.has_value() && today >= *expiry;
}

bool DueForExpiryWarning(const CandidateProfile& profile, absl::CivilDay today, int warning_days) {
  const std::optional<absl::CivilDay> expiry = ExpiryDate(profile);
  return expiry.has_value() && today < *expiry && today >= *expiry - warning_days;
}

bool IsLongTermUnemployed(const CandidateProfile& profile, absl::CivilDay today) {
  return profile.unemployed_since.has_value() &&
         today - *profile.unemployed_since >= kLongTermUnemploymentDays;
}

}  // namespace sisl::matching
