#include "services/enterprise/app/service_requests.h"

#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/enterprise/app/access.h"
#include "services/enterprise/events/service_request_events.h"
#include "services/enterprise/store/company_store.h"
#include "services/enterprise/store/vacancy_store.h"
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
using store::ServiceRequestStore;
using store::StoredServiceRequest;

absl::Status NotFound() {
  return platform::Error(absl::StatusCode::kNotFound, "SERVICE_REQUEST_NOT_FOUND",
                         "no service request with this id");
}

// The caller's side on one request and the actor it records.
struct Access {
  ServiceRequestSide side = ServiceRequestSide::kUnspecified;
  std::string actor;  // the person's fiscal code, or the operator's id
};

// An operator of the request's CPI or an administrator: the operator side. This is staff reading
// and handling company data: a service request is the company's own business with its CPI, not a
// citizen's personal data, so unlike a company's delegations (which name persons) it needs no
// access reason and writes no audit record. A person acting for the request's company with the
// service-requests scope: the company side (the scope is re-checked against the delegations).
absl::StatusOr<Access> AccessTo(Transaction& tx, const Caller& caller, const ServiceRequest& r,
                                const Deps& deps) {
  if (caller.role == Role::kAdmin || (caller.role == Role::kOperator && !caller.cpi_code.empty() &&
                                      caller.cpi_code == r.cpi_code)) {
    return Access{ServiceRequestSide::kOperator, caller.subject};
  }
  if (caller.role == Role::kOperator) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "OUTSIDE_OPERATOR_CPI",
                           "the request is handled by the CPI it is assigned to",
                           {{"cpi_code", r.cpi_code}});
  }
  if (caller.acting_for.empty() || caller.acting_for != r.company) return NotFound();
  ASSIGN_OR_RETURN(std::string holder,
                   RequireCompanyScope(tx, caller, r.company, DelegationScope::kServiceRequests,
                                       platform::TodayInItaly(deps.clock), deps.person_ids));
  return Access{ServiceRequestSide::kCompany, std::move(holder)};
}

// The vacancy a draft names, when it exists.
absl::StatusOr<std::optional<LinkedVacancy>> FindVacancy(Transaction& tx, const std::string& id) {
  if (id.empty()) return std::nullopt;
  absl::StatusOr<store::StoredVacancy> v = store::VacancyStore::Get(tx, id);
  if (absl::IsNotFound(v.status())) return std::nullopt;
  if (!v.ok()) return v.status();
  return LinkedVacancy{v->vacancy.id, v->vacancy.company, v->cpi_code,
                       v->vacancy.state == VacancyState::kClosed};
}

}  // namespace

