// A bulk upload's FilingStore over several batches: what a batch's records refer to is read in
// three statements before its first record (Prefetch), every filing reads and writes a working
// set in memory (so a record sees the ones before it, in its batch and in the batches before),
// and TakeWrites hands over what the batch filed, written later in a few multi-row statements
// (BatchWrites::Write) in a transaction of its own. Anything not in the working set is read
// through on demand, in the batch's read transaction (Use), so the answers are the database's as
// DirectFilingStore would give them, with the batches not committed yet laid over it. It lives
// while its batches' writes are written in order; after a failed write it is thrown away.
#ifndef SISL_SERVICES_COMMUNICATIONS_STORE_BATCH_FILING_STORE_H_
#define SISL_SERVICES_COMMUNICATIONS_STORE_BATCH_FILING_STORE_H_

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "services/communications/store/filing_store.h"

namespace sisl::communications::store {

// What one batch filed, to be written in one transaction after the batches before it.
struct BatchWrites {
  std::vector<StoredRelationship> relationships;  // to insert or update
  absl::Time relationships_at;
  std::vector<StoredCommunication> inserted;  // with their xml, in filing order
  std::vector<EmployerChangeLink> links;
  std::vector<std::tuple<std::string, StoredState, std::string>> replaced;  // code, state, next
  absl::Time spooled_at;

  // Writes them: relationships, communications, employer change links, replacements, spool rows.
  absl::Status Write(platform::db::Transaction& tx) const;
};

class BatchFilingStore final : public FilingStore {
 public:
  BatchFilingStore() = default;

  // The transaction the next batch reads through (until the next Use).
  void Use(platform::db::Transaction& tx) { tx_ = &tx; }

  // Reads the communications the batch names (previous codes), its workers' relationships and
  // their communications in force.
  absl::Status Prefetch(const std::vector<const communications::Communication*>& batch);

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

  // What the batch filed since the last TakeWrites; ends the batch's use of its transaction.
  BatchWrites TakeWrites();

 private:
  using Key = std::tuple<std::string, std::string, absl::CivilDay>;  // employer, worker, start

  // Adds rows read from the database, never over what the batch already holds.
  void Keep(std::vector<StoredCommunication> loaded);
  void Keep(std::vector<StoredRelationship> loaded);
  absl::Status LoadWorker(const std::string& worker);
  absl::Status LoadInForce(const std::vector<std::string>& relationship_ids);

  absl::Status LoadWorkers(const std::vector<std::string>& workers);

  platform::db::Transaction* tx_ = nullptr;
  absl::node_hash_map<std::string, StoredCommunication> communications_;  // by code
  absl::flat_hash_set<std::string> codes_read_;  // read, found or not
  absl::node_hash_map<std::string, StoredRelationship> relationships_;  // by id
  absl::flat_hash_map<Key, std::string> relationship_keys_;
  absl::flat_hash_map<std::string, std::vector<std::string>> worker_relationships_;  // ids
  absl::flat_hash_set<std::string> workers_read_;
  absl::node_hash_map<std::string, std::vector<std::string>> in_force_;  // id -> codes by seq
  // Employer change links known (read or made): (code, relationship id) -> seq. A VARDATORI in
  // communications_ has no relationship of its own; InForce gives it each link's.
  std::map<std::pair<std::string, std::string>, int> links_;
  absl::flat_hash_set<std::string> links_read_;  // VARDATORI codes whose links were read
  // What Flush writes.
  std::vector<StoredCommunication> inserted_;     // with their xml, in filing order
  absl::flat_hash_map<std::string, size_t> inserted_index_;  // code -> inserted_
  std::vector<std::string> replaced_;             // filed before the batch
  std::map<std::string, absl::Time> put_;         // relationship ids to write, at
  std::vector<EmployerChangeLink> linked_;        // links made, in order
  absl::Time spooled_at_;
};

}  // namespace sisl::communications::store

#endif  // SISL_SERVICES_COMMUNICATIONS_STORE_BATCH_FILING_STORE_H_
