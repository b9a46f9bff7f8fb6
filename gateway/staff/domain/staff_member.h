#ifndef SISL_GATEWAY_STAFF_DOMAIN_STAFF_MEMBER_H_
#define SISL_GATEWAY_STAFF_DOMAIN_STAFF_MEMBER_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace sisl::gateway::staff {

enum class StaffRole { kOperator, kContactCentre, kAdmin };

// "operator", "contact_centre", "admin" (the stored form).
absl::string_view StaffRoleName(StaffRole role);
std::optional<StaffRole> ParseStaffRole(absl::string_view name);

struct RoleAssignment {
  StaffRole role = StaffRole::kOperator;
  std::string cpi_code;  // operators only

  bool operator==(const RoleAssignment&) const = default;
};

struct StaffMember {
  std::string id;
  std::string fiscal_code;  // normalized (upper case); personal data, never logged
  std::string display_name;
  std::string email;
  std::vector<RoleAssignment> roles;
  bool active = true;
  int64_t version = 1;
  absl::Time created_at;
  absl::Time updated_at;

  bool operator==(const StaffMember&) const = default;
};

// Whether a CPI code exists (from the caller: the gateway knows the CPI list).
using CpiCodeCheck = std::function<bool(const std::string&)>;
// A check accepting exactly `codes`.
CpiCodeCheck KnownCpiCodes(std::vector<std::string> codes);

// The fields an administrator may change; unset fields stay as they are.
struct StaffPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<std::vector<RoleAssignment>> roles;
  std::optional<bool> active;
};

struct StaffChange {
  StaffMember member;                       // as it is after the change
  std::vector<std::string> changed_fields;  // empty when the patch changed nothing
};

// Normalizes (trims names and e-mail, upper-cases the fiscal code, lower-cases the e-mail, sorts
// roles) and validates a new member. Reasons: INVALID_FISCAL_CODE, INVALID_DISPLAY_NAME,
// INVALID_EMAIL, MISSING_ROLES, INVALID_ROLE, OPERATOR_NEEDS_CPI, UNEXPECTED_CPI (a CPI on a
// non-operator role), UNKNOWN_CPI, DUPLICATE_ROLE.
absl::StatusOr<StaffMember> NormalizeNewMember(StaffMember member, const CpiCodeCheck& known_cpi);

// Validates and applies `patch` to `current`, bumping version and update time when something
// changed. Same reasons as NormalizeNewMember.
absl::StatusOr<StaffChange> ApplyStaffPatch(const StaffMember& current, const StaffPatch& patch,
                                            const CpiCodeCheck& known_cpi, absl::Time now);

// True when the member is active and has the admin role.
bool IsActiveAdmin(const StaffMember& member);

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_DOMAIN_STAFF_MEMBER_H_
