#ifndef SISL_ENTERPRISE_DOMAIN_DELEGATION_H_
#define SISL_ENTERPRISE_DOMAIN_DELEGATION_H_

// Who may act for a company (DOMAIN.md §1, §9): its legal representatives (from the company
// registry), delegates the legal representative names, and labour consultants or accredited
// studios (with their professional-order number) the legal representative grants a delegation
// to and who accept it. Each delegation covers scopes (vacancies, communications, L.68 returns,
// service requests) for a period; either side may revoke it; it expires after its last day.
//
//   company grants ──> PENDING ──(consultant accepts)──> ACTIVE ──(either side)──> REVOKED
//   (a delegate is ACTIVE at once)    └──(either side)──> REVOKED       └──(last day)──> EXPIRED
//
// Every act is an immutable record (who, when, why) appended to the delegation; the functions
// return a new Delegation and never change the one they are given.
//
//   ASSIGN_OR_RETURN(Authority a, Authorize(delegations, person_cf, company_cf,
//                                           DelegationScope::kVacancies, today));

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace sisl::enterprise {

enum class DelegationKind {
  kUnspecified,
  kLegalRepresentative,  // recorded from the company registry; every scope
  kDelegate,             // a person the legal representative names
  kConsultant,           // labour consultant or accredited studio
};

enum class DelegationScope {
  kUnspecified,
  kVacancies,
  kCommunications,
  kL68Returns,
  kServiceRequests,
};

enum class DelegationState {
  kUnspecified,
  kPending,  // granted to a consultant, not yet accepted
  kActive,
  kRevoked,
  kExpired,  // recorded by the expiry job; StateOn() also derives it from the dates
};

enum class DelegationActKind {
  kUnspecified,
  kRecordLegalRepresentative,
  kGrant,
  kAccept,
  kRevoke,
  kExpire,
};

// Stable names: "vacancies", "communications", "l68_returns", "service_requests";
// "pending", "active", "revoked", "expired"; "legal_representative", "delegate", "consultant".
absl::string_view ScopeName(DelegationScope scope);
absl::string_view StateName(DelegationState state);
absl::string_view KindName(DelegationKind kind);

inline constexpr absl::string_view kSystemActor = "system";

// One act on a delegation, never changed once recorded.
struct DelegationAct {
  DelegationActKind kind = DelegationActKind::kUnspecified;
  std::string actor;  // the person's fiscal code, an operator id, or kSystemActor
  absl::Time at;
  std::string reason;
  DelegationState from = DelegationState::kUnspecified;
  DelegationState to = DelegationState::kUnspecified;
};

// The professional a consultant delegation names.
struct ConsultantDetails {
  std::string order_number;        // registration with the Ordine dei consulenti del lavoro
  std::string order_province;      // sigla of the provincial order, "TO"
  std::string studio_fiscal_code;  // the accredited studio (11 digits); optional
};

struct Delegation {
  std::string id;
  std::string company;  // company fiscal code, normalized
  DelegationKind kind = DelegationKind::kUnspecified;
  std::string holder;      // fiscal code of the person who may act, normalized
  std::string granted_by;  // fiscal code of the legal representative; "" for kLegalRepresentative
  std::optional<ConsultantDetails> consultant;
  std::vector<DelegationScope> scopes;  // sorted, without repeats; every scope for kLegalRep.
  absl::CivilDay valid_from;
  std::optional<absl::CivilDay> valid_to;  // last valid day; none: until revoked
  DelegationState state = DelegationState::kUnspecified;
  std::vector<DelegationAct> acts;  // oldest first

  bool Covers(DelegationScope scope) const;
};

// The state on `day`: kExpired for a pending or active delegation whose last day has passed.
DelegationState StateOn(const Delegation& d, absl::CivilDay day);

inline constexpr size_t kMaxActReasonLength = 500;

// A legal representative as the registry (or an operator checking it) records them.
struct LegalRepresentativeRecord {
  std::string id;
  std::string company;
  std::string person;
  absl::CivilDay valid_from;
  std::optional<absl::CivilDay> valid_to;
  std::string recorded_by;  // operator id or kSystemActor (registry import)
  std::string reason;       // e.g. "visura camerale 2025-01-10"
  absl::Time at;
};

// INVALID_ARGUMENT: INVALID_COMPANY_FISCAL_CODE and the reference's fiscal-code reasons,
// INVALID_VALIDITY (last day before the first), ACTOR_REQUIRED, REASON_REQUIRED, REASON_TOO_LONG.
absl::StatusOr<Delegation> RecordLegalRepresentative(const LegalRepresentativeRecord& r);

struct GrantRequest {
  std::string id;
  std::string company;
  std::string grantor;  // who acts: must be the company's legal representative on `today`
  DelegationKind kind = DelegationKind::kUnspecified;  // kDelegate or kConsultant
  std::string holder;
  std::optional<ConsultantDetails> consultant;  // required for kConsultant, refused otherwise
  std::vector<DelegationScope> scopes;
  absl::CivilDay valid_from;
  std::optional<absl::CivilDay> valid_to;
  std::string reason;
  absl::CivilDay today;
  absl::Time at;
};

// Names a delegate (ACTIVE at once) or grants to a consultant (PENDING until accepted).
//   PERMISSION_DENIED   ONLY_LEGAL_REPRESENTATIVE_MAY_GRANT (delegates and consultants cannot)
//   INVALID_ARGUMENT    INVALID_DELEGATION_KIND, the fiscal-code reasons, CANNOT_DELEGATE_TO_SELF,
//                       SCOPE_REQUIRED, INVALID_SCOPE, INVALID_VALIDITY, VALIDITY_ALREADY_ENDED,
//                       CONSULTANT_DETAILS_REQUIRED, CONSULTANT_DETAILS_NOT_ALLOWED,
//                       INVALID_ORDER_NUMBER, INVALID_ORDER_PROVINCE, REASON_REQUIRED,
//                       REASON_TOO_LONG
//   ALREADY_EXISTS      DELEGATION_ALREADY_EXISTS (an open one of the same kind for the holder)
absl::StatusOr<Delegation> Grant(const std::vector<Delegation>& existing, const GrantRequest& r);

// The consultant accepts: PENDING -> ACTIVE. NOT_DELEGATION_HOLDER (PERMISSION_DENIED),
// DELEGATION_NOT_PENDING, DELEGATION_EXPIRED (FAILED_PRECONDITION).
absl::StatusOr<Delegation> Accept(const Delegation& d, absl::string_view actor,
                                  absl::CivilDay today, absl::Time at);

// Either side revokes a pending or active delegation: its holder (renouncing or declining) or
// a legal representative of the company on `today` (per `existing`).
//   LEGAL_REPRESENTATIVE_FROM_REGISTRY (FAILED_PRECONDITION: a new registry record ends it),
//   DELEGATION_NOT_OPEN (FAILED_PRECONDITION), NOT_ALLOWED_TO_REVOKE (PERMISSION_DENIED),
//   REASON_REQUIRED / REASON_TOO_LONG (INVALID_ARGUMENT).
absl::StatusOr<Delegation> Revoke(const std::vector<Delegation>& existing, const Delegation& d,
                                  absl::string_view actor, absl::string_view reason,
                                  absl::CivilDay today, absl::Time at);

// For the expiry job: the delegation with an EXPIRE act by kSystemActor when it is pending or
// active and its last day is before `today`; nullopt otherwise.
std::optional<Delegation> ExpireIfDue(const Delegation& d, absl::CivilDay today, absl::Time at);

// Why someone may act.
struct Authority {
  DelegationKind kind = DelegationKind::kUnspecified;
  std::string delegation_id;  // the record that allows it
};

// May `person` act for `company` in `scope` on `day`? The person and company codes are
// normalized first. OK with the record that allows it, or PERMISSION_DENIED with one reason:
//   NO_ROLE_FOR_COMPANY       no record of this person for this company (e.g. another
//                             company's delegate)
//   DELEGATION_PENDING        granted but not accepted yet
//   DELEGATION_NOT_YET_VALID  before its first day
//   DELEGATION_EXPIRED        after its last day (or expired by the job)
//   DELEGATION_REVOKED
//   SCOPE_NOT_DELEGATED       no record of the person covers `scope`
// With several records, one covering the scope explains the refusal (pending first, then not
// yet valid, expired, revoked); metadata delegation_id and scope.
absl::StatusOr<Authority> Authorize(const std::vector<Delegation>& delegations,
                                    absl::string_view person, absl::string_view company,
                                    DelegationScope scope, absl::CivilDay day);

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_DOMAIN_DELEGATION_H_
