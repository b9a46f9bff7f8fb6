#ifndef SISL_ENTERPRISE_DOMAIN_SERVICE_REQUEST_H_
#define SISL_ENTERPRISE_DOMAIN_SERVICE_REQUEST_H_

// A company's request to its CPI (DOMAIN.md §1, §3: services for companies): preselection
// (optionally for one of its vacancies), traineeship activation, incentives information or an
// L.68/99 placement request. It goes to one CPI (AssignCpi), carries a conversation thread and
// moves through these steps:
//
//   step            side      from                                 to
//   take in charge  operator  SUBMITTED                            TAKEN_IN_CHARGE
//   ask             operator  TAKEN_IN_CHARGE, ANSWERED            WAITING_FOR_COMPANY
//   answer          company   WAITING_FOR_COMPANY                  ANSWERED
//   close resolved  operator  any open state but SUBMITTED         CLOSED (resolved)
//   close rejected  operator  any open state                       CLOSED (rejected)
//   withdraw        company   any open state                       CLOSED (withdrawn)
//   reopen          company   CLOSED, within 30 days, 3 times      ANSWERED (SUBMITTED if no
//                                                                  operator took it in charge)
//                   operator  CLOSED resolved or rejected, idem    TAKEN_IN_CHARGE
//
// The company side is its people with the service-requests scope, the operator side the
// operators of the assigned CPI. Both write messages while the request is open; a message never
// changes the state. Asking, answering, rejecting and reopening carry a message (the question,
// the answer, the reason). Every step keeps who, when and what (ServiceRequestHistoryEntry).
// The functions return a new ServiceRequest and never change the one they are given.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/enterprise/domain/company.h"

