#include "services/enterprise/domain/service_request.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/platform/errors.h"
#include "services/reference/cpi_areas.h"

namespace sisl::enterprise {
namespace {

using platform::Error;
using platform::InvalidField;
using Action = ServiceRequestAction;
using Side = ServiceRequestSide;
using State = ServiceRequestState;
using Outcome = ServiceRequestOutcome;

size_t CodePoints(absl::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Nothing but spaces and control characters (what the API's patterns call blank).
bool IsBlank(absl::string_view s) {
  return std::none_of(s.begin(), s.end(),
                      [](char c) { return static_cast<unsigned char>(c) > 0x20; });
}

bool HasControl(absl::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20; });
}

bool In(State s, std::initializer_list<State> states) {
  return std::find(states.begin(), states.end(), s) != states.end();
}

bool IsOpen(State s) {
  return In(
      s, {State::kSubmitted, State::kTakenInCharge, State::kWaitingForCompany, State::kAnswered});
}

// The name of `value` in `names` (listed in declaration order); the first one when out of range.
template <typename E, size_t N>
absl::string_view NameOf(E value, const absl::string_view (&names)[N]) {
  const auto i = static_cast<size_t>(value);
  return i < N ? names[i] : names[0];
}

absl::Status InvalidTransition(const ServiceRequest& r, Action a, absl::string_view why) {
  return Error(absl::StatusCode::kFailedPrecondition, "INVALID_SERVICE_REQUEST_TRANSITION",
               absl::StrCat("cannot ", ServiceRequestActionName(a), " a request that is ",
                            ServiceRequestStateName(r.state), why.empty() ? "" : ": ", why),
               {{"service_request_id", r.id},
                {"state", std::string(ServiceRequestStateName(r.state))},
                {"action", std::string(ServiceRequestActionName(a))}});
}

absl::Status NotAllowed(const ServiceRequest& r, Action a, absl::string_view who) {
  return Error(
      absl::StatusCode::kPermissionDenied, "SERVICE_REQUEST_ACTION_NOT_ALLOWED",
      absl::StrCat("only ", who, " may ", ServiceRequestActionName(a), " a request"),
      {{"service_request_id", r.id}, {"action", std::string(ServiceRequestActionName(a))}});
}

absl::Status Precondition(const ServiceRequest& r, absl::string_view reason,
                          absl::string_view message) {
  return Error(absl::StatusCode::kFailedPrecondition, reason, message,
               {{"service_request_id", r.id}});
}

// Counts the messages that continue the conversation (closing notes excluded).
size_t ConversationSize(const ServiceRequest& r) {
  return std::count_if(r.messages.begin(), r.messages.end(), [](const ServiceRequestMessage& m) {
    return m.action != Action::kClose && m.action != Action::kWithdraw;
  });
}

absl::Status CheckRoom(const ServiceRequest& r) {
  if (ConversationSize(r) < kMaxThreadMessages) return absl::OkStatus();
  return Precondition(r, "TOO_MANY_MESSAGES",
                      "the thread is full (200 messages): close this request and open a new one");
}

// The state `t` leads to, after the side, state and argument checks.
absl::StatusOr<State> Target(const ServiceRequest& r, const ServiceRequestTransition& t,
                             bool has_message) {
  const bool op = t.side == Side::kOperator, company = t.side == Side::kCompany;
  auto need = [&](absl::string_view reason, absl::string_view what) -> absl::Status {
    if (has_message) return absl::OkStatus();
    return InvalidField(reason, "message", what);
  };
  switch (t.action) {
    case Action::kTakeInCharge:
      if (!op) return NotAllowed(r, t.action, "an operator of the assigned CPI");
      if (r.state != State::kSubmitted) return InvalidTransition(r, t.action, "");
      return State::kTakenInCharge;
    case Action::kAsk:
      if (!op) return NotAllowed(r, t.action, "an operator of the assigned CPI");
      if (!In(r.state, {State::kTakenInCharge, State::kAnswered})) {
        return InvalidTransition(r, t.action,
                                 r.state == State::kSubmitted ? "take it in charge first" : "");
      }
      if (absl::Status st = need("QUESTION_REQUIRED", "write the question"); !st.ok()) return st;
      return State::kWaitingForCompany;
    case Action::kAnswer:
      if (!company) return NotAllowed(r, t.action, "the company");
      if (r.state != State::kWaitingForCompany) return InvalidTransition(r, t.action, "");
      if (absl::Status st = need("ANSWER_REQUIRED", "write the answer"); !st.ok()) return st;
      return State::kAnswered;
    case Action::kClose:
      if (!op) return NotAllowed(r, t.action, "an operator of the assigned CPI");
      if (!IsOpen(r.state)) return InvalidTransition(r, t.action, "");
      if (t.outcome == Outcome::kUnspecified) {
        return InvalidField("OUTCOME_REQUIRED", "outcome", "resolved or rejected");
      }
      if (t.outcome == Outcome::kWithdrawn) {
        return InvalidField("INVALID_OUTCOME", "outcome",
                            "resolved or rejected: the company withdraws its own requests");
      }
      if (t.outcome == Outcome::kResolved && r.state == State::kSubmitted) {
        return InvalidTransition(r, t.action, "take it in charge first");
      }
      if (t.outcome == Outcome::kRejected) {
        if (absl::Status st = need("REJECTION_REASON_REQUIRED", "say why"); !st.ok()) return st;
      }
      return State::kClosed;
    case Action::kWithdraw:
      if (!company) return NotAllowed(r, t.action, "the company");
      if (!IsOpen(r.state)) return InvalidTransition(r, t.action, "");
      return State::kClosed;
    case Action::kReopen:
      if (!op && !company) return NotAllowed(r, t.action, "the company or the assigned CPI");
      if (r.state != State::kClosed) return InvalidTransition(r, t.action, "");
      if (op && r.outcome == Outcome::kWithdrawn) {
        return NotAllowed(r, t.action, "the company that withdrew it");
      }
      if (!r.closed_at.has_value() || t.at - *r.closed_at > kReopenWindow) {
        return Precondition(r, "REOPEN_WINDOW_EXPIRED",
                            "a request can be reopened within 30 days of its closure");
      }
      if (r.reopen_count >= kMaxReopens) {
        return Precondition(r, "REOPEN_LIMIT_REACHED",
                            "a request can be reopened 3 times: open a new one");
      }
      if (absl::Status st = need("REOPEN_REASON_REQUIRED", "say why"); !st.ok()) return st;
      if (op) return State::kTakenInCharge;
      return r.handler.empty() ? State::kSubmitted : State::kAnswered;
    case Action::kSubmit:
    case Action::kUnspecified:
      break;
  }
  return InvalidTransition(r, t.action, "unknown action");
}

}  // namespace

absl::string_view ServiceRequestKindName(ServiceRequestKind kind) {
  static constexpr absl::string_view kNames[] = {"unspecified", "preselection",
                                                 "traineeship_activation", "incentives_information",
                                                 "l68_placement"};
  return NameOf(kind, kNames);
}

absl::string_view ServiceRequestStateName(ServiceRequestState state) {
  static constexpr absl::string_view kNames[] = {
      "unspecified", "submitted", "taken_in_charge", "waiting_for_company", "answered", "closed"};
  return NameOf(state, kNames);
}

absl::string_view ServiceRequestOutcomeName(ServiceRequestOutcome outcome) {
  static constexpr absl::string_view kNames[] = {"", "resolved", "withdrawn", "rejected"};
  return NameOf(outcome, kNames);
}

absl::string_view ServiceRequestActionName(ServiceRequestAction action) {
  static constexpr absl::string_view kNames[] = {
      "unspecified", "submit", "take_in_charge", "ask", "answer", "close", "withdraw", "reopen"};
  return NameOf(action, kNames);
}

absl::string_view ServiceRequestSideName(ServiceRequestSide side) {
  static constexpr absl::string_view kNames[] = {"unspecified", "company", "operator"};
  return NameOf(side, kNames);
}

std::string CleanServiceRequestText(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x20 || c == '\t' || c == '\n' || c == '\r') out.push_back(c);
  }
  return out;
}

