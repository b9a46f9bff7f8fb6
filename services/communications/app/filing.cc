#include "services/communications/app/filing.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/communications/app/filing_support.h"
#include "services/communications/domain/deadlines.h"
#include "services/communications/domain/relationship.h"
#include "services/communications/store/filing_store.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::communications {

using platform::db::Transaction;
using platform::outbox::EventWriter;
using store::CommunicationStore;
using store::StoredCommunication;
using store::StoredState;

absl::Status RefusalOf(const std::vector<Finding>& findings) {
  std::vector<platform::FieldViolation> violations;
  std::string first;
  for (const Finding& f : findings) {
    if (f.severity != Severity::kError) continue;
    if (first.empty()) first = absl::StrCat(f.rule, ": ", f.message_en);
    violations.push_back({f.field, absl::StrCat(f.rule, ": ", f.message_en)});
  }
  return platform::Error(
      absl::StatusCode::kInvalidArgument, "COMMUNICATION_REFUSED",
      absl::StrCat("the communication breaks ", violations.size(), " rule(s); first ", first), {},
      violations);
}

absl::StatusOr<CheckResult> Filings::Check(const Caller& caller, const Communication& c) {
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  ASSIGN_OR_RETURN(auto tx, deps_.db.Begin());
  RETURN_IF_ERROR(RequireMayFile(*tx, caller, c));
  store::DirectFilingStore store(*tx);
  ASSIGN_OR_RETURN(FilingContext context, LoadContext(store, c, today));
  CheckResult out;
  out.findings = Validate(c, context.rules);
  if (std::optional<Deadline> d = DeadlineOf(c)) out.due = d->due;
  out.days_late = DaysLate(c, today).value_or(0);
  return out;
}

absl::StatusOr<StoredCommunication> Filings::File(const Caller& caller, Communication c,
                                                  const std::string& request_id) {
  StoredCommunication out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(out,
                     FileIn(tx, events, caller, c, request_id, "communications.FileCommunication"));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<StoredCommunication> Filings::Correct(const Caller& caller, const std::string& code,
                                                     Communication c,
                                                     const std::string& request_id) {
  c.nature = Nature::kCorrection;
  c.previous_code = code;
  StoredCommunication out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(
        out, FileIn(tx, events, caller, c, request_id, "communications.CorrectCommunication"));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<StoredCommunication> Filings::Cancel(const Caller& caller, const std::string& code,
                                                    const std::string& request_id) {
  StoredCommunication out;
  RETURN_IF_ERROR(deps_.committer.Commit([&](Transaction& tx, EventWriter& events) {
    ASSIGN_OR_RETURN(StoredCommunication old, CommunicationStore::Get(tx, code));
    Communication c = old.communication;
    c.code.clear();
    c.nature = Nature::kCancellation;
    c.previous_code = code;
    ASSIGN_OR_RETURN(
        out, FileIn(tx, events, caller, c, request_id, "communications.CancelCommunication"));
    return absl::OkStatus();
  }));
  return out;
}

absl::StatusOr<StoredCommunication> Filings::FileIn(Transaction& tx, EventWriter& events,
                                                    const Caller& caller, Communication c,
                                                    const std::string& request_id,
                                                    absl::string_view operation) {
  const absl::Time now = deps_.clock.Now();
  const absl::CivilDay today = platform::TodayInItaly(deps_.clock);
  c.code.clear();
  RETURN_IF_ERROR(RequireMayFile(tx, caller, c));
  const platform::db::RequestKey key{std::string(operation), caller.subject, request_id};
  return platform::db::CreateOnce<StoredCommunication>(
      tx, key, now, [&](const std::string& code) { return CommunicationStore::Get(tx, code); },
      [&]() -> absl::StatusOr<StoredCommunication> {
        store::DirectFilingStore store(tx);
        ASSIGN_OR_RETURN(FilingContext context, LoadContext(store, c, today));
        const std::vector<Finding> findings = Validate(c, context.rules);
        if (HasErrors(findings)) return RefusalOf(findings);
        RETURN_IF_ERROR(RequireNoOpenTwin(c, context));
        ASSIGN_OR_RETURN(Coded coded, Encode(std::move(c), today));
        Acceptance acceptance{caller, now, today, findings};
        return Accept(store, events, std::move(coded), context, acceptance, deps_);
      },
      [](const StoredCommunication& s) { return s.communication.code; });
}

}  // namespace sisl::communications
