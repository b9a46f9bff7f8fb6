#ifndef SISL_GATEWAY_STAFF_STORE_STAFF_STORE_H_
#define SISL_GATEWAY_STAFF_STORE_STAFF_STORE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "gateway/staff/domain/staff_member.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"

namespace sisl::gateway::staff {

struct StaffFilter {
  std::optional<StaffRole> role;
  std::string cpi_code;  // "" for any
  bool show_inactive = false;
};

// One row of the audit trail: changes, and (since V003) administrators' reads and other staff's
// refused attempts to read.
struct AuditEntry {
  absl::Time at;
  std::string actor;       // caller subject ("bootstrap" for seeds)
  std::string actor_role;  // caller role name
  // create | update | disable | bootstrap | remove_seeded | read | list | read_denied |
  // list_denied
  std::string action;
  std::string staff_id;  // "" for lists
  std::vector<std::string> changed_fields;
  int64_t version = 0;  // the version reached (changes) or read (reads); 0 for lists and refusals
  std::string correlation_id;
  std::string access_reason;  // reads and refusals: the reason the caller gave ("" for changes)
  // Lists: the filter and how many members were returned; refusals: the refusal's reason code.
  // Never personal data.
  std::string detail;
};

// Applies the platform's and the staff directory's migrations (scope "gateway-staff").
absl::Status MigrateStaffStore(platform::db::Database& db, const platform::Clock& clock);

// Staff members, their roles and the audit trail (tables staff_*). Methods taking a Transaction
// run in the caller's; the others open their own.
class StaffStore final {
 public:
  explicit StaffStore(platform::db::Database& db) : db_(db) {}

  // Members matching `filter` with id > `after`, in id (creation) order, at most `limit` (in the
  // read's transaction, which also writes its audit row).
  absl::StatusOr<std::vector<StaffMember>> List(platform::db::Transaction& tx,
                                                const StaffFilter& filter, const std::string& after,
                                                int limit);
  // NOT_FOUND (reason STAFF_MEMBER_NOT_FOUND) when absent.
  absl::StatusOr<StaffMember> Get(const std::string& id);
  absl::StatusOr<StaffMember> Get(platform::db::Transaction& tx, const std::string& id);
  // `fiscal_code` normalized.
  absl::StatusOr<std::optional<StaffMember>> FindByFiscalCode(const std::string& fiscal_code);
  absl::StatusOr<std::optional<StaffMember>> FindByFiscalCode(platform::db::Transaction& tx,
                                                              const std::string& fiscal_code);
  // Deletes the member with this fiscal code if the bootstrap created it (and nobody else);
  // returns its id, or nullopt when there was none.
  absl::StatusOr<std::optional<std::string>> DeleteBootstrapped(platform::db::Transaction& tx,
                                                                const std::string& fiscal_code);
  // ALREADY_EXISTS (reason STAFF_MEMBER_EXISTS) when the fiscal code is taken.
  absl::Status Insert(platform::db::Transaction& tx, const StaffMember& member,
                      const std::string& created_by, const std::string& request_id);
  // Writes a changed member if its stored version is still `member.version - 1`; ABORTED
  // (reason VERSION_MISMATCH) otherwise.
  absl::Status Update(platform::db::Transaction& tx, const StaffMember& member);
  absl::StatusOr<int64_t> CountActiveAdmins(platform::db::Transaction& tx);

  absl::Status AppendAudit(platform::db::Transaction& tx, const AuditEntry& entry,
                           const platform::Clock& clock);
  // Oldest first.
  absl::StatusOr<std::vector<AuditEntry>> AuditOf(const std::string& staff_id);
  // What one caller (subject) did and read, oldest first.
  absl::StatusOr<std::vector<AuditEntry>> AuditByActor(const std::string& actor);

 private:
  absl::StatusOr<std::vector<StaffMember>> WithRoles(platform::db::Transaction& tx,
                                                     std::vector<StaffMember> members);
  absl::StatusOr<std::vector<AuditEntry>> AuditWhere(const std::string& column,
                                                     const std::string& value);
  absl::Status WriteRoles(platform::db::Transaction& tx, const StaffMember& member);

  platform::db::Database& db_;
};

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_STORE_STAFF_STORE_H_
