// The audit of staff reads and changes of a person's data (matching_store.h).
#include <string>
#include <vector>

#include "services/matching/store/matching_store.h"
#include "services/platform/ids.h"

namespace sisl::matching::store {

absl::Status StaffAudit::Record(platform::db::Transaction& tx, const AuditEntry& e, absl::Time at) {
  std::vector<platform::db::Value> params;
  params.reserve(7);
  params.emplace_back(platform::NewUuidV7());
  params.emplace_back(absl::ToUnixMicros(at));
  params.emplace_back(e.actor);
  params.emplace_back(e.actor_role);
  params.emplace_back(e.action);
  params.emplace_back(e.subject);
  params.emplace_back(e.reason);
  return tx
      .Execute(
          "INSERT INTO staff_audit (id, at, actor, actor_role, action, subject, reason)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7)",
          params)
      .status();
}

}  // namespace sisl::matching::store
