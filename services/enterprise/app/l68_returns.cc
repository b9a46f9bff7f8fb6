#include "services/enterprise/app/l68_returns.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/enterprise/app/access.h"
#include "services/enterprise/events/l68_return_events.h"
#include "services/enterprise/store/company_store.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::enterprise {
namespace {

using platform::auth::Caller;
using platform::db::Transaction;
using platform::outbox::EventWriter;
using store::L68ReturnAct;
using store::L68ReturnState;
using store::L68ReturnStore;
using store::StoredL68Return;

constexpr size_t kMaxReasonLength = 500;
constexpr size_t kMaxCauseLength = 200;  // the XSD's causale

absl::Status NotFound() {
  return platform::Error(absl::StatusCode::kNotFound, "L68_RETURN_NOT_FOUND",
                         "no L.68 return with this id");
}

absl::Status InvalidState(const StoredL68Return& r, absl::string_view action) {
  return platform::Error(
      absl::StatusCode::kFailedPrecondition, "L68_RETURN_INVALID_STATE",
      absl::StrCat("a return that is ", store::L68ReturnStateName(r.state), " cannot be ", action),
      {{"state", std::string(store::L68ReturnStateName(r.state))}});
}

absl::StatusOr<std::string> Reason(const std::string& reason, bool required) {
  std::string r(absl::StripAsciiWhitespace(reason));
  if (required && r.empty()) {
    return platform::InvalidField("L68_REASON_REQUIRED", "reason", "say why");
  }
  if (r.size() > kMaxReasonLength) {
    return platform::InvalidField("L68_REASON_TOO_LONG", "reason", "at most 500 characters");
  }
  return r;
}

size_t Utf8Length(absl::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// The input checked (beyond the computation's own checks: what the ministry's XML can carry)
// and computed.
absl::StatusOr<store::L68Filing> FilingOf(const L68ReturnInput& in, absl::CivilDay today) {
  if (in.year > today.year()) {
    return platform::InvalidField("L68_YEAR_IN_FUTURE", "year",
                                  "a return is as of 31 December of a year that has begun");
  }
  for (size_t i = 0; i < in.provinces.size(); ++i) {
    if (!in.provinces[i].suspension.has_value()) continue;
    const std::string& cause = in.provinces[i].suspension->cause;
    bool control = false;
    for (char c : cause) control |= static_cast<unsigned char>(c) < 0x20;
    if (Utf8Length(cause) > kMaxCauseLength || control) {
      return platform::InvalidField("L68_INVALID_SUSPENSION",
                                    absl::StrCat("provinces[", i, "].suspension.cause"),
                                    "at most 200 characters, on one line");
    }
  }
  ASSIGN_OR_RETURN(L68Return figures, ComputeL68Return(in));
  return store::L68Filing{in, std::move(figures)};
}

absl::Status SameYear(const L68ReturnInput& in, const StoredL68Return& r) {
  if (in.year == r.year) return absl::OkStatus();
  return platform::InvalidField("L68_YEAR_CHANGED", "input.year",
                                "the reference year of a return cannot change");
}

L68ReturnAct Act(const Caller& caller, std::string action, L68ReturnState from, L68ReturnState to,
                 std::string reason, absl::Time at) {
  return {std::move(action), from, to, caller.subject, ActorRole(caller), at, std::move(reason)};
}

// Appends `act`, then writes the version.
absl::StatusOr<StoredL68Return> Save(Transaction& tx, StoredL68Return& r, L68ReturnAct act) {
  r.state = act.to;
  r.updated_at = act.at;
  r.acts.push_back(std::move(act));
  RETURN_IF_ERROR(L68ReturnStore::Update(tx, r));
  return r;
}

bool IsOpen(L68ReturnState s) {
  return s == L68ReturnState::kDraft || s == L68ReturnState::kSubmitted ||
         s == L68ReturnState::kUnderCorrection;
}

}  // namespace

absl::CivilDay L68DueDate(int year) { return absl::CivilDay(year + 1, 1, 31); }

absl::StatusOr<L68Return> L68ReturnManager::Compute(const L68ReturnInput& input) {
  return ComputeL68Return(input);
}

absl::Status L68ReturnManager::Authorize(Transaction& tx, const Caller& caller,
                                         const std::string& company, Permit permit) {
  bool allowed = false;
  switch (caller.role) {
    case Role::kAdmin:
      allowed = permit.admins;
      break;
    case Role::kOperator:
      RETURN_IF_ERROR(RequireOperatorOfCompany(tx, caller, company));
      allowed = permit.operators;
      break;
    case Role::kCompany:
    case Role::kConsultant:
      if (caller.acting_for != company) return NotFound();  // ids reveal nothing
      RETURN_IF_ERROR(RequireCompanyScope(tx, caller, company, DelegationScope::kL68Returns,
                                          platform::TodayInItaly(deps_.clock), deps_.person_ids)
                          .status());
      allowed = permit.company;
      break;
    default:
      return NotFound();
  }
  if (allowed) return absl::OkStatus();
  return platform::Error(absl::StatusCode::kPermissionDenied, "L68_ACTION_NOT_ALLOWED",
                         "your role may not do this on an L.68 return");
}

absl::StatusOr<StoredL68Return> L68ReturnManager::Change(
    const Caller& caller, const std::string& id, Permit permit,
    absl::FunctionRef<absl::StatusOr<StoredL68Return>(Transaction&, EventWriter&, StoredL68Return&)>
        change) {
  StoredL68Return out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(StoredL68Return r, L68ReturnStore::Get(tx, id));
    RETURN_IF_ERROR(Authorize(tx, caller, r.company, permit));
    ASSIGN_OR_RETURN(out, change(tx, events, r));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<StoredL68Return> L68ReturnManager::CreateDraft(const Caller& acting,
                                                              const std::string& company,
                                                              const L68ReturnInput& input,
                                                              const platform::db::RequestKey& key,
                                                              const char* action) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  StoredL68Return out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter&) {
    RETURN_IF_ERROR(RequireCompanyScope(tx, acting, company, DelegationScope::kL68Returns, today,
                                        deps_.person_ids)
                        .status());
    ASSIGN_OR_RETURN(store::L68Filing filing, FilingOf(input, today));
    auto create = [&]() -> absl::StatusOr<StoredL68Return> {
      ASSIGN_OR_RETURN(std::optional<StoredL68Return> open,
                       L68ReturnStore::OpenFor(tx, company, input.year));
      if (open.has_value()) {
        return platform::Error(absl::StatusCode::kAlreadyExists, "L68_RETURN_ALREADY_OPEN",
                               "the company already has an open return for this year",
                               {{"l68_return_id", open->id}});
      }
      StoredL68Return r;
      r.id = platform::NewUuidV7(deps_.clock);
      r.chain_id = r.id;
      r.company = company;
      r.year = input.year;
      r.state = L68ReturnState::kDraft;
      r.filing = filing;
      r.acts.push_back(
          Act(acting, action, L68ReturnState::kUnspecified, L68ReturnState::kDraft, "", now));
      r.created_at = r.updated_at = now;
      RETURN_IF_ERROR(L68ReturnStore::Insert(tx, r));
      return L68ReturnStore::Get(tx, r.id);
    };
    ASSIGN_OR_RETURN(
        out, platform::db::CreateOnce<StoredL68Return>(
                 tx, key, now, [&](const std::string& id) { return L68ReturnStore::Get(tx, id); },
                 create, [](const StoredL68Return& r) { return r.id; }));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<StoredL68Return> L68ReturnManager::Create(const Caller& caller, std::string company,
                                                         const L68ReturnInput& input,
                                                         const std::string& request_id) {
  company = NormalizeCompanyFiscalCode(company.empty() ? caller.acting_for : company);
  return CreateDraft(caller, company, input,
                     {"enterprise.CreateL68Return", caller.subject, request_id}, "create");
}

absl::StatusOr<StoredL68Return> L68ReturnManager::Update(const Caller& caller,
                                                         const std::string& id,
                                                         const L68ReturnInput& input) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  return Change(
      caller, id, {.company = true},
      [&](Transaction& tx, EventWriter&, StoredL68Return& r) -> absl::StatusOr<StoredL68Return> {
        RETURN_IF_ERROR(SameYear(input, r));
        ASSIGN_OR_RETURN(store::L68Filing filing, FilingOf(input, today));
        if (r.state == L68ReturnState::kDraft) {
          r.filing = filing;
        } else if (r.state == L68ReturnState::kUnderCorrection) {
          r.correction = filing;
        } else {
          return InvalidState(r, "changed");
        }
        return Save(tx, r, Act(caller, "update", r.state, r.state, "", now));
      });
}

absl::StatusOr<StoredL68Return> L68ReturnManager::Submit(const Caller& caller,
                                                         const std::string& id) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  return Change(caller, id, {.company = true},
                [&](Transaction& tx, EventWriter& events,
                    StoredL68Return& r) -> absl::StatusOr<StoredL68Return> {
                  if (r.state != L68ReturnState::kDraft) return InvalidState(r, "submitted");
                  if (today.year() <= r.year) {
                    return platform::Error(absl::StatusCode::kFailedPrecondition,
                                           "L68_RETURN_TOO_EARLY",
                                           absl::StrCat("the return as of 31 December ", r.year,
                                                        " is filed from 1 January ", r.year + 1));
                  }
                  // Filed with the figures of the rules in force today.
                  ASSIGN_OR_RETURN(r.filing.figures, ComputeL68Return(r.filing.input));
                  ASSIGN_OR_RETURN(r.protocol, L68ReturnStore::NextProtocol(tx, today.year()));
                  r.submitted_at = now;
                  r.late = today > L68DueDate(r.year);
                  ASSIGN_OR_RETURN(StoredL68Return saved,
                                   Save(tx, r,
                                        Act(caller, "submit", r.state, L68ReturnState::kSubmitted,
                                            r.late ? "late" : "", now)));
                  RETURN_IF_ERROR(events.Emit(r.company, *events::L68SubmittedEvent(saved)));
                  return saved;
                });
}

