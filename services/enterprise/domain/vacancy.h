#ifndef SISL_ENTERPRISE_DOMAIN_VACANCY_H_
#define SISL_ENTERPRISE_DOMAIN_VACANCY_H_

// A job vacancy (ClicLavoro / BLP model, DOMAIN.md §5): what the company looks for, validated
// against services/reference (CP2011 professions, CO contract types, working time, CCNL,
// education levels, ISTAT municipalities), and its life cycle:
//
//   DRAFT ──submit──> SUBMITTED ──approve──> APPROVED ──publish──> PUBLISHED <──resume── SUSPENDED
//     ^                  │                      │                    │  └──suspend──────────^  │
//     └─(edit)── SENT_BACK <──send back (reasons)┘                    └──close──> CLOSED <─close─┘
//                    └──submit again──> SUBMITTED                     (filled, expired, withdrawn)
//
// Companies submit, suspend, resume and close; CPI operators approve or send back (with
// reasons, e.g. discriminatory wording), publish, suspend, resume and close; the expiry job
// closes as expired. Every change keeps who, when and why (VacancyEvent).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/enterprise/domain/company.h"

namespace sisl::enterprise {

enum class RequirementLevel { kUnspecified, kRequired, kPreferred };
enum class CefrLevel { kUnspecified, kA1, kA2, kB1, kB2, kC1, kC2 };
enum class L68Reservation {
  kUnspecified,
  kNone,
  kDisabled,   // reserved to people in the L.68/99 art.1 lists
  kProtected,  // reserved to protected categories, art.18
};
enum class SalaryPeriod { kUnspecified, kHour, kMonth, kYear };

struct LanguageRequirement {
  std::string language;  // ISO 639-1, lower case: "en"
  CefrLevel level = CefrLevel::kUnspecified;
  RequirementLevel requirement = RequirementLevel::kUnspecified;
};

// An IT skill, a driving licence ("B", "C", "CQC"...) or a professional register ("Albo degli
// ingegneri").
struct Requirement {
  std::string value;
  RequirementLevel requirement = RequirementLevel::kUnspecified;
};

struct EducationRequirement {
  std::string level_code;  // CO education level, two digits
  RequirementLevel requirement = RequirementLevel::kUnspecified;
};

struct ExperienceRequirement {
  int months = 0;
  RequirementLevel requirement = RequirementLevel::kUnspecified;
};

struct SalaryBand {
  int64_t min_cents = 0;  // gross, euro cents
  int64_t max_cents = 0;
  SalaryPeriod period = SalaryPeriod::kUnspecified;
};

// What a company writes; editable in DRAFT and SENT_BACK.
struct VacancyContent {
  std::string title;
  std::string description;
  std::string profession_code;  // CP2011: 5 levels (ClicLavoro) or 6 (CO)
  int positions = 1;
  std::string contract_type;  // CO code, "A.01.00"
  std::string ccnl_code;      // optional
  std::string ccnl_level;     // optional, with a CCNL
  std::optional<SalaryBand> salary;
  std::string workplace_municipality;  // ISTAT code
  std::string working_time;            // CO code: F full time, P, V, M part time
  std::optional<int> weekly_hours;
  std::optional<int> duration_months;  // required for fixed-term contracts (A.02.xx)
  std::optional<EducationRequirement> education;
  std::optional<ExperienceRequirement> experience;
  std::vector<LanguageRequirement> languages;
  std::vector<Requirement> it_skills;
  std::vector<Requirement> driving_licences;
  std::vector<Requirement> professional_registers;
  L68Reservation l68_reservation = L68Reservation::kNone;
  absl::CivilDay publication_date;
  absl::CivilDay expiry_date;  // last day it is published
  bool anonymous = false;      // published without the company's name
};

inline constexpr int kMaxPositions = 999;
inline constexpr size_t kMaxDescriptionLength = 4000;

// Every problem of the content, in field order. Reasons: INVALID_TITLE, INVALID_DESCRIPTION,
// PROFESSION_REQUIRED and the reference's profession reasons, INVALID_POSITIONS,
// CONTRACT_TYPE_REQUIRED and the reference's, the reference's CCNL reasons, INVALID_CCNL_LEVEL,
// CCNL_REQUIRED_FOR_LEVEL, SALARY_PERIOD_REQUIRED, INVALID_SALARY, SALARY_MIN_ABOVE_MAX,
// the municipality reasons of CheckMunicipality, WORKING_TIME_REQUIRED and the reference's,
// INVALID_WEEKLY_HOURS, INVALID_DURATION, DURATION_REQUIRED_FOR_FIXED_TERM, the reference's
// education reasons, INVALID_EXPERIENCE, INVALID_LANGUAGE_CODE, CEFR_LEVEL_REQUIRED,
// DUPLICATE_LANGUAGE, INVALID_IT_SKILL, INVALID_DRIVING_LICENCE, INVALID_PROFESSIONAL_REGISTER,
// REQUIREMENT_LEVEL_REQUIRED, L68_RESERVATION_REQUIRED, EXPIRY_BEFORE_PUBLICATION.
// Codes are checked as valid on the publication date.
std::vector<FieldProblem> CheckVacancyContent(const VacancyContent& content);
absl::Status ValidateVacancyContent(const VacancyContent& content);

// The driving licences (and the CQC professional card) accepted.
bool IsDrivingLicence(absl::string_view code);

// ---- Discriminatory wording ------------------------------------------------------------------

enum class WordingCategory { kUnspecified, kAge, kSex, kNationality };

// A term in the free text an operator should look at before approving (D.lgs. 198/2006,
// D.lgs. 215/2003 and 216/2003: job ads may not select by sex, age or nationality).
struct WordingWarning {
  WordingCategory category = WordingCategory::kUnspecified;
  std::string field;  // "title" or "description"
  std::string text;   // the words as written
  size_t offset = 0;  // byte offset of `text` in the field
  std::string message_it;
  std::string message_en;
};

// Warnings for one text: age ("età massima", "under 30", "max 35 anni", "giovane", "young",
// "aged 25-35"), sex ("uomo", "donna", "maschile", "male", "female", "woman") and nationality
// ("cittadinanza italiana", "solo italiani", "madrelingua", "native speaker", "nationality").
// Words are matched whole, ignoring case and accents. A warning, never a refusal: the operator
// decides.
std::vector<WordingWarning> CheckWording(absl::string_view field, absl::string_view text);
// The warnings of the title and the description.
std::vector<WordingWarning> CheckVacancyWording(const VacancyContent& content);

// ---- Life cycle ------------------------------------------------------------------------------

enum class VacancyState {
  kUnspecified,
  kDraft,
  kSubmitted,
  kApproved,
  kSentBack,
  kPublished,
  kSuspended,
  kClosed,
};

enum class ClosureReason { kUnspecified, kFilled, kExpired, kWithdrawn };

enum class VacancyAction {
  kUnspecified,
  kSubmit,
  kApprove,
  kSendBack,
  kPublish,
  kSuspend,
  kResume,
  kClose,
};

enum class VacancyActorRole { kUnspecified, kCompany, kOperator, kSystem };

absl::string_view VacancyStateName(VacancyState state);  // "draft", "submitted", ...
absl::string_view VacancyActionName(VacancyAction action);

// One change of state, never changed once recorded.
struct VacancyEvent {
  VacancyAction action = VacancyAction::kUnspecified;
  VacancyState from = VacancyState::kUnspecified;
  VacancyState to = VacancyState::kUnspecified;
  VacancyActorRole role = VacancyActorRole::kUnspecified;
  std::string actor;  // person fiscal code, operator id or "system"
  absl::Time at;
  std::vector<std::string> reasons;  // send-back reasons, or the note of the act
  ClosureReason closure = ClosureReason::kUnspecified;
};

struct Vacancy {
  std::string id;
  std::string company;  // company fiscal code
  VacancyContent content;
  VacancyState state = VacancyState::kDraft;
  ClosureReason closure = ClosureReason::kUnspecified;
  std::vector<std::string> send_back_reasons;  // of the last send-back, until resubmitted
  std::vector<VacancyEvent> history;           // oldest first
};

struct VacancyTransition {
  VacancyAction action = VacancyAction::kUnspecified;
  VacancyActorRole role = VacancyActorRole::kUnspecified;
  std::string actor;
  std::vector<std::string> reasons;  // required to send back; an optional note otherwise
  ClosureReason closure = ClosureReason::kUnspecified;  // required to close
  absl::CivilDay today;
  absl::Time at;
};

// The vacancy after `t`, with the event appended; `v` is not changed.
//   INVALID_VACANCY_TRANSITION     FAILED_PRECONDITION  the action is not allowed from the state
//                                                       (metadata state, action)
//   VACANCY_ACTION_NOT_ALLOWED     PERMISSION_DENIED    this role may not take this action
//   SEND_BACK_REASON_REQUIRED      INVALID_ARGUMENT
//   CLOSURE_REASON_REQUIRED        INVALID_ARGUMENT
//   INVALID_CLOSURE_REASON         FAILED_PRECONDITION  filled before publication, or expired
//                                                       while the expiry date is not past
//   REASON_TOO_LONG                INVALID_ARGUMENT     a reason above 500 characters
//   PUBLICATION_DATE_NOT_REACHED   FAILED_PRECONDITION  publishing before the publication date
//   VACANCY_EXPIRED                FAILED_PRECONDITION  publishing or resuming after expiry
//   PUBLICATION_DATE_IN_PAST       FAILED_PRECONDITION  submitting with a past publication date
//   and the reasons of ValidateVacancyContent when submitting.
absl::StatusOr<Vacancy> ApplyTransition(const Vacancy& v, const VacancyTransition& t);

// Replaces the content of a DRAFT or SENT_BACK vacancy (INVALID_VACANCY_TRANSITION otherwise);
// the content is validated only on submission.
absl::StatusOr<Vacancy> EditContent(const Vacancy& v, const VacancyContent& content);

// The expiry rule: an approved, published or suspended vacancy expires once its expiry date is
// before `today` (it stays published through its last day).
bool ShouldExpire(const Vacancy& v, absl::CivilDay today);
// The ids of the vacancies the expiry job closes on `today`, in input order.
std::vector<std::string> VacanciesToExpire(const std::vector<Vacancy>& vacancies,
                                           absl::CivilDay today);
// Closes `v` as expired by the system (the errors of ApplyTransition when it should not).
absl::StatusOr<Vacancy> Expire(const Vacancy& v, absl::CivilDay today, absl::Time at);

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_DOMAIN_VACANCY_H_
