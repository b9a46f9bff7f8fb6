#ifndef SISL_GATEWAY_STAFF_API_STAFF_MAPPING_H_
#define SISL_GATEWAY_STAFF_API_STAFF_MAPPING_H_

#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "gateway/session/session.h"
#include "gateway/staff/api/staff_directory.h"
#include "gateway/staff/domain/staff_member.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "services/platform/auth/internal_token.h"
#include "sisl/gateway/v1/staff.pb.h"

namespace sisl::gateway::staff {

// Between the staff domain and sisl.gateway.v1 messages.

v1::StaffMember ToProto(const StaffMember& member);
v1::StaffRoleAssignment ToProto(const RoleAssignment& role);

// INVALID_ARGUMENT (INVALID_ROLE) for STAFF_ROLE_UNSPECIFIED or an unknown value.
absl::StatusOr<std::vector<RoleAssignment>> RolesFromProto(
    const google::protobuf::RepeatedPtrField<v1::StaffRoleAssignment>& roles);
// The filter of ListStaffMembers: nullopt for STAFF_ROLE_UNSPECIFIED (any role).
absl::StatusOr<std::optional<StaffRole>> RoleFilterFromProto(v1::StaffRole role);
// The create-time fields (fiscal_code, display_name, email, roles).
absl::StatusOr<StaffMember> NewMemberFromProto(const v1::StaffMember& member);
// The update_mask of UpdateStaffMember over display_name, email, roles, active.
// INVALID_ARGUMENT: MISSING_UPDATE_MASK, INVALID_UPDATE_MASK.
absl::StatusOr<StaffPatch> PatchFromProto(const v1::UpdateStaffMemberRequest& request);

// The internal-token role a staff role acts as.
platform::auth::Role AuthRoleOf(StaffRole role);

// A staff member's roles as session roles for the role chooser (labels in Italian, e.g.
// "Operatore - CPI-TO-15"); empty when `lookup` found no active member.
std::vector<session::AvailableRole> ToSessionRoles(const StaffRolesLookup& lookup);

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_API_STAFF_MAPPING_H_
