// A proposal: one vacancy and one candidate through the operator's workflow (issue 13 point 4).
//
//   shortlisted --PROPOSE(deadline)--> proposed --ACCEPT--> accepted --SEND(visible_from)--> sent
//        |                                 |  \--REFUSE--> refused          |
//        +--REMOVE--> removed              +--(deadline passed)--> lapsed   +--SCHEDULE_INTERVIEW
//                                                                           |    --> interview
//   sent | interview --RECORD_OUTCOME--> hired | not selected | suitable | withdrew
//   accepted | sent | interview --WITHDRAW (the candidate)--> withdrew
//
// Who may act: operators of the vacancy's CPI everything but ACCEPT, REFUSE and WITHDRAW (the
// candidate's); the company, once the candidate is visible to it, SCHEDULE_INTERVIEW and
// RECORD_OUTCOME; the system (the loop from communications) RECORD_OUTCOME hired.
#ifndef SISL_SERVICES_MATCHING_DOMAIN_PROPOSAL_H_
#define SISL_SERVICES_MATCHING_DOMAIN_PROPOSAL_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace sisl::matching {

enum class ProposalState {
  kShortlisted,
  kRemoved,
  kProposed,
  kAccepted,
  kRefused,
  kLapsed,
  kSent,
  kInterview,
  kHired,
  kNotSelected,
  kSuitable,
  kWithdrew,
};

enum class ProposalAction {
  kShortlist,
  kRemove,
  kNote,
  kPropose,
  kAccept,
  kRefuse,
  kLapse,
  kSend,
  kScheduleInterview,
  kRecordOutcome,
  kWithdraw,
};

enum class Actor { kOperator, kCitizen, kCompany, kSystem };

absl::string_view ProposalStateName(ProposalState state);  // "shortlisted", ...
absl::string_view ProposalActionName(ProposalAction action);
absl::string_view ActorName(Actor actor);  // "operator", "citizen", "company", "system"
std::optional<ProposalState> ProposalStateFromName(absl::string_view name);
std::optional<ProposalAction> ProposalActionFromName(absl::string_view name);

// Final: nothing follows (a note still may).
bool IsFinal(ProposalState state);
// The candidate has accepted and is (or will be) with the company.
bool IsWithCompany(ProposalState state);

struct ProposalStep {
  ProposalAction action = ProposalAction::kNote;
  ProposalState from = ProposalState::kShortlisted;
  ProposalState to = ProposalState::kShortlisted;
  Actor actor = Actor::kOperator;
  std::string actor_id;  // pseudonymous person id or staff id; "" for the system
  absl::Time at;
  std::string note;
};

struct Proposal {
  std::string id;
  std::string vacancy_id;
  std::string person_id;
  ProposalState state = ProposalState::kShortlisted;
  int score = 0;
  std::optional<absl::CivilDay> deadline;      // PROPOSE: last day to answer
  std::optional<absl::CivilDay> visible_from;  // SEND: the company sees the candidate from
  std::optional<absl::Time> interview_at;
  std::vector<ProposalStep> history;
};

// What a step brings.
struct StepInput {
  ProposalAction action = ProposalAction::kNote;
  Actor actor = Actor::kOperator;
  std::string actor_id;
  std::string note;
  std::optional<absl::CivilDay> deadline;
  std::optional<absl::CivilDay> visible_from;
  std::optional<absl::Time> interview_at;
  std::optional<ProposalState> outcome;  // RECORD_OUTCOME
};

// Applies `in` to `p` on `today` at `now` and appends the step to its history, or changes
// nothing and says why: PERMISSION_DENIED ACTION_NOT_ALLOWED (this actor may not take this
// step), FAILED_PRECONDITION INVALID_TRANSITION (not from this state), DEADLINE_PASSED (an answer
// after the deadline), NOT_YET_VISIBLE (the company before the visibility date);
// INVALID_ARGUMENT NOTE_REQUIRED (remove, refuse), DEADLINE_REQUIRED / INVALID_DEADLINE
// (after today, within 60 days), VISIBLE_FROM_REQUIRED / INVALID_VISIBLE_FROM (today or later),
// INTERVIEW_TIME_REQUIRED, OUTCOME_REQUIRED / INVALID_OUTCOME, NOTE_TOO_LONG.
absl::Status ApplyStep(Proposal& p, const StepInput& in, absl::CivilDay today, absl::Time now);

inline constexpr int kMaxDeadlineDays = 60;
inline constexpr size_t kMaxNoteLength = 1000;

}  // namespace sisl::matching

#endif  // SISL_SERVICES_MATCHING_DOMAIN_PROPOSAL_H_
