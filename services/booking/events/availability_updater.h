#ifndef SISL_BOOKING_EVENTS_AVAILABILITY_UPDATER_H_
#define SISL_BOOKING_EVENTS_AVAILABILITY_UPDATER_H_

#include "services/booking/app/availability_index.h"
#include "services/platform/outbox/dispatcher.h"

namespace sisl::booking {

// Keeps an AvailabilityIndex current from booking events: calendar changes and appointment
// changes name the calendar or slots to re-read. Re-reading is idempotent, so the handlers are
// projections (no inbox) and at-least-once delivery is fine.
void ProjectAvailability(platform::events::EventDispatcher& dispatcher, AvailabilityIndex& index);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_EVENTS_AVAILABILITY_UPDATER_H_
