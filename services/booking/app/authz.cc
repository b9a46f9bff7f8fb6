#include "services/booking/app/authz.h"

#include "services/platform/errors.h"

namespace sisl::booking {

using platform::auth::Role;

absl::Status RequireCalendarManager(const platform::auth::Caller& caller,
                                    const std::string& site_cpi_code) {
  if (caller.role == Role::kAdmin) return absl::OkStatus();
  if (caller.role == Role::kOperator && caller.cpi_code == site_cpi_code) return absl::OkStatus();
  if (caller.role == Role::kOperator) {
    return platform::Error(absl::StatusCode::kPermissionDenied, "OPERATOR_OUT_OF_CPI",
                           "operators manage only the calendars of their own CPI's sites",
                           {{"cpi_code", site_cpi_code}});
  }
  return platform::Error(absl::StatusCode::kPermissionDenied, "CALENDAR_MANAGERS_ONLY",
                         "only CPI operators and administrators manage calendars");
}

absl::Status RequireStaff(const platform::auth::Caller& caller) {
  switch (caller.role) {
    case Role::kOperator:
    case Role::kContactCentre:
    case Role::kAdmin:
      return absl::OkStatus();
    default:
      return platform::Error(absl::StatusCode::kPermissionDenied, "STAFF_ONLY",
                             "this is available to CPI staff only");
  }
}

}  // namespace sisl::booking
