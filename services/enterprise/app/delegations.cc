#include "services/enterprise/app/delegations.h"

#include <algorithm>
#include <map>

#include "services/enterprise/app/access.h"
#include "services/enterprise/app/audit.h"
#include "services/enterprise/events/enterprise_events.h"
#include "services/enterprise/store/company_store.h"
#include "services/enterprise/store/delegation_store.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise {
namespace {

using platform::auth::Caller;
using platform::db::Transaction;
using platform::outbox::EventWriter;

absl::StatusOr<DelegationView> View(Transaction& tx, Delegation d) {
  ASSIGN_OR_RETURN(store::StoredCompany c, store::CompanyStore::Get(tx, d.company));
  return DelegationView{std::move(d), c.company.name};
}

// The strongest kind first: a legal representative's role covers a delegate's.
int Rank(DelegationKind k) {
  switch (k) {
    case DelegationKind::kLegalRepresentative:
      return 0;
    case DelegationKind::kDelegate:
      return 1;
    default:
      return 2;
  }
}

}  // namespace

absl::StatusOr<DelegationView> DelegationManager::RecordLegalRepresentative(
    const Caller& caller, const RecordLegalRepresentativeInput& in) {
  if (!IsOperatorOrAdmin(caller)) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "STAFF_ONLY",
                           "legal representatives are recorded by CPI operators");
  }
  const absl::Time now = deps_.clock.Now();
  DelegationView out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    RETURN_IF_ERROR(store::CompanyStore::Get(tx, in.company).status());
    RETURN_IF_ERROR(RequireOperatorOfCompany(tx, caller, in.company));
    ASSIGN_OR_RETURN(
        out, platform::db::CreateOnce<DelegationView>(
                 tx, {"enterprise.RecordLegalRepresentative", caller.subject, in.request_id}, now,
                 [&](const std::string& id) -> absl::StatusOr<DelegationView> {
                   ASSIGN_OR_RETURN(Delegation d, store::DelegationStore::Get(tx, id));
                   return View(tx, std::move(d));
                 },
                 [&]() -> absl::StatusOr<DelegationView> {
                   ASSIGN_OR_RETURN(Delegation d, enterprise::RecordLegalRepresentative(
                                                      {platform::NewUuidV7(deps_.clock), in.company,
                                                       in.person, in.valid_from, in.valid_to,
                                                       caller.subject, in.reason, now}));
                   RETURN_IF_ERROR(store::DelegationStore::Insert(
                       tx, d, deps_.person_ids.PersonId(d.holder), now));
                   RETURN_IF_ERROR(
                       events.Emit(d.company, *events::DelegationEvent(d, deps_.person_ids)));
                   return View(tx, std::move(d));
                 },
                 [](const DelegationView& v) { return v.delegation.id; }));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<DelegationView> DelegationManager::Grant(const Caller& caller,
                                                        const GrantDelegationInput& in) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  DelegationView out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    RETURN_IF_ERROR(store::CompanyStore::Get(tx, in.company).status());
    if ((caller.role != Role::kCompany && caller.role != Role::kConsultant) ||
        caller.acting_for != in.company) {
      return platform::Error(absl::StatusCode::kPermissionDenied, "NOT_ACTING_FOR_COMPANY",
                             "choose the role acting for this company first");
    }
    ASSIGN_OR_RETURN(std::vector<Delegation> existing,
                     store::DelegationStore::OfCompany(tx, in.company));
    const std::string grantor = HolderCodeOf(existing, caller, deps_.person_ids);
    ASSIGN_OR_RETURN(
        out,
        platform::db::CreateOnce<DelegationView>(
            tx, {"enterprise.GrantDelegation", caller.subject, in.request_id}, now,
            [&](const std::string& id) -> absl::StatusOr<DelegationView> {
              ASSIGN_OR_RETURN(Delegation d, store::DelegationStore::Get(tx, id));
              return View(tx, std::move(d));
            },
            [&]() -> absl::StatusOr<DelegationView> {
              ASSIGN_OR_RETURN(Delegation d,
                               enterprise::Grant(
                                   existing, {platform::NewUuidV7(deps_.clock), in.company, grantor,
                                              in.kind, in.holder, in.consultant, in.scopes,
                                              in.valid_from, in.valid_to, in.reason, today, now}));
              RETURN_IF_ERROR(
                  store::DelegationStore::Insert(tx, d, deps_.person_ids.PersonId(d.holder), now));
              RETURN_IF_ERROR(
                  events.Emit(d.company, *events::DelegationEvent(d, deps_.person_ids)));
              return View(tx, std::move(d));
            },
            [](const DelegationView& v) { return v.delegation.id; }));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<DelegationView> DelegationManager::Accept(const Caller& caller,
                                                         const std::string& id,
                                                         const std::string& reason) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  DelegationView out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(Delegation d, store::DelegationStore::Get(tx, id));
    const std::string actor = HolderCodeOf({d}, caller, deps_.person_ids);
    ASSIGN_OR_RETURN(Delegation next,
                     enterprise::Accept(d, actor.empty() ? caller.subject : actor, today, now));
    if (!reason.empty() && !next.acts.empty()) next.acts.back().reason = reason;
    RETURN_IF_ERROR(store::DelegationStore::Update(tx, next, now));
    RETURN_IF_ERROR(events.Emit(next.company, *events::DelegationEvent(next, deps_.person_ids)));
    ASSIGN_OR_RETURN(out, View(tx, std::move(next)));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<DelegationView> DelegationManager::Revoke(const Caller& caller,
                                                         const std::string& id,
                                                         const std::string& reason) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  DelegationView out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(Delegation d, store::DelegationStore::Get(tx, id));
    ASSIGN_OR_RETURN(std::vector<Delegation> existing,
                     store::DelegationStore::OfCompany(tx, d.company));
    // The holder renounces; or a person acting for the company (its legal representative, the
    // domain checks) revokes.
    std::string actor = HolderCodeOf({d}, caller, deps_.person_ids);
    if (actor.empty() && caller.acting_for == d.company) {
      actor = HolderCodeOf(existing, caller, deps_.person_ids);
    }
    ASSIGN_OR_RETURN(Delegation next,
                     enterprise::Revoke(existing, d, actor.empty() ? caller.subject : actor, reason,
                                        today, now));
    RETURN_IF_ERROR(store::DelegationStore::Update(tx, next, now));
    RETURN_IF_ERROR(events.Emit(next.company, *events::DelegationEvent(next, deps_.person_ids)));
    ASSIGN_OR_RETURN(out, View(tx, std::move(next)));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::vector<DelegationView>> DelegationManager::OfCompany(
    const Caller& caller, const std::string& company, const std::string& access_reason) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(store::StoredCompany c, store::CompanyStore::Get(*tx, company));
  ASSIGN_OR_RETURN(std::vector<Delegation> all, store::DelegationStore::OfCompany(*tx, company));
  if (IsOperatorOrAdmin(caller)) {
    RETURN_IF_ERROR(RequireOperatorOfCompany(*tx, caller, company));
    RETURN_IF_ERROR(CheckAccessReason(access_reason));
    RETURN_IF_ERROR(
        AuditRead(*tx, caller, "list_delegations", company, access_reason, deps_.clock.Now()));
    RETURN_IF_ERROR(tx->Commit());
  } else {
    const std::string holder = HolderCodeOf(all, caller, deps_.person_ids);
    bool legal_rep = false;
    for (const Delegation& d : all) {
      legal_rep |= d.holder == holder && d.kind == DelegationKind::kLegalRepresentative &&
                   StateOn(d, today) == DelegationState::kActive;
    }
    if (caller.acting_for != company || !legal_rep) {
      return platform::Error(absl::StatusCode::kPermissionDenied,
                             "ONLY_LEGAL_REPRESENTATIVE_MAY_LIST",
                             "a company's delegations are shown to its legal representative");
    }
  }
  std::vector<DelegationView> out;
  for (Delegation& d : all) {
    d.state = StateOn(d, today);
    out.push_back({std::move(d), c.company.name});
  }
  return out;
}