absl::StatusOr<StoredL68Return> L68ReturnManager::RequestCorrection(const Caller& caller,
                                                                    const std::string& id,
                                                                    const std::string& reason) {
  ASSIGN_OR_RETURN(std::string why, Reason(reason, true));
  const absl::Time now = deps_.clock.Now();
  return Change(caller, id, {.company = true, .operators = true, .admins = true},
                [&](Transaction& tx, EventWriter& events,
                    StoredL68Return& r) -> absl::StatusOr<StoredL68Return> {
                  if (r.state != L68ReturnState::kSubmitted) {
                    return InvalidState(r, "opened for correction");
                  }
                  r.correction = r.filing;
                  ASSIGN_OR_RETURN(StoredL68Return saved,
                                   Save(tx, r,
                                        Act(caller, "request_correction", r.state,
                                            L68ReturnState::kUnderCorrection, why, now)));
                  RETURN_IF_ERROR(events.Emit(
                      r.company, *events::L68CorrectionRequestedEvent(saved, ActorRole(caller))));
                  return saved;
                });
}

absl::StatusOr<StoredL68Return> L68ReturnManager::Correct(
    const Caller& caller, const std::string& id, const std::optional<L68ReturnInput>& input,
    const std::string& reason) {
  ASSIGN_OR_RETURN(std::string why, Reason(reason, false));
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  const absl::Time now = deps_.clock.Now();
  return Change(
      caller, id, {.company = true},
      [&](Transaction& tx, EventWriter& events,
          StoredL68Return& r) -> absl::StatusOr<StoredL68Return> {
        if (r.state != L68ReturnState::kUnderCorrection) return InvalidState(r, "corrected");
        if (!input.has_value() && !r.correction.has_value()) {
          return platform::InvalidField("L68_CORRECTION_INPUT_REQUIRED", "input",
                                        "send the corrected content");
        }
        const L68ReturnInput& in = input.has_value() ? *input : r.correction->input;
        RETURN_IF_ERROR(SameYear(in, r));
        ASSIGN_OR_RETURN(store::L68Filing filing, FilingOf(in, today));
        // The previous version closes first: one open return per company and year.
        r.correction.reset();
        RETURN_IF_ERROR(
            Save(tx, r, Act(caller, "correct", r.state, L68ReturnState::kCorrected, why, now))
                .status());
        StoredL68Return next;
        next.id = platform::NewUuidV7(deps_.clock);
        next.chain_id = r.chain_id;
        next.company = r.company;
        next.year = r.year;
        next.version = r.version + 1;
        next.previous_id = r.id;
        next.state = L68ReturnState::kSubmitted;
        ASSIGN_OR_RETURN(next.protocol, L68ReturnStore::NextProtocol(tx, today.year()));
        next.submitted_at = now;
        next.late = today > L68DueDate(r.year);
        next.filing = std::move(filing);
        next.acts.push_back(Act(caller, "correct", L68ReturnState::kUnspecified,
                                L68ReturnState::kSubmitted, why, now));
        next.created_at = next.updated_at = now;
        RETURN_IF_ERROR(L68ReturnStore::Insert(tx, next));
        ASSIGN_OR_RETURN(StoredL68Return saved, L68ReturnStore::Get(tx, next.id));
        RETURN_IF_ERROR(events.Emit(r.company, *events::L68SubmittedEvent(saved)));
        return saved;
      });
}

absl::StatusOr<StoredL68Return> L68ReturnManager::Cancel(const Caller& caller,
                                                         const std::string& id,
                                                         const std::string& reason) {
  ASSIGN_OR_RETURN(std::string why, Reason(reason, false));
  const absl::Time now = deps_.clock.Now();
  return Change(
      caller, id, {.company = true, .admins = true},
      [&](Transaction& tx, EventWriter& events,
          StoredL68Return& r) -> absl::StatusOr<StoredL68Return> {
        if (!IsOpen(r.state)) return InvalidState(r, "cancelled");
        r.correction.reset();
        ASSIGN_OR_RETURN(
            StoredL68Return saved,
            Save(tx, r, Act(caller, "cancel", r.state, L68ReturnState::kCancelled, why, now)));
        RETURN_IF_ERROR(events.Emit(r.company, *events::L68CancelledEvent(saved)));
        return saved;
      });
}

}  // namespace sisl::enterprise
