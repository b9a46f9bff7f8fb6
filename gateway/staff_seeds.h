#ifndef SISL_GATEWAY_STAFF_SEEDS_H_
#define SISL_GATEWAY_STAFF_SEEDS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/staff/api/staff_directory.h"

namespace sisl::gateway {

// Parses gateway.staff_bootstrap: "FISCALCODE:role[:CPI][:Display name];..." with role one of
// operator, contact_centre, admin. Several entries with one fiscal code merge their roles.
// INVALID_ARGUMENT naming the entry on a malformed one.
absl::StatusOr<std::vector<staff::StaffSeed>> ParseStaffBootstrap(const std::string& text);

// The 30 CPI codes of Piedmont (from the plan's list, shared with booking's seed data).
std::vector<std::string> PiedmontCpiCodes();

}  // namespace sisl::gateway

#endif  // SISL_GATEWAY_STAFF_SEEDS_H_
