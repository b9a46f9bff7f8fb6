#include "services/enterprise/domain/delegation.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/enterprise/domain/company.h"
#include "services/platform/errors.h"
#include "services/reference/fiscal_code.h"
#include "services/reference/municipalities.h"

namespace sisl::enterprise {
namespace {

using platform::Error;
using platform::InvalidField;

constexpr DelegationScope kAllScopes[] = {
    DelegationScope::kVacancies, DelegationScope::kCommunications, DelegationScope::kL68Returns,
    DelegationScope::kServiceRequests};

// The normalized personal fiscal code, or its validation error on `field`.
absl::StatusOr<std::string> Person(absl::string_view code, absl::string_view field) {
  std::string cf = reference::NormalizeFiscalCode(code);
  if (absl::Status st = reference::ValidateFiscalCode(cf, field); !st.ok()) return st;
  return cf;
}

absl::StatusOr<std::string> CompanyCode(absl::string_view code, absl::string_view field) {
  std::string normalized = NormalizeCompanyFiscalCode(code);
  absl::StatusOr<CompanyCodeKind> kind = ValidateCompanyFiscalCode(normalized, field);
  if (!kind.ok()) return kind.status();
  return normalized;
}

absl::Status CheckReason(absl::string_view reason) {
  if (reason.empty()) {
    return InvalidField("REASON_REQUIRED", "reason", "every act on a delegation says why");
  }
  if (reason.size() > kMaxActReasonLength) {
    return InvalidField("REASON_TOO_LONG", "reason",
                        absl::StrCat("at most ", kMaxActReasonLength, " characters"));
  }
  return absl::OkStatus();
}

absl::Status CheckValidity(absl::CivilDay from, const std::optional<absl::CivilDay>& to) {
  if (to.has_value() && *to < from) {
    return InvalidField("INVALID_VALIDITY", "valid_to", "the last day is before the first");
  }
  return absl::OkStatus();
}

absl::Status CheckConsultant(const ConsultantDetails& c) {
  const bool number_ok =
      !c.order_number.empty() && c.order_number.size() <= 20 &&
      std::all_of(c.order_number.begin(), c.order_number.end(), [](char ch) {
        return absl::ascii_isalnum(static_cast<unsigned char>(ch)) || ch == '/' || ch == '-';
      });
  if (!number_ok) {
    return InvalidField("INVALID_ORDER_NUMBER", "consultant.order_number",
                        "the registration number with the order: 1 to 20 letters, digits, / or -");
  }
  const bool province_ok =
      c.order_province.size() == 2 &&
      absl::ascii_isupper(static_cast<unsigned char>(c.order_province[0])) &&
      absl::ascii_isupper(static_cast<unsigned char>(c.order_province[1])) &&
      !reference::Municipalities::Default().InProvince(c.order_province).empty();
  if (!province_ok) {
    return InvalidField("INVALID_ORDER_PROVINCE", "consultant.order_province",
                        "the sigla of the provincial order, e.g. TO");
  }
  if (!c.studio_fiscal_code.empty()) {
    absl::StatusOr<std::string> studio =
        CompanyCode(c.studio_fiscal_code, "consultant.studio_fiscal_code");
    if (!studio.ok()) return studio.status();
  }
  return absl::OkStatus();
}

bool IsLegalRepresentative(const std::vector<Delegation>& all, const std::string& person,
                           const std::string& company, absl::CivilDay day) {
  return std::any_of(all.begin(), all.end(), [&](const Delegation& d) {
    return d.kind == DelegationKind::kLegalRepresentative && d.company == company &&
           d.holder == person && d.valid_from <= day && StateOn(d, day) == DelegationState::kActive;
  });
}

bool IsOpen(DelegationState s) {
  return s == DelegationState::kPending || s == DelegationState::kActive;
}

Delegation WithAct(const Delegation& d, DelegationActKind kind, absl::string_view actor,
                   absl::string_view reason, DelegationState to, absl::Time at) {
  Delegation next = d;
  next.acts.push_back({kind, std::string(actor), at, std::string(reason), d.state, to});
  next.state = to;
  return next;
}

}  // namespace

absl::StatusOr<Delegation> RecordLegalRepresentative(const LegalRepresentativeRecord& r) {
  Delegation d;
  d.id = r.id;
  absl::StatusOr<std::string> company = CompanyCode(r.company, "company");
  if (!company.ok()) return company.status();
  absl::StatusOr<std::string> person = Person(r.person, "person");
  if (!person.ok()) return person.status();
  if (absl::Status st = CheckValidity(r.valid_from, r.valid_to); !st.ok()) return st;
  if (r.recorded_by.empty()) {
    return InvalidField("ACTOR_REQUIRED", "recorded_by", "who records the legal representative");
  }
  if (absl::Status st = CheckReason(r.reason); !st.ok()) return st;
  d.company = *std::move(company);
  d.kind = DelegationKind::kLegalRepresentative;
  d.holder = *std::move(person);
  d.scopes.assign(std::begin(kAllScopes), std::end(kAllScopes));
  d.valid_from = r.valid_from;
  d.valid_to = r.valid_to;
  return WithAct(d, DelegationActKind::kRecordLegalRepresentative, r.recorded_by, r.reason,
                 DelegationState::kActive, r.at);
}

absl::StatusOr<Delegation> Grant(const std::vector<Delegation>& existing, const GrantRequest& r) {
  if (r.kind != DelegationKind::kDelegate && r.kind != DelegationKind::kConsultant) {
    return InvalidField("INVALID_DELEGATION_KIND", "kind",
                        "a delegate or a consultant; legal representatives come from the registry");
  }
  absl::StatusOr<std::string> company = CompanyCode(r.company, "company");
  if (!company.ok()) return company.status();
  absl::StatusOr<std::string> grantor = Person(r.grantor, "grantor");
  if (!grantor.ok()) return grantor.status();
  absl::StatusOr<std::string> holder = Person(r.holder, "holder");
  if (!holder.ok()) return holder.status();
  if (!IsLegalRepresentative(existing, *grantor, *company, r.today)) {
    return Error(absl::StatusCode::kPermissionDenied, "ONLY_LEGAL_REPRESENTATIVE_MAY_GRANT",
                 "only a legal representative of the company names delegates and grants "
                 "delegations to consultants");
  }
  if (*holder == *grantor) {
    return InvalidField("CANNOT_DELEGATE_TO_SELF", "holder",
                        "the legal representative already has every scope");
  }
  if (r.scopes.empty()) {
    return InvalidField("SCOPE_REQUIRED", "scopes", "at least one scope");
  }
  std::vector<DelegationScope> scopes = r.scopes;
  if (std::find(scopes.begin(), scopes.end(), DelegationScope::kUnspecified) != scopes.end()) {
    return InvalidField("INVALID_SCOPE", "scopes", "every scope must be specified");
  }
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  if (absl::Status st = CheckValidity(r.valid_from, r.valid_to); !st.ok()) return st;
  if (r.valid_to.has_value() && *r.valid_to < r.today) {
    return InvalidField("VALIDITY_ALREADY_ENDED", "valid_to", "the last day has passed");
  }
  if (r.kind == DelegationKind::kConsultant) {
    if (!r.consultant.has_value()) {
      return InvalidField("CONSULTANT_DETAILS_REQUIRED", "consultant",
                          "a consultant delegation names the professional-order registration");
    }
    if (absl::Status st = CheckConsultant(*r.consultant); !st.ok()) return st;
  } else if (r.consultant.has_value()) {
    return InvalidField("CONSULTANT_DETAILS_NOT_ALLOWED", "consultant",
                        "only consultant delegations carry order details");
  }
  if (absl::Status st = CheckReason(r.reason); !st.ok()) return st;
  for (const Delegation& d : existing) {
    if (d.company == *company && d.holder == *holder && d.kind == r.kind &&
        IsOpen(StateOn(d, r.today))) {
      return Error(absl::StatusCode::kAlreadyExists, "DELEGATION_ALREADY_EXISTS",
                   "the holder already has an open delegation of this kind; revoke it first",
                   {{"delegation_id", d.id}});
    }
  }
  Delegation d;
  d.id = r.id;
  d.company = *std::move(company);
  d.kind = r.kind;
  d.holder = *std::move(holder);
  d.granted_by = *grantor;
  d.consultant = r.consultant;
  d.scopes = std::move(scopes);
  d.valid_from = r.valid_from;
  d.valid_to = r.valid_to;
  const DelegationState to =
      r.kind == DelegationKind::kDelegate ? DelegationState::kActive : DelegationState::kPending;
  return WithAct(d, DelegationActKind::kGrant, d.granted_by, r.reason, to, r.at);
}

absl::StatusOr<Delegation> Accept(const Delegation& d, absl::string_view actor,
                                  absl::CivilDay today, absl::Time at) {
  if (reference::NormalizeFiscalCode(actor) != d.holder) {
    return Error(absl::StatusCode::kPermissionDenied, "NOT_DELEGATION_HOLDER",
                 "only the person the delegation names may accept it", {{"delegation_id", d.id}});
  }
  const DelegationState s = StateOn(d, today);
  if (s == DelegationState::kExpired) {
    return Error(absl::StatusCode::kFailedPrecondition, "DELEGATION_EXPIRED",
                 "the delegation's last day has passed", {{"delegation_id", d.id}});
  }
  if (s != DelegationState::kPending) {
    return Error(absl::StatusCode::kFailedPrecondition, "DELEGATION_NOT_PENDING",
                 absl::StrCat("the delegation is ", StateName(s), ", not pending"),
                 {{"delegation_id", d.id}, {"state", std::string(StateName(s))}});
  }
  return WithAct(d, DelegationActKind::kAccept, d.holder, "", DelegationState::kActive, at);
}

absl::StatusOr<Delegation> Revoke(const std::vector<Delegation>& existing, const Delegation& d,
                                  absl::string_view actor, absl::string_view reason,
                                  absl::CivilDay today, absl::Time at) {
  if (d.kind == DelegationKind::kLegalRepresentative) {
    return Error(absl::StatusCode::kFailedPrecondition, "LEGAL_REPRESENTATIVE_FROM_REGISTRY",
                 "a legal representative ends with a new registry record, not a revocation",
                 {{"delegation_id", d.id}});
  }
  const DelegationState s = StateOn(d, today);
  if (!IsOpen(s)) {
    return Error(absl::StatusCode::kFailedPrecondition, "DELEGATION_NOT_OPEN",
                 absl::StrCat("the delegation is already ", StateName(s)),
                 {{"delegation_id", d.id}, {"state", std::string(StateName(s))}});
  }
  const std::string who = reference::NormalizeFiscalCode(actor);
  if (who != d.holder && !IsLegalRepresentative(existing, who, d.company, today)) {
    return Error(absl::StatusCode::kPermissionDenied, "NOT_ALLOWED_TO_REVOKE",
                 "the holder or a legal representative of the company revokes a delegation",
                 {{"delegation_id", d.id}});
  }
  if (absl::Status st = CheckReason(reason); !st.ok()) return st;
  return WithAct(d, DelegationActKind::kRevoke, who, reason, DelegationState::kRevoked, at);
}

std::optional<Delegation> ExpireIfDue(const Delegation& d, absl::CivilDay today, absl::Time at) {
  if (!IsOpen(d.state) || StateOn(d, today) != DelegationState::kExpired) return std::nullopt;
  return WithAct(d, DelegationActKind::kExpire, kSystemActor,
                 absl::StrCat("last day ", absl::FormatCivilTime(*d.valid_to), " passed"),
                 DelegationState::kExpired, at);
}

}  // namespace sisl::enterprise
