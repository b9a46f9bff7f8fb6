#ifndef SISL_GATEWAY_STAFF_API_STAFF_MODULE_H_
#define SISL_GATEWAY_STAFF_API_STAFF_MODULE_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gateway/staff/api/staff_directory.h"
#include "gateway/staff/api/staff_service.h"
#include "gateway/staff/domain/staff_member.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/clock.h"
#include "services/platform/db/database.h"
#include "services/platform/grpc/server_host.h"

namespace sisl::gateway::staff {

// What the staff directory needs from the gateway process.
struct StaffDeps {
  platform::db::Database& db;  // PostgreSQL schema "gateway" / the gateway's SQLite file
  const platform::Clock& clock;
  const platform::auth::TokenVerifier& tokens;  // audience "gateway"
  // Which CPI codes operators may be bound to (e.g. KnownCpiCodes({...}) from booking's list).
  CpiCodeCheck known_cpi_codes;
};

// The gateway's own small service, part of GatewayModule: the same code in sisl-gateway and in
// the all-in-one.
class StaffModule final {
 public:
  // FAILED_PRECONDITION (STAFF_CONFIG_INVALID) without a CPI check.
  static absl::StatusOr<std::unique_ptr<StaffModule>> Create(StaffDeps deps);

  // Applies the staff migrations (idempotent; safe with several replicas).
  absl::Status Initialize();
  // Creates the seeds not present yet (see StaffDirectory::Bootstrap); after Initialize().
  absl::Status Bootstrap(const std::vector<StaffSeed>& seeds);
  // Registers sisl.gateway.v1.StaffDirectoryService.
  absl::Status Register(platform::ServerHost& host);

  // The login path: the roles of the active staff member with this fiscal code (empty staff_id
  // when none), in-process.
  absl::StatusOr<StaffRolesLookup> LookupRoles(const std::string& fiscal_code) {
    return directory_.LookupRoles(fiscal_code);
  }

  StaffDirectory& directory() { return directory_; }
  StaffDirectoryServiceImpl& service() { return service_; }

 private:
  explicit StaffModule(StaffDeps deps);

  StaffDeps deps_;
  StaffDirectory directory_;
  StaffDirectoryServiceImpl service_;
};

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_API_STAFF_MODULE_H_
