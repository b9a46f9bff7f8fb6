#include "services/matching/domain/proposal.h"

#include <array>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"

namespace sisl::matching {
namespace {

constexpr std::array<std::pair<ProposalState, absl::string_view>, 12> kStates = {{
    {ProposalState::kShortlisted, "shortlisted"},
    {ProposalState::kRemoved, "removed"},
    {ProposalState::kProposed, "proposed"},
    {ProposalState::kAccepted, "accepted"},
    {ProposalState::kRefused, "refused"},
    {ProposalState::kLapsed, "lapsed"},
    {ProposalState::kSent, "sent"},
    {ProposalState::kInterview, "interview"},
    {ProposalState::kHired, "hired"},
    {ProposalState::kNotSelected, "not_selected"},
    {ProposalState::kSuitable, "suitable"},
    {ProposalState::kWithdrew, "withdrew"},
}};

constexpr std::array<std::pair<ProposalAction, absl::string_view>, 11> kActions = {{
    {ProposalAction::kShortlist, "shortlist"},
    {ProposalAction::kRemove, "remove"},
    {ProposalAction::kNote, "note"},
    {ProposalAction::kPropose, "propose"},
    {ProposalAction::kAccept, "accept"},
    {ProposalAction::kRefuse, "refuse"},
    {ProposalAction::kLapse, "lapse"},
    {ProposalAction::kSend, "send"},
    {ProposalAction::kScheduleInterview, "schedule_interview"},
    {ProposalAction::kRecordOutcome, "record_outcome"},
    {ProposalAction::kWithdraw, "withdraw"},
}};

absl::Status Denied(absl::string_view what) {
  return platform::Error(absl::StatusCode::kPermissionDenied, "ACTION_NOT_ALLOWED",
                         absl::StrCat(what, " may not take this step"));
}

absl::Status NotFrom(ProposalAction action, ProposalState state) {
  return platform::Error(
      absl::StatusCode::kFailedPrecondition, "INVALID_TRANSITION",
      absl::StrCat("cannot ", ProposalActionName(action), " a proposal ", ProposalStateName(state)),
      {{"state", std::string(ProposalStateName(state))}});
}

absl::Status Invalid(absl::string_view reason, absl::string_view field, absl::string_view text) {
  return platform::InvalidField(reason, field, text);
}

bool ActorMay(Actor actor, ProposalAction action) {
  switch (action) {
    case ProposalAction::kShortlist:
    case ProposalAction::kRemove:
    case ProposalAction::kPropose:
    case ProposalAction::kSend:
      return actor == Actor::kOperator;
    case ProposalAction::kNote:
      return actor == Actor::kOperator || actor == Actor::kCompany;
    case ProposalAction::kAccept:
    case ProposalAction::kRefuse:
    case ProposalAction::kWithdraw:
      return actor == Actor::kCitizen;
    case ProposalAction::kLapse:
      return actor == Actor::kSystem;
    case ProposalAction::kScheduleInterview:
      return actor == Actor::kOperator || actor == Actor::kCompany;
    case ProposalAction::kRecordOutcome:
      return actor != Actor::kCitizen;
  }
  return false;
}

bool IsOutcome(ProposalState s) {
  return s == ProposalState::kHired || s == ProposalState::kNotSelected ||
         s == ProposalState::kSuitable || s == ProposalState::kWithdrew;
}

// The state `in` leads to from `from`, or an error.
absl::StatusOr<ProposalState> Next(const Proposal& p, const StepInput& in, absl::CivilDay today) {
  const ProposalState from = p.state;
  switch (in.action) {
    case ProposalAction::kShortlist:
      return NotFrom(in.action, from);  // a new proposal is created shortlisted
    case ProposalAction::kNote:
      return from;
    case ProposalAction::kRemove:
      if (from != ProposalState::kShortlisted) return NotFrom(in.action, from);
      return ProposalState::kRemoved;
    case ProposalAction::kPropose:
      if (from != ProposalState::kShortlisted) return NotFrom(in.action, from);
      if (!in.deadline) return Invalid("DEADLINE_REQUIRED", "deadline", "a deadline is required");
      if (*in.deadline <= today || *in.deadline > today + kMaxDeadlineDays) {
        return Invalid("INVALID_DEADLINE", "deadline",
                       absl::StrCat("the deadline must be after today and within ",
                                    kMaxDeadlineDays, " days"));
      }
      return ProposalState::kProposed;
    case ProposalAction::kAccept:
    case ProposalAction::kRefuse:
      if (from != ProposalState::kProposed) return NotFrom(in.action, from);
      if (p.deadline && today > *p.deadline) {
        return platform::Error(absl::StatusCode::kFailedPrecondition, "DEADLINE_PASSED",
                               "the deadline to answer has passed");
      }
      return in.action == ProposalAction::kAccept ? ProposalState::kAccepted
                                                  : ProposalState::kRefused;
    case ProposalAction::kLapse:
      if (from != ProposalState::kProposed) return NotFrom(in.action, from);
      if (!p.deadline || today <= *p.deadline) return NotFrom(in.action, from);
      return ProposalState::kLapsed;
    case ProposalAction::kSend:
      if (from != ProposalState::kAccepted) return NotFrom(in.action, from);
      if (!in.visible_from) {
        return Invalid("VISIBLE_FROM_REQUIRED", "visible_from", "a visibility date is required");
      }
      if (*in.visible_from < today) {
        return Invalid("INVALID_VISIBLE_FROM", "visible_from",
                       "the visibility date cannot be in the past");
      }
      return ProposalState::kSent;
    case ProposalAction::kScheduleInterview:
      if (from != ProposalState::kSent && from != ProposalState::kInterview) {
        return NotFrom(in.action, from);
      }
      if (!in.interview_at) {
        return Invalid("INTERVIEW_TIME_REQUIRED", "interview_time",
                       "the interview's date and time are required");
      }
      return ProposalState::kInterview;
    case ProposalAction::kRecordOutcome:
      if (from != ProposalState::kSent && from != ProposalState::kInterview) {
        return NotFrom(in.action, from);
      }
      if (!in.outcome) return Invalid("OUTCOME_REQUIRED", "outcome", "an outcome is required");
      if (!IsOutcome(*in.outcome)) {
        return Invalid("INVALID_OUTCOME", "outcome",
                       "the outcome is hired, not selected, suitable or withdrew");
      }
      if (in.actor == Actor::kSystem && *in.outcome != ProposalState::kHired) {
        return Denied("the system");
      }
      return *in.outcome;
    case ProposalAction::kWithdraw:
      if (from != ProposalState::kAccepted && from != ProposalState::kSent &&
          from != ProposalState::kInterview) {
        return NotFrom(in.action, from);
      }
      return ProposalState::kWithdrew;
  }
  return NotFrom(in.action, from);
}

}  // namespace

absl::string_view ProposalStateName(ProposalState state) {
  for (const auto& [s, name] : kStates) {
    if (s == state) return name;
  }
  return "";
}

absl::string_view ProposalActionName(ProposalAction action) {
  for (const auto& [a, name] : kActions) {
    if (a == action) return name;
  }
  return "";
}

absl::string_view ActorName(Actor actor) {
  switch (actor) {
    case Actor::kOperator:
      return "operator";
    case Actor::kCitizen:
      return "citizen";
    case Actor::kCompany:
      return "company";
    case Actor::kSystem:
      return "system";
  }
  return "";
}

std::optional<ProposalState> ProposalStateFromName(absl::string_view name) {
  for (const auto& [s, n] : kStates) {
    if (n == name) return s;
  }
  return std::nullopt;
}

std::optional<ProposalAction> ProposalActionFromName(absl::string_view name) {
  for (const auto& [a, n] : kActions) {
    if (n == name) return a;
  }
  return std::nullopt;
}

bool IsFinal(ProposalState state) {
  return state == ProposalState::kRemoved || state == ProposalState::kRefused ||
         state == ProposalState::kLapsed || IsOutcome(state);
}

bool IsWithCompany(ProposalState state) {
  return state == ProposalState::kSent || state == ProposalState::kInterview || IsOutcome(state);
}

absl::Status ApplyStep(Proposal& p, const StepInput& in, absl::CivilDay today, absl::Time now) {
  if (!ActorMay(in.actor, in.action)) return Denied(ActorName(in.actor));
  if (in.note.size() > kMaxNoteLength) {
    return Invalid("NOTE_TOO_LONG", "note",
                   absl::StrCat("at most ", kMaxNoteLength, " characters"));
  }
  const bool needs_note = in.action == ProposalAction::kRemove ||
                          in.action == ProposalAction::kRefuse ||
                          in.action == ProposalAction::kNote;
  if (needs_note && in.note.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Invalid("NOTE_REQUIRED", "note", "say why");
  }
  if (in.actor == Actor::kCompany &&
      (!IsWithCompany(p.state) || !p.visible_from || today < *p.visible_from)) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "NOT_YET_VISIBLE",
                           "the candidate is not visible to the company yet");
  }
  absl::StatusOr<ProposalState> to = Next(p, in, today);
  if (!to.ok()) return to.status();
  ProposalStep step{in.action, p.state, *to, in.actor, in.actor_id, now, in.note};
  p.state = *to;
  if (in.action == ProposalAction::kPropose) p.deadline = in.deadline;
  if (in.action == ProposalAction::kSend) p.visible_from = in.visible_from;
  if (in.action == ProposalAction::kScheduleInterview) p.interview_at = in.interview_at;
  p.history.push_back(std::move(step));
  return absl::OkStatus();
}

}  // namespace sisl::matching
