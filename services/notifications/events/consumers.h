// What the notifications service consumes: booking's appointment events (confirmations, moves,
// cancellations, reminders). Each through the inbox, in the transaction of its messages.
#ifndef SISL_SERVICES_NOTIFICATIONS_EVENTS_CONSUMERS_H_
#define SISL_SERVICES_NOTIFICATIONS_EVENTS_CONSUMERS_H_

#include "services/notifications/app/appointments.h"
#include "services/platform/outbox/dispatcher.h"
#include "sisl/booking/v1/appointment_events.pb.h"

namespace sisl::notifications::events {

// The notice of one appointment event (no contact data: the event has none).
AppointmentNotice NoticeOf(const booking::v1::AppointmentEvent& event);

void ConsumeAppointments(platform::events::EventDispatcher& dispatcher, AppointmentIntake& intake);

}  // namespace sisl::notifications::events

#endif  // SISL_SERVICES_NOTIFICATIONS_EVENTS_CONSUMERS_H_
