#include "services/communications/store/filing_store.h"

#include "services/communications/store/delegation_replica.h"
#include "services/platform/status_macros.h"

namespace sisl::communications::store {

absl::StatusOr<StoredCommunication> DirectFilingStore::Communication(const std::string& code) {
  return CommunicationStore::Get(tx_, code);
}

absl::StatusOr<std::optional<StoredRelationship>> DirectFilingStore::FindRelationship(
    const std::string& employer, const std::string& worker, absl::CivilDay start) {
  return RelationshipStore::Find(tx_, employer, worker, start);
}

absl::StatusOr<StoredRelationship> DirectFilingStore::Relationship(const std::string& id) {
  return RelationshipStore::Get(tx_, id);
}

absl::StatusOr<std::vector<StoredRelationship>> DirectFilingStore::WorkerRelationships(
    const std::string& worker) {
  return RelationshipStore::OfWorkers(tx_, {worker});
}

absl::StatusOr<std::vector<EmployerChangeLink>> DirectFilingStore::LinksOf(
    const std::string& code) {
  return CommunicationStore::LinksOf(tx_, code);
}

absl::Status DirectFilingStore::Link(const EmployerChangeLink& link) {
  return CommunicationStore::InsertLinks(tx_, {link});
}

absl::StatusOr<std::vector<StoredCommunication>> DirectFilingStore::InForce(
    const std::string& relationship_id) {
  return CommunicationStore::InForce(tx_, relationship_id);
}

absl::Status DirectFilingStore::MarkReplaced(const std::string& code, StoredState state,
                                             const std::string& next_code) {
  return CommunicationStore::MarkReplaced(tx_, code, state, next_code);
}

absl::Status DirectFilingStore::PutRelationship(const StoredRelationship& r, absl::Time at) {
  return RelationshipStore::Put(tx_, r, at);
}

absl::Status DirectFilingStore::Insert(const StoredCommunication& c, absl::Time at) {
  RETURN_IF_ERROR(CommunicationStore::Insert(tx_, c));
  return ForwardingSpool::Enqueue(tx_, c.communication.code, at);
}

}  // namespace sisl::communications::store
