#ifndef SISL_BOOKING_STORE_CALENDAR_JSON_H_
#define SISL_BOOKING_STORE_CALENDAR_JSON_H_

#include <string>

#include "absl/status/statusor.h"
#include "services/booking/domain/calendar.h"

namespace sisl::booking {

// The stored form of a calendar's bands, exceptions and operators.
std::string CalendarDefinitionToJson(const Calendar& calendar);
absl::Status CalendarDefinitionFromJson(const std::string& json, Calendar* calendar);

std::string FormatDay(absl::CivilDay day);
bool ParseDay(const std::string& text, absl::CivilDay* day);
// "HH:MM" <-> minutes after midnight ("24:00" is allowed, as an end).
bool ParseClock(const std::string& text, int* minute);
std::string FormatClock(int minute);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_STORE_CALENDAR_JSON_H_
