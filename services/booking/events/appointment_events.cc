#include "services/booking/events/appointment_events.h"

#include "absl/strings/str_cat.h"
#include "services/booking/api/enum_mappings.h"
#include "services/platform/grpc/convert.h"

namespace sisl::booking {

v1::AppointmentEvent ToAppointmentEvent(const AppointmentChange& c) {
  const Appointment& a = *c.appointment;
  v1::AppointmentEvent e;
  e.set_change(c.change);
  e.set_appointment_id(a.id);
  e.set_person_id(a.person_id);
  e.set_state(kAppointmentStates.ToProto(a.state));
  e.set_service_code(a.service_code);
  e.set_service_name(c.service->name_it);
  e.set_site_code(a.site_code);
  e.set_site_label(c.office->label);
  e.set_site_address(absl::StrCat(c.office->address, ", ", c.office->municipality));
  *e.mutable_start_time() = platform::ToTimestamp(a.start);
  *e.mutable_end_time() = platform::ToTimestamp(a.end);
  e.set_delivery_mode(kDeliveryModes.ToProto(a.mode));
  e.set_video_link(c.video_link);
  for (Channel ch : c.service->channels) e.add_channels(kChannels.ToProto(ch));
  e.set_language(a.language);
  // No e-mail address or mobile number: notifiers ask GetAppointmentContact (audited).
  e.set_related_appointment_id(c.related_appointment_id);
  e.set_cancellation_reason(static_cast<v1::CancellationReason>(a.cancellation_reason));
  e.set_actor_role(c.actor_role);
  e.set_sequence(a.sequence);
  e.set_slot_id(a.slot_id);
  e.set_previous_slot_id(c.previous_slot_id);
  e.set_send_confirmation(c.service->send_confirmation);
  for (int days : c.service->reminder_days_before) e.add_reminder_days_before(days);
  return e;
}

v1::CalendarChanged ToCalendarChanged(const std::string& calendar_id, const std::string& site_code,
                                      const std::string& service_code) {
  v1::CalendarChanged changed;
  changed.set_calendar_id(calendar_id);
  changed.set_site_code(site_code);
  changed.set_service_code(service_code);
  return changed;
}

}  // namespace sisl::booking
