#ifndef SISL_ENTERPRISE_DOMAIN_L68_RETURN_H_
#define SISL_ENTERPRISE_DOMAIN_L68_RETURN_H_

// The yearly L.68/1999 return (prospetto informativo, PRODIS; DOMAIN.md §7 and §12): from a
// company's staff on 31 December, per province, the computation base, the company category, the
// quota of disabled workers (art.3) and of protected categories (art.18), exemptions,
// compensations between provinces, and the covered and uncovered positions, per province and in
// a national summary. Every figure carries the steps that produced it (code, Italian and English
// text, the numbers used), so a page can show "why".
//
//   L68ReturnInput in{.year = 2025, .registered_office_province = "TO", .provinces = {...}};
//   ASSIGN_OR_RETURN(L68Return r, ComputeL68Return(in));
//   r.national.uncovered.value;  // positions still to fill
//   r.national.quota.steps;      // COMPANY_CATEGORY, QUOTA_PERCENT, ROUNDING, ...
//
// Pure: the caller gives the staff (from mandatory communications or the company's own list).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/enterprise/domain/l68_fraction.h"

namespace sisl::enterprise {

// ---- Input ------------------------------------------------------------------------------------

enum class L68WorkingTime {
  kUnspecified,
  kFullTime,
  kPartTime,      // counted pro rata: contract hours / full-time hours
  kIntermittent,  // counted pro rata: hours actually worked / full-time hours
};

// How the law sees a worker for the quota.
enum class L68Role {
  kUnspecified,
  kOrdinary,
  kDisabled,   // hired under art.1 L.68/99 (also blind switchboard operators and physiotherapists)
  kProtected,  // protected categories, art.18 c.2 L.68/99
};

// Categories the law leaves out of the computation base (art.4 c.1 and art.5 c.2 L.68/99 and the
// laws cited); each applies to one or both bases (L68ExclusionScope).
enum class L68Exclusion {
  kUnspecified,
  kFixedTermUpToSixMonths,    // art.4 c.1 as amended by D.lgs. 151/2015
  kApprentice,                // art.47 c.3 D.lgs. 81/2015
  kExecutive,                 // dirigenti, art.4 c.1
  kCooperativeMember,         // soci di cooperative di produzione e lavoro, art.4 c.1
  kAgencyWorker,              // somministrati at the user, art.34 c.3 D.lgs. 81/2015
  kWorkAbroad,                // hired to work abroad, for its duration, art.4 c.1
  kSociallyUsefulWork,        // LSU, art.7 c.6 D.lgs. 81/2000
  kInsertionContract,         // contratto di inserimento, art.4 c.1
  kTelework,                  // teleworkers excluded by art.23 D.lgs. 80/2015
  kTransportTravellingStaff,  // personale viaggiante e navigante, art.5 c.2 (art.3 base only)
  kConstructionSiteStaff,     // personale di cantiere (edilizia), art.5 c.2 (art.3 base only)
};

enum class L68ExclusionScope {
  kUnspecified,
  kBoth,  // out of the disabled (art.3) and the protected (art.18) base
  kDisabledBaseOnly,
};

L68ExclusionScope ScopeOf(L68Exclusion exclusion);
// Stable names: "FIXED_TERM_UP_TO_SIX_MONTHS", ...; the Italian and English labels with the law.
absl::string_view ExclusionCode(L68Exclusion exclusion);
absl::string_view ExclusionLabelIt(L68Exclusion exclusion);
absl::string_view ExclusionLabelEn(L68Exclusion exclusion);

// True when a fixed-term contract from `start` to `end` (inclusive) lasts six months or less
// (end before the same day six months later), the exclusion of art.4 c.1.
bool FixedTermUpToSixMonths(absl::CivilDay start, absl::CivilDay end);

// One line of staff in force on 31 December: `count` workers alike.
struct L68Employee {
  int count = 1;
  L68WorkingTime working_time = L68WorkingTime::kFullTime;
  int weekly_minutes = 0;            // part-time: contract; intermittent: average worked
  int full_time_weekly_minutes = 0;  // the full-time week of the CCNL (part-time, intermittent)
  L68Role role = L68Role::kOrdinary;
  std::optional<L68Exclusion> exclusion;  // ordinary workers of an excluded category
  bool in_force_on_17_01_2000 = false;    // protected workers already employed on 17 January 2000
};

// Suspension of the hiring obligation (art.3 c.5: CIGS, collective redundancy procedures...).
struct L68Suspension {
  int workers = 0;    // workers concerned
  std::string cause;  // as authorised
};

struct L68ProvinceInput {
  std::string province;  // sigla, "TO"
  std::vector<L68Employee> employees;
  // Disabled people who cover the quota without being employees here: agency workers on missions
  // of 12 months or more (art.34 c.3 D.lgs. 81/2015) and agreements (art.12-bis, art.14 D.lgs.
  // 276/2003).
  int other_disabled_coverage = 0;
  // Authorised partial exemption (art.5 c.3), percent of the quota; at most 60 applies.
  int exemption_percent = 0;
  std::optional<L68Suspension> suspension;
};

enum class L68QuotaKind { kUnspecified, kDisabled, kProtected };

// Territorial compensation (art.5 c.8): the company hires `positions` more in `from_province`
// and as many fewer in `to_province`.
struct L68Compensation {
  L68QuotaKind kind = L68QuotaKind::kDisabled;
  std::string from_province;
  std::string to_province;
  int positions = 0;
};

struct L68ReturnInput {
  int year = 0;                            // staff as of 31 December of this year
  std::string registered_office_province;  // must be one of `provinces`
  std::vector<L68ProvinceInput> provinces;
  std::vector<L68Compensation> compensations;
};

// ---- Output -----------------------------------------------------------------------------------

// A number an explanation step used: a name and its value as text ("150", "10.50", "60%").
struct L68Value {
  std::string name;
  std::string value;
};

// One step of an explanation. `code` is stable (UPPER_SNAKE) so a page may key its own texts.
struct L68Step {
  std::string code;
  std::string text_it;
  std::string text_en;
  std::vector<L68Value> values;

