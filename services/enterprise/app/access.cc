#include "services/enterprise/app/access.h"

#include <algorithm>

#include "services/enterprise/store/company_store.h"
#include "services/enterprise/store/delegation_store.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise {

bool IsStaff(const Caller& c) {
  return c.role == Role::kOperator || c.role == Role::kAdmin || c.role == Role::kContactCentre;
}

bool IsOperatorOrAdmin(const Caller& c) {
  return c.role == Role::kOperator || c.role == Role::kAdmin;
}

std::string HolderCodeOf(const std::vector<Delegation>& delegations, const Caller& caller,
                         const platform::auth::PersonIdHasher& person_ids) {
  if (caller.subject.empty()) return "";
  for (const Delegation& d : delegations) {
    if (person_ids.PersonId(d.holder) == caller.subject) return d.holder;
  }
  return "";
}

absl::StatusOr<std::string> RequireCompanyScope(platform::db::Transaction& tx, const Caller& caller,
                                                const std::string& company, DelegationScope scope,
                                                absl::CivilDay today,
                                                const platform::auth::PersonIdHasher& person_ids) {
  if ((caller.role != Role::kCompany && caller.role != Role::kConsultant) ||
      caller.acting_for != company) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "NOT_ACTING_FOR_COMPANY",
                           "choose the role acting for this company first", {{"company", company}});
  }
  ASSIGN_OR_RETURN(std::vector<Delegation> delegations,
                   store::DelegationStore::OfCompany(tx, company));
  const std::string holder = HolderCodeOf(delegations, caller, person_ids);
  if (holder.empty()) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "NO_ROLE_FOR_COMPANY",
                           "you hold no role for this company");
  }
  RETURN_IF_ERROR(Authorize(delegations, holder, company, scope, today).status());
  return holder;
}

absl::Status RequireOperatorOfCompany(platform::db::Transaction& tx, const Caller& caller,
                                      const std::string& company) {
  if (caller.role == Role::kAdmin) return absl::OkStatus();
  if (caller.role == Role::kOperator) {
    ASSIGN_OR_RETURN(std::vector<std::string> cpis, store::CompanyStore::CpisOf(tx, company));
    if (std::find(cpis.begin(), cpis.end(), caller.cpi_code) != cpis.end()) {
      return absl::OkStatus();
    }
  }
  return platform::Error(absl::StatusCode::kPermissionDenied, "OUTSIDE_OPERATOR_CPI",
                         "operators see the companies with a site in their CPI's area");
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
    case Role::kContactCentre:
      return "contact_centre";
    default:
      return "citizen";
  }
}

}  // namespace sisl::enterprise
