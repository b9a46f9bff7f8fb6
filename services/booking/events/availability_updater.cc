#include "services/booking/events/availability_updater.h"

#include "services/platform/status_macros.h"
#include "sisl/booking/v1/appointment_events.pb.h"

namespace sisl::booking {
namespace {

using platform::events::EventMeta;

// A slot or calendar that no longer exists has nothing to refresh.
absl::Status IgnoreMissing(absl::Status st) {
  return st.code() == absl::StatusCode::kNotFound ? absl::OkStatus() : st;
}

}  // namespace

void ProjectAvailability(platform::events::EventDispatcher& dispatcher, AvailabilityIndex& index) {
  dispatcher
      .Project<v1::CalendarChanged>([&index](const v1::CalendarChanged& e, const EventMeta&) {
        return IgnoreMissing(index.RefreshCalendar(e.calendar_id()));
      })
      .Project<v1::AppointmentEvent>([&index](const v1::AppointmentEvent& e, const EventMeta&) {
        for (const std::string& slot : {e.slot_id(), e.previous_slot_id()}) {
          if (!slot.empty()) RETURN_IF_ERROR(IgnoreMissing(index.RefreshSlot(slot)));
        }
        return absl::OkStatus();
      });
}

}  // namespace sisl::booking
