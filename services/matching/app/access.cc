#include "services/matching/app/access.h"

#include <algorithm>

#include "services/matching/store/matching_store.h"
#include "services/platform/access_reason.h"
#include "services/platform/errors.h"

namespace sisl::matching {

bool IsStaff(const Caller& caller) {
  return caller.role == Role::kOperator || caller.role == Role::kAdmin;
}

absl::Status RequireCitizen(const Caller& caller) {
  if (caller.role == Role::kCitizen && !caller.subject.empty()) return absl::OkStatus();
  return platform::Error(absl::StatusCode::kPermissionDenied, "CITIZENS_ONLY",
                         "only the person themselves, logged in with SPID or CIE");
}

absl::Status RequireStaffOf(const Caller& caller, const std::string& cpi_code) {
  if (caller.role == Role::kAdmin) return absl::OkStatus();
  if (caller.role != Role::kOperator) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "STAFF_ONLY", "only CPI operators");
  }
  if (caller.cpi_code.empty() || caller.cpi_code != cpi_code) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "OTHER_CPI",
                           "this belongs to another CPI", {{"cpi", cpi_code}});
  }
  return absl::OkStatus();
}

absl::Status RequireCompany(const Caller& caller, const std::string& company) {
  if ((caller.role != Role::kCompany && caller.role != Role::kConsultant) ||
      caller.acting_for != company) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "NOT_ACTING_FOR_COMPANY",
                           "you do not act for this vacancy's company");
  }
  if (std::find(caller.scopes.begin(), caller.scopes.end(), platform::auth::kScopeVacancies) ==
      caller.scopes.end()) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "SCOPE_MISSING",
                           "your role for this company does not cover vacancies");
  }
  return absl::OkStatus();
}

std::string ActorRole(const Caller& caller) {
  switch (caller.role) {
    case Role::kOperator:
      return "operator";
    case Role::kAdmin:
      return "admin";
    case Role::kCompany:
    case Role::kConsultant:
      return "company";
    default:
      return "citizen";
  }
}

absl::Status CheckAccessReason(const std::string& reason) {
  return platform::CheckAccessReason(reason, "this person's profile");
}

absl::Status Audit(platform::db::Transaction& tx, const Caller& caller, const std::string& action,
                   const std::string& person_id, const std::string& reason, absl::Time at) {
  return store::StaffAudit::Record(
      tx, {caller.subject, ActorRole(caller), action, person_id, reason}, at);
}

}  // namespace sisl::matching
