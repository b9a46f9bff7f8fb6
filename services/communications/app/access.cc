#include "services/communications/app/access.h"

#include "absl/strings/ascii.h"
#include "services/communications/store/delegation_replica.h"
#include "services/platform/access_reason.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"

namespace sisl::communications {

bool IsStaff(const Caller& caller) {
  return caller.role == Role::kOperator || caller.role == Role::kAdmin;
}

const std::string& FiledFor(const Communication& c) {
  if (c.form == Form::kUnisomm && c.agency && !c.agency->fiscal_code.empty()) {
    return c.agency->fiscal_code;
  }
  return c.employer.fiscal_code;
}

absl::Status RequireFiler(platform::db::Transaction& tx, const Caller& caller,
                          const std::string& company) {
  const bool company_role = caller.role == Role::kCompany || caller.role == Role::kConsultant;
  if (!company_role || company.empty() || caller.acting_for != company) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "NOT_ACTING_FOR_COMPANY",
                           "select the role acting for this company first");
  }
  if (!platform::auth::HasScope(caller, platform::auth::kScopeCommunications)) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "SCOPE_MISSING",
                           "your delegation for this company does not cover communications");
  }
  ASSIGN_OR_RETURN(bool holds,
                   store::DelegationReplica::Holds(tx, caller.subject, company,
                                                   platform::auth::kScopeCommunications));
  if (!holds) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "DELEGATION_NOT_ACTIVE",
                           "no active delegation for communications of this company");
  }
  return absl::OkStatus();
}

absl::Status RequireMayFile(platform::db::Transaction& tx, const Caller& caller,
                            const Communication& c) {
  if (IsStaff(caller)) {
    if (c.nature != Nature::kByOffice) {
      return platform::Error(absl::StatusCode::kPermissionDenied, "BY_OFFICE_ONLY",
                             "the office files communications of nature 'by the office' only");
    }
    return absl::OkStatus();
  }
  if (c.nature == Nature::kByOffice) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "BY_OFFICE_STAFF_ONLY",
                           "only the office files communications of nature 'by the office'");
  }
  return RequireFiler(tx, caller, FiledFor(c));
}

std::string ActorRole(const Caller& caller) {
  switch (caller.role) {
    case Role::kCompany:
      return "company";
    case Role::kConsultant:
      return "consultant";
    case Role::kOperator:
      return "operator";
    case Role::kAdmin:
      return "admin";
    default:
      return "citizen";
  }
}

absl::Status CheckAccessReason(const std::string& reason) {
  return platform::CheckAccessReason(reason, "a person's employment");
}

absl::Status Audit(platform::db::Transaction& tx, const Caller& caller, const std::string& action,
                   const std::string& subject, const std::string& reason, bool allowed,
                   absl::Time at) {
  return tx
      .Execute(
          "INSERT INTO staff_audit (id, at, actor, actor_role, action, subject, reason, outcome)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          {platform::NewUuidV7(), absl::ToUnixMicros(at), caller.subject, ActorRole(caller), action,
           subject, reason, std::string(allowed ? "allowed" : "denied")})
      .status();
}

}  // namespace sisl::communications
