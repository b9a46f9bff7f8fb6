#include "services/enterprise/app/companies.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/enterprise/app/access.h"
#include "services/enterprise/app/places.h"
#include "services/enterprise/events/enterprise_events.h"
#include "services/enterprise/store/delegation_store.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise {
namespace {

using platform::auth::Caller;
using platform::db::Transaction;
using platform::outbox::EventWriter;

// The fields a change may name, and how each is copied.
void CopyField(const std::string& path, const Company& from, Company& to) {
  if (path == "name") to.name = from.name;
  if (path == "vat_number") to.vat_number = from.vat_number;
  if (path == "legal_form") to.legal_form = from.legal_form;
  if (path == "ateco_code") to.ateco_code = from.ateco_code;
  if (path == "sector") to.sector = from.sector;
  if (path == "registered_office") to.registered_office = from.registered_office;
  if (path == "operating_sites") to.operating_sites = from.operating_sites;
  if (path == "pec") to.pec = from.pec;
  if (path == "ccnl_code") to.ccnl_code = from.ccnl_code;
  if (path == "workforce") to.workforce = from.workforce;
}

constexpr const char* kUpdatable[] = {
    "name",      "vat_number",        "legal_form",      "ateco_code",
    "sector",    "registered_office", "operating_sites", "pec",
    "ccnl_code", "workforce"};

absl::Status CheckPaths(const std::vector<std::string>& paths) {
  if (paths.empty()) {
    return platform::InvalidField("UPDATE_MASK_REQUIRED", "update_mask", "name the fields");
  }
  for (const std::string& p : paths) {
    if (std::find_if(std::begin(kUpdatable), std::end(kUpdatable),
                     [&](const char* u) { return p == u; }) == std::end(kUpdatable)) {
      return platform::InvalidField("FIELD_NOT_UPDATABLE", absl::StrCat("update_mask.", p),
                                    "this field cannot be changed");
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<store::StoredCompany> CompanyRegistry::Register(const Caller& caller,
                                                               RegisterCompany r) {
  std::string legal_rep;
  if (caller.role == Role::kCitizen) {
    legal_rep = caller.fiscal_code;
    if (legal_rep.empty()) {
      return platform::Error(absl::StatusCode::kPermissionDenied, "FISCAL_CODE_REQUIRED",
                             "log in with SPID or CIE to register your company");
    }
  } else if (IsOperatorOrAdmin(caller)) {
    legal_rep = absl::AsciiStrToUpper(r.legal_representative);
    if (legal_rep.empty()) {
      return platform::InvalidField("LEGAL_REPRESENTATIVE_REQUIRED",
                                    "legal_representative_fiscal_code",
                                    "name the company's legal representative");
    }
  } else {
    return platform::Error(absl::StatusCode::kPermissionDenied, "ROLE_NOT_ALLOWED",
                           "companies are registered by their legal representative or by an "
                           "operator");
  }
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  RETURN_IF_ERROR(ValidateCompany(r.company, today));
  const std::vector<std::string> cpis = CpisOf(r.company);
  if (caller.role == Role::kOperator &&
      std::find(cpis.begin(), cpis.end(), caller.cpi_code) == cpis.end()) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "OUTSIDE_OPERATOR_CPI",
                           "the company has no site in your CPI's area");
  }
  const absl::Time now = deps_.clock.Now();
  store::StoredCompany out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(
        out,
        platform::db::CreateOnce<store::StoredCompany>(
            tx, {"enterprise.RegisterCompany", caller.subject, r.request_id}, now,
            [&](const std::string& id) { return store::CompanyStore::Get(tx, id); },
            [&]() -> absl::StatusOr<store::StoredCompany> {
              ASSIGN_OR_RETURN(store::StoredCompany c,
                               store::CompanyStore::Insert(
                                   tx, r.company, cpis,
                                   {caller.subject, ActorRole(caller), {}, "registration", now}));
              ASSIGN_OR_RETURN(
                  Delegation d,
                  RecordLegalRepresentative(
                      {platform::NewUuidV7(deps_.clock), r.company.fiscal_code, legal_rep, today,
                       std::nullopt, caller.role == Role::kCitizen ? legal_rep : caller.subject,
                       caller.role == Role::kCitizen
                           ? "registrazione della propria impresa dopo l'accesso SPID/CIE"
                           : "registrazione da parte dell'operatore CPI",
                       now}));
              RETURN_IF_ERROR(
                  store::DelegationStore::Insert(tx, d, deps_.person_ids.PersonId(d.holder), now));
              RETURN_IF_ERROR(
                  events.Emit(c.company.fiscal_code, *events::CompanyRegisteredEvent(c)));
              RETURN_IF_ERROR(events.Emit(c.company.fiscal_code,
                                          *events::DelegationEvent(d, deps_.person_ids)));
              return c;
            },
            [](const store::StoredCompany& c) { return c.company.fiscal_code; }));
    return absl::OkStatus();
  }));
  return out;
}

