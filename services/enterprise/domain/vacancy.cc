// Validation of a vacancy's content.

#include "services/enterprise/domain/vacancy.h"

#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/platform/errors.h"
#include "services/reference/code_lists.h"

namespace sisl::enterprise {
namespace {

constexpr size_t kMaxTitleLength = 200;
constexpr size_t kMaxItemLength = 200;
constexpr int kMaxWeeklyHours = 48;
constexpr int kMaxDurationMonths = 60;
constexpr int kMaxExperienceMonths = 600;

constexpr absl::string_view kDrivingLicences[] = {"AM",  "A1", "A2",  "A",  "B1", "B",
                                                  "BE",  "C1", "C1E", "C",  "CE", "D1",
                                                  "D1E", "D",  "DE",  "KA", "KB", "CQC"};

bool HasControl(absl::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') return true;
  }
  return false;
}

void AddStatus(std::vector<FieldProblem>& out, const std::string& field, const absl::Status& st) {
  if (st.ok()) return;
  std::string reason = platform::ErrorReason(st);
  if (reason.empty()) reason = "INVALID_FIELD";
  out.push_back({field, reason, std::string(st.message())});
}

void CheckLevel(std::vector<FieldProblem>& out, const std::string& field, RequirementLevel level) {
  if (level == RequirementLevel::kUnspecified) {
    out.push_back({field + ".requirement", "REQUIREMENT_LEVEL_REQUIRED", "required or preferred"});
  }
}

void CheckItems(std::vector<FieldProblem>& out, const char* name, const char* reason,
                const std::vector<Requirement>& items, bool licences) {
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string field = absl::StrCat(name, "[", i, "]");
    const Requirement& r = items[i];
    const bool ok =
        licences ? IsDrivingLicence(r.value)
                 : !r.value.empty() && r.value.size() <= kMaxItemLength && !HasControl(r.value);
    if (!ok) {
      out.push_back({field + ".value", reason,
                     licences ? "a licence category: AM, A1, A2, A, B1, B, BE, C1, C1E, C, CE, "
                                "D1, D1E, D, DE, KA, KB or CQC"
                              : "1 to 200 characters"});
    }
    CheckLevel(out, field, r.requirement);
  }
}

void CheckLanguages(std::vector<FieldProblem>& out, const std::vector<LanguageRequirement>& ls) {
  std::set<std::string> seen;
  for (size_t i = 0; i < ls.size(); ++i) {
    const std::string field = absl::StrCat("languages[", i, "]");
    const LanguageRequirement& l = ls[i];
    if (l.language.size() != 2 || !absl::ascii_islower(static_cast<unsigned char>(l.language[0])) ||
        !absl::ascii_islower(static_cast<unsigned char>(l.language[1]))) {
      out.push_back({field + ".language", "INVALID_LANGUAGE_CODE", "ISO 639-1, e.g. en"});
    } else if (!seen.insert(l.language).second) {
      out.push_back({field + ".language", "DUPLICATE_LANGUAGE", "each language once"});
    }
    if (l.level == CefrLevel::kUnspecified) {
      out.push_back({field + ".level", "CEFR_LEVEL_REQUIRED", "A1, A2, B1, B2, C1 or C2"});
    }
    CheckLevel(out, field, l.requirement);
  }
}

}  // namespace

bool IsDrivingLicence(absl::string_view code) {
  for (absl::string_view l : kDrivingLicences) {
    if (code == l) return true;
  }
  return false;
}

