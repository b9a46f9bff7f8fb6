#include "services/booking/domain/calendar.h"

#include <algorithm>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

using platform::Error;
using platform::InvalidField;

constexpr int kDayMinutes = 24 * 60;
constexpr int kMinSlotMinutes = 5;
constexpr int kMaxSlotMinutes = 480;
constexpr int kMaxSeats = 200;

std::string Field(absl::string_view list, size_t index, absl::string_view member) {
  return absl::StrCat(list, "[", index, "].", member);
}

bool ValidWeekday(Weekday day) {
  const int n = static_cast<int>(day);
  return n >= 1 && n <= 7;
}

absl::Status CheckPeriod(const Calendar& c) {
  if (c.last_day < c.first_day) {
    return InvalidField("INVALID_PERIOD", "last_day", "must not be before first_day");
  }
  const absl::CivilDay limit(c.first_day.year() + 2, c.first_day.month(), c.first_day.day());
  if (c.last_day >= limit) {
    return InvalidField("INVALID_PERIOD", "last_day",
                        "the validity period must not be longer than two years");
  }
  return absl::OkStatus();
}

absl::Status CheckBand(const TimeBand& b, size_t i) {
  if (!ValidWeekday(b.day)) {
    return InvalidField("INVALID_BAND", Field("bands", i, "day"), "must be Monday to Sunday");
  }
  if (b.start_minute < 0 || b.start_minute >= kDayMinutes) {
    return InvalidField("INVALID_BAND", Field("bands", i, "start_minute"),
                        "must be between 0 and 1439");
  }
  if (b.end_minute <= b.start_minute || b.end_minute > kDayMinutes) {
    return InvalidField("INVALID_BAND", Field("bands", i, "end_minute"),
                        "must be after start_minute and at most 1440");
  }
  if (b.slot_minutes < kMinSlotMinutes || b.slot_minutes > kMaxSlotMinutes) {
    return InvalidField(
        "INVALID_BAND", Field("bands", i, "slot_minutes"),
        absl::StrCat("must be between ", kMinSlotMinutes, " and ", kMaxSlotMinutes));
  }
  if (b.seats < 1 || b.seats > kMaxSeats) {
    return InvalidField("INVALID_BAND", Field("bands", i, "seats"),
                        absl::StrCat("must be between 1 and ", kMaxSeats));
  }
  if ((b.end_minute - b.start_minute) % b.slot_minutes != 0) {
    return InvalidField(
        "BAND_NOT_WHOLE_SLOTS", Field("bands", i, "end_minute"),
        absl::StrCat("the band must hold a whole number of ", b.slot_minutes, "-minute slots"));
  }
  return absl::OkStatus();
}

absl::Status CheckBands(const Calendar& c) {
  if (c.bands.empty()) {
    return InvalidField("NO_BANDS", "bands", "a calendar needs at least one time band");
  }
  for (size_t i = 0; i < c.bands.size(); ++i) {
    if (auto st = CheckBand(c.bands[i], i); !st.ok()) return st;
  }
  for (size_t j = 1; j < c.bands.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      const TimeBand& a = c.bands[i];
      const TimeBand& b = c.bands[j];
      if (a.day == b.day && a.start_minute < b.end_minute && b.start_minute < a.end_minute) {
        return Error(absl::StatusCode::kInvalidArgument, "BAND_OVERLAP",
                     absl::StrCat("time band ", j, " overlaps time band ", i, " on the same day"),
                     {{"band", absl::StrCat(j)}, {"other_band", absl::StrCat(i)}},
                     {{Field("bands", j, "start_minute"),
                       absl::StrCat("overlaps bands[", i, "] on the same weekday")}});
      }
    }
  }
  return absl::OkStatus();
}

