#include "gateway/staff/api/staff_module.h"

#include <utility>

#include "services/platform/errors.h"

namespace sisl::gateway::staff {

absl::StatusOr<std::unique_ptr<StaffModule>> StaffModule::Create(StaffDeps deps) {
  if (!deps.known_cpi_codes) {
    return platform::Error(absl::StatusCode::kFailedPrecondition, "STAFF_CONFIG_INVALID",
                           "the staff directory needs the list of known CPI codes");
  }
  return std::unique_ptr<StaffModule>(new StaffModule(std::move(deps)));
}

StaffModule::StaffModule(StaffDeps deps)
    : deps_(std::move(deps)),
      directory_(deps_.db, deps_.clock, deps_.known_cpi_codes),
      service_(directory_, deps_.tokens) {}

absl::Status StaffModule::Initialize() { return MigrateStaffStore(deps_.db, deps_.clock); }

absl::Status StaffModule::Bootstrap(const std::vector<StaffSeed>& seeds) {
  return directory_.Bootstrap(seeds);
}

absl::Status StaffModule::Register(platform::ServerHost& host) {
  // The database's readiness check is the host's ("gateway-db", added for the module's store).
  host.AddService(&service_, v1::StaffDirectoryService::service_full_name());
  return absl::OkStatus();
}

}  // namespace sisl::gateway::staff