  // The value named `name`, or nullptr.
  const L68Value* Find(absl::string_view name) const;
};

// A figure of the return and why it is what it is.
struct L68Figure {
  int64_t value = 0;
  std::vector<L68Step> steps;

  // The first step with `code`, or nullptr.
  const L68Step* Step(absl::string_view code) const;
  bool HasStep(absl::string_view code) const { return Step(code) != nullptr; }
};

enum class L68CompanyCategory {
  kUnspecified,
  kNotSubject,  // base below 15
  kC,           // 15-35: one disabled worker
  kB,           // 36-50: two
  kA,           // above 50: 7%
};
absl::string_view CategoryName(L68CompanyCategory category);  // "A", "B", "C", "NOT_SUBJECT"

struct L68ExclusionLine {
  L68Exclusion category = L68Exclusion::kUnspecified;
  L68ExclusionScope scope = L68ExclusionScope::kUnspecified;
  int64_t workers = 0;
};

// The figures of one province's section, or of the national summary.
struct L68Figures {
  L68Figure workers_in_force;         // headcount on 31 December
  L68Figure disabled_in_force;        // disabled workers (heads), out of both bases
  L68Figure excluded_disabled_base;   // excluded categories out of the art.3 base
  L68Figure excluded_protected_base;  // excluded categories out of the art.18 base
  L68Figure protected_deducted;       // protected workers out of the base (at most 1%)
  L68Figure part_time_workers;        // part-time and intermittent workers counted pro rata
  L68Figure part_time_units;          // what they count for, rounded
  L68Figure base;                     // computation base, art.3 (disabled)
  L68Figure base_protected;           // computation base, art.18 (protected categories)
  L68Figure quota;                    // disabled workers due (quota di riserva art.3)
  L68Figure exempted;                 // positions exempted (partial exemption)
  L68Figure compensation;             // + more / - fewer to cover here by compensation
  L68Figure positions_due;            // quota - exempted + compensation
  L68Figure disabled_coverage;        // disabled in force as they count for coverage
  L68Figure abatement;                // protected workers in force on 17 January 2000
  L68Figure covered;                  // positions due that are covered
  L68Figure uncovered;                // positions due still to fill (scoperture)
  L68Figure excess;                   // disabled counted above the positions due
  L68Figure quota_protected;          // protected workers due (art.18)
  L68Figure protected_in_force;       // protected workers in force (heads)
  L68Figure compensation_protected;
  L68Figure positions_due_protected;
  L68Figure covered_protected;
  L68Figure uncovered_protected;
  L68Figure excess_protected;
  L68Figure suspended_workers;  // workers of an authorised suspension
};

struct L68ProvinceResult {
  std::string province;
  bool registered_office = false;
  bool obligation_suspended = false;         // an authorised suspension is in force
  std::vector<L68ExclusionLine> exclusions;  // per category, in enum order, only those present
  L68Figures figures;
};

struct L68Return {
  int year = 0;
  L68CompanyCategory category = L68CompanyCategory::kUnspecified;
  std::vector<L68ProvinceResult> provinces;  // in input order
  std::vector<L68ExclusionLine> exclusions;  // national, per category
  L68Figures national;
};

// Computes the return. INVALID_ARGUMENT on bad input, each with its own reason:
//   L68_INVALID_YEAR, L68_NO_PROVINCES, L68_UNKNOWN_PROVINCE, L68_DUPLICATE_PROVINCE,
//   L68_REGISTERED_OFFICE_NOT_IN_RETURN, L68_INVALID_WORKER_COUNT, L68_WORKING_TIME_REQUIRED,
//   L68_INVALID_HOURS, L68_ROLE_REQUIRED, L68_EXCLUSION_REQUIRES_ORDINARY_ROLE,
//   L68_17_01_2000_REQUIRES_PROTECTED_ROLE, L68_INVALID_EXCLUSION, L68_INVALID_OTHER_COVERAGE,
//   L68_INVALID_EXEMPTION_PERCENT, L68_INVALID_SUSPENSION, L68_INVALID_COMPENSATION
// (field violations name the input field, e.g. provinces[1].employees[3].weekly_minutes);
// FAILED_PRECONDITION L68_COMPENSATION_EXCEEDS_POSITIONS_DUE when a compensation takes from a
// province more positions than it owes; OUT_OF_RANGE L68_ARITHMETIC_OVERFLOW when the hours are
// too varied to add up exactly.
absl::StatusOr<L68Return> ComputeL68Return(const L68ReturnInput& input);

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_DOMAIN_L68_RETURN_H_
