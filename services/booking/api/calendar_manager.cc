#include "services/booking/api/calendar_manager.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "services/booking/api/authz.h"
#include "services/booking/domain/holidays.h"
#include "services/booking/events/office_events.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/calendar_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/outbox/outbox.h"
#include "services/platform/paging.h"
#include "sisl/booking/v1/appointment_events.pb.h"

namespace sisl::booking {
namespace {

using platform::db::Transaction;

absl::Status AppendCalendarChanged(Transaction& tx, const Calendar& c,
                                   const std::string& correlation_id,
                                   const platform::Clock& clock) {
  v1::CalendarChanged event;
  event.set_calendar_id(c.id);
  event.set_site_code(c.site_code);
  event.set_service_code(c.service_code);
  return platform::outbox::Append(tx, {kServiceSource, kCalendarsTopic, c.id, correlation_id, ""},
                                  event, clock)
      .status();
}

// A slot must be long enough for the service delivered in it.
absl::Status CheckSlotsFitService(const Calendar& c, const BookableService& service) {
  for (size_t i = 0; i < c.bands.size(); ++i) {
    if (c.bands[i].slot_minutes < service.duration_minutes) {
      return platform::InvalidField(
          "SLOT_SHORTER_THAN_SERVICE", absl::StrCat("calendar.bands[", i, "].slot_minutes"),
          absl::StrCat("must be at least the service's duration, ", service.duration_minutes,
                       " minutes"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

CalendarManager::CalendarManager(platform::db::Database& db, const platform::Clock& clock,
                                 absl::TimeZone zone, std::function<void()> on_committed_event)
    : db_(db), clock_(clock), zone_(zone), on_committed_event_(std::move(on_committed_event)) {}

absl::StatusOr<Calendar> CalendarManager::Create(const platform::auth::Caller& caller,
                                                 Calendar calendar, const std::string& request_id,
                                                 const std::string& correlation_id) {
  return CreateChecked(&caller, std::move(calendar), request_id, correlation_id);
}

absl::StatusOr<Calendar> CalendarManager::CreateAsSystem(Calendar calendar,
                                                         const std::string& request_id) {
  return CreateChecked(nullptr, std::move(calendar), request_id, "");
}

absl::StatusOr<Calendar> CalendarManager::CreateChecked(const platform::auth::Caller* caller,
                                                        Calendar c, const std::string& request_id,
                                                        const std::string& correlation_id) {
  const std::string created_by = caller ? caller->subject : "system";
  CalendarStore calendars;
  bool created = false;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    auto office = OfficeStore(db_).Get(tx, c.site_code);
    if (!office.ok()) return office.status();
    if (caller) {
      if (absl::Status a = RequireCalendarManager(*caller, office->cpi_code); !a.ok()) return a;
    }
    if (!request_id.empty()) {
      auto existing = calendars.FindByRequest(tx, created_by, request_id);
      if (!existing.ok()) return existing.status();
      if (existing->has_value()) {
        c = **existing;
        return absl::OkStatus();
      }
    }
    auto service = CatalogueStore(db_).Get(tx, c.service_code);
    if (!service.ok()) return service.status();
    auto others = calendars.ListForSiteAndService(tx, c.site_code, c.service_code);
    if (!others.ok()) return others.status();
    c.id = platform::NewUuidV7(clock_);
    if (absl::Status v = ValidateCalendar(c, *others); !v.ok()) return v;
    if (absl::Status v = CheckSlotsFitService(c, *service); !v.ok()) return v;
    const auto slots =
        GenerateSlots(c, HolidayCalendar(office->municipality), c.first_day, c.last_day, zone_);
    if (absl::Status w = calendars.Insert(tx, c, created_by, request_id, clock_.Now()); !w.ok()) {
      return w;
    }
    if (absl::Status w = calendars.InsertSlots(tx, c, slots); !w.ok()) return w;
    created = true;
    return AppendCalendarChanged(tx, c, correlation_id, clock_);
  });
  if (!st.ok()) return st;
  if (created && on_committed_event_) on_committed_event_();
  return c;
}

absl::StatusOr<Calendar> CalendarManager::Get(const platform::auth::Caller& caller,
                                              const std::string& id) {
  if (absl::Status a = RequireStaff(caller); !a.ok()) return a;
  auto tx = db_.Begin();
  if (!tx.ok()) return tx.status();
  return CalendarStore().Get(**tx, id);
}

absl::StatusOr<std::pair<std::vector<Calendar>, std::string>> CalendarManager::List(
    const platform::auth::Caller& caller, const std::string& site_code,
    const std::string& service_code, int page_size, const std::string& page_token) {
  if (absl::Status a = RequireStaff(caller); !a.ok()) return a;
  auto size = platform::ResolvePageSize(page_size, 50, 200);
  if (!size.ok()) return size.status();
  const std::string query = absl::StrCat("calendars|", site_code, "|", service_code);
  auto cursor = platform::DecodePageToken(page_token, query);
  if (!cursor.ok()) return cursor.status();
  auto tx = db_.Begin();
  if (!tx.ok()) return tx.status();
  auto page = CalendarStore().List(**tx, site_code, service_code, *cursor, *size + 1);
  if (!page.ok()) return page.status();
  std::string next;
  if (static_cast<int>(page->size()) > *size) {
    page->pop_back();
    next = platform::EncodePageToken(page->back().id, query);
  }
  return std::make_pair(*std::move(page), next);
}

absl::StatusOr<Calendar> CalendarManager::AddException(const platform::auth::Caller& caller,
                                                       const std::string& calendar_id,
                                                       const CalendarException& exception,
                                                       const std::string& correlation_id) {
  CalendarStore calendars;
  Calendar updated;
  absl::Status st = platform::db::InTransaction(db_, [&](Transaction& tx) -> absl::Status {
    auto current = calendars.Get(tx, calendar_id);
    if (!current.ok()) return current.status();
    auto office = OfficeStore(db_).Get(tx, current->site_code);
    if (!office.ok()) return office.status();
    if (absl::Status a = RequireCalendarManager(caller, office->cpi_code); !a.ok()) return a;
    updated = *current;
    updated.exceptions.push_back(exception);
    auto others = calendars.ListForSiteAndService(tx, updated.site_code, updated.service_code);
    if (!others.ok()) return others.status();
    if (absl::Status v = ValidateCalendar(updated, *others); !v.ok()) return v;

    auto day_slots = calendars.SlotsOfDay(tx, calendar_id, exception.day);
    if (!day_slots.ok()) return day_slots.status();
    std::vector<SlotLoad> loads;
    for (const StoredSlot& s : *day_slots) {
      if (s.booked == 0) continue;
      SlotLoad load{s.local_day, s.local_start_minute, s.booked, {}};
      auto ids = tx.Execute(
          "SELECT id FROM appointments WHERE slot_id = $1 AND state = 'to_deliver' ORDER BY id",
          {s.id});
      if (!ids.ok()) return ids.status();
      for (const auto& row : ids->rows) load.appointment_ids.push_back(row.Str(0));
      loads.push_back(std::move(load));
    }
    if (absl::Status c = CheckExceptionAgainstBookings(exception, updated, loads); !c.ok()) {
      return c;
    }
    // New capacities of that day's slots: what the updated calendar would generate.
    std::map<absl::Time, int> seats;
    for (const SlotSpec& s : GenerateSlots(updated, HolidayCalendar(office->municipality),
                                           exception.day, exception.day, zone_)) {
      seats[s.start] = s.seats;
    }
    for (const StoredSlot& s : *day_slots) {
      const int capacity = seats.contains(s.start) ? seats[s.start] : 0;
      if (capacity == s.capacity) continue;
      if (absl::Status w = calendars.SetCapacity(tx, s.id, capacity); !w.ok()) return w;
    }
    if (absl::Status w = calendars.UpdateDefinition(tx, updated); !w.ok()) return w;
    return AppendCalendarChanged(tx, updated, correlation_id, clock_);
  });
  if (!st.ok()) return st;
  if (on_committed_event_) on_committed_event_();
  return updated;
}

absl::StatusOr<Calendar> CalendarManager::Duplicate(const platform::auth::Caller& caller,
                                                    const std::string& source_id,
                                                    const std::string& site_code,
                                                    absl::CivilDay first_day,
                                                    absl::CivilDay last_day,
                                                    const std::string& request_id,
                                                    const std::string& correlation_id) {
  auto source = Get(caller, source_id);
  if (!source.ok()) return source.status();
  auto copy = DuplicateCalendar(*source, platform::NewUuidV7(clock_),
                                site_code.empty() ? source->site_code : site_code, first_day,
                                last_day);
  if (!copy.ok()) return copy.status();
  return CreateChecked(&caller, *std::move(copy), request_id, correlation_id);
}

}  // namespace sisl::booking
