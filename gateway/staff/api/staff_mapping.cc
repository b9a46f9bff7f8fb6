#include "gateway/staff/api/staff_mapping.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::staff {
namespace {

using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToTimestamp(absl::Time t) {
  return TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(t));
}

std::optional<StaffRole> FromProto(v1::StaffRole role) {
  switch (role) {
    case v1::STAFF_ROLE_OPERATOR:
      return StaffRole::kOperator;
    case v1::STAFF_ROLE_CONTACT_CENTRE:
      return StaffRole::kContactCentre;
    case v1::STAFF_ROLE_ADMIN:
      return StaffRole::kAdmin;
    default:
      return std::nullopt;
  }
}

v1::StaffRole ToProto(StaffRole role) {
  switch (role) {
    case StaffRole::kOperator:
      return v1::STAFF_ROLE_OPERATOR;
    case StaffRole::kContactCentre:
      return v1::STAFF_ROLE_CONTACT_CENTRE;
    case StaffRole::kAdmin:
      return v1::STAFF_ROLE_ADMIN;
  }
  return v1::STAFF_ROLE_UNSPECIFIED;
}

}  // namespace

v1::StaffRoleAssignment ToProto(const RoleAssignment& r) {
  v1::StaffRoleAssignment out;
  out.set_role(ToProto(r.role));
  out.set_cpi_code(r.cpi_code);
  return out;
}

v1::StaffMember ToProto(const StaffMember& m) {
  v1::StaffMember out;
  out.set_id(m.id);
  out.set_fiscal_code(m.fiscal_code);
  out.set_display_name(m.display_name);
  out.set_email(m.email);
  for (const RoleAssignment& r : m.roles) *out.add_roles() = ToProto(r);
  out.set_active(m.active);
  out.set_version(m.version);
  *out.mutable_create_time() = ToTimestamp(m.created_at);
  *out.mutable_update_time() = ToTimestamp(m.updated_at);
  return out;
}

absl::StatusOr<std::vector<RoleAssignment>> RolesFromProto(
    const google::protobuf::RepeatedPtrField<v1::StaffRoleAssignment>& roles) {
  std::vector<RoleAssignment> out;
  out.reserve(roles.size());
  for (int i = 0; i < roles.size(); ++i) {
    std::optional<StaffRole> role = FromProto(roles[i].role());
    if (!role.has_value()) {
      return platform::InvalidField("INVALID_ROLE", absl::StrCat("roles[", i, "].role"),
                                    "must be an operator, contact-centre or admin role");
    }
    out.push_back({*role, roles[i].cpi_code()});
  }
  return out;
}

absl::StatusOr<std::optional<StaffRole>> RoleFilterFromProto(v1::StaffRole role) {
  if (role == v1::STAFF_ROLE_UNSPECIFIED) return std::nullopt;
  std::optional<StaffRole> r = FromProto(role);
  if (!r.has_value()) return platform::InvalidField("INVALID_ROLE", "role", "unknown role");
  return r;
}

absl::StatusOr<StaffMember> NewMemberFromProto(const v1::StaffMember& in) {
  ASSIGN_OR_RETURN(std::vector<RoleAssignment> roles, RolesFromProto(in.roles()));
  return StaffMember{.fiscal_code = in.fiscal_code(),
                     .display_name = in.display_name(),
                     .email = in.email(),
                     .roles = std::move(roles)};
}

absl::StatusOr<StaffPatch> PatchFromProto(const v1::UpdateStaffMemberRequest& request) {
  if (request.update_mask().paths_size() == 0) {
    return platform::InvalidField("MISSING_UPDATE_MASK", "update_mask",
                                  "name the fields to change: display_name, email, roles, active");
  }
  StaffPatch patch;
  const v1::StaffMember& m = request.staff_member();
  for (const std::string& path : request.update_mask().paths()) {
    if (path == "display_name") {
      patch.display_name = m.display_name();
    } else if (path == "email") {
      patch.email = m.email();
    } else if (path == "roles") {
      ASSIGN_OR_RETURN(patch.roles, RolesFromProto(m.roles()));
    } else if (path == "active") {
      patch.active = m.active();
    } else {
      return platform::InvalidField("INVALID_UPDATE_MASK", "update_mask",
                                    absl::StrCat("field '", path, "' cannot be changed"));
    }
  }
  return patch;
}

platform::auth::Role AuthRoleOf(StaffRole role) {
  switch (role) {
    case StaffRole::kOperator:
      return platform::auth::Role::kOperator;
    case StaffRole::kContactCentre:
      return platform::auth::Role::kContactCentre;
    case StaffRole::kAdmin:
      return platform::auth::Role::kAdmin;
  }
  return platform::auth::Role::kOperator;
}

std::vector<session::AvailableRole> ToSessionRoles(const StaffRolesLookup& lookup) {
  std::vector<session::AvailableRole> out;
  if (lookup.staff_id.empty()) return out;
  for (const RoleAssignment& r : lookup.roles) {
    session::AvailableRole role;
    role.role = AuthRoleOf(r.role);
    role.cpi_code = r.cpi_code;
    switch (r.role) {
      case StaffRole::kOperator:
        role.label = absl::StrCat("Operatore - ", r.cpi_code);
        break;
      case StaffRole::kContactCentre:
        role.label = "Operatore contact center";
        break;
      case StaffRole::kAdmin:
        role.label = "Amministratore";
        break;
    }
    out.push_back(std::move(role));
  }
  return out;
}

}  // namespace sisl::gateway::staff
