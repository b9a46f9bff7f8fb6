// The communications and relationships tables, inside the caller's transaction.
#ifndef SISL_SERVICES_COMMUNICATIONS_STORE_COMMUNICATION_STORE_H_
#define SISL_SERVICES_COMMUNICATIONS_STORE_COMMUNICATION_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/communications/domain/communication.h"
#include "services/communications/domain/relationship.h"
#include "services/communications/domain/rules.h"
#include "services/platform/db/database.h"

namespace sisl::communications::store {

enum class StoredState { kAccepted, kCorrected, kCancelled };

// An accepted communication with its protocol data.
struct StoredCommunication {
  Communication communication;  // its code included
  StoredState state = StoredState::kAccepted;
  std::string next_code;
  std::string relationship_id;
  std::string filed_for;
  std::string filed_by;       // pseudonymous person id of the filer
  std::string filed_by_role;  // company, consultant, operator, admin, system
  absl::Time protocol_at;
  absl::CivilDay due;
  int days_late = 0;
  std::vector<Finding> warnings;
  int seq = 0;
  // Its ministry XML when already written (Insert writes it otherwise); not read back.
  std::string xml;
  // The national node's spool state ("to_send", "sent", "acknowledged"), when asked for.
  std::string forwarding;
};

struct StoredRelationship {
  std::string id;
  std::string person_id;
  std::string worker;  // fiscal code
  RelationshipState state;
  // The key it is stored under: the state's employer (an employer change moves it to the new
  // employer) and the first hire's start. Empty for a relationship not stored yet: the state's.
  std::string key_employer;
  absl::CivilDay key_start;
};

// A VARDATORI (or its correction or cancellation) as a step of a relationship it re-folds.
struct EmployerChangeLink {
  std::string code;
  std::string relationship_id;
  int seq = 0;  // in the relationship's filing order

  bool operator==(const EmployerChangeLink&) const = default;
};

class CommunicationStore final {
 public:
  // ALREADY_EXISTS (reason UNIQUE_VIOLATION) when the code exists.
  static absl::Status Insert(platform::db::Transaction& tx, const StoredCommunication& c);
  // Several in one statement (a bulk upload's batch).
  static absl::Status InsertMany(platform::db::Transaction& tx,
                                 const std::vector<const StoredCommunication*>& all);
  static absl::Status MarkReplaced(platform::db::Transaction& tx, const std::string& code,
                                   StoredState state, const std::string& next_code);
  // NOT_FOUND, reason COMMUNICATION_NOT_FOUND.
  static absl::StatusOr<StoredCommunication> Get(platform::db::Transaction& tx,
                                                 const std::string& code);
  // Those of `codes` that exist (in no particular order).
  static absl::StatusOr<std::vector<StoredCommunication>> GetMany(
      platform::db::Transaction& tx, const std::vector<std::string>& codes);
  // The communications in force of several relationships, by relationship then filing order
  // (the VARDATORI linked to each among them, with the link's relationship id and seq).
  static absl::StatusOr<std::vector<StoredCommunication>> InForceOfMany(
      platform::db::Transaction& tx, const std::vector<std::string>& relationship_ids);
  // The relationship's communications in force (accepted), in filing order, the VARDATORI
  // linked to it among them (with the link's relationship id and seq).
  static absl::StatusOr<std::vector<StoredCommunication>> InForce(
      platform::db::Transaction& tx, const std::string& relationship_id);
  // Every communication of a relationship, in filing order (the history's steps), linked
  // VARDATORI included.
  static absl::StatusOr<std::vector<StoredCommunication>> OfRelationship(
      platform::db::Transaction& tx, const std::string& relationship_id);
  static absl::Status InsertLinks(platform::db::Transaction& tx,
                                  const std::vector<EmployerChangeLink>& links);
  // The links of a VARDATORI (the relationships it is a step of), by relationship id.
  static absl::StatusOr<std::vector<EmployerChangeLink>> LinksOf(platform::db::Transaction& tx,
                                                                 const std::string& code);
  static absl::StatusOr<int> NextSeq(platform::db::Transaction& tx,
                                     const std::string& relationship_id);
  // Filed for `company`, newest first, after the cursor (a code; "" from the start).
  static absl::StatusOr<std::vector<StoredCommunication>> OfCompany(platform::db::Transaction& tx,
                                                                    const std::string& company,
                                                                    const std::string& after_code,
                                                                    int limit);
};

class RelationshipStore final {
 public:
  static absl::StatusOr<std::optional<StoredRelationship>> Find(platform::db::Transaction& tx,
                                                                const std::string& employer,
                                                                const std::string& worker,
                                                                absl::CivilDay start);
  // NOT_FOUND, reason RELATIONSHIP_NOT_FOUND.
  static absl::StatusOr<StoredRelationship> Get(platform::db::Transaction& tx,
                                                const std::string& id);
  // Inserts or replaces (by id).
  static absl::Status Put(platform::db::Transaction& tx, const StoredRelationship& r,
                          absl::Time at);
  // Several at once; each id at most once.
  static absl::Status PutMany(platform::db::Transaction& tx,
                              const std::vector<const StoredRelationship*>& all, absl::Time at);
  // Every relationship of these workers (fiscal codes).
  static absl::StatusOr<std::vector<StoredRelationship>> OfWorkers(
      platform::db::Transaction& tx, const std::vector<std::string>& workers);
  // A worker's relationships, newest start first, after the cursor (an id; "" from the start).
  static absl::StatusOr<std::vector<StoredRelationship>> OfWorker(platform::db::Transaction& tx,
                                                                  const std::string& worker,
                                                                  const std::string& after_id,
                                                                  int limit);
};

// What the relationship record keeps, as JSON (unknown members ignored, missing defaulted).
std::string RelationshipToJson(const RelationshipState& state);
absl::StatusOr<RelationshipState> RelationshipFromJson(const std::string& json);
std::string FindingsToJson(const std::vector<Finding>& findings);
std::vector<Finding> FindingsFromJson(const std::string& json);
absl::string_view StoredStateName(StoredState state);
absl::string_view RelationshipStatusName(RelationshipStatus status);

}  // namespace sisl::communications::store

#endif  // SISL_SERVICES_COMMUNICATIONS_STORE_COMMUNICATION_STORE_H_