absl::Status CheckOperators(const Calendar& c) {
  if (c.operator_ids.empty()) {
    return InvalidField("NO_OPERATORS", "operator_ids", "a calendar needs at least one operator");
  }
  for (size_t i = 0; i < c.operator_ids.size(); ++i) {
    if (c.operator_ids[i].empty()) {
      return InvalidField("NO_OPERATORS", absl::StrCat("operator_ids[", i, "]"),
                          "must not be empty");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckExceptions(const Calendar& c) {
  for (size_t i = 0; i < c.exceptions.size(); ++i) {
    const CalendarException& e = c.exceptions[i];
    if (e.day < c.first_day || e.day > c.last_day) {
      return InvalidField("INVALID_EXCEPTION", Field("exceptions", i, "day"),
                          "must fall within the calendar's validity period");
    }
    if (e.start_minute < 0 || e.start_minute >= kDayMinutes) {
      return InvalidField("INVALID_EXCEPTION", Field("exceptions", i, "start_minute"),
                          "must be between 0 and 1439");
    }
    if (e.end_minute <= e.start_minute || e.end_minute > kDayMinutes) {
      return InvalidField("INVALID_EXCEPTION", Field("exceptions", i, "end_minute"),
                          "must be after start_minute and at most 1440");
    }
    if (e.seats < 0) {
      return InvalidField("INVALID_EXCEPTION", Field("exceptions", i, "seats"),
                          "must be 0 (closed) or a positive number of seats");
    }
  }
  return absl::OkStatus();
}

absl::Status CheckOverlaps(const Calendar& c, const std::vector<Calendar>& others) {
  for (const Calendar& o : others) {
    if (o.id == c.id || o.site_code != c.site_code || o.service_code != c.service_code) continue;
    if (o.first_day <= c.last_day && c.first_day <= o.last_day) {
      return Error(
          absl::StatusCode::kFailedPrecondition, "PERIOD_OVERLAP",
          absl::StrCat("the validity period overlaps calendar ", o.id, " (",
                       absl::FormatCivilTime(o.first_day), " to ",
                       absl::FormatCivilTime(o.last_day), ") of the same site and service"),
          {{"other_calendar_id", o.id}}, {{"first_day", absl::StrCat("overlaps calendar ", o.id)}});
    }
  }
  return absl::OkStatus();
}

bool Overlaps(int start, int end, int window_start, int window_end) {
  return start < window_end && window_start < end;
}

// The length of the slot starting at `minute` on `day`, from the band holding it; 0 when no band
// of the calendar holds it.
int SlotLength(const Calendar& c, absl::CivilDay day, int minute) {
  const Weekday weekday = WeekdayOf(day);
  for (const TimeBand& b : c.bands) {
    if (b.day == weekday && minute >= b.start_minute && minute < b.end_minute) {
      return b.slot_minutes;
    }
  }
  return 0;
}

}  // namespace

Weekday WeekdayOf(absl::CivilDay day) {
  switch (absl::GetWeekday(day)) {
    case absl::Weekday::monday:
      return Weekday::kMonday;
    case absl::Weekday::tuesday:
      return Weekday::kTuesday;
    case absl::Weekday::wednesday:
      return Weekday::kWednesday;
    case absl::Weekday::thursday:
      return Weekday::kThursday;
    case absl::Weekday::friday:
      return Weekday::kFriday;
    case absl::Weekday::saturday:
      return Weekday::kSaturday;
    case absl::Weekday::sunday:
      return Weekday::kSunday;
  }
  return Weekday::kSunday;
}

absl::Status ValidateCalendar(const Calendar& c,
                              const std::vector<Calendar>& others_for_same_site_and_service) {
  if (auto st = CheckPeriod(c); !st.ok()) return st;
  if (auto st = CheckBands(c); !st.ok()) return st;
  if (auto st = CheckOperators(c); !st.ok()) return st;
  if (auto st = CheckExceptions(c); !st.ok()) return st;
  return CheckOverlaps(c, others_for_same_site_and_service);
}

std::vector<SlotSpec> GenerateSlots(const Calendar& c, const reference::HolidayCalendar& holidays,
                                    absl::CivilDay from, absl::CivilDay to,
                                    const absl::TimeZone& tz) {
  std::vector<TimeBand> bands = c.bands;
  std::sort(bands.begin(), bands.end(),
            [](const TimeBand& a, const TimeBand& b) { return a.start_minute < b.start_minute; });
  std::vector<SlotSpec> out;
  const absl::CivilDay first = std::max(from, c.first_day);
  const absl::CivilDay last = std::min(to, c.last_day);
  for (absl::CivilDay day = first; day <= last; ++day) {
    const Weekday weekday = WeekdayOf(day);
    if (std::none_of(bands.begin(), bands.end(),
                     [&](const TimeBand& b) { return b.day == weekday; }) ||
        holidays.IsHoliday(day)) {
      continue;
    }
    for (const TimeBand& b : bands) {
      if (b.day != weekday || b.slot_minutes <= 0) continue;
      for (int m = b.start_minute; m + b.slot_minutes <= b.end_minute; m += b.slot_minutes) {
        int seats = b.seats;
        for (const CalendarException& e : c.exceptions) {
          if (e.day == day && Overlaps(m, m + b.slot_minutes, e.start_minute, e.end_minute)) {
            seats = std::min(seats, e.seats);
          }
        }
        if (seats <= 0) continue;
        const absl::TimeZone::TimeInfo info =
            tz.At(absl::CivilSecond(day.year(), day.month(), day.day(), m / 60, m % 60, 0));
        if (info.kind == absl::TimeZone::TimeInfo::SKIPPED) continue;
        // UNIQUE: pre == post; REPEATED: pre is the first occurrence (pre-transition offset).
        const absl::Time start = info.pre;
        out.push_back(SlotSpec{.local_day = day,
                               .local_start_minute = m,
                               .start = start,
                               .end = start + absl::Minutes(b.slot_minutes),
                               .seats = seats});
      }
    }
  }
  return out;
}

absl::Status CheckExceptionAgainstBookings(const CalendarException& e, const Calendar& calendar,
                                           const std::vector<SlotLoad>& loads) {
  std::vector<const SlotLoad*> affected;
  for (const SlotLoad& load : loads) {
    if (load.day != e.day || load.booked <= e.seats) continue;
    const int length = std::max(SlotLength(calendar, load.day, load.local_start_minute), 1);
    if (Overlaps(load.local_start_minute, load.local_start_minute + length, e.start_minute,
                 e.end_minute)) {
      affected.push_back(&load);
    }
  }
  if (affected.empty()) return absl::OkStatus();
  std::sort(affected.begin(), affected.end(), [](const SlotLoad* a, const SlotLoad* b) {
    return a->local_start_minute < b->local_start_minute;
  });
  std::vector<std::string> ids;
  int booked = 0;
  for (const SlotLoad* load : affected) {
    booked += load->booked;
    ids.insert(ids.end(), load->appointment_ids.begin(), load->appointment_ids.end());
  }
  const std::string joined = absl::StrJoin(ids, ",");
  return Error(
      absl::StatusCode::kFailedPrecondition, "EXCEPTION_BELOW_BOOKINGS",
      absl::StrCat("the exception on ", absl::FormatCivilTime(e.day), " leaves ", affected.size(),
                   " slot(s) with more bookings (", booked, ") than seats (", e.seats,
                   "); move these appointments first: ", absl::StrJoin(ids, ", ")),
      {{"appointments", joined},
       {"day", absl::FormatCivilTime(e.day)},
       {"seats", absl::StrCat(e.seats)}},
      {{"exception.seats", "must not be below the bookings already taken"}});
}

absl::StatusOr<Calendar> DuplicateCalendar(const Calendar& source, std::string new_id,
                                           std::string site_code, absl::CivilDay first_day,
                                           absl::CivilDay last_day) {
  if (new_id.empty() || new_id == source.id) {
    return InvalidField("INVALID_CALENDAR_ID", "id",
                        "the copy needs a new id, different from the source's");
  }
  Calendar copy;
  copy.id = std::move(new_id);
  copy.site_code = std::move(site_code);
  copy.service_code = source.service_code;
  copy.first_day = first_day;
  copy.last_day = last_day;
  copy.bands = source.bands;
  copy.operator_ids = source.operator_ids;
  for (const CalendarException& e : source.exceptions) {
    if (e.day >= first_day && e.day <= last_day) copy.exceptions.push_back(e);
  }
  if (auto st = ValidateCalendar(copy, {}); !st.ok()) return st;
  return copy;
}

}  // namespace sisl::booking
