#include "services/matching/events/matching_events.h"

#include "services/platform/grpc/convert.h"

namespace sisl::matching::events {

v1::ProposalState ToProto(ProposalState state) {
  switch (state) {
    case ProposalState::kShortlisted:
      return v1::PROPOSAL_STATE_SHORTLISTED;
    case ProposalState::kRemoved:
      return v1::PROPOSAL_STATE_REMOVED;
    case ProposalState::kProposed:
      return v1::PROPOSAL_STATE_PROPOSED;
    case ProposalState::kAccepted:
      return v1::PROPOSAL_STATE_ACCEPTED;
    case ProposalState::kRefused:
      return v1::PROPOSAL_STATE_REFUSED;
    case ProposalState::kLapsed:
      return v1::PROPOSAL_STATE_LAPSED;
    case ProposalState::kSent:
      return v1::PROPOSAL_STATE_SENT;
    case ProposalState::kInterview:
      return v1::PROPOSAL_STATE_INTERVIEW;
    case ProposalState::kHired:
      return v1::PROPOSAL_STATE_HIRED;
    case ProposalState::kNotSelected:
      return v1::PROPOSAL_STATE_NOT_SELECTED;
    case ProposalState::kSuitable:
      return v1::PROPOSAL_STATE_SUITABLE;
    case ProposalState::kWithdrew:
      return v1::PROPOSAL_STATE_WITHDREW;
  }
  return v1::PROPOSAL_STATE_UNSPECIFIED;
}

v1::ProposalAction ToProto(ProposalAction action) {
  switch (action) {
    case ProposalAction::kRemove:
      return v1::PROPOSAL_ACTION_REMOVE;
    case ProposalAction::kNote:
      return v1::PROPOSAL_ACTION_NOTE;
    case ProposalAction::kPropose:
      return v1::PROPOSAL_ACTION_PROPOSE;
    case ProposalAction::kAccept:
      return v1::PROPOSAL_ACTION_ACCEPT;
    case ProposalAction::kRefuse:
      return v1::PROPOSAL_ACTION_REFUSE;
    case ProposalAction::kSend:
      return v1::PROPOSAL_ACTION_SEND;
    case ProposalAction::kScheduleInterview:
      return v1::PROPOSAL_ACTION_SCHEDULE_INTERVIEW;
    case ProposalAction::kRecordOutcome:
      return v1::PROPOSAL_ACTION_RECORD_OUTCOME;
    case ProposalAction::kWithdraw:
      return v1::PROPOSAL_ACTION_WITHDRAW;
    case ProposalAction::kShortlist:  // the creation: no action of the API
    case ProposalAction::kLapse:      // the deadline's: no action of the API
      return v1::PROPOSAL_ACTION_UNSPECIFIED;
  }
  return v1::PROPOSAL_ACTION_UNSPECIFIED;
}

v1::ProposalChanged ProposalChangedOf(const Proposal& p, const Vacancy& vacancy,
                                      absl::string_view vacancy_title) {
  v1::ProposalChanged e;
  e.set_vacancy_title(std::string(vacancy_title));
  e.set_proposal_id(p.id);
  e.set_vacancy_id(p.vacancy_id);
  e.set_person_id(p.person_id);
  e.set_company_fiscal_code(vacancy.company_id);
  e.set_cpi_code(vacancy.cpi_code);
  e.set_profession_code(vacancy.profession_code);
  if (!p.history.empty()) {
    const ProposalStep& step = p.history.back();
    e.set_action(ToProto(step.action));
    e.set_from_state(ToProto(step.from));
    e.set_to_state(ToProto(step.to));
    e.set_actor_role(std::string(ActorName(step.actor)));
    *e.mutable_action_time() = platform::ToTimestamp(step.at);
  }
  if (p.deadline) e.set_deadline(absl::FormatCivilTime(*p.deadline));
  if (p.visible_from) e.set_visible_from(absl::FormatCivilTime(*p.visible_from));
  if (p.interview_at) *e.mutable_interview_time() = platform::ToTimestamp(*p.interview_at);
  return e;
}

v1::ProfileChanged ProfileChangedOf(const std::string& person_id, const std::string& cpi_code) {
  v1::ProfileChanged e;
  e.set_person_id(person_id);
  e.set_cpi_code(cpi_code);
  return e;
}

}  // namespace sisl::matching::events
