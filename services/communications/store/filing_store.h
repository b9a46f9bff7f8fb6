// What a filing reads and writes of the communications, their relationships and the national
// node's spool: straight to the database in the caller's transaction (DirectFilingStore, one
// filing), or through a batch's working set written at the end in a few statements
// (BatchFilingStore, a bulk upload's batch). The filing logic (app/filing_support) is the same.
#ifndef SISL_SERVICES_COMMUNICATIONS_STORE_FILING_STORE_H_
#define SISL_SERVICES_COMMUNICATIONS_STORE_FILING_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/communications/store/communication_store.h"
#include "services/platform/db/database.h"

namespace sisl::communications::store {

class FilingStore {
 public:
  virtual ~FilingStore() = default;
  // NOT_FOUND, reason COMMUNICATION_NOT_FOUND.
  virtual absl::StatusOr<StoredCommunication> Communication(const std::string& code) = 0;
  virtual absl::StatusOr<std::optional<StoredRelationship>> FindRelationship(
      const std::string& employer, const std::string& worker, absl::CivilDay start) = 0;
  // NOT_FOUND, reason RELATIONSHIP_NOT_FOUND.
  virtual absl::StatusOr<StoredRelationship> Relationship(const std::string& id) = 0;
  // Every relationship of a worker (a fiscal code), in no particular order.
  virtual absl::StatusOr<std::vector<StoredRelationship>> WorkerRelationships(
      const std::string& worker) = 0;
  // The relationship's communications in force (accepted), in filing order, the VARDATORI
  // linked to it among them (with the link's relationship id and seq).
  virtual absl::StatusOr<std::vector<StoredCommunication>> InForce(
      const std::string& relationship_id) = 0;
  // The relationships a VARDATORI (or its correction or cancellation) is a step of.
  virtual absl::StatusOr<std::vector<EmployerChangeLink>> LinksOf(const std::string& code) = 0;
  // ABORTED, reason COMMUNICATION_CHANGED, when it is no longer accepted.
  virtual absl::Status MarkReplaced(const std::string& code, StoredState state,
                                    const std::string& next_code) = 0;
  // Inserts or replaces (by id); the employer key column follows the state's employer (an
  // employer change moves the relationship to the new employer's key).
  virtual absl::Status PutRelationship(const StoredRelationship& r, absl::Time at) = 0;
  // Makes a stored VARDATORI a step of a relationship.
  virtual absl::Status Link(const EmployerChangeLink& link) = 0;
  // Stores an accepted communication (its xml written) and spools it for the national node.
  virtual absl::Status Insert(const StoredCommunication& c, absl::Time at) = 0;
};

class DirectFilingStore final : public FilingStore {
 public:
  explicit DirectFilingStore(platform::db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<StoredCommunication> Communication(const std::string& code) override;
  absl::StatusOr<std::optional<StoredRelationship>> FindRelationship(const std::string& employer,
                                                                     const std::string& worker,
                                                                     absl::CivilDay start) override;
  absl::StatusOr<StoredRelationship> Relationship(const std::string& id) override;
  absl::StatusOr<std::vector<StoredRelationship>> WorkerRelationships(
      const std::string& worker) override;
  absl::StatusOr<std::vector<StoredCommunication>> InForce(
      const std::string& relationship_id) override;
  absl::StatusOr<std::vector<EmployerChangeLink>> LinksOf(const std::string& code) override;
  absl::Status MarkReplaced(const std::string& code, StoredState state,
                            const std::string& next_code) override;
  absl::Status PutRelationship(const StoredRelationship& r, absl::Time at) override;
  absl::Status Link(const EmployerChangeLink& link) override;
  absl::Status Insert(const StoredCommunication& c, absl::Time at) override;

 private:
  platform::db::Transaction& tx_;
};

}  // namespace sisl::communications::store

#endif  // SISL_SERVICES_COMMUNICATIONS_STORE_FILING_STORE_H_