std::vector<FieldProblem> CheckServiceRequestDraft(const ServiceRequestDraft& d) {
  std::vector<FieldProblem> out;
  if (d.kind == ServiceRequestKind::kUnspecified) {
    out.push_back({"kind", "KIND_REQUIRED",
                   "preselection, traineeship activation, incentives information or L.68 "
                   "placement"});
  }
  const size_t subject = CodePoints(d.subject);
  if (IsBlank(d.subject)) {
    out.push_back({"subject", "SUBJECT_REQUIRED", "say what the request is about"});
  } else if (HasControl(d.subject)) {
    out.push_back({"subject", "INVALID_SUBJECT", "one line, without control characters"});
  } else if (subject < kMinSubjectLength) {
    out.push_back({"subject", "SUBJECT_TOO_SHORT", "at least 3 characters"});
  } else if (subject > kMaxSubjectLength) {
    out.push_back({"subject", "SUBJECT_TOO_LONG", "at most 150 characters"});
  }
  if (IsBlank(d.description)) {
    out.push_back({"description", "DESCRIPTION_REQUIRED", "describe what the company needs"});
  } else if (CodePoints(d.description) > kMaxServiceRequestTextLength) {
    out.push_back({"description", "DESCRIPTION_TOO_LONG", "at most 4000 characters"});
  }
  if (!d.vacancy_id.empty() && d.kind != ServiceRequestKind::kPreselection) {
    out.push_back(
        {"vacancy_id", "VACANCY_ONLY_FOR_PRESELECTION", "only a preselection names a vacancy"});
  }
  return out;
}

absl::Status ValidateServiceRequestDraft(const ServiceRequestDraft& draft) {
  return ProblemsStatus(CheckServiceRequestDraft(draft), "service request");
}

