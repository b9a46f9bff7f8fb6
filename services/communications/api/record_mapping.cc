#include "services/communications/api/record_mapping.h"

#include "services/communications/api/content_mapping.h"
#include "services/platform/grpc/convert.h"

namespace sisl::communications::api {
namespace {

v1::CommunicationState StateToProto(store::StoredState state) {
  switch (state) {
    case store::StoredState::kAccepted:
      return v1::COMMUNICATION_STATE_ACCEPTED;
    case store::StoredState::kCorrected:
      return v1::COMMUNICATION_STATE_CORRECTED;
    case store::StoredState::kCancelled:
      return v1::COMMUNICATION_STATE_CANCELLED;
  }
  return v1::COMMUNICATION_STATE_UNSPECIFIED;
}

v1::RelationshipState RelationshipStateToProto(RelationshipStatus status) {
  switch (status) {
    case RelationshipStatus::kOpen:
      return v1::RELATIONSHIP_STATE_OPEN;
    case RelationshipStatus::kClosed:
      return v1::RELATIONSHIP_STATE_CLOSED;
    case RelationshipStatus::kCancelled:
      return v1::RELATIONSHIP_STATE_CANCELLED;
  }
  return v1::RELATIONSHIP_STATE_UNSPECIFIED;
}

}  // namespace

v1::Communication CommunicationToProto(const store::StoredCommunication& s) {
  v1::Communication p;
  p.set_code(s.communication.code);
  *p.mutable_content() = ContentToProto(s.communication);
  p.set_state(StateToProto(s.state));
  *p.mutable_protocol_time() = platform::ToTimestamp(s.protocol_at);
  p.set_due_date(platform::FormatDate(s.due));
  p.set_days_late(s.days_late);
  FindingsToProto(s.warnings, p.mutable_warnings());
  p.set_next_code(s.next_code);
  p.set_relationship_id(s.relationship_id);
  p.set_filed_for(s.filed_for);
  if (s.forwarding == "to_send") p.set_forwarding(v1::FORWARDING_STATE_TO_SEND);
  if (s.forwarding == "sent") p.set_forwarding(v1::FORWARDING_STATE_SENT);
  if (s.forwarding == "acknowledged") p.set_forwarding(v1::FORWARDING_STATE_ACKNOWLEDGED);
  return p;
}

v1::Relationship RelationshipToProto(const RelationshipHistory& h) {
  const RelationshipState& s = h.relationship.state;
  v1::Relationship p;
  p.set_relationship_id(h.relationship.id);
  p.set_employer_fiscal_code(s.employer_fiscal_code);
  p.set_employer_name(s.employer_name);
  p.set_start_date(platform::FormatDate(s.start));
  if (s.end) p.set_end_date(platform::FormatDate(*s.end));
  p.set_contract_type(s.contract_type);
  p.set_working_time(s.working_time);
  p.set_weekly_hours(s.weekly_hours);
  p.set_profession(s.profession);
  p.set_ccnl(s.ccnl);
  p.set_workplace_municipality_code(s.workplace_municipality_code);
  p.set_state(RelationshipStateToProto(s.status));
  p.set_termination_cause(s.termination_cause);
  p.set_mission_user_fiscal_code(s.mission_user_fiscal_code);
  for (const store::StoredCommunication& step : h.steps) {
    v1::RelationshipStep* out = p.add_steps();
    out->set_code(step.communication.code);
    out->set_event(EventToProto(step.communication.event));
    out->set_nature(NatureToProto(step.communication.nature));
    out->set_event_date(platform::FormatDate(EventDate(step.communication)));
    out->set_state(StateToProto(step.state));
  }
  return p;
}

}  // namespace sisl::communications::api
