// Enterprise's delegations as its events tell them (sisl.enterprise.delegations.v1): who may
// file for a company. Enterprise is the authority; this replica lets the service refuse a
// revoked delegate at once, without a call per filing (ADR 0019).
#ifndef SISL_SERVICES_COMMUNICATIONS_STORE_DELEGATION_REPLICA_H_
#define SISL_SERVICES_COMMUNICATIONS_STORE_DELEGATION_REPLICA_H_

#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/platform/db/database.h"

namespace sisl::communications::store {

struct ReplicatedDelegation {
  std::string delegation_id;
  std::string company;
  std::string holder_person_id;
  std::string kind;                 // legal_representative, delegate, consultant
  std::vector<std::string> scopes;  // vacancies, communications, l68_returns, service_requests
  std::string state;                // pending, active, revoked, expired
};

class DelegationReplica final {
 public:
  static absl::Status Put(platform::db::Transaction& tx, const ReplicatedDelegation& d,
                          absl::Time at);
  // True when the person holds an active delegation of `company` with `scope`.
  static absl::StatusOr<bool> Holds(platform::db::Transaction& tx,
                                    const std::string& holder_person_id, const std::string& company,
                                    const std::string& scope);
  // Those of `companies` of which the person holds an active delegation with `scope`.
  static absl::StatusOr<std::set<std::string>> HeldAmong(platform::db::Transaction& tx,
                                                         const std::string& holder_person_id,
                                                         const std::vector<std::string>& companies,
                                                         const std::string& scope);
};

// The national node's spool (issue 12 point 10): each accepted communication to send.
class ForwardingSpool final {
 public:
  static absl::Status Enqueue(platform::db::Transaction& tx, const std::string& code,
                              absl::Time at);
  static absl::Status EnqueueMany(platform::db::Transaction& tx,
                                  const std::vector<std::string>& codes, absl::Time at);
  // "to_send", "sent", "acknowledged"; NOT_FOUND when the code was never spooled.
  static absl::StatusOr<std::string> StateOf(platform::db::Transaction& tx,
                                             const std::string& code);
};

}  // namespace sisl::communications::store

#endif  // SISL_SERVICES_COMMUNICATIONS_STORE_DELEGATION_REPLICA_H_