absl::StatusOr<std::vector<DelegationView>> DelegationManager::Mine(const Caller& caller) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(std::vector<Delegation> all,
                   store::DelegationStore::OfHolder(*tx, caller.subject));
  std::vector<DelegationView> out;
  for (Delegation& d : all) {
    d.state = StateOn(d, today);
    ASSIGN_OR_RETURN(DelegationView v, View(*tx, std::move(d)));
    out.push_back(std::move(v));
  }
  return out;
}

absl::StatusOr<std::vector<CompanyRole>> DelegationManager::MyRoles(const Caller& caller) {
  ASSIGN_OR_RETURN(std::vector<DelegationView> mine, Mine(caller));
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  std::map<std::string, CompanyRole> by_company;
  for (const DelegationView& v : mine) {
    const Delegation& d = v.delegation;
    if (d.state != DelegationState::kActive || d.valid_from > today) continue;
    auto [it, fresh] = by_company.try_emplace(d.company);
    CompanyRole& role = it->second;
    if (fresh || Rank(d.kind) < Rank(role.kind)) {
      role.company = d.company;
      role.company_name = v.company_name;
      role.kind = d.kind;
      role.valid_to = d.valid_to;
    }
    for (DelegationScope s : d.scopes) {
      if (std::find(role.scopes.begin(), role.scopes.end(), s) == role.scopes.end()) {
        role.scopes.push_back(s);
      }
    }
    std::sort(role.scopes.begin(), role.scopes.end());
  }
  std::vector<CompanyRole> out;
  for (auto& [company, role] : by_company) out.push_back(std::move(role));
  return out;
}

absl::StatusOr<int> DelegationManager::ExpireOverdue(int limit) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  int expired = 0;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    expired = 0;
    ASSIGN_OR_RETURN(std::vector<Delegation> due,
                     store::DelegationStore::Overdue(tx, today, limit));
    for (const Delegation& d : due) {
      std::optional<Delegation> next = ExpireIfDue(d, today, now);
      if (!next.has_value()) continue;
      RETURN_IF_ERROR(store::DelegationStore::Update(tx, *next, now));
      RETURN_IF_ERROR(
          events.Emit(next->company, *events::DelegationEvent(*next, deps_.person_ids)));
      ++expired;
    }
    return absl::OkStatus();
  }));
  return expired;
}

}  // namespace sisl::enterprise
