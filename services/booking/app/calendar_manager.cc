#include "services/booking/app/calendar_manager.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "services/booking/app/authz.h"
#include "services/reference/calendar.h"
#include "services/booking/events/appointment_events.h"
#include "services/booking/store/calendar_store.h"
#include "services/booking/store/catalogue_store.h"
#include "services/booking/store/office_store.h"
#include "services/platform/db/request_ids.h"
#include "services/platform/errors.h"
#include "services/platform/ids.h"
#include "services/platform/paging.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {
namespace {

using platform::db::Transaction;
using platform::outbox::EventWriter;

absl::Status EmitCalendarChanged(EventWriter& events, const Calendar& c) {
  return events.Emit(c.id, ToCalendarChanged(c.id, c.site_code, c.service_code));
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

// The capacities of the slots `slots` (one day of a calendar) that the loads forbid to shrink.
absl::StatusOr<std::vector<SlotLoad>> LoadsOf(Transaction& tx,
                                              const std::vector<StoredSlot>& slots) {
  std::vector<SlotLoad> loads;
  for (const StoredSlot& s : slots) {
    if (s.booked == 0) continue;
    SlotLoad load{s.local_day, s.local_start_minute, s.booked, {}};
    ASSIGN_OR_RETURN(platform::db::Result ids,
                     tx.Execute("SELECT id FROM appointments WHERE slot_id = $1"
                                " AND state = 'to_deliver' ORDER BY id",
                                {s.id}));
    for (const platform::db::RowReader& row : platform::db::Rows(ids)) {
      load.appointment_ids.push_back(row.Str("id"));
    }
    loads.push_back(std::move(load));
  }
  return loads;
}

}  // namespace

CalendarManager::CalendarManager(platform::outbox::Committer& committer, absl::TimeZone zone)
    : committer_(committer), zone_(zone) {}

absl::StatusOr<Calendar> CalendarManager::Create(const platform::auth::Caller& caller,
                                                 Calendar calendar,
                                                 const std::string& request_id) {
  return CreateChecked(&caller, std::move(calendar), request_id);
}

absl::StatusOr<Calendar> CalendarManager::CreateAsSystem(Calendar calendar,
                                                         const std::string& request_id) {
  return CreateChecked(nullptr, std::move(calendar), request_id);
}

absl::StatusOr<Calendar> CalendarManager::CreateChecked(const platform::auth::Caller* caller,
                                                        Calendar c,
                                                        const std::string& request_id) {
  const std::string created_by = caller ? caller->subject : "system";
  CalendarStore calendars;
  Calendar result;
  RETURN_IF_ERROR(committer_.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    ASSIGN_OR_RETURN(Office office, OfficeStore(db()).Get(tx, c.site_code));
    if (caller) RETURN_IF_ERROR(RequireCalendarManager(*caller, office.cpi_code));
    auto create = [&]() -> absl::StatusOr<Calendar> {
      Calendar created = c;
      ASSIGN_OR_RETURN(BookableService service, CatalogueStore(db()).Get(tx, c.service_code));
      ASSIGN_OR_RETURN(std::vector<Calendar> others,
                       calendars.ListForSiteAndService(tx, c.site_code, c.service_code));
      created.id = platform::NewUuidV7(clock());
      RETURN_IF_ERROR(ValidateCalendar(created, others));
      RETURN_IF_ERROR(CheckSlotsFitService(created, service));
      const auto slots = GenerateSlots(created, reference::HolidayCalendar::ForMunicipalityName(office.municipality),
                                       created.first_day, created.last_day, zone_);
      RETURN_IF_ERROR(calendars.Insert(tx, created, created_by, request_id, clock().Now()));
      RETURN_IF_ERROR(calendars.InsertSlots(tx, created, slots));
      RETURN_IF_ERROR(EmitCalendarChanged(events, created));
      return created;
    };
    ASSIGN_OR_RETURN(result, platform::db::CreateOnce<Calendar>(
                                 tx, {"booking.CreateCalendar", created_by, request_id},
                                 clock().Now(),
                                 [&](const std::string& id) { return calendars.Get(tx, id); },
                                 create, [](const Calendar& created) { return created.id; }));
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<Calendar> CalendarManager::Get(const platform::auth::Caller& caller,
                                              const std::string& id) {
  RETURN_IF_ERROR(RequireStaff(caller));
  ASSIGN_OR_RETURN(auto tx, db().Begin());
  return CalendarStore().Get(*tx, id);
}

absl::StatusOr<std::pair<std::vector<Calendar>, std::string>> CalendarManager::List(
    const platform::auth::Caller& caller, const std::string& site_code,
    const std::string& service_code, int page_size, const std::string& page_token) {
  RETURN_IF_ERROR(RequireStaff(caller));
  ASSIGN_OR_RETURN(const int size, platform::ResolvePageSize(page_size, 50, 200));
  const std::string query = absl::StrCat("calendars|", site_code, "|", service_code);
  ASSIGN_OR_RETURN(const std::string cursor, platform::DecodePageToken(page_token, query));
  ASSIGN_OR_RETURN(auto tx, db().Begin());
  ASSIGN_OR_RETURN(std::vector<Calendar> page,
                   CalendarStore().List(*tx, site_code, service_code, cursor, size + 1));
  std::string next;
  if (static_cast<int>(page.size()) > size) {
    page.pop_back();
    next = platform::EncodePageToken(page.back().id, query);
  }
  return std::make_pair(std::move(page), next);
}

absl::StatusOr<Calendar> CalendarManager::AddException(const platform::auth::Caller& caller,
                                                       const std::string& calendar_id,
                                                       const CalendarException& exception) {
  CalendarStore calendars;
  Calendar updated;
  RETURN_IF_ERROR(committer_.Commit([&](Transaction& tx, EventWriter& events) -> absl::Status {
    ASSIGN_OR_RETURN(updated, calendars.Get(tx, calendar_id));
    ASSIGN_OR_RETURN(Office office, OfficeStore(db()).Get(tx, updated.site_code));
    RETURN_IF_ERROR(RequireCalendarManager(caller, office.cpi_code));
    updated.exceptions.push_back(exception);
    ASSIGN_OR_RETURN(std::vector<Calendar> others,
                     calendars.ListForSiteAndService(tx, updated.site_code, updated.service_code));
    RETURN_IF_ERROR(ValidateCalendar(updated, others));
    ASSIGN_OR_RETURN(std::vector<StoredSlot> day_slots,
                     calendars.SlotsOfDay(tx, calendar_id, exception.day));
    ASSIGN_OR_RETURN(std::vector<SlotLoad> loads, LoadsOf(tx, day_slots));
    RETURN_IF_ERROR(CheckExceptionAgainstBookings(exception, updated, loads));
    // New capacities of that day's slots: what the updated calendar would generate.
    std::map<absl::Time, int> seats;
    for (const SlotSpec& s : GenerateSlots(updated, reference::HolidayCalendar::ForMunicipalityName(office.municipality),
                                           exception.day, exception.day, zone_)) {
      seats[s.start] = s.seats;
    }
    for (const StoredSlot& s : day_slots) {
      const int capacity = seats.contains(s.start) ? seats[s.start] : 0;
      if (capacity != s.capacity) RETURN_IF_ERROR(calendars.SetCapacity(tx, s.id, capacity));
    }
    RETURN_IF_ERROR(calendars.UpdateDefinition(tx, updated));
    return EmitCalendarChanged(events, updated);
  }));
  return updated;
}

absl::StatusOr<Calendar> CalendarManager::Duplicate(const platform::auth::Caller& caller,
                                                    const std::string& source_id,
                                                    const std::string& site_code,
                                                    absl::CivilDay first_day,
                                                    absl::CivilDay last_day,
                                                    const std::string& request_id) {
  ASSIGN_OR_RETURN(const Calendar source, Get(caller, source_id));
  ASSIGN_OR_RETURN(Calendar copy,
                   DuplicateCalendar(source, platform::NewUuidV7(clock()),
                                     site_code.empty() ? source.site_code : site_code, first_day,
                                     last_day));
  return CreateChecked(&caller, std::move(copy), request_id);
}

}  // namespace sisl::booking
