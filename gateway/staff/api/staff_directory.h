#ifndef SISL_GATEWAY_STAFF_API_STAFF_DIRECTORY_H_
#define SISL_GATEWAY_STAFF_API_STAFF_DIRECTORY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gateway/staff/domain/staff_member.h"
#include "gateway/staff/store/staff_store.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"

namespace sisl::gateway::staff {

// The subject the gateway puts in the internal token it mints for its own calls (with role
// admin); LookupStaffRoles accepts no one else.
inline constexpr char kGatewaySubject[] = "gateway";

// What the login path needs to know about a fiscal code. Empty staff_id: not (or no longer)
// staff.
struct StaffRolesLookup {
  std::string staff_id;
  std::string display_name;
  std::vector<RoleAssignment> roles;
};

// A member to create at start-up if no member has its fiscal code yet (configuration; the
// development IdP's demo staff in embedded mode).
struct StaffSeed {
  std::string fiscal_code;
  std::string display_name;
  std::string email;
  std::vector<RoleAssignment> roles;
};

struct ListStaffQuery {
  int page_size = 0;  // 0: 20; at most 100
  std::string page_token;
  StaffFilter filter;
};

struct StaffPage {
  std::vector<StaffMember> members;
  std::string next_page_token;
};

// The staff directory's use cases, with authorisation (administrators only) and an audit row for
// every change and every read, written in the change's or the read's transaction.
class StaffDirectory final {
 public:
  StaffDirectory(platform::db::Database& db, const platform::Clock& clock, CpiCodeCheck known_cpi);

  // Reads (staff_reads.cc) name their reason: INVALID_ARGUMENT ACCESS_REASON_REQUIRED (empty or
  // blank) or ACCESS_REASON_TOO_LONG (over 500 characters). Each read writes its audit row
  // ("list": the filter and the count, no personal data; "read": the member) in the read's
  // transaction, so a read whose row cannot be written fails. Other staff (operators,
  // contact-centre agents) are refused with ADMIN_ONLY and leave a "list_denied" / "read_denied"
  // row, in a transaction of its own, whatever else their request held.
  absl::StatusOr<StaffPage> List(const platform::auth::Caller& caller, const ListStaffQuery& query,
                                 const std::string& access_reason,
                                 const std::string& correlation_id);
  absl::StatusOr<StaffMember> Get(const platform::auth::Caller& caller, const std::string& id,
                                  const std::string& access_reason,
                                  const std::string& correlation_id);
  // Idempotent per (caller, request_id). ALREADY_EXISTS (STAFF_MEMBER_EXISTS) when another
  // member has the fiscal code.
  absl::StatusOr<StaffMember> Create(const platform::auth::Caller& caller, StaffMember member,
                                     const std::string& request_id,
                                     const std::string& correlation_id);
  // expected_version 0: unconditional. ABORTED (VERSION_MISMATCH) when it does not match;
  // FAILED_PRECONDITION (LAST_ADMIN) when no active administrator would be left.
  absl::StatusOr<StaffMember> Update(const platform::auth::Caller& caller, const std::string& id,
                                     const StaffPatch& patch, int64_t expected_version,
                                     const std::string& correlation_id);
  // Soft delete (active = false); disabling a disabled member changes nothing.
  absl::StatusOr<StaffMember> Disable(const platform::auth::Caller& caller, const std::string& id,
                                      int64_t expected_version, const std::string& correlation_id);

  // The login path's question, answered in-process (no authorisation: the gateway calls it
  // directly; the gRPC method checks for the gateway's token). INVALID_ARGUMENT
  // (INVALID_FISCAL_CODE) for an empty code.
  absl::StatusOr<StaffRolesLookup> LookupRoles(const std::string& fiscal_code);

  // Creates the seeds whose fiscal code is not in the directory yet; existing members are left
  // as they are (administrators' changes win). Safe with replicas starting together.
  absl::Status Bootstrap(const std::vector<StaffSeed>& seeds);
  // Deletes the members with these fiscal codes that the bootstrap created (the development
  // IdP's demo staff once development mode is off), with an audit row each.
  absl::Status RemoveBootstrapped(const std::vector<std::string>& fiscal_codes,
                                  const std::string& why);

 private:
  // RequireAdmin; a refused staff caller's `refusal` row is written first (best effort: the
  // refusal stands, a failed write is logged).
  absl::Status AuthorizeRead(const platform::auth::Caller& caller, AuditEntry refusal);
  absl::StatusOr<StaffMember> Change(const platform::auth::Caller& caller, const std::string& id,
                                     const StaffPatch& patch, int64_t expected_version,
                                     const std::string& action, const std::string& correlation_id);
  platform::db::Database& db_;
  const platform::Clock& clock_;
  const CpiCodeCheck known_cpi_;
  StaffStore store_;
};

// Same as directory.Bootstrap(seeds).
absl::Status BootstrapStaff(StaffDirectory& directory, const std::vector<StaffSeed>& seeds);

// PERMISSION_DENIED (ADMIN_ONLY) unless the caller is an administrator.
absl::Status RequireAdmin(const platform::auth::Caller& caller);
// PERMISSION_DENIED (GATEWAY_ONLY) unless the caller is the gateway itself (subject "gateway",
// role admin).
absl::Status RequireGateway(const platform::auth::Caller& caller);

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_API_STAFF_DIRECTORY_H_
