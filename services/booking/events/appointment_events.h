#ifndef SISL_BOOKING_EVENTS_APPOINTMENT_EVENTS_H_
#define SISL_BOOKING_EVENTS_APPOINTMENT_EVENTS_H_

#include <string>

#include "services/booking/domain/appointment_record.h"
#include "services/booking/domain/bookable_service.h"
#include "services/booking/domain/office.h"
#include "sisl/booking/v1/appointment_events.pb.h"

namespace sisl::booking {

struct AppointmentChange {
  v1::AppointmentEvent::Change change = v1::AppointmentEvent::CHANGE_UNSPECIFIED;
  const Appointment* appointment = nullptr;
  const BookableService* service = nullptr;
  const Office* office = nullptr;
  std::string actor_role;
  std::string related_appointment_id;
  std::string previous_slot_id;
  // Video calls: the meeting room (VideoMeetingLink); "" otherwise.
  std::string video_link;
};

// The event notifiers and availability indexes receive for one change of an appointment.
v1::AppointmentEvent ToAppointmentEvent(const AppointmentChange& change);

// The event that makes availability indexes reload one calendar's slots.
v1::CalendarChanged ToCalendarChanged(const std::string& calendar_id, const std::string& site_code,
                                      const std::string& service_code);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_EVENTS_APPOINTMENT_EVENTS_H_