absl::Status CompanyRegistry::RequireReader(Transaction& tx, const Caller& caller,
                                            const std::string& fiscal_code) {
  if (IsOperatorOrAdmin(caller)) return RequireOperatorOfCompany(tx, caller, fiscal_code);
  if ((caller.role == Role::kCompany || caller.role == Role::kConsultant) &&
      caller.acting_for == fiscal_code) {
    ASSIGN_OR_RETURN(std::vector<Delegation> all,
                     store::DelegationStore::OfCompany(tx, fiscal_code));
    const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
    for (const Delegation& d : all) {
      if (deps_.person_ids.PersonId(d.holder) == caller.subject &&
          StateOn(d, today) == DelegationState::kActive && d.valid_from <= today) {
        return absl::OkStatus();
      }
    }
  }
  return platform::Error(absl::StatusCode::kPermissionDenied, "NOT_ACTING_FOR_COMPANY",
                         "only the company's people and the operators of its CPIs see it");
}

absl::StatusOr<store::StoredCompany> CompanyRegistry::Get(const Caller& caller,
                                                          const std::string& fiscal_code) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(store::StoredCompany c, store::CompanyStore::Get(*tx, fiscal_code));
  RETURN_IF_ERROR(RequireReader(*tx, caller, fiscal_code));
  return c;
}

absl::StatusOr<store::StoredCompany> CompanyRegistry::Update(
    const Caller& caller, const std::string& fiscal_code, const Company& changes,
    const std::vector<std::string>& paths, int64_t version, const std::string& reason) {
  RETURN_IF_ERROR(CheckPaths(paths));
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  store::StoredCompany out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(store::StoredCompany current, store::CompanyStore::Get(tx, fiscal_code));
    if (IsOperatorOrAdmin(caller)) {
      RETURN_IF_ERROR(RequireOperatorOfCompany(tx, caller, fiscal_code));
    } else {
      // Changing the company file is the legal representative's act (no delegation scope
      // covers it).
      ASSIGN_OR_RETURN(std::vector<Delegation> all,
                       store::DelegationStore::OfCompany(tx, fiscal_code));
      const std::string holder = HolderCodeOf(all, caller, deps_.person_ids);
      bool legal_rep = false;
      for (const Delegation& d : all) {
        legal_rep |= d.holder == holder && d.kind == DelegationKind::kLegalRepresentative &&
                     StateOn(d, today) == DelegationState::kActive;
      }
      if (caller.acting_for != fiscal_code || holder.empty() || !legal_rep) {
        return platform::Error(absl::StatusCode::kPermissionDenied,
                               "ONLY_LEGAL_REPRESENTATIVE_MAY_UPDATE",
                               "the company file is changed by its legal representative or by "
                               "an operator");
      }
    }
    Company next = current.company;
    for (const std::string& p : paths) CopyField(p, changes, next);
    RETURN_IF_ERROR(ValidateCompany(next, today));
    ASSIGN_OR_RETURN(
        out, store::CompanyStore::Update(tx, next, version, CpisOf(next),
                                         {caller.subject, ActorRole(caller), paths, reason, now}));
    return events.Emit(fiscal_code, *events::CompanyUpdatedEvent(out, paths));
  }));
  return out;
}

absl::StatusOr<CompanyPage> CompanyRegistry::List(const Caller& caller, const std::string& query,
                                                  int page_size, const std::string& page_token) {
  if (!IsOperatorOrAdmin(caller)) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "STAFF_ONLY",
                           "only operators and administrators list companies");
  }
  const std::string cpi = caller.role == Role::kAdmin ? "" : caller.cpi_code;
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 20, 100));
  const std::string fingerprint = absl::StrCat(cpi, "|", query);
  ASSIGN_OR_RETURN(std::string after, platform::DecodePageToken(page_token, fingerprint));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  CompanyPage page;
  ASSIGN_OR_RETURN(page.companies, store::CompanyStore::List(*tx, cpi, query, after, size + 1));
  if (static_cast<int>(page.companies.size()) > size) {
    page.companies.resize(size);
    page.next_page_token =
        platform::EncodePageToken(page.companies.back().company.fiscal_code, fingerprint);
  }
  return page;
}

absl::StatusOr<VersionPage> CompanyRegistry::Versions(const Caller& caller,
                                                      const std::string& fiscal_code, int page_size,
                                                      const std::string& page_token) {
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 20, 100));
  ASSIGN_OR_RETURN(std::string cursor, platform::DecodePageToken(page_token, fiscal_code));
  int64_t before = 0;
  if (!cursor.empty() && !absl::SimpleAtoi(cursor, &before)) {
    return platform::InvalidField("INVALID_PAGE_TOKEN", "page_token", "malformed page token");
  }
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  RETURN_IF_ERROR(store::CompanyStore::Get(*tx, fiscal_code).status());
  RETURN_IF_ERROR(RequireReader(*tx, caller, fiscal_code));
  VersionPage page;
  ASSIGN_OR_RETURN(page.versions,
                   store::CompanyStore::Versions(*tx, fiscal_code, before, size + 1));
  if (static_cast<int>(page.versions.size()) > size) {
    page.versions.resize(size);
    page.next_page_token =
        platform::EncodePageToken(absl::StrCat(page.versions.back().version), fiscal_code);
  }
  return page;
}

}  // namespace sisl::enterprise
