#ifndef SISL_TESTS_UNIT_BOOKING_APPOINTMENT_TEST_SUPPORT_H_
#define SISL_TESTS_UNIT_BOOKING_APPOINTMENT_TEST_SUPPORT_H_

// Shared by the appointment rule tests. Fiscal codes are invented: no real person's code.

#include <string>

#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/booking/domain/appointment.h"
#include "services/reference/fiscal_code.h"

namespace sisl::booking::testing_support {

inline const absl::CivilDay kToday(2024, 5, 6);
inline const absl::Time kNow =
    absl::FromCivil(absl::CivilSecond(2024, 5, 6, 8, 0, 0), absl::UTCTimeZone());

// An invented code ("PRV TST", born in Torino L219) for someone born on `birth`.
inline std::string CodeBornOn(absl::CivilDay birth) {
  const std::string first15 = absl::StrFormat("PRVTST%02d%c%02dL219", birth.year() % 100,
                                              "ABCDEHLMPRST"[birth.month() - 1], birth.day());
  return first15 + reference::FiscalCodeCheckCharacter(first15).value_or('?');
}

inline BookableService Service() {
  BookableService s;
  s.code = "DID_PATTO";
  s.name_en = "First reception, DID and service pact";
  s.duration_minutes = 45;
  s.delivery_modes = {DeliveryMode::kInPerson, DeliveryMode::kVideoCall};
  s.booking_horizon_days = 60;
  s.minimum_notice_hours = 24;
  s.citizen_can_change = true;
  s.citizen_change_deadline_hours = 24;
  s.citizen_self_booking = true;
  return s;
}

}  // namespace sisl::booking::testing_support

#endif  // SISL_TESTS_UNIT_BOOKING_APPOINTMENT_TEST_SUPPORT_H_
