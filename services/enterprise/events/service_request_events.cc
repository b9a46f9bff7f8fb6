#include "services/enterprise/events/service_request_events.h"

#include "services/enterprise/api/service_request_mapping.h"
#include "services/platform/grpc/convert.h"
#include "sisl/enterprise/v1/service_request_events.pb.h"

namespace sisl::enterprise::events {

using api::Actions;
using api::Kinds;
using api::Outcomes;
using api::Sides;
using api::States;

std::unique_ptr<google::protobuf::Message> ServiceRequestCreatedEvent(const ServiceRequest& r) {
  auto e = std::make_unique<v1::ServiceRequestCreated>();
  e->set_service_request_id(r.id);
  e->set_company_fiscal_code(r.company);
  e->set_kind(Kinds().ToProto(r.kind));
  e->set_cpi_code(r.cpi_code);
  e->set_vacancy_id(r.vacancy_id);
  *e->mutable_create_time() = platform::ToTimestamp(r.created_at);
  return e;
}

std::unique_ptr<google::protobuf::Message> ServiceRequestStateChangedEvent(
    const ServiceRequest& r) {
  auto e = std::make_unique<v1::ServiceRequestStateChanged>();
  e->set_service_request_id(r.id);
  e->set_company_fiscal_code(r.company);
  e->set_kind(Kinds().ToProto(r.kind));
  e->set_cpi_code(r.cpi_code);
  if (!r.history.empty()) {
    const ServiceRequestHistoryEntry& step = r.history.back();
    e->set_action(Actions().ToProto(step.action));
    e->set_from_state(States().ToProto(step.from));
    e->set_to_state(States().ToProto(step.to));
    e->set_outcome(Outcomes().ToProto(step.outcome));
    e->set_actor_side(Sides().ToProto(step.side));
    *e->mutable_change_time() = platform::ToTimestamp(step.at);
  }
  return e;
}

}  // namespace sisl::enterprise::events
