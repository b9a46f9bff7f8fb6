// The steps of a filing shared by File, Correct and Cancel: what the rules need to know, the
// acceptance (code, relationship, spool, events) and the communication code.
#ifndef SISL_SERVICES_COMMUNICATIONS_APP_FILING_SUPPORT_H_
#define SISL_SERVICES_COMMUNICATIONS_APP_FILING_SUPPORT_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/communications/app/access.h"
#include "services/communications/app/deps.h"
#include "services/communications/store/communication_store.h"
#include "services/communications/store/filing_store.h"

namespace sisl::communications {

// A relationship an employer change (VARDATORI, its correction or cancellation) re-folds, as
// stored before the filing, with its communications in force.
struct ChangedRelationship {
  store::StoredRelationship relationship;
  std::vector<store::StoredCommunication> in_force;
};

struct FilingContext {
  RuleContext rules;
  std::optional<store::StoredRelationship> relationship;
  std::optional<store::StoredCommunication> referenced;
  // The relationship's communications in force before this filing, in filing order.
  std::vector<store::StoredCommunication> in_force;
  // VARDATORI: the relationships it re-folds (app/employer_change.h).
  std::vector<ChangedRelationship> employer_change;
};

// The relationship `c` acts on (through previous_code for corrections, cancellations and a
// UNILAV after its UNIURG; else by employer, worker and start) and the communication it names.
absl::StatusOr<FilingContext> LoadContext(store::FilingStore& store, const Communication& c,
                                          absl::CivilDay today);

// A hire (ordinary or by the office) of a relationship that exists and was not cancelled:
// FAILED_PRECONDITION, reason RELATIONSHIP_EXISTS (correct the hire instead).
absl::Status RequireNoOpenTwin(const Communication& c, const FilingContext& context);

struct Acceptance {
  const Caller& caller;
  absl::Time now;
  absl::CivilDay today;
  const std::vector<Finding>& findings;  // no errors among them
  // A record of a bulk upload (no receipt notice per record: the upload's report is one).
  bool bulk = false;
};

// A new code for `c` and its ministry XML with it (validated against its form's XSD:
// INVALID_ARGUMENT XML_SCHEMA_VIOLATION when the content does not fit the format).
struct Coded {
  Communication communication;  // with its new code
  std::string xml;
};
// `read_valid`: the content was read from XML valid against its XSD (a bulk record), so the
// XML written from it is not checked again.
absl::StatusOr<Coded> Encode(Communication c, absl::CivilDay today, bool read_valid = false);

// Stores the coded communication as accepted, replaces what it corrects or cancels, refolds its
// relationship (in memory, from the context's communications in force), spools it for the
// national node and emits its events.
absl::StatusOr<store::StoredCommunication> Accept(store::FilingStore& store,
                                                  platform::outbox::EventWriter& events,
                                                  Coded coded, const FilingContext& context,
                                                  const Acceptance& acceptance, const Deps& deps);

// The outcome of one record of a bulk upload: accepted (with its code), acceptable (verify
// only) or refused (the error rules, or a reason such as RELATIONSHIP_EXISTS); warnings kept.
struct RecordOutcome {
  std::string outcome;  // accepted, acceptable, refused
  std::string code;
  std::vector<Finding> findings;
  std::string reason;   // refused for a reason other than the rules
  std::string message;  // the first problem, in English
};

// Files one record within the caller's transaction as File would, without idempotency keys
// (the report row is the record's key). An error status only for what is not about the record
// (the database): the batch is then retried.
// `read_valid`: the record was checked against its form's XSD when read (see Encode).
// `delegated` caches, by company, whether the caller holds an active delegation with the
// communications scope (a consultant's file may hold records of every company they serve).
absl::StatusOr<RecordOutcome> FileRecord(platform::db::Transaction& tx, store::FilingStore& store,
                                         platform::outbox::EventWriter& events,
                                         const Caller& caller, Communication c,
                                         std::map<std::string, bool>& delegated, bool verify_only,
                                         bool read_valid, absl::Time now, absl::CivilDay today,
                                         const Deps& deps);

// 16 characters: "01" (Piedmont's ISTAT region code), the year's two digits, the form code and
// ten random base-32 characters (0-9, A-V).
std::string NewCommunicationCode(Form form, absl::CivilDay day);

}  // namespace sisl::communications

#endif  // SISL_SERVICES_COMMUNICATIONS_APP_FILING_SUPPORT_H_
