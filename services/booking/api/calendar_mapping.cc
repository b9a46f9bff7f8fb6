#include "services/booking/api/calendar_mapping.h"

#include "absl/strings/str_cat.h"
#include "services/booking/store/calendar_json.h"
#include "services/platform/errors.h"

namespace sisl::booking {
namespace {

absl::Status Bad(const std::string& field, const std::string& what) {
  return platform::InvalidField("INVALID_CALENDAR_FIELD", field, what);
}

}  // namespace

absl::StatusOr<CalendarException> ExceptionFromProto(const v1::CalendarException& p,
                                                     const std::string& field) {
  CalendarException e;
  if (!ParseDay(p.date(), &e.day)) return Bad(field + ".date", "must be a date YYYY-MM-DD");
  if (p.start_time().empty() != p.end_time().empty()) {
    return Bad(field, "give both start_time and end_time, or neither for the whole day");
  }
  if (!p.start_time().empty()) {
    if (!ParseClock(p.start_time(), &e.start_minute)) {
      return Bad(field + ".start_time", "must be a time HH:MM");
    }
    if (!ParseClock(p.end_time(), &e.end_minute)) {
      return Bad(field + ".end_time", "must be a time HH:MM");
    }
  }
  e.seats = p.seats_per_slot();
  e.reason = p.reason();
  if (e.reason.size() > 500) return Bad(field + ".reason", "must be at most 500 characters");
  return e;
}

absl::StatusOr<Calendar> CalendarFromProto(const v1::Calendar& p) {
  Calendar c;
  c.site_code = p.site_code();
  c.service_code = p.service_code();
  if (!ParseDay(p.first_date(), &c.first_day)) {
    return Bad("calendar.first_date", "must be a date YYYY-MM-DD");
  }
  if (!ParseDay(p.last_date(), &c.last_day)) {
    return Bad("calendar.last_date", "must be a date YYYY-MM-DD");
  }
  for (int i = 0; i < p.bands_size(); ++i) {
    const auto& b = p.bands(i);
    const std::string field = absl::StrCat("calendar.bands[", i, "]");
    TimeBand band;
    if (b.weekday() == v1::WEEKDAY_UNSPECIFIED) return Bad(field + ".weekday", "is required");
    band.day = static_cast<Weekday>(b.weekday());
    if (!ParseClock(b.start_time(), &band.start_minute)) {
      return Bad(field + ".start_time", "must be a time HH:MM");
    }
    if (!ParseClock(b.end_time(), &band.end_minute)) {
      return Bad(field + ".end_time", "must be a time HH:MM");
    }
    band.slot_minutes = b.slot_minutes();
    band.seats = b.seats_per_slot();
    c.bands.push_back(band);
  }
  for (int i = 0; i < p.exceptions_size(); ++i) {
    auto e = ExceptionFromProto(p.exceptions(i), absl::StrCat("calendar.exceptions[", i, "]"));
    if (!e.ok()) return e.status();
    c.exceptions.push_back(*e);
  }
  c.operator_ids.assign(p.operator_ids().begin(), p.operator_ids().end());
  return c;
}

v1::Calendar ToProto(const Calendar& c) {
  v1::Calendar p;
  p.set_id(c.id);
  p.set_site_code(c.site_code);
  p.set_service_code(c.service_code);
  p.set_first_date(FormatDay(c.first_day));
  p.set_last_date(FormatDay(c.last_day));
  for (const auto& b : c.bands) {
    auto* pb = p.add_bands();
    pb->set_weekday(static_cast<v1::Weekday>(b.day));
    pb->set_start_time(FormatClock(b.start_minute));
    pb->set_end_time(FormatClock(b.end_minute));
    pb->set_slot_minutes(b.slot_minutes);
    pb->set_seats_per_slot(b.seats);
  }
  for (const auto& e : c.exceptions) {
    auto* pe = p.add_exceptions();
    pe->set_date(FormatDay(e.day));
    if (e.start_minute != 0 || e.end_minute != 24 * 60) {
      pe->set_start_time(FormatClock(e.start_minute));
      pe->set_end_time(FormatClock(e.end_minute));
    }
    pe->set_seats_per_slot(e.seats);
    pe->set_reason(e.reason);
  }
  for (const auto& o : c.operator_ids) p.add_operator_ids(o);
  return p;
}

}  // namespace sisl::booking
