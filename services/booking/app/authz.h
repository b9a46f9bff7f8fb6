#ifndef SISL_BOOKING_APP_AUTHZ_H_
#define SISL_BOOKING_APP_AUTHZ_H_

#include <string>

#include "absl/status/status.h"
#include "services/platform/auth/internal_token.h"

namespace sisl::booking {

// Calendars of a site are managed by the operators of the site's CPI and by administrators.
absl::Status RequireCalendarManager(const platform::auth::Caller& caller,
                                    const std::string& site_cpi_code);
// Reading calendars: any staff role.
absl::Status RequireStaff(const platform::auth::Caller& caller);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_APP_AUTHZ_H_
