#ifndef SISL_BOOKING_EVENTS_AVAILABILITY_UPDATER_H_
#define SISL_BOOKING_EVENTS_AVAILABILITY_UPDATER_H_

#include "absl/status/status.h"
#include "services/booking/api/availability_index.h"
#include "services/platform/bus/event_bus.h"

namespace sisl::booking {

// Keeps an AvailabilityIndex current from booking events (calendar changes and appointment
// changes name the calendar or slots to re-read). Idempotent, so at-least-once delivery is fine.
absl::Status ApplyAvailabilityEvent(AvailabilityIndex& index,
                                    const platform::bus::Message& message);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_EVENTS_AVAILABILITY_UPDATER_H_
