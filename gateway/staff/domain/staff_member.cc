#include "gateway/staff/domain/staff_member.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gateway/staff/domain/fiscal_code.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::gateway::staff {
namespace {

constexpr size_t kMaxNameLength = 200;
constexpr size_t kMaxEmailLength = 254;
constexpr size_t kMaxRoles = 50;

bool HasControlCharacters(absl::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

absl::Status ValidateDisplayName(const std::string& name) {
  if (name.empty() || name.size() > kMaxNameLength || HasControlCharacters(name)) {
    return platform::InvalidField("INVALID_DISPLAY_NAME", "display_name",
                                  "must be 1 to 200 characters without control characters");
  }
  return absl::OkStatus();
}

// Deliberately loose (one '@', something on both sides, a dot in the domain, no spaces): the
// mailbox is checked by using it. Empty is allowed.
absl::Status ValidateEmail(const std::string& email) {
  if (email.empty()) return absl::OkStatus();
  const size_t at = email.find('@');
  const bool ok = email.size() <= kMaxEmailLength && at != std::string::npos && at > 0 &&
                  email.find('@', at + 1) == std::string::npos &&
                  absl::StrContains(email.substr(at + 1), '.') && email.back() != '.' &&
                  std::none_of(email.begin(), email.end(), [](char c) {
                    return absl::ascii_isspace(static_cast<unsigned char>(c)) ||
                           static_cast<unsigned char>(c) < 0x20;
                  });
  if (!ok) return platform::InvalidField("INVALID_EMAIL", "email", "not an e-mail address");
  return absl::OkStatus();
}

absl::StatusOr<std::vector<RoleAssignment>> NormalizeRoles(std::vector<RoleAssignment> roles,
                                                           const CpiCodeCheck& known_cpi) {
  if (roles.empty()) {
    return platform::InvalidField("MISSING_ROLES", "roles", "give at least one role");
  }
  if (roles.size() > kMaxRoles) {
    return platform::InvalidField("INVALID_ROLE", "roles", "too many roles");
  }
  for (size_t i = 0; i < roles.size(); ++i) {
    RoleAssignment& r = roles[i];
    const std::string field = absl::StrCat("roles[", i, "].cpi_code");
    r.cpi_code = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(r.cpi_code));
    if (r.role == StaffRole::kOperator) {
      if (r.cpi_code.empty()) {
        return platform::InvalidField("OPERATOR_NEEDS_CPI", field,
                                      "an operator works for a CPI: give its code");
      }
      if (!known_cpi || !known_cpi(r.cpi_code)) {
        return platform::Error(absl::StatusCode::kInvalidArgument, "UNKNOWN_CPI",
                               absl::StrCat("no CPI with code ", r.cpi_code),
                               {{"cpi_code", r.cpi_code}}, {{field, "unknown CPI code"}});
      }
    } else if (!r.cpi_code.empty()) {
      return platform::InvalidField("UNEXPECTED_CPI", field, "only operators are bound to a CPI");
    }
  }
  auto key = [](const RoleAssignment& r) { return std::make_pair(r.role, r.cpi_code); };
  std::sort(roles.begin(), roles.end(),
            [&](const RoleAssignment& a, const RoleAssignment& b) { return key(a) < key(b); });
  if (std::adjacent_find(roles.begin(), roles.end()) != roles.end()) {
    return platform::InvalidField("DUPLICATE_ROLE", "roles", "a role is listed twice");
  }
  return roles;
}

}  // namespace

absl::string_view StaffRoleName(StaffRole role) {
  switch (role) {
    case StaffRole::kOperator:
      return "operator";
    case StaffRole::kContactCentre:
      return "contact_centre";
    case StaffRole::kAdmin:
      return "admin";
  }
  return "operator";
}

std::optional<StaffRole> ParseStaffRole(absl::string_view name) {
  for (StaffRole r : {StaffRole::kOperator, StaffRole::kContactCentre, StaffRole::kAdmin}) {
    if (StaffRoleName(r) == name) return r;
  }
  return std::nullopt;
}

CpiCodeCheck KnownCpiCodes(std::vector<std::string> codes) {
  auto set = std::make_shared<const absl::flat_hash_set<std::string>>(codes.begin(), codes.end());
  return [set](const std::string& code) { return set->contains(code); };
}

absl::StatusOr<StaffMember> NormalizeNewMember(StaffMember m, const CpiCodeCheck& known_cpi) {
  m.fiscal_code = NormalizeFiscalCode(m.fiscal_code);
  RETURN_IF_ERROR(ValidateFiscalCode(m.fiscal_code));
  m.display_name = std::string(absl::StripAsciiWhitespace(m.display_name));
  RETURN_IF_ERROR(ValidateDisplayName(m.display_name));
  m.email = absl::AsciiStrToLower(absl::StripAsciiWhitespace(m.email));
  RETURN_IF_ERROR(ValidateEmail(m.email));
  ASSIGN_OR_RETURN(m.roles, NormalizeRoles(std::move(m.roles), known_cpi));
  return m;
}

absl::StatusOr<StaffChange> ApplyStaffPatch(const StaffMember& current, const StaffPatch& patch,
                                            const CpiCodeCheck& known_cpi, absl::Time now) {
  StaffChange change{current, {}};
  StaffMember& m = change.member;
  if (patch.display_name.has_value()) {
    std::string name(absl::StripAsciiWhitespace(*patch.display_name));
    RETURN_IF_ERROR(ValidateDisplayName(name));
    if (name != m.display_name) {
      m.display_name = std::move(name);
      change.changed_fields.push_back("display_name");
    }
  }
  if (patch.email.has_value()) {
    std::string email = absl::AsciiStrToLower(absl::StripAsciiWhitespace(*patch.email));
    RETURN_IF_ERROR(ValidateEmail(email));
    if (email != m.email) {
      m.email = std::move(email);
      change.changed_fields.push_back("email");
    }
  }
  if (patch.roles.has_value()) {
    ASSIGN_OR_RETURN(std::vector<RoleAssignment> roles, NormalizeRoles(*patch.roles, known_cpi));
    if (roles != m.roles) {
      m.roles = std::move(roles);
      change.changed_fields.push_back("roles");
    }
  }
  if (patch.active.has_value() && *patch.active != m.active) {
    m.active = *patch.active;
    change.changed_fields.push_back("active");
  }
  if (!change.changed_fields.empty()) {
    ++m.version;
    m.updated_at = now;
  }
  return change;
}

bool IsActiveAdmin(const StaffMember& member) {
  return member.active &&
         std::any_of(member.roles.begin(), member.roles.end(),
                     [](const RoleAssignment& r) { return r.role == StaffRole::kAdmin; });
}

}  // namespace sisl::gateway::staff
