#include "services/booking/events/availability_updater.h"

#include "services/platform/errors.h"
#include "sisl/booking/v1/appointment_events.pb.h"
#include "sisl/events/v1/event.pb.h"

namespace sisl::booking {
namespace {

// A slot or calendar that no longer exists has nothing to refresh.
absl::Status IgnoreMissing(absl::Status st) {
  return st.code() == absl::StatusCode::kNotFound ? absl::OkStatus() : st;
}

}  // namespace

absl::Status ApplyAvailabilityEvent(AvailabilityIndex& index,
                                    const platform::bus::Message& message) {
  sisl::events::v1::Event event;
  if (!event.ParseFromString(message.payload)) return absl::OkStatus();  // not ours: skip
  v1::CalendarChanged calendar;
  if (event.data().UnpackTo(&calendar)) {
    return IgnoreMissing(index.RefreshCalendar(calendar.calendar_id()));
  }
  v1::AppointmentEvent appointment;
  if (event.data().UnpackTo(&appointment)) {
    for (const std::string& slot : {appointment.slot_id(), appointment.previous_slot_id()}) {
      if (slot.empty()) continue;
      if (absl::Status st = IgnoreMissing(index.RefreshSlot(slot)); !st.ok()) return st;
    }
  }
  return absl::OkStatus();
}

}  // namespace sisl::booking
