#include "services/communications/store/batch_filing_store.h"

#include <algorithm>
#include <utility>

#include "services/communications/domain/relationship.h"
#include "services/communications/store/delegation_replica.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"
#include "services/reference/fiscal_code.h"

namespace sisl::communications::store {
namespace {

absl::Status NotFound() {
  return platform::Error(absl::StatusCode::kNotFound, "COMMUNICATION_NOT_FOUND",
                         "no communication with this code");
}

absl::Status Changed() {
  return platform::Error(absl::StatusCode::kAborted, "COMMUNICATION_CHANGED",
                         "the communication was replaced meanwhile; read it again");
}

}  // namespace

void BatchFilingStore::Keep(std::vector<StoredCommunication> loaded) {
  for (StoredCommunication& c : loaded) {
    std::string code = c.communication.code;
    codes_read_.insert(code);
    communications_.try_emplace(std::move(code), std::move(c));
  }
}

void BatchFilingStore::Keep(std::vector<StoredRelationship> loaded) {
  for (StoredRelationship& r : loaded) {
    if (relationships_.contains(r.id)) continue;
    relationship_keys_.try_emplace(Key{r.key_employer, r.worker, r.key_start}, r.id);
    worker_relationships_[r.worker].push_back(r.id);
    std::string id = r.id;
    relationships_.emplace(std::move(id), std::move(r));
  }
}

absl::Status BatchFilingStore::LoadWorker(const std::string& worker) {
  if (workers_read_.contains(worker)) return absl::OkStatus();
  return LoadWorkers({worker});
}

absl::Status BatchFilingStore::LoadWorkers(const std::vector<std::string>& workers) {
  ASSIGN_OR_RETURN(std::vector<StoredRelationship> found,
                   RelationshipStore::OfWorkers(*tx_, workers));
  Keep(std::move(found));
  workers_read_.insert(workers.begin(), workers.end());
  return absl::OkStatus();
}

absl::Status BatchFilingStore::LoadInForce(const std::vector<std::string>& relationship_ids) {
  std::vector<std::string> missing;
  for (const std::string& id : relationship_ids) {
    if (!in_force_.contains(id)) missing.push_back(id);
  }
  if (missing.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::vector<StoredCommunication> found,
                   CommunicationStore::InForceOfMany(*tx_, missing));
  for (const std::string& id : missing) in_force_[id];
  for (StoredCommunication& c : found) {
    in_force_[c.relationship_id].push_back(c.communication.code);
    if (c.communication.form == Form::kVardatori) {  // a link: the row is the VARDATORI's
      links_.try_emplace({c.communication.code, c.relationship_id}, c.seq);
      c.relationship_id.clear();
      c.seq = 0;
    }
  }
  Keep(std::move(found));
  return absl::OkStatus();
}

absl::Status BatchFilingStore::Prefetch(
    const std::vector<const communications::Communication*>& batch) {
  std::set<std::string> codes;
  std::set<std::string> workers;  // not read yet
  std::set<std::string> named;    // every worker the batch names
  for (const communications::Communication* c : batch) {
    if (!c->previous_code.empty() && !codes_read_.contains(c->previous_code)) {
      codes.insert(c->previous_code);
    }
    if (!c->worker.fiscal_code.empty()) named.insert(c->worker.fiscal_code);
    if (c->employer_change) {  // the workers a VARDATORI moves
      for (const std::string& worker : c->employer_change->worker_fiscal_codes) {
        const std::string code = reference::NormalizeFiscalCode(worker);
        if (!code.empty()) named.insert(code);
      }
    }
  }
  for (const std::string& worker : named) {
    if (!workers_read_.contains(worker)) workers.insert(worker);
  }
  if (!codes.empty()) {
    ASSIGN_OR_RETURN(std::vector<StoredCommunication> found,
                     CommunicationStore::GetMany(*tx_, {codes.begin(), codes.end()}));
    Keep(std::move(found));
    codes_read_.insert(codes.begin(), codes.end());
  }
  if (!workers.empty()) RETURN_IF_ERROR(LoadWorkers({workers.begin(), workers.end()}));
  std::vector<std::string> ids;  // the named workers' relationships, their steps not read yet
  for (const std::string& worker : named) {
    auto held = worker_relationships_.find(worker);
    if (held == worker_relationships_.end()) continue;
    for (const std::string& id : held->second) {
      if (!in_force_.contains(id)) ids.push_back(id);
    }
  }
  return LoadInForce(ids);
}

absl::StatusOr<StoredCommunication> BatchFilingStore::Communication(const std::string& code) {
  if (!codes_read_.contains(code) && !communications_.contains(code)) {
    ASSIGN_OR_RETURN(std::vector<StoredCommunication> found,
                     CommunicationStore::GetMany(*tx_, {code}));
    Keep(std::move(found));
    codes_read_.insert(code);
  }
  auto it = communications_.find(code);
  if (it == communications_.end()) return NotFound();
  return it->second;
}

absl::StatusOr<std::optional<StoredRelationship>> BatchFilingStore::FindRelationship(
    const std::string& employer, const std::string& worker, absl::CivilDay start) {
  RETURN_IF_ERROR(LoadWorker(worker));
  auto key = relationship_keys_.find(Key{employer, worker, start});
  if (key == relationship_keys_.end()) return std::nullopt;
  return relationships_.at(key->second);
}

absl::StatusOr<StoredRelationship> BatchFilingStore::Relationship(const std::string& id) {
  if (!relationships_.contains(id)) {
    ASSIGN_OR_RETURN(StoredRelationship r, RelationshipStore::Get(*tx_, id));
    Keep(std::vector<StoredRelationship>{std::move(r)});
  }
  return relationships_.at(id);
}

absl::StatusOr<std::vector<StoredRelationship>> BatchFilingStore::WorkerRelationships(
    const std::string& worker) {
  RETURN_IF_ERROR(LoadWorker(worker));
  std::vector<StoredRelationship> out;
  if (auto ids = worker_relationships_.find(worker); ids != worker_relationships_.end()) {
    for (const std::string& id : ids->second) out.push_back(relationships_.at(id));
  }
  std::sort(out.begin(), out.end(), [](const StoredRelationship& a, const StoredRelationship& b) {
    return a.id < b.id;  // in the order of their ids (UUIDv7: of their creation)
  });
  return out;
}

absl::StatusOr<std::vector<StoredCommunication>> BatchFilingStore::InForce(
    const std::string& relationship_id) {
  RETURN_IF_ERROR(LoadInForce({relationship_id}));
  std::vector<StoredCommunication> out;
  for (const std::string& code : in_force_.at(relationship_id)) {
    const StoredCommunication& c = communications_.at(code);
    if (c.state != StoredState::kAccepted) continue;
    out.push_back(c);
    if (auto link = links_.find({code, relationship_id}); link != links_.end()) {
      out.back().relationship_id = relationship_id;
      out.back().seq = link->second;
    }
  }
  return out;
}

absl::StatusOr<std::vector<EmployerChangeLink>> BatchFilingStore::LinksOf(const std::string& code) {
  if (!links_read_.contains(code)) {
    ASSIGN_OR_RETURN(std::vector<EmployerChangeLink> stored,
                     CommunicationStore::LinksOf(*tx_, code));
    for (const EmployerChangeLink& l : stored) {
      links_.try_emplace({l.code, l.relationship_id}, l.seq);
    }
    links_read_.insert(code);
  }
  std::vector<EmployerChangeLink> out;
  for (auto it = links_.lower_bound({code, ""}); it != links_.end() && it->first.first == code;
       ++it) {
    out.push_back({code, it->first.second, it->second});
  }
  return out;
}

absl::Status BatchFilingStore::Link(const EmployerChangeLink& link) {
  RETURN_IF_ERROR(LoadInForce({link.relationship_id}));
  if (!links_.try_emplace({link.code, link.relationship_id}, link.seq).second) {
    return platform::Error(absl::StatusCode::kAlreadyExists, "UNIQUE_VIOLATION",
                           "the change is already a step of this relationship");
  }
  in_force_[link.relationship_id].push_back(link.code);
  linked_.push_back(link);
  return absl::OkStatus();
}

absl::Status BatchFilingStore::MarkReplaced(const std::string& code, StoredState state,
                                            const std::string& next_code) {
  ASSIGN_OR_RETURN(StoredCommunication current, Communication(code));
  if (current.state != StoredState::kAccepted) return Changed();
  StoredCommunication& kept = communications_.at(code);
  kept.state = state;
  kept.next_code = next_code;
  if (auto it = inserted_index_.find(code); it != inserted_index_.end()) {
    inserted_[it->second].state = state;
    inserted_[it->second].next_code = next_code;
  } else {
    replaced_.push_back(code);
  }
  return absl::OkStatus();
}

absl::Status BatchFilingStore::PutRelationship(const StoredRelationship& r, absl::Time at) {
  auto [it, added] = relationships_.insert_or_assign(r.id, r);
  StoredRelationship& kept = it->second;
  if (added && kept.key_employer.empty()) {  // a relationship this batch opens
    kept.key_employer = r.state.employer_fiscal_code;
    kept.key_start = r.state.start;
  }
  if (added) {
    in_force_.try_emplace(r.id);
    worker_relationships_[r.worker].push_back(r.id);
  }
  // The row's employer follows the state's (an employer change moves it, as the store does).
  if (!added && kept.key_employer != r.state.employer_fiscal_code) {
    auto old_key = relationship_keys_.find(Key{kept.key_employer, r.worker, kept.key_start});
    if (old_key != relationship_keys_.end() && old_key->second == r.id) {
      relationship_keys_.erase(old_key);
    }
    kept.key_employer = r.state.employer_fiscal_code;
  }
  relationship_keys_.try_emplace(Key{kept.key_employer, r.worker, kept.key_start}, r.id);
  put_[r.id] = at;
  return absl::OkStatus();
}

absl::Status BatchFilingStore::Insert(const StoredCommunication& c, absl::Time at) {
  const std::string& code = c.communication.code;
  if (communications_.contains(code)) {
    return platform::Error(absl::StatusCode::kAlreadyExists, "UNIQUE_VIOLATION",
                           "a communication with this code exists");
  }
  StoredCommunication kept = c;
  kept.xml.clear();
  communications_.emplace(code, std::move(kept));
  codes_read_.insert(code);
  if (!c.relationship_id.empty()) {
    RETURN_IF_ERROR(LoadInForce({c.relationship_id}));
    in_force_[c.relationship_id].push_back(code);
  }
  inserted_index_[code] = inserted_.size();
  inserted_.push_back(c);
  spooled_at_ = at;
  return absl::OkStatus();
}

BatchWrites BatchFilingStore::TakeWrites() {
  tx_ = nullptr;  // the batch's reads are over; the next batch brings its transaction (Use)
  BatchWrites out;
  for (const auto& [id, at] : put_) {
    out.relationships.push_back(relationships_.at(id));
    out.relationships_at = at;
  }
  out.inserted = std::move(inserted_);
  out.links = std::move(linked_);
  for (const std::string& code : replaced_) {
    const StoredCommunication& c = communications_.at(code);
    out.replaced.emplace_back(code, c.state, c.next_code);
  }
  out.spooled_at = spooled_at_;
  put_.clear();
  inserted_.clear();
  inserted_index_.clear();
  replaced_.clear();
  linked_.clear();
  return out;
}

absl::Status BatchWrites::Write(platform::db::Transaction& tx) const {
  if (!relationships.empty()) {
    std::vector<const StoredRelationship*> all;
    for (const StoredRelationship& r : relationships) all.push_back(&r);
    RETURN_IF_ERROR(RelationshipStore::PutMany(tx, all, relationships_at));
  }
  std::vector<const StoredCommunication*> all;
  std::vector<std::string> codes;
  for (const StoredCommunication& c : inserted) {
    all.push_back(&c);
    codes.push_back(c.communication.code);
  }
  if (!all.empty()) RETURN_IF_ERROR(CommunicationStore::InsertMany(tx, all));
  if (!links.empty()) RETURN_IF_ERROR(CommunicationStore::InsertLinks(tx, links));
  for (const auto& [code, state, next_code] : replaced) {
    RETURN_IF_ERROR(CommunicationStore::MarkReplaced(tx, code, state, next_code));
  }
  if (!codes.empty()) RETURN_IF_ERROR(ForwardingSpool::EnqueueMany(tx, codes, spooled_at));
  return absl::OkStatus();
}

}  // namespace sisl::communications::store
