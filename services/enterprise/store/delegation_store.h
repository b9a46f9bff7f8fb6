#ifndef SISL_ENTERPRISE_STORE_DELEGATION_STORE_H_
#define SISL_ENTERPRISE_STORE_DELEGATION_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "services/enterprise/domain/delegation.h"
#include "services/platform/db/database.h"

namespace sisl::enterprise::store {

// The delegations table (record = the delegation with its acts), inside the caller's
// transaction.
class DelegationStore final {
 public:
  // ALREADY_EXISTS, reason DELEGATION_ALREADY_EXISTS, for a second open delegation of one kind
  // to one holder in one company.
  // `holder_person_id`: the holder's pseudonymous person id (PersonIdHasher).
  static absl::Status Insert(platform::db::Transaction& tx, const Delegation& d,
                             const std::string& holder_person_id, absl::Time at);
  static absl::Status Update(platform::db::Transaction& tx, const Delegation& d, absl::Time at);
  // NOT_FOUND, reason DELEGATION_NOT_FOUND.
  static absl::StatusOr<Delegation> Get(platform::db::Transaction& tx, const std::string& id);
  // Every delegation of a company (any state), oldest first.
  static absl::StatusOr<std::vector<Delegation>> OfCompany(platform::db::Transaction& tx,
                                                           const std::string& company);
  // Every delegation a person (by pseudonymous person id) holds or was offered (any state),
  // oldest first.
  static absl::StatusOr<std::vector<Delegation>> OfHolder(platform::db::Transaction& tx,
                                                          const std::string& holder_person_id);
  // Pending or active delegations whose last day is before `today` (the expiry job).
  static absl::StatusOr<std::vector<Delegation>> Overdue(platform::db::Transaction& tx,
                                                         absl::CivilDay today, int limit);
};

}  // namespace sisl::enterprise::store

#endif  // SISL_ENTERPRISE_STORE_DELEGATION_STORE_H_
