// The life cycle of a vacancy: who may do what from which state, and the expiry rule.

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/enterprise/domain/vacancy.h"
#include "services/platform/errors.h"

namespace sisl::enterprise {
namespace {

using platform::Error;
using platform::InvalidField;
using Role = VacancyActorRole;
using State = VacancyState;

constexpr size_t kMaxReasonLength = 500;

bool In(State s, std::initializer_list<State> states) {
  return std::find(states.begin(), states.end(), s) != states.end();
}

bool RoleIn(Role r, std::initializer_list<Role> roles) {
  return std::find(roles.begin(), roles.end(), r) != roles.end();
}

absl::Status InvalidTransition(const Vacancy& v, VacancyAction a, absl::string_view why) {
  return Error(absl::StatusCode::kFailedPrecondition, "INVALID_VACANCY_TRANSITION",
               absl::StrCat("cannot ", VacancyActionName(a), " a vacancy that is ",
                            VacancyStateName(v.state), why.empty() ? "" : ": ", why),
               {{"vacancy_id", v.id},
                {"state", std::string(VacancyStateName(v.state))},
                {"action", std::string(VacancyActionName(a))}});
}

absl::Status NotAllowed(const Vacancy& v, VacancyAction a) {
  return Error(absl::StatusCode::kPermissionDenied, "VACANCY_ACTION_NOT_ALLOWED",
               absl::StrCat("this role may not ", VacancyActionName(a), " a vacancy"),
               {{"vacancy_id", v.id}, {"action", std::string(VacancyActionName(a))}});
}

absl::Status Precondition(const Vacancy& v, absl::string_view reason, absl::string_view message) {
  return Error(absl::StatusCode::kFailedPrecondition, reason, message, {{"vacancy_id", v.id}});
}

// The state an action leads to from `v`'s state and the roles that may take it; an error when
// the action is not possible.
absl::StatusOr<State> Target(const Vacancy& v, const VacancyTransition& t) {
  const State s = v.state;
  switch (t.action) {
    case VacancyAction::kSubmit:
      if (!In(s, {State::kDraft, State::kSentBack})) return InvalidTransition(v, t.action, "");
      if (!RoleIn(t.role, {Role::kCompany, Role::kOperator})) return NotAllowed(v, t.action);
      return State::kSubmitted;
    case VacancyAction::kApprove:
    case VacancyAction::kSendBack:
      if (s != State::kSubmitted) return InvalidTransition(v, t.action, "");
      if (t.role != Role::kOperator) return NotAllowed(v, t.action);
      return t.action == VacancyAction::kApprove ? State::kApproved : State::kSentBack;
    case VacancyAction::kPublish:
      if (s != State::kApproved) return InvalidTransition(v, t.action, "");
      if (!RoleIn(t.role, {Role::kOperator, Role::kSystem})) return NotAllowed(v, t.action);
      return State::kPublished;
    case VacancyAction::kSuspend:
      if (s != State::kPublished) return InvalidTransition(v, t.action, "");
      if (!RoleIn(t.role, {Role::kCompany, Role::kOperator})) return NotAllowed(v, t.action);
      return State::kSuspended;
    case VacancyAction::kResume:
      if (s != State::kSuspended) return InvalidTransition(v, t.action, "");
      if (!RoleIn(t.role, {Role::kCompany, Role::kOperator})) return NotAllowed(v, t.action);
      return State::kPublished;
    case VacancyAction::kClose:
      if (s == State::kClosed || s == State::kUnspecified) {
        return InvalidTransition(v, t.action, "");
      }
      if (t.closure == ClosureReason::kUnspecified) {
        return InvalidField("CLOSURE_REASON_REQUIRED", "closure", "filled, expired or withdrawn");
      }
      if (t.closure == ClosureReason::kExpired) {
        if (t.role != Role::kSystem) return NotAllowed(v, t.action);
        if (!ShouldExpire(v, t.today)) {
          return Precondition(v, "INVALID_CLOSURE_REASON",
                              "only an approved, published or suspended vacancy past its expiry "
                              "date expires");
        }
      } else {
        // The system closes a vacancy as filled when matching reports its last position filled.
        const bool system_fill = t.role == Role::kSystem && t.closure == ClosureReason::kFilled;
        if (!system_fill && !RoleIn(t.role, {Role::kCompany, Role::kOperator})) {
          return NotAllowed(v, t.action);
        }
        if (t.closure == ClosureReason::kFilled && !In(s, {State::kPublished, State::kSuspended})) {
          return Precondition(v, "INVALID_CLOSURE_REASON",
                              "only a published or suspended vacancy can be filled");
        }
      }
      return State::kClosed;
    case VacancyAction::kUnspecified:
      break;
  }
  return InvalidTransition(v, t.action, "unknown action");
}

// Checks that depend on the dates, the reasons and the content.
absl::Status CheckArguments(const Vacancy& v, const VacancyTransition& t) {
  for (const std::string& r : t.reasons) {
    if (r.size() > kMaxReasonLength) {
      return InvalidField("REASON_TOO_LONG", "reasons", "at most 500 characters each");
    }
  }
  const VacancyContent& c = v.content;
  switch (t.action) {
    case VacancyAction::kSubmit:
      if (absl::Status st = ValidateVacancyContent(c); !st.ok()) return st;
      if (c.publication_date < t.today) {
        return Precondition(v, "PUBLICATION_DATE_IN_PAST",
                            "the publication date must be today or later");
      }
      return absl::OkStatus();
    case VacancyAction::kSendBack: {
      const bool any = std::any_of(t.reasons.begin(), t.reasons.end(),
                                   [](const std::string& r) { return !r.empty(); });
      if (!any) {
        return InvalidField("SEND_BACK_REASON_REQUIRED", "reasons",
                            "say what the company must change");
      }
      return absl::OkStatus();
    }
    case VacancyAction::kPublish:
      if (t.today < c.publication_date) {
        return Precondition(v, "PUBLICATION_DATE_NOT_REACHED",
                            "the vacancy is published from its publication date");
      }
      [[fallthrough]];
    case VacancyAction::kResume:
      if (c.expiry_date < t.today) {
        return Precondition(v, "VACANCY_EXPIRED", "the expiry date has passed");
      }
      return absl::OkStatus();
    default:
      return absl::OkStatus();
  }
}

}  // namespace

absl::string_view VacancyStateName(VacancyState state) {
  switch (state) {
    case State::kDraft:
      return "draft";
    case State::kSubmitted:
      return "submitted";
    case State::kApproved:
      return "approved";
    case State::kSentBack:
      return "sent_back";
    case State::kPublished:
      return "published";
    case State::kSuspended:
      return "suspended";
    case State::kClosed:
      return "closed";
    case State::kUnspecified:
      break;
  }
  return "unspecified";
}

absl::string_view VacancyActionName(VacancyAction action) {
  switch (action) {
    case VacancyAction::kSubmit:
      return "submit";
    case VacancyAction::kApprove:
      return "approve";
    case VacancyAction::kSendBack:
      return "send_back";
    case VacancyAction::kPublish:
      return "publish";
    case VacancyAction::kSuspend:
      return "suspend";
    case VacancyAction::kResume:
      return "resume";
    case VacancyAction::kClose:
      return "close";
    case VacancyAction::kUnspecified:
      break;
  }
  return "unspecified";
}

absl::StatusOr<Vacancy> ApplyTransition(const Vacancy& v, const VacancyTransition& t) {
  absl::StatusOr<State> to = Target(v, t);
  if (!to.ok()) return to.status();
  if (absl::Status st = CheckArguments(v, t); !st.ok()) return st;
  Vacancy next = v;
  next.history.push_back(
      {t.action, v.state, *to, t.role, t.actor, t.at, t.reasons,
       t.action == VacancyAction::kClose ? t.closure : ClosureReason::kUnspecified});
  next.state = *to;
  if (t.action == VacancyAction::kSendBack) next.send_back_reasons = t.reasons;
  if (t.action == VacancyAction::kSubmit) next.send_back_reasons.clear();
  if (t.action == VacancyAction::kClose) next.closure = t.closure;
  return next;
}

absl::StatusOr<Vacancy> EditContent(const Vacancy& v, const VacancyContent& content) {
  if (!In(v.state, {State::kDraft, State::kSentBack})) {
    return Error(absl::StatusCode::kFailedPrecondition, "INVALID_VACANCY_TRANSITION",
                 absl::StrCat("a vacancy that is ", VacancyStateName(v.state), " cannot be edited"),
                 {{"vacancy_id", v.id}, {"state", std::string(VacancyStateName(v.state))}});
  }
  Vacancy next = v;
  next.content = content;
  return next;
}

bool ShouldExpire(const Vacancy& v, absl::CivilDay today) {
  return In(v.state, {State::kApproved, State::kPublished, State::kSuspended}) &&
         v.content.expiry_date < today;
}

std::vector<std::string> VacanciesToExpire(const std::vector<Vacancy>& vacancies,
                                           absl::CivilDay today) {
  std::vector<std::string> ids;
  for (const Vacancy& v : vacancies) {
    if (ShouldExpire(v, today)) ids.push_back(v.id);
  }
  return ids;
}

absl::StatusOr<Vacancy> Expire(const Vacancy& v, absl::CivilDay today, absl::Time at) {
  VacancyTransition t;
  t.action = VacancyAction::kClose;
  t.role = Role::kSystem;
  t.actor = "system";
  t.closure = ClosureReason::kExpired;
  t.today = today;
  t.at = at;
  return ApplyTransition(v, t);
}

}  // namespace sisl::enterprise