absl::StatusOr<std::string> AssignCpi(const Company& company, const ServiceRequestDraft& draft,
                                      const std::optional<LinkedVacancy>& vacancy) {
  if (!draft.vacancy_id.empty()) {
    if (!vacancy.has_value() || vacancy->id != draft.vacancy_id ||
        vacancy->company != company.fiscal_code) {
      return InvalidField("LINKED_VACANCY_NOT_FOUND", "vacancy_id",
                          "not a vacancy of this company");
    }
    if (vacancy->closed) {
      return Error(absl::StatusCode::kFailedPrecondition, "LINKED_VACANCY_CLOSED",
                   "the vacancy is closed", {{"vacancy_id", vacancy->id}});
    }
    if (!vacancy->cpi_code.empty()) return vacancy->cpi_code;
  }
  if (auto cpi = reference::CompetentCpi(company.registered_office.municipality_istat_code)) {
    return *cpi;
  }
  for (const CompanySite& site : company.operating_sites) {
    if (auto cpi = reference::CompetentCpi(site.municipality_istat_code)) return *cpi;
  }
  return Error(absl::StatusCode::kFailedPrecondition, "NO_COMPETENT_CPI",
               "the company has no registered office or site in Piedmont",
               {{"company", company.fiscal_code}});
}

absl::StatusOr<ServiceRequest> SubmitServiceRequest(const NewServiceRequest& n) {
  if (absl::Status st = ValidateServiceRequestDraft(n.draft); !st.ok()) return st;
  ServiceRequest r;
  r.id = n.id;
  r.company = n.company;
  r.kind = n.draft.kind;
  r.subject = n.draft.subject;
  r.description = CleanServiceRequestText(n.draft.description);
  r.vacancy_id = n.draft.vacancy_id;
  r.cpi_code = n.cpi_code;
  r.state = State::kSubmitted;
  r.created_by = n.author;
  r.created_at = n.at;
  r.history.push_back({Action::kSubmit, State::kUnspecified, State::kSubmitted, Side::kCompany,
                       n.author, n.at, Outcome::kUnspecified});
  return r;
}

absl::StatusOr<ServiceRequest> ApplyServiceRequestTransition(const ServiceRequest& r,
                                                             const ServiceRequestTransition& t) {
  const std::string text = CleanServiceRequestText(t.message);
  const bool has_message = !IsBlank(text);
  if (CodePoints(t.message) > kMaxServiceRequestTextLength) {
    return InvalidField("MESSAGE_TEXT_TOO_LONG", "message", "at most 4000 characters");
  }
  absl::StatusOr<State> to = Target(r, t, has_message);
  if (!to.ok()) return to.status();
  const bool closing = t.action == Action::kClose || t.action == Action::kWithdraw;
  if (has_message && !closing) {
    if (absl::Status st = CheckRoom(r); !st.ok()) return st;
  }
  ServiceRequest next = r;
  const Outcome outcome = t.action == Action::kWithdraw ? Outcome::kWithdrawn
                          : t.action == Action::kClose  ? t.outcome
                                                        : Outcome::kUnspecified;
  next.history.push_back({t.action, r.state, *to, t.side, t.actor, t.at, outcome});
  next.state = *to;
  if (*to == State::kClosed) {
    next.outcome = outcome;
    next.closed_at = t.at;
  } else if (t.action == Action::kReopen) {
    next.outcome = Outcome::kUnspecified;
    next.closed_at.reset();
    ++next.reopen_count;
  }
  if (t.action == Action::kTakeInCharge ||
      (t.action == Action::kReopen && t.side == Side::kOperator)) {
    next.handler = t.actor;
  }
  if (has_message) {
    next.messages.push_back(
        {static_cast<int>(r.messages.size()) + 1, t.side, t.actor, t.action, text, t.at});
  }
  return next;
}

absl::StatusOr<ServiceRequest> AddServiceRequestMessage(const ServiceRequest& r,
                                                        ServiceRequestSide side,
                                                        absl::string_view author,
                                                        absl::string_view text, absl::Time at) {
  if (side == Side::kUnspecified) {
    return Error(absl::StatusCode::kPermissionDenied, "SERVICE_REQUEST_ACTION_NOT_ALLOWED",
                 "only the company and the assigned CPI write in the thread",
                 {{"service_request_id", r.id}});
  }
  if (r.state == State::kClosed) {
    return Precondition(r, "SERVICE_REQUEST_CLOSED", "reopen the request to write again");
  }
  const std::string clean = CleanServiceRequestText(text);
  if (IsBlank(clean)) return InvalidField("MESSAGE_TEXT_REQUIRED", "text", "write something");
  if (CodePoints(text) > kMaxServiceRequestTextLength) {
    return InvalidField("MESSAGE_TEXT_TOO_LONG", "text", "at most 4000 characters");
  }
  if (absl::Status st = CheckRoom(r); !st.ok()) return st;
  ServiceRequest next = r;
  next.messages.push_back({static_cast<int>(r.messages.size()) + 1, side, std::string(author),
                           Action::kUnspecified, clean, at});
  return next;
}

}  // namespace sisl::enterprise