namespace sisl::enterprise {

enum class ServiceRequestKind {
  kUnspecified,
  kPreselection,           // preselezione di candidati
  kTraineeshipActivation,  // attivazione di un tirocinio
  kIncentivesInformation,  // informazioni sugli incentivi all'assunzione
  kL68Placement,           // richiesta di avviamento L.68/99 (collocamento mirato)
};

enum class ServiceRequestState {
  kUnspecified,
  kSubmitted,          // waiting for an operator
  kTakenInCharge,      // an operator works on it
  kWaitingForCompany,  // the operator asked the company something
  kAnswered,           // the company answered (or reopened): back with the operator
  kClosed,
};

enum class ServiceRequestOutcome { kUnspecified, kResolved, kWithdrawn, kRejected };

enum class ServiceRequestAction {
  kUnspecified,
  kSubmit,  // the creation, in the history only
  kTakeInCharge,
  kAsk,
  kAnswer,
  kClose,  // by the operator: resolved, or rejected with a reason
  kWithdraw,
  kReopen,
};

enum class ServiceRequestSide { kUnspecified, kCompany, kOperator };

// Stable names, as stored: "preselection", "traineeship_activation", "incentives_information",
// "l68_placement"; "submitted", "taken_in_charge", "waiting_for_company", "answered", "closed";
// "" (open), "resolved", "withdrawn", "rejected"; "submit", "take_in_charge", "ask", "answer",
// "close", "withdraw", "reopen"; "company", "operator".
absl::string_view ServiceRequestKindName(ServiceRequestKind kind);
absl::string_view ServiceRequestStateName(ServiceRequestState state);
absl::string_view ServiceRequestOutcomeName(ServiceRequestOutcome outcome);
absl::string_view ServiceRequestActionName(ServiceRequestAction action);
absl::string_view ServiceRequestSideName(ServiceRequestSide side);

// Limits, in characters (Unicode code points, as the API's field rules count them).
inline constexpr size_t kMinSubjectLength = 3;
inline constexpr size_t kMaxSubjectLength = 150;
inline constexpr size_t kMaxServiceRequestTextLength = 4000;  // description and each message
// Messages that continue the conversation (plain ones, questions, answers, reopenings); the
// closing notes are always accepted, so a full thread can still be closed.
inline constexpr size_t kMaxThreadMessages = 200;
inline constexpr absl::Duration kReopenWindow = absl::Hours(24 * 30);
inline constexpr int kMaxReopens = 3;

// What the company writes.
struct ServiceRequestDraft {
  ServiceRequestKind kind = ServiceRequestKind::kUnspecified;
  std::string subject;      // one line
  std::string description;  // free text; tabs and line breaks allowed
  std::string vacancy_id;   // preselection only: one of the company's vacancies; optional
};

// A message of the thread. Free text: shown to the company and the CPI, never put in an event.
struct ServiceRequestMessage {
  int sequence = 0;  // 1, 2, ... in the order written
  ServiceRequestSide side = ServiceRequestSide::kUnspecified;
  std::string author;  // the person's fiscal code (company side) or the operator's id
  // The step that wrote it (ask, answer, close...); kUnspecified for a plain message.
  ServiceRequestAction action = ServiceRequestAction::kUnspecified;
  std::string text;
  absl::Time at;
};

// One step, never changed once recorded.
struct ServiceRequestHistoryEntry {
  ServiceRequestAction action = ServiceRequestAction::kUnspecified;
  ServiceRequestState from = ServiceRequestState::kUnspecified;
  ServiceRequestState to = ServiceRequestState::kUnspecified;
  ServiceRequestSide side = ServiceRequestSide::kUnspecified;
  std::string actor;
  absl::Time at;
  ServiceRequestOutcome outcome = ServiceRequestOutcome::kUnspecified;  // of a closing step
};

struct ServiceRequest {
  std::string id;
  std::string company;  // company fiscal code
  ServiceRequestKind kind = ServiceRequestKind::kUnspecified;
  std::string subject;
  std::string description;
  std::string vacancy_id;  // "" when none
  std::string cpi_code;    // the CPI it is assigned to
  ServiceRequestState state = ServiceRequestState::kUnspecified;
  ServiceRequestOutcome outcome = ServiceRequestOutcome::kUnspecified;  // once closed
  std::string handler;     // the operator who took it in charge; "" before
  std::string created_by;  // the person's fiscal code
  absl::Time created_at;
  std::optional<absl::Time> closed_at;  // of the last closure, while closed
  int reopen_count = 0;
  std::vector<ServiceRequestMessage> messages;      // oldest first
  std::vector<ServiceRequestHistoryEntry> history;  // oldest first
};

// Removes the C0 control characters other than tab, line feed and carriage return (they cannot
// be shown, and PostgreSQL refuses NUL). The rest of the text is kept as written.
std::string CleanServiceRequestText(absl::string_view text);

// Every problem of a draft, in field order. Reasons (INVALID_ARGUMENT): KIND_REQUIRED,
// SUBJECT_REQUIRED (empty or blank), SUBJECT_TOO_SHORT, SUBJECT_TOO_LONG, INVALID_SUBJECT
// (control characters, line breaks included), DESCRIPTION_REQUIRED (nothing but blanks and
// control characters), DESCRIPTION_TOO_LONG, VACANCY_ONLY_FOR_PRESELECTION.
std::vector<FieldProblem> CheckServiceRequestDraft(const ServiceRequestDraft& draft);
absl::Status ValidateServiceRequestDraft(const ServiceRequestDraft& draft);

// The vacancy a preselection names, as the store found it.
struct LinkedVacancy {
  std::string id;
  std::string company;
  std::string cpi_code;  // the CPI of its workplace; "" outside Piedmont
  bool closed = false;
};

// The CPI a request goes to: for a preselection linked to a vacancy, the vacancy's CPI (when its
// workplace is in Piedmont); otherwise the competent CPI of the registered office
// (reference::CompetentCpi), or, for a registered office outside Piedmont, of the first
// operating site in Piedmont.
//   LINKED_VACANCY_NOT_FOUND  INVALID_ARGUMENT     `vacancy` missing or another company's
//   LINKED_VACANCY_CLOSED     FAILED_PRECONDITION
//   NO_COMPETENT_CPI          FAILED_PRECONDITION  no registered office or site in Piedmont
absl::StatusOr<std::string> AssignCpi(const Company& company, const ServiceRequestDraft& draft,
                                      const std::optional<LinkedVacancy>& vacancy);

struct NewServiceRequest {
  std::string id;
  std::string company;
  ServiceRequestDraft draft;
  std::string cpi_code;  // from AssignCpi
  std::string author;    // the person's fiscal code
  absl::Time at;
};

// A SUBMITTED request with its first history entry; the reasons of ValidateServiceRequestDraft
// (subject kept as written, description cleaned).
absl::StatusOr<ServiceRequest> SubmitServiceRequest(const NewServiceRequest& n);

struct ServiceRequestTransition {
  ServiceRequestAction action = ServiceRequestAction::kUnspecified;
  ServiceRequestSide side = ServiceRequestSide::kUnspecified;
  std::string actor;
  ServiceRequestOutcome outcome = ServiceRequestOutcome::kUnspecified;  // close only
  // Added to the thread when not blank; required to ask, answer, reject and reopen.
  std::string message;
  absl::Time at;
};

// The request after `t`, with its history entry (and message) appended.
//   SERVICE_REQUEST_ACTION_NOT_ALLOWED   PERMISSION_DENIED    this side may not take this step
//   INVALID_SERVICE_REQUEST_TRANSITION   FAILED_PRECONDITION  not from this state (metadata
//                                                             state, action)
//   OUTCOME_REQUIRED, INVALID_OUTCOME    INVALID_ARGUMENT     close: resolved or rejected
//   QUESTION_REQUIRED, ANSWER_REQUIRED, REJECTION_REASON_REQUIRED, REOPEN_REASON_REQUIRED
//                                        INVALID_ARGUMENT     the step's message is missing
//   MESSAGE_TEXT_TOO_LONG                INVALID_ARGUMENT
//   REOPEN_WINDOW_EXPIRED                FAILED_PRECONDITION  more than 30 days after closure
//   REOPEN_LIMIT_REACHED                 FAILED_PRECONDITION  reopened 3 times already
//   TOO_MANY_MESSAGES                    FAILED_PRECONDITION  the thread is full
absl::StatusOr<ServiceRequest> ApplyServiceRequestTransition(const ServiceRequest& r,
                                                             const ServiceRequestTransition& t);

// A plain message by either side while the request is open.
//   SERVICE_REQUEST_CLOSED (FAILED_PRECONDITION), MESSAGE_TEXT_REQUIRED (blank),
//   MESSAGE_TEXT_TOO_LONG (INVALID_ARGUMENT), TOO_MANY_MESSAGES (FAILED_PRECONDITION),
//   SERVICE_REQUEST_ACTION_NOT_ALLOWED (no side).
absl::StatusOr<ServiceRequest> AddServiceRequestMessage(const ServiceRequest& r,
                                                        ServiceRequestSide side,
                                                        absl::string_view author,
                                                        absl::string_view text, absl::Time at);

}  // namespace sisl::enterprise

#endif  // SISL_ENTERPRISE_DOMAIN_SERVICE_REQUEST_H_
