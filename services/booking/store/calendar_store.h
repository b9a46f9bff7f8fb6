#ifndef SISL_BOOKING_STORE_CALENDAR_STORE_H_
#define SISL_BOOKING_STORE_CALENDAR_STORE_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/booking/domain/calendar.h"
#include "services/platform/db/database.h"

namespace sisl::booking {

// A slot as stored: the unit of capacity that appointments take seats from.
struct StoredSlot {
  std::string id;
  std::string calendar_id;
  std::string site_code;
  std::string service_code;
  absl::CivilDay local_day;
  int local_start_minute = 0;
  absl::Time start;
  absl::Time end;
  int capacity = 0;
  int booked = 0;
};

// Calendars and their materialised slots. Writes take the caller's transaction.
class CalendarStore final {
 public:
  CalendarStore() = default;

  absl::Status Insert(platform::db::Transaction& tx, const Calendar& calendar,
                      const std::string& created_by, const std::string& request_id,
                      absl::Time now);
  // NOT_FOUND (reason CALENDAR_NOT_FOUND).
  absl::StatusOr<Calendar> Get(platform::db::Transaction& tx, const std::string& id);
  absl::StatusOr<std::vector<Calendar>> ListForSiteAndService(platform::db::Transaction& tx,
                                                              const std::string& site_code,
                                                              const std::string& service_code);
  // Calendars with id > after (id order), optionally filtered; at most limit.
  absl::StatusOr<std::vector<Calendar>> List(platform::db::Transaction& tx,
                                             const std::string& site_code,
                                             const std::string& service_code,
                                             const std::string& after, int limit);
  absl::Status UpdateDefinition(platform::db::Transaction& tx, const Calendar& calendar);

  absl::Status InsertSlots(platform::db::Transaction& tx, const Calendar& calendar,
                           const std::vector<SlotSpec>& slots);
  // Slots of a calendar on one local day.
  absl::StatusOr<std::vector<StoredSlot>> SlotsOfDay(platform::db::Transaction& tx,
                                                     const std::string& calendar_id,
                                                     absl::CivilDay day);
  absl::Status SetCapacity(platform::db::Transaction& tx, const std::string& slot_id,
                           int capacity);
  absl::StatusOr<StoredSlot> GetSlot(platform::db::Transaction& tx, const std::string& slot_id);
  // Every slot starting at or after `from`, for the availability index.
  absl::StatusOr<std::vector<StoredSlot>> SlotsFrom(platform::db::Transaction& tx,
                                                    absl::Time from);
};

std::string SlotIdFor(const std::string& calendar_id, absl::Time start);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_STORE_CALENDAR_STORE_H_
