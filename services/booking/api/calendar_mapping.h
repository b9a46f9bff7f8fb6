#ifndef SISL_BOOKING_API_CALENDAR_MAPPING_H_
#define SISL_BOOKING_API_CALENDAR_MAPPING_H_

#include "absl/status/statusor.h"
#include "services/booking/domain/calendar.h"
#include "sisl/booking/v1/calendars.pb.h"

namespace sisl::booking {

// proto <-> domain for calendars. Parsing failures are INVALID_ARGUMENT with the field path
// (e.g. "calendar.bands[1].start_time").
absl::StatusOr<Calendar> CalendarFromProto(const v1::Calendar& proto);
absl::StatusOr<CalendarException> ExceptionFromProto(const v1::CalendarException& proto,
                                                     const std::string& field);
v1::Calendar ToProto(const Calendar& calendar);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_CALENDAR_MAPPING_H_
