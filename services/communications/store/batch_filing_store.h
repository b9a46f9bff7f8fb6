// A bulk upload batch's FilingStore: what the batch's records refer to is read in three
// statements before the first record (Prefetch), every filing reads and writes a working set in
// memory (so a record sees the ones before it in the batch), and Flush writes what the batch
// filed in a few multi-row statements. Anything not prefetched is read through on demand, so the
// answers are the database's as DirectFilingStore would give them. One transaction, one batch.
#ifndef SISL_SERVICES_COMMUNICATIONS_STORE_BATCH_FILING_STORE_H_
#define SISL_SERVICES_COMMUNICATIONS_STORE_BATCH_FILING_STORE_H_

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "services/communications/store/filing_store.h"

namespace sisl::communications::store {

class BatchFilingStore final : public FilingStore {
 public:
  explicit BatchFilingStore(platform::db::Transaction& tx) : tx_(tx) {}

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

  // Writes the relationships, communications, employer change links, replacements and spool rows
  // of the batch.
  absl::Status Flush();

 private:
  using Key = std::tuple<std::string, std::string, absl::CivilDay>;  // employer, worker, start

  // Adds rows read from the database, never over what the batch already holds.
  void Keep(std::vector<StoredCommunication> loaded);
  void Keep(std::vector<StoredRelationship> loaded);
  absl::Status LoadWorker(const std::string& worker);
  absl::Status LoadInForce(const std::vector<std::string>& relationship_ids);

  platform::db::Transaction& tx_;
  std::map<std::string, StoredCommunication> communications_;  // by code
  std::set<std::string> codes_read_;                           // read, found or not
  std::map<std::string, StoredRelationship> relationships_;    // by id
  std::map<Key, std::string> relationship_keys_;
  std::set<std::string> workers_read_;
  std::map<std::string, std::vector<std::string>> in_force_;  // relationship id -> codes by seq
  // Employer change links known (read or made): (code, relationship id) -> seq. A VARDATORI in
  // communications_ has no relationship of its own; InForce gives it each link's.
  std::map<std::pair<std::string, std::string>, int> links_;
  std::set<std::string> links_read_;  // VARDATORI codes whose links were read
  // What Flush writes.
  std::vector<StoredCommunication> inserted_;     // with their xml, in filing order
  std::map<std::string, size_t> inserted_index_;  // code -> inserted_
  std::vector<std::string> replaced_;             // stored before the batch
  std::map<std::string, absl::Time> put_;         // relationship ids to write, at
  std::vector<EmployerChangeLink> linked_;        // links made, in order
  absl::Time spooled_at_;
};

}  // namespace sisl::communications::store

#endif  // SISL_SERVICES_COMMUNICATIONS_STORE_BATCH_FILING_STORE_H_