std::vector<FieldProblem> CheckVacancyContent(const VacancyContent& c) {
  std::vector<FieldProblem> out;
  const absl::CivilDay day = c.publication_date;
  if (c.title.size() < 3 || c.title.size() > kMaxTitleLength || HasControl(c.title)) {
    out.push_back({"title", "INVALID_TITLE", "3 to 200 characters"});
  }
  if (c.description.empty() || c.description.size() > kMaxDescriptionLength ||
      HasControl(c.description)) {
    out.push_back({"description", "INVALID_DESCRIPTION", "1 to 4000 characters"});
  }
  if (c.profession_code.empty()) {
    out.push_back({"profession_code", "PROFESSION_REQUIRED", "an ISTAT CP2011 code"});
  } else if (reference::IsWellFormedCoProfession(c.profession_code)) {
    AddStatus(out, "profession_code",
              reference::ValidateCoProfession("profession_code", c.profession_code, day));
  } else {
    AddStatus(out, "profession_code",
              reference::ValidateProfessionUnit("profession_code", c.profession_code, day));
  }
  if (c.positions < 1 || c.positions > kMaxPositions) {
    out.push_back({"positions", "INVALID_POSITIONS", "1 to 999"});
  }
  if (c.contract_type.empty()) {
    out.push_back({"contract_type", "CONTRACT_TYPE_REQUIRED", "a CO contract type, e.g. A.01.00"});
  } else {
    AddStatus(out, "contract_type",
              reference::ValidateContractType("contract_type", c.contract_type, day));
  }
  if (!c.ccnl_code.empty()) {
    AddStatus(out, "ccnl_code", reference::ValidateCcnl("ccnl_code", c.ccnl_code, day));
  }
  if (!c.ccnl_level.empty()) {
    if (c.ccnl_code.empty()) {
      out.push_back({"ccnl_level", "CCNL_REQUIRED_FOR_LEVEL", "a level belongs to a CCNL"});
    } else if (c.ccnl_level.size() > 20 || HasControl(c.ccnl_level)) {
      out.push_back({"ccnl_level", "INVALID_CCNL_LEVEL", "at most 20 characters"});
    }
  }
  if (c.salary.has_value()) {
    if (c.salary->period == SalaryPeriod::kUnspecified) {
      out.push_back({"salary.period", "SALARY_PERIOD_REQUIRED", "per hour, month or year"});
    }
    if (c.salary->min_cents < 0 || c.salary->max_cents <= 0) {
      out.push_back({"salary", "INVALID_SALARY", "amounts in euro cents, above 0"});
    } else if (c.salary->min_cents > c.salary->max_cents) {
      out.push_back(
          {"salary.min_cents", "SALARY_MIN_ABOVE_MAX", "the minimum exceeds the maximum"});
    }
  }
  if (std::optional<FieldProblem> p =
          CheckMunicipality("workplace_municipality", c.workplace_municipality, day)) {
    out.push_back(*p);
  }
  if (c.working_time.empty()) {
    out.push_back({"working_time", "WORKING_TIME_REQUIRED", "a CO working-time code, e.g. F"});
  } else {
    AddStatus(out, "working_time",
              reference::ValidateWorkingTime("working_time", c.working_time, day));
  }
  if (c.weekly_hours.has_value() && (*c.weekly_hours < 1 || *c.weekly_hours > kMaxWeeklyHours)) {
    out.push_back({"weekly_hours", "INVALID_WEEKLY_HOURS", "1 to 48"});
  }
  if (c.duration_months.has_value() &&
      (*c.duration_months < 1 || *c.duration_months > kMaxDurationMonths)) {
    out.push_back({"duration_months", "INVALID_DURATION", "1 to 60 months"});
  } else if (!c.duration_months.has_value() && c.contract_type.rfind("A.02.", 0) == 0) {
    out.push_back({"duration_months", "DURATION_REQUIRED_FOR_FIXED_TERM",
                   "a fixed-term contract states its duration"});
  }
  if (c.education.has_value()) {
    AddStatus(
        out, "education.level_code",
        reference::ValidateEducationLevel("education.level_code", c.education->level_code, day));
    CheckLevel(out, "education", c.education->requirement);
  }
  if (c.experience.has_value()) {
    if (c.experience->months < 0 || c.experience->months > kMaxExperienceMonths) {
      out.push_back({"experience.months", "INVALID_EXPERIENCE", "0 to 600 months"});
    }
    CheckLevel(out, "experience", c.experience->requirement);
  }
  CheckLanguages(out, c.languages);
  CheckItems(out, "it_skills", "INVALID_IT_SKILL", c.it_skills, false);
  CheckItems(out, "driving_licences", "INVALID_DRIVING_LICENCE", c.driving_licences, true);
  CheckItems(out, "professional_registers", "INVALID_PROFESSIONAL_REGISTER",
             c.professional_registers, false);
  if (c.l68_reservation == L68Reservation::kUnspecified) {
    out.push_back({"l68_reservation", "L68_RESERVATION_REQUIRED", "none, art.1 or art.18"});
  }
  if (c.expiry_date < c.publication_date) {
    out.push_back({"expiry_date", "EXPIRY_BEFORE_PUBLICATION",
                   "the last day of publication is before the first"});
  }
  return out;
}

absl::Status ValidateVacancyContent(const VacancyContent& content) {
  return ProblemsStatus(CheckVacancyContent(content), "vacancy");
}

}  // namespace sisl::enterprise
