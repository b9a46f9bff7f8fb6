// Validation of the input of the L.68/1999 return: every refusal names its field.

#include <cctype>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/enterprise/domain/l68_internal.h"
#include "services/platform/errors.h"
#include "services/reference/municipalities.h"

namespace sisl::enterprise::l68 {
namespace {

using platform::InvalidField;

constexpr int kMaxWorkersPerLine = 1'000'000;
constexpr int kMaxWeeklyMinutes = 60 * 60;  // a full-time week longer than 60 hours is a typo

bool IsProvinceSigla(absl::string_view s) {
  if (s.size() != 2 || !std::isupper(static_cast<unsigned char>(s[0])) ||
      !std::isupper(static_cast<unsigned char>(s[1]))) {
    return false;
  }
  return !reference::Municipalities::Default().InProvince(s).empty();
}

absl::Status ValidateEmployee(const L68Employee& e, const std::string& field) {
  if (e.count < 1 || e.count > kMaxWorkersPerLine) {
    return InvalidField("L68_INVALID_WORKER_COUNT", field + ".count",
                        absl::StrCat("must be 1 to ", kMaxWorkersPerLine));
  }
  if (e.role == L68Role::kUnspecified) {
    return InvalidField("L68_ROLE_REQUIRED", field + ".role", "ordinary, disabled or protected");
  }
  switch (e.working_time) {
    case L68WorkingTime::kUnspecified:
      return InvalidField("L68_WORKING_TIME_REQUIRED", field + ".working_time",
                          "full time, part time or intermittent");
    case L68WorkingTime::kFullTime:
      break;
    case L68WorkingTime::kPartTime:
    case L68WorkingTime::kIntermittent: {
      if (e.full_time_weekly_minutes < 60 || e.full_time_weekly_minutes > kMaxWeeklyMinutes) {
        return InvalidField("L68_INVALID_HOURS", field + ".full_time_weekly_minutes",
                            "the full-time week must be 1 to 60 hours, in minutes");
      }
      const bool part_time = e.working_time == L68WorkingTime::kPartTime;
      if (e.weekly_minutes < (part_time ? 1 : 0) ||
          (part_time ? e.weekly_minutes >= e.full_time_weekly_minutes
                     : e.weekly_minutes > e.full_time_weekly_minutes)) {
        return InvalidField("L68_INVALID_HOURS", field + ".weekly_minutes",
                            part_time ? "part-time minutes must be above 0 and below full time"
                                      : "intermittent minutes must be 0 to full time");
      }
      break;
    }
  }
  if (e.exclusion.has_value()) {
    if (ScopeOf(*e.exclusion) == L68ExclusionScope::kUnspecified) {
      return InvalidField("L68_INVALID_EXCLUSION", field + ".exclusion", "unknown category");
    }
    if (e.role != L68Role::kOrdinary) {
      return InvalidField("L68_EXCLUSION_REQUIRES_ORDINARY_ROLE", field + ".exclusion",
                          "disabled and protected workers are never an excluded category");
    }
  }
  if (e.in_force_on_17_01_2000 && e.role != L68Role::kProtected) {
    return InvalidField("L68_17_01_2000_REQUIRES_PROTECTED_ROLE", field + ".in_force_on_17_01_2000",
                        "only protected-category workers (art.18) have this abatement");
  }
  return absl::OkStatus();
}

absl::Status ValidateProvince(const L68ProvinceInput& p, const std::string& field) {
  if (!IsProvinceSigla(p.province)) {
    return InvalidField("L68_UNKNOWN_PROVINCE", field + ".province",
                        "must be the two-letter sigla of an Italian province");
  }
  for (size_t i = 0; i < p.employees.size(); ++i) {
    absl::Status st = ValidateEmployee(p.employees[i], absl::StrCat(field, ".employees[", i, "]"));
    if (!st.ok()) return st;
  }
  if (p.other_disabled_coverage < 0) {
    return InvalidField("L68_INVALID_OTHER_COVERAGE", field + ".other_disabled_coverage",
                        "must not be negative");
  }
  if (p.exemption_percent < 0 || p.exemption_percent > 100) {
    return InvalidField("L68_INVALID_EXEMPTION_PERCENT", field + ".exemption_percent",
                        "must be 0 to 100 (at most 60 applies)");
  }
  if (p.suspension.has_value() && (p.suspension->workers < 0 || p.suspension->cause.empty())) {
    return InvalidField("L68_INVALID_SUSPENSION", field + ".suspension",
                        "needs a cause and a number of workers not below 0");
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateInput(const L68ReturnInput& in) {
  if (in.year < 2000 || in.year > 2999) {
    return InvalidField("L68_INVALID_YEAR", "year", "returns exist from 2000");
  }
  if (in.provinces.empty()) {
    return InvalidField("L68_NO_PROVINCES", "provinces", "at least one province");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < in.provinces.size(); ++i) {
    const std::string field = absl::StrCat("provinces[", i, "]");
    if (absl::Status st = ValidateProvince(in.provinces[i], field); !st.ok()) return st;
    if (!seen.insert(in.provinces[i].province).second) {
      return InvalidField("L68_DUPLICATE_PROVINCE", field + ".province",
                          "each province has one section");
    }
  }
  if (seen.count(in.registered_office_province) == 0) {
    return InvalidField("L68_REGISTERED_OFFICE_NOT_IN_RETURN", "registered_office_province",
                        "the province of the registered office needs a section (it may be empty)");
  }
  for (size_t i = 0; i < in.compensations.size(); ++i) {
    const L68Compensation& c = in.compensations[i];
    const std::string field = absl::StrCat("compensations[", i, "]");
    if (c.kind == L68QuotaKind::kUnspecified) {
      return InvalidField("L68_INVALID_COMPENSATION", field + ".kind", "disabled or protected");
    }
    if (seen.count(c.from_province) == 0 || seen.count(c.to_province) == 0) {
      return InvalidField("L68_INVALID_COMPENSATION", field,
                          "both provinces must have a section in the return");
    }
    if (c.from_province == c.to_province) {
      return InvalidField("L68_INVALID_COMPENSATION", field, "needs two different provinces");
    }
    if (c.positions < 1) {
      return InvalidField("L68_INVALID_COMPENSATION", field + ".positions", "at least 1");
    }
  }
  return absl::OkStatus();
}

}  // namespace sisl::enterprise::l68
