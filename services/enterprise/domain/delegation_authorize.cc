// Names, states on a day and Authorize: who may act for a company.

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "services/enterprise/domain/company.h"
#include "services/enterprise/domain/delegation.h"
#include "services/platform/errors.h"
#include "services/reference/fiscal_code.h"

namespace sisl::enterprise {
namespace {

using platform::Error;

// Why a record does not let its holder act in `scope` on `day` ("" when it does). A record that
// does not cover the scope can only say so; among those that do, the reasons that need an act
// (accepting, waiting) come first.
struct Outcome {
  std::string reason;
  int rank = -1;
};

Outcome OutcomeOf(const Delegation& d, DelegationScope scope, absl::CivilDay day) {
  if (!d.Covers(scope)) return {"SCOPE_NOT_DELEGATED", 4};
  const DelegationState s = StateOn(d, day);
  if (s == DelegationState::kRevoked) return {"DELEGATION_REVOKED", 3};
  if (s == DelegationState::kExpired) return {"DELEGATION_EXPIRED", 2};
  if (s == DelegationState::kPending) return {"DELEGATION_PENDING", 0};
  if (day < d.valid_from) return {"DELEGATION_NOT_YET_VALID", 1};
  if (s != DelegationState::kActive) return {"DELEGATION_REVOKED", 3};
  return {"", -1};
}

}  // namespace

absl::string_view ScopeName(DelegationScope scope) {
  switch (scope) {
    case DelegationScope::kVacancies:
      return "vacancies";
    case DelegationScope::kCommunications:
      return "communications";
    case DelegationScope::kL68Returns:
      return "l68_returns";
    case DelegationScope::kServiceRequests:
      return "service_requests";
    case DelegationScope::kUnspecified:
      break;
  }
  return "unspecified";
}

absl::string_view StateName(DelegationState state) {
  switch (state) {
    case DelegationState::kPending:
      return "pending";
    case DelegationState::kActive:
      return "active";
    case DelegationState::kRevoked:
      return "revoked";
    case DelegationState::kExpired:
      return "expired";
    case DelegationState::kUnspecified:
      break;
  }
  return "unspecified";
}

absl::string_view KindName(DelegationKind kind) {
  switch (kind) {
    case DelegationKind::kLegalRepresentative:
      return "legal_representative";
    case DelegationKind::kDelegate:
      return "delegate";
    case DelegationKind::kConsultant:
      return "consultant";
    case DelegationKind::kUnspecified:
      break;
  }
  return "unspecified";
}

bool Delegation::Covers(DelegationScope scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

DelegationState StateOn(const Delegation& d, absl::CivilDay day) {
  const bool open = d.state == DelegationState::kPending || d.state == DelegationState::kActive;
  if (open && d.valid_to.has_value() && *d.valid_to < day) {
    return DelegationState::kExpired;
  }
  return d.state;
}

absl::StatusOr<Authority> Authorize(const std::vector<Delegation>& delegations,
                                    absl::string_view person, absl::string_view company,
                                    DelegationScope scope, absl::CivilDay day) {
  const std::string who = reference::NormalizeFiscalCode(person);
  const std::string firm = NormalizeCompanyFiscalCode(company);
  const Delegation* best = nullptr;
  Outcome best_outcome;
  for (const Delegation& d : delegations) {
    if (d.company != firm || d.holder != who) continue;
    const Outcome o = OutcomeOf(d, scope, day);
    // Allowed beats refused (a legal representative first); then the lowest rank explains.
    const bool better = best == nullptr || o.rank < best_outcome.rank ||
                        (o.reason.empty() && d.kind == DelegationKind::kLegalRepresentative);
    if (better) {
      best = &d;
      best_outcome = o;
    }
  }
  if (best == nullptr) {
    return Error(absl::StatusCode::kPermissionDenied, "NO_ROLE_FOR_COMPANY",
                 "the person is neither a legal representative nor a delegate of this company",
                 {{"scope", std::string(ScopeName(scope))}});
  }
  if (best_outcome.reason.empty()) return Authority{best->kind, best->id};
  return Error(
      absl::StatusCode::kPermissionDenied, best_outcome.reason,
      absl::StrCat("the delegation does not allow acting in ", ScopeName(scope), " on this day"),
      {{"delegation_id", best->id}, {"scope", std::string(ScopeName(scope))}});
}

}  // namespace sisl::enterprise
