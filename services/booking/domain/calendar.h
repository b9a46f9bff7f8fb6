#ifndef SISL_BOOKING_DOMAIN_CALENDAR_H_
#define SISL_BOOKING_DOMAIN_CALENDAR_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/reference/calendar.h"

namespace sisl::booking {

enum class Weekday {
  kMonday = 1,
  kTuesday = 2,
  kWednesday = 3,
  kThursday = 4,
  kFriday = 5,
  kSaturday = 6,
  kSunday = 7,
};

Weekday WeekdayOf(absl::CivilDay day);

// A weekly time band of a calendar ("fascia oraria"): on `day`, slots of `slot_minutes` from
// `start_minute` to `end_minute`, each with `seats` places. Minutes are local wall-clock minutes
// after midnight in the office's time zone (Europe/Rome).
struct TimeBand {
  Weekday day = Weekday::kMonday;
  int start_minute = 0;
  int end_minute = 0;
  int slot_minutes = 0;
  int seats = 0;

  bool operator==(const TimeBand&) const = default;
};

// An exception on one day, within [start_minute, end_minute) local time: seats 0 closes the
// window, seats > 0 caps the seats of every slot overlapping it.
struct CalendarException {
  absl::CivilDay day;
  int start_minute = 0;
  int end_minute = 24 * 60;
  int seats = 0;
  std::string reason;

  bool operator==(const CalendarException&) const = default;
};

// The agenda of one service at one site over a validity period [first_day, last_day].
struct Calendar {
  std::string id;
  std::string site_code;
  std::string service_code;
  absl::CivilDay first_day;
  absl::CivilDay last_day;
  std::vector<TimeBand> bands;
  std::vector<CalendarException> exceptions;
  std::vector<std::string> operator_ids;

  bool operator==(const Calendar&) const = default;
};

// Validates a calendar. Every failure names the offending field in a field violation
// (e.g. "bands[2].end_minute"). Reasons, checked in this order:
//   INVALID_PERIOD        last_day before first_day, or a period of more than two years
//   NO_BANDS              no time band
//   INVALID_BAND          a time outside 0..1440, start >= end, slot_minutes outside 5..480,
//                         seats outside 1..200, or a weekday outside Monday..Sunday
//   BAND_NOT_WHOLE_SLOTS  (end - start) is not a multiple of slot_minutes
//   BAND_OVERLAP          two bands of the same weekday overlap (metadata: band, other_band)
//   NO_OPERATORS          no operator, or an empty operator id
//   INVALID_EXCEPTION     an exception outside the period, with a bad window or negative seats
//   PERIOD_OVERLAP        FAILED_PRECONDITION: the period overlaps another calendar of the same
//                         site and service (metadata: other_calendar_id); calendars in the list
//                         with the id of `c` (its stored version) or of another site or service
//                         are ignored
// All reasons but PERIOD_OVERLAP are INVALID_ARGUMENT.
absl::Status ValidateCalendar(const Calendar& c,
                              const std::vector<Calendar>& others_for_same_site_and_service);

// A bookable slot generated from a calendar.
struct SlotSpec {
  absl::CivilDay local_day;
  int local_start_minute = 0;
  absl::Time start;
  absl::Time end;
  int seats = 0;

  bool operator==(const SlotSpec&) const = default;
};

// Every slot of `c` on the days in [max(from, first_day), min(to, last_day)], ordered by time:
// for each day, the slots of the bands of its weekday, except on holidays; exceptions with seats 0
// remove the slots overlapping their window, exceptions with seats > 0 cap their seats.
//
// Slots never shift: a 09:00 slot is at 09:00 local time all year, so its UTC instant moves with
// daylight saving time. Local times are converted with `tz` (Europe/Rome for CPI offices):
//  - a local start time that does not exist (the spring-forward gap, 02:00-03:00 on the last
//    Sunday of March) produces no slot;
//  - an ambiguous local start time (the fall-back hour, 02:00-03:00 on the last Sunday of
//    October) uses its first occurrence, before the transition (still at +02:00).
// A slot ends `slot_minutes` of elapsed time after its start (across a transition its local end
// time therefore differs from start + slot_minutes on the wall clock).
std::vector<SlotSpec> GenerateSlots(const Calendar& c, const reference::HolidayCalendar& holidays,
                                    absl::CivilDay from, absl::CivilDay to,
                                    const absl::TimeZone& tz);

// The bookings already taken in one slot of a calendar.
struct SlotLoad {
  absl::CivilDay day;
  int local_start_minute = 0;
  int booked = 0;
  std::vector<std::string> appointment_ids;
};

// An exception may not reduce seats below the bookings already taken: those appointments must be
// moved first. Returns FAILED_PRECONDITION with reason EXCEPTION_BELOW_BOOKINGS when a slot of
// `loads` overlapping the window of `e` (slot length taken from the band of `calendar` holding
// it) has more bookings than `e.seats`; the affected appointment ids are listed in the message
// and, comma-separated, in the metadata key "appointments".
absl::Status CheckExceptionAgainstBookings(const CalendarException& e, const Calendar& calendar,
                                           const std::vector<SlotLoad>& loads);

// A copy of `source` under a new id, for `site_code` and the period [first_day, last_day]: the
// same service, bands and operators; the exceptions falling inside the new period (others are
// dropped). Nothing is shifted in time. The copy is validated (ValidateCalendar without other
// calendars; the caller checks overlaps); an empty id or the source's own id is rejected with
// INVALID_CALENDAR_ID.
absl::StatusOr<Calendar> DuplicateCalendar(const Calendar& source, std::string new_id,
                                           std::string site_code, absl::CivilDay first_day,
                                           absl::CivilDay last_day);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_CALENDAR_H_
