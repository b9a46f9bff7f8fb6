#include "services/enterprise/api/service_request_mapping.h"

#include <algorithm>

#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise::api {
using platform::EnumMapping;

const EnumMapping<ServiceRequestKind, v1::ServiceRequestKind>& Kinds() {
  static const auto* const kMapping = new EnumMapping<ServiceRequestKind, v1::ServiceRequestKind>{
      {ServiceRequestKind::kPreselection, v1::SERVICE_REQUEST_KIND_PRESELECTION},
      {ServiceRequestKind::kTraineeshipActivation, v1::SERVICE_REQUEST_KIND_TRAINEESHIP_ACTIVATION},
      {ServiceRequestKind::kIncentivesInformation, v1::SERVICE_REQUEST_KIND_INCENTIVES_INFORMATION},
      {ServiceRequestKind::kL68Placement, v1::SERVICE_REQUEST_KIND_L68_PLACEMENT}};
  return *kMapping;
}

const EnumMapping<ServiceRequestState, v1::ServiceRequestState>& States() {
  static const auto* const kMapping = new EnumMapping<ServiceRequestState, v1::ServiceRequestState>{
      {ServiceRequestState::kSubmitted, v1::SERVICE_REQUEST_STATE_SUBMITTED},
      {ServiceRequestState::kTakenInCharge, v1::SERVICE_REQUEST_STATE_TAKEN_IN_CHARGE},
      {ServiceRequestState::kWaitingForCompany, v1::SERVICE_REQUEST_STATE_WAITING_FOR_COMPANY},
      {ServiceRequestState::kAnswered, v1::SERVICE_REQUEST_STATE_ANSWERED},
      {ServiceRequestState::kClosed, v1::SERVICE_REQUEST_STATE_CLOSED}};
  return *kMapping;
}

const EnumMapping<ServiceRequestOutcome, v1::ServiceRequestOutcome>& Outcomes() {
  static const auto* const kMapping =
      new EnumMapping<ServiceRequestOutcome, v1::ServiceRequestOutcome>{
          {ServiceRequestOutcome::kResolved, v1::SERVICE_REQUEST_OUTCOME_RESOLVED},
          {ServiceRequestOutcome::kWithdrawn, v1::SERVICE_REQUEST_OUTCOME_WITHDRAWN},
          {ServiceRequestOutcome::kRejected, v1::SERVICE_REQUEST_OUTCOME_REJECTED}};
  return *kMapping;
}

const EnumMapping<ServiceRequestAction, v1::ServiceRequestAction>& Actions() {
  static const auto* const kMapping =
      new EnumMapping<ServiceRequestAction, v1::ServiceRequestAction>{
          {ServiceRequestAction::kSubmit, v1::SERVICE_REQUEST_ACTION_SUBMIT},
          {ServiceRequestAction::kTakeInCharge, v1::SERVICE_REQUEST_ACTION_TAKE_IN_CHARGE},
          {ServiceRequestAction::kAsk, v1::SERVICE_REQUEST_ACTION_ASK},
          {ServiceRequestAction::kAnswer, v1::SERVICE_REQUEST_ACTION_ANSWER},
          {ServiceRequestAction::kClose, v1::SERVICE_REQUEST_ACTION_CLOSE},
          {ServiceRequestAction::kWithdraw, v1::SERVICE_REQUEST_ACTION_WITHDRAW},
          {ServiceRequestAction::kReopen, v1::SERVICE_REQUEST_ACTION_REOPEN}};
  return *kMapping;
}

const EnumMapping<ServiceRequestSide, v1::ServiceRequestSide>& Sides() {
  static const auto* const kMapping = new EnumMapping<ServiceRequestSide, v1::ServiceRequestSide>{
      {ServiceRequestSide::kCompany, v1::SERVICE_REQUEST_SIDE_COMPANY},
      {ServiceRequestSide::kOperator, v1::SERVICE_REQUEST_SIDE_OPERATOR}};
  return *kMapping;
}

absl::StatusOr<ServiceRequestDraft> DraftFromProto(const v1::CreateServiceRequestRequest& r) {
  ServiceRequestDraft d;
  if (r.kind() != v1::SERVICE_REQUEST_KIND_UNSPECIFIED) {
    ASSIGN_OR_RETURN(d.kind, Kinds().FromProto(r.kind(), "kind"));
  }
  d.subject = r.subject();
  d.description = r.description();
  d.vacancy_id = r.vacancy_id();
  return d;
}

absl::StatusOr<ServiceRequestAction> ActionFromProto(v1::ServiceRequestAction action) {
  return Actions().FromProto(action, "action");
}

absl::StatusOr<ServiceRequestOutcome> OutcomeFromProto(v1::ServiceRequestOutcome outcome) {
  if (outcome == v1::SERVICE_REQUEST_OUTCOME_UNSPECIFIED)
    return ServiceRequestOutcome::kUnspecified;
  return Outcomes().FromProto(outcome, "outcome");
}

absl::StatusOr<std::vector<ServiceRequestState>> StatesFromProto(
    const google::protobuf::RepeatedField<int>& states) {
  std::vector<ServiceRequestState> out;
  for (int s : states) {
    if (s == v1::SERVICE_REQUEST_STATE_UNSPECIFIED) continue;
    ASSIGN_OR_RETURN(ServiceRequestState state,
                     States().FromProto(static_cast<v1::ServiceRequestState>(s), "states"));
    out.push_back(state);
  }
  return out;
}

v1::ServiceRequest ServiceRequestToProto(const store::StoredServiceRequest& s,
                                         ServiceRequestAudience audience) {
  const ServiceRequest& r = s.request;
  v1::ServiceRequest p;
  p.set_service_request_id(r.id);
  p.set_company_fiscal_code(r.company);
  p.set_company_name(s.company_name);
  p.set_kind(Kinds().ToProto(r.kind));
  p.set_subject(r.subject);
  p.set_description(r.description);
  p.set_vacancy_id(r.vacancy_id);
  p.set_cpi_code(r.cpi_code);
  p.set_state(States().ToProto(r.state));
  p.set_outcome(Outcomes().ToProto(r.outcome));
  for (const ServiceRequestMessage& m : r.messages) {
    v1::ServiceRequestMessage* mp = p.add_messages();
    mp->set_sequence(m.sequence);
    mp->set_author_side(Sides().ToProto(m.side));
    mp->set_action(Actions().ToProto(m.action));
    mp->set_text(m.text);
    *mp->mutable_create_time() = platform::ToTimestamp(m.at);
  }
  p.set_message_count(static_cast<int32_t>(std::max<int64_t>(s.message_count, r.messages.size())));
  for (const ServiceRequestHistoryEntry& e : r.history) {
    v1::ServiceRequestHistoryEntry* h = p.add_history();
    h->set_action(Actions().ToProto(e.action));
    h->set_from_state(States().ToProto(e.from));
    h->set_to_state(States().ToProto(e.to));
    h->set_actor_side(Sides().ToProto(e.side));
    *h->mutable_action_time() = platform::ToTimestamp(e.at);
    h->set_outcome(Outcomes().ToProto(e.outcome));
  }
  if (audience == ServiceRequestAudience::kStaff) p.set_handler_id(r.handler);
  *p.mutable_create_time() = platform::ToTimestamp(r.created_at);
  *p.mutable_update_time() = platform::ToTimestamp(s.updated_at);
  if (r.closed_at.has_value()) *p.mutable_close_time() = platform::ToTimestamp(*r.closed_at);
  return p;
}

}  // namespace sisl::enterprise::api
