#include "services/enterprise/api/service_requests_service.h"

#include "services/enterprise/api/service_request_mapping.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::api {
namespace {

using platform::Call;

// Operators and administrators can only have succeeded as the operator side.
ServiceRequestAudience AudienceOf(const platform::auth::Caller& caller) {
  return caller.role == platform::auth::Role::kOperator ||
                 caller.role == platform::auth::Role::kAdmin
             ? ServiceRequestAudience::kStaff
             : ServiceRequestAudience::kCompany;
}

}  // namespace

grpc::Status ServiceRequestsServiceImpl::CreateServiceRequest(
    grpc::ServerContext* context, const v1::CreateServiceRequestRequest* r,
    v1::CreateServiceRequestResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(ServiceRequestDraft draft, DraftFromProto(*r));
    ASSIGN_OR_RETURN(store::StoredServiceRequest s,
                     requests_.Create(call.caller, draft, r->request_id()));
    *out->mutable_service_request() = ServiceRequestToProto(s, AudienceOf(call.caller));
    return absl::OkStatus();
  });
}

grpc::Status ServiceRequestsServiceImpl::GetServiceRequest(grpc::ServerContext* context,
                                                           const v1::GetServiceRequestRequest* r,
                                                           v1::GetServiceRequestResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(auto found, requests_.Get(call.caller, r->service_request_id()));
    *out->mutable_service_request() =
        ServiceRequestToProto(found.first, found.second == ServiceRequestReader::kStaff
                                               ? ServiceRequestAudience::kStaff
                                               : ServiceRequestAudience::kCompany);
    return absl::OkStatus();
  });
}

grpc::Status ServiceRequestsServiceImpl::ListServiceRequests(
    grpc::ServerContext* context, const v1::ListServiceRequestsRequest* r,
    v1::ListServiceRequestsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::vector<ServiceRequestState> states, StatesFromProto(r->states()));
    ASSIGN_OR_RETURN(ServiceRequestPage page,
                     requests_.List(call.caller, states, r->page_size(), r->page_token()));
    for (const store::StoredServiceRequest& s : page.requests) {
      *out->add_service_requests() = ServiceRequestToProto(s, AudienceOf(call.caller));
    }
    out->set_next_page_token(page.next_page_token);
    return absl::OkStatus();
  });
}

grpc::Status ServiceRequestsServiceImpl::AddServiceRequestMessage(
    grpc::ServerContext* context, const v1::AddServiceRequestMessageRequest* r,
    v1::AddServiceRequestMessageResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(store::StoredServiceRequest s,
                     requests_.AddMessage(call.caller, r->service_request_id(), r->text()));
    *out->mutable_service_request() = ServiceRequestToProto(s, AudienceOf(call.caller));
    return absl::OkStatus();
  });
}

grpc::Status ServiceRequestsServiceImpl::TransitionServiceRequest(
    grpc::ServerContext* context, const v1::TransitionServiceRequestRequest* r,
    v1::TransitionServiceRequestResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ServiceRequestStep step;
    ASSIGN_OR_RETURN(step.action, ActionFromProto(r->action()));
    ASSIGN_OR_RETURN(step.outcome, OutcomeFromProto(r->outcome()));
    step.message = r->message();
    ASSIGN_OR_RETURN(store::StoredServiceRequest s,
                     requests_.Transition(call.caller, r->service_request_id(), step));
    *out->mutable_service_request() = ServiceRequestToProto(s, AudienceOf(call.caller));
    return absl::OkStatus();
  });
}

}  // namespace sisl::enterprise::api
