#ifndef SISL_ENTERPRISE_APP_DELEGATIONS_H_
#define SISL_ENTERPRISE_APP_DELEGATIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/enterprise/app/deps.h"
#include "services/enterprise/domain/delegation.h"
#include "services/platform/auth/internal_token.h"

namespace sisl::enterprise {

struct GrantDelegationInput {
  std::string company;
  DelegationKind kind = DelegationKind::kUnspecified;
  std::string holder;
  std::optional<ConsultantDetails> consultant;
  std::vector<DelegationScope> scopes;
  absl::CivilDay valid_from;
  std::optional<absl::CivilDay> valid_to;
  std::string reason;
  std::string request_id;
};

struct RecordLegalRepresentativeInput {
  std::string company;
  std::string person;
  absl::CivilDay valid_from;
  std::optional<absl::CivilDay> valid_to;
  std::string reason;
  std::string request_id;
};

// A delegation with the company's name, for display.
struct DelegationView {
  Delegation delegation;
  std::string company_name;
};

// One role a person may take today (what the gateway offers after login).
struct CompanyRole {
  std::string company;
  std::string company_name;
  DelegationKind kind = DelegationKind::kUnspecified;
  std::vector<DelegationScope> scopes;
  std::optional<absl::CivilDay> valid_to;
};

// Delegations: legal representatives recorded by operators, delegates named and consultants
// granted by the legal representative, accepted by consultants, revoked by either side; every
// act with who, when and why, and an event for each.
class DelegationManager final {
 public:
  explicit DelegationManager(Deps deps) : deps_(deps) {}

  absl::StatusOr<DelegationView> RecordLegalRepresentative(
      const platform::auth::Caller& caller, const RecordLegalRepresentativeInput& input);
  absl::StatusOr<DelegationView> Grant(const platform::auth::Caller& caller,
                                       const GrantDelegationInput& input);
  absl::StatusOr<DelegationView> Accept(const platform::auth::Caller& caller, const std::string& id,
                                        const std::string& reason);
  absl::StatusOr<DelegationView> Revoke(const platform::auth::Caller& caller, const std::string& id,
                                        const std::string& reason);
  // The company's legal representative (acting for it), or an operator of its CPIs with a
  // reason (audited).
  absl::StatusOr<std::vector<DelegationView>> OfCompany(const platform::auth::Caller& caller,
                                                        const std::string& company,
                                                        const std::string& access_reason);
  absl::StatusOr<std::vector<DelegationView>> Mine(const platform::auth::Caller& caller);
  absl::StatusOr<std::vector<CompanyRole>> MyRoles(const platform::auth::Caller& caller);
  // The expiry job: expires overdue delegations (with an event each); returns how many.
  absl::StatusOr<int> ExpireOverdue(int limit);

 private:
  Deps deps_;
};

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_APP_DELEGATIONS_H_
