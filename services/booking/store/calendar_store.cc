#include "services/booking/store/calendar_store.h"

#include "absl/strings/str_cat.h"
#include "services/booking/store/calendar_json.h"
#include "services/platform/clock.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {
namespace {

using platform::db::RowReader;
using platform::db::Rows;
using platform::db::Transaction;

// The calendar columns and their reader.
constexpr char kCalendarColumns[] =
    "SELECT id, site_code, service_code, first_day, last_day, definition FROM calendars";

absl::StatusOr<Calendar> CalendarFromRow(const RowReader& r) {
  Calendar c;
  c.id = r.Str("id");
  c.site_code = r.Str("site_code");
  c.service_code = r.Str("service_code");
  if (!ParseDay(r.Str("first_day"), &c.first_day) || !ParseDay(r.Str("last_day"), &c.last_day)) {
    return absl::InternalError(absl::StrCat("calendar ", c.id, " has malformed dates"));
  }
  RETURN_IF_ERROR(CalendarDefinitionFromJson(r.Str("definition"), &c));
  return c;
}

// Reads the rows of a kCalendarColumns query.
absl::StatusOr<std::vector<Calendar>> Calendars(const absl::StatusOr<platform::db::Result>& res) {
  RETURN_IF_ERROR(res.status());
  std::vector<Calendar> out;
  for (const RowReader& r : Rows(*res)) {
    ASSIGN_OR_RETURN(Calendar c, CalendarFromRow(r));
    out.push_back(std::move(c));
  }
  return out;
}

// The slot columns and their reader.
constexpr char kSlotColumns[] =
    "SELECT id, calendar_id, site_code, service_code, local_day, local_start, start_at, end_at,"
    " capacity, booked FROM slots";

// Reads the rows of a kSlotColumns query.
absl::StatusOr<std::vector<StoredSlot>> Slots(const absl::StatusOr<platform::db::Result>& res) {
  RETURN_IF_ERROR(res.status());
  std::vector<StoredSlot> out;
  out.reserve(res->rows.size());
  for (const RowReader& r : Rows(*res)) {
    StoredSlot s;
    s.id = r.Str("id");
    s.calendar_id = r.Str("calendar_id");
    s.site_code = r.Str("site_code");
    s.service_code = r.Str("service_code");
    ParseDay(r.Str("local_day"), &s.local_day);
    ParseClock(r.Str("local_start"), &s.local_start_minute);
    s.start = r.Time("start_at");
    s.end = r.Time("end_at");
    s.capacity = static_cast<int>(r.Int("capacity"));
    s.booked = static_cast<int>(r.Int("booked"));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::string SlotIdFor(const std::string& calendar_id, absl::Time start) {
  return absl::StrCat(calendar_id, "-", absl::ToUnixSeconds(start));
}

absl::Status CalendarStore::Insert(Transaction& tx, const Calendar& c,
                                   const std::string& created_by, const std::string& request_id,
                                   absl::Time now) {
  platform::db::Value request = request_id.empty() ? platform::db::Value(std::monostate{})
                                                   : platform::db::Value(request_id);
  return tx
      .Execute(
          "INSERT INTO calendars (id, site_code, service_code, first_day, last_day, definition,"
          " request_id, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
          {c.id, c.site_code, c.service_code, FormatDay(c.first_day), FormatDay(c.last_day),
           CalendarDefinitionToJson(c), request, created_by, platform::ToUnixMicrosUtc(now)})
      .status();
}

absl::StatusOr<Calendar> CalendarStore::Get(Transaction& tx, const std::string& id) {
  ASSIGN_OR_RETURN(std::vector<Calendar> all,
                   Calendars(tx.Execute(absl::StrCat(kCalendarColumns, " WHERE id = $1"), {id})));
  if (all.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "CALENDAR_NOT_FOUND",
                           absl::StrCat("no calendar with id ", id), {{"calendar_id", id}});
  }
  return std::move(all.front());
}

absl::StatusOr<std::vector<Calendar>> CalendarStore::ListForSiteAndService(
    Transaction& tx, const std::string& site_code, const std::string& service_code) {
  return Calendars(tx.Execute(
      absl::StrCat(kCalendarColumns, " WHERE site_code = $1 AND service_code = $2 ORDER BY id"),
      {site_code, service_code}));
}

absl::StatusOr<std::vector<Calendar>> CalendarStore::List(Transaction& tx,
                                                          const std::string& site_code,
                                                          const std::string& service_code,
                                                          const std::string& after, int limit) {
  return Calendars(tx.Execute(
      absl::StrCat(kCalendarColumns,
                   " WHERE ($1 = '' OR site_code = $1) AND ($2 = '' OR service_code = $2)"
                   " AND id > $3 ORDER BY id LIMIT $4"),
      {site_code, service_code, after, int64_t{limit}}));
}

absl::Status CalendarStore::UpdateDefinition(Transaction& tx, const Calendar& c) {
  return tx
      .Execute("UPDATE calendars SET definition = $1, version = version + 1 WHERE id = $2",
               {CalendarDefinitionToJson(c), c.id})
      .status();
}

absl::Status CalendarStore::InsertSlots(Transaction& tx, const Calendar& c,
                                        const std::vector<SlotSpec>& slots) {
  for (const SlotSpec& s : slots) {
    RETURN_IF_ERROR(
        tx.Execute(
              "INSERT INTO slots (id, calendar_id, site_code, service_code, local_day,"
              " local_start, start_at, end_at, capacity) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
              {SlotIdFor(c.id, s.start), c.id, c.site_code, c.service_code, FormatDay(s.local_day),
               FormatClock(s.local_start_minute), platform::ToUnixMicrosUtc(s.start),
               platform::ToUnixMicrosUtc(s.end), int64_t{s.seats}})
            .status());
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<StoredSlot>> CalendarStore::SlotsOfDay(Transaction& tx,
                                                                  const std::string& calendar_id,
                                                                  absl::CivilDay day) {
  return Slots(tx.Execute(
      absl::StrCat(kSlotColumns, " WHERE calendar_id = $1 AND local_day = $2 ORDER BY start_at"),
      {calendar_id, FormatDay(day)}));
}

absl::Status CalendarStore::SetCapacity(Transaction& tx, const std::string& slot_id,
                                        int capacity) {
  // The CHECK (booked <= capacity) refuses a reduction below the bookings already taken.
  return tx.Execute("UPDATE slots SET capacity = $1 WHERE id = $2", {int64_t{capacity}, slot_id})
      .status();
}

absl::StatusOr<StoredSlot> CalendarStore::GetSlot(Transaction& tx, const std::string& slot_id) {
  ASSIGN_OR_RETURN(std::vector<StoredSlot> slots,
                   Slots(tx.Execute(absl::StrCat(kSlotColumns, " WHERE id = $1"), {slot_id})));
  if (slots.empty()) {
    return platform::Error(absl::StatusCode::kNotFound, "SLOT_NOT_FOUND",
                           absl::StrCat("no slot with id ", slot_id), {{"slot_id", slot_id}});
  }
  return std::move(slots.front());
}

absl::StatusOr<std::vector<StoredSlot>> CalendarStore::SlotsFrom(Transaction& tx,
                                                                 absl::Time from) {
  return Slots(tx.Execute(absl::StrCat(kSlotColumns, " WHERE start_at >= $1 ORDER BY start_at"),
                          {platform::ToUnixMicrosUtc(from)}));
}

}  // namespace sisl::booking