absl::StatusOr<StoredServiceRequest> ServiceRequestManager::Create(const Caller& caller,
                                                                   const ServiceRequestDraft& draft,
                                                                   const std::string& request_id) {
  const absl::Time now = deps_.clock.Now();
  StoredServiceRequest out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(
        std::string author,
        RequireCompanyScope(tx, caller, caller.acting_for, DelegationScope::kServiceRequests,
                            platform::TodayInItaly(deps_.clock), deps_.person_ids));
    const platform::db::RequestKey key{"enterprise.CreateServiceRequest",
                                       absl::StrCat(caller.subject, "/", caller.acting_for),
                                       request_id};
    ASSIGN_OR_RETURN(
        out,
        platform::db::CreateOnce<StoredServiceRequest>(
            tx, key, now, [&](const std::string& id) { return ServiceRequestStore::Get(tx, id); },
            [&]() -> absl::StatusOr<StoredServiceRequest> {
              RETURN_IF_ERROR(ValidateServiceRequestDraft(draft));
              ASSIGN_OR_RETURN(store::StoredCompany company,
                               store::CompanyStore::Get(tx, caller.acting_for));
              ASSIGN_OR_RETURN(std::optional<LinkedVacancy> vacancy,
                               FindVacancy(tx, draft.vacancy_id));
              ASSIGN_OR_RETURN(std::string cpi, AssignCpi(company.company, draft, vacancy));
              ASSIGN_OR_RETURN(ServiceRequest r,
                               SubmitServiceRequest({platform::NewUuidV7(deps_.clock),
                                                     caller.acting_for, draft, cpi, author, now}));
              RETURN_IF_ERROR(ServiceRequestStore::Insert(tx, r, now));
              RETURN_IF_ERROR(events.Emit(r.id, *events::ServiceRequestCreatedEvent(r)));
              return ServiceRequestStore::Get(tx, r.id);
            },
            [](const StoredServiceRequest& s) { return s.request.id; }));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<std::pair<StoredServiceRequest, ServiceRequestReader>> ServiceRequestManager::Get(
    const Caller& caller, const std::string& id) {
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  ASSIGN_OR_RETURN(StoredServiceRequest s, ServiceRequestStore::Get(*tx, id));
  ASSIGN_OR_RETURN(Access access, AccessTo(*tx, caller, s.request, deps_));
  return std::make_pair(std::move(s), access.side == ServiceRequestSide::kOperator
                                          ? ServiceRequestReader::kStaff
                                          : ServiceRequestReader::kCompany);
}

absl::StatusOr<StoredServiceRequest> ServiceRequestManager::AddMessage(const Caller& caller,
                                                                       const std::string& id,
                                                                       const std::string& text) {
  const absl::Time now = deps_.clock.Now();
  StoredServiceRequest out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter&) {
    ASSIGN_OR_RETURN(StoredServiceRequest current, ServiceRequestStore::Get(tx, id));
    ASSIGN_OR_RETURN(Access access, AccessTo(tx, caller, current.request, deps_));
    ASSIGN_OR_RETURN(ServiceRequest next, AddServiceRequestMessage(current.request, access.side,
                                                                   access.actor, text, now));
    RETURN_IF_ERROR(ServiceRequestStore::Update(tx, current, next, now));
    ASSIGN_OR_RETURN(out, ServiceRequestStore::Get(tx, id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<StoredServiceRequest> ServiceRequestManager::Transition(
    const Caller& caller, const std::string& id, const ServiceRequestStep& step) {
  const absl::Time now = deps_.clock.Now();
  StoredServiceRequest out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(StoredServiceRequest current, ServiceRequestStore::Get(tx, id));
    ASSIGN_OR_RETURN(Access access, AccessTo(tx, caller, current.request, deps_));
    ASSIGN_OR_RETURN(
        ServiceRequest next,
        ApplyServiceRequestTransition(current.request, {step.action, access.side, access.actor,
                                                        step.outcome, step.message, now}));
    RETURN_IF_ERROR(ServiceRequestStore::Update(tx, current, next, now));
    RETURN_IF_ERROR(events.Emit(id, *events::ServiceRequestStateChangedEvent(next)));
    ASSIGN_OR_RETURN(out, ServiceRequestStore::Get(tx, id));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<ServiceRequestPage> ServiceRequestManager::List(
    const Caller& caller, const std::vector<ServiceRequestState>& states, int page_size,
    const std::string& page_token) {
  std::string company, cpi;
  if (caller.role == Role::kOperator) {
    if (caller.cpi_code.empty()) {
      return platform::Error(absl::StatusCode::kPermissionDenied, "OUTSIDE_OPERATOR_CPI",
                             "operators see the requests of their CPI");
    }
    cpi = caller.cpi_code;
  } else if (caller.role != Role::kAdmin) {
    company = caller.acting_for;
  }
  std::vector<std::string> names;
  for (ServiceRequestState s : states) names.emplace_back(ServiceRequestStateName(s));
  ASSIGN_OR_RETURN(int size, platform::ResolvePageSize(page_size, 20, 100));
  const std::string fingerprint =
      absl::StrCat("service_requests|", company, "|", cpi, "|", absl::StrJoin(names, ","));
  ASSIGN_OR_RETURN(std::string after, platform::DecodePageToken(page_token, fingerprint));
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  if (!IsOperatorOrAdmin(caller)) {
    RETURN_IF_ERROR(RequireCompanyScope(*tx, caller, company, DelegationScope::kServiceRequests,
                                        platform::TodayInItaly(deps_.clock), deps_.person_ids)
                        .status());
  }
  ServiceRequestPage page;
  ASSIGN_OR_RETURN(page.requests,
                   ServiceRequestStore::List(*tx, company, cpi, names, after, size + 1));
  if (static_cast<int>(page.requests.size()) > size) {
    page.requests.resize(size);
    page.next_page_token = platform::EncodePageToken(page.requests.back().request.id, fingerprint);
  }
  return page;
}

}  // namespace sisl::enterprise
