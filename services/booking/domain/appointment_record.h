#ifndef SISL_BOOKING_DOMAIN_APPOINTMENT_RECORD_H_
#define SISL_BOOKING_DOMAIN_APPOINTMENT_RECORD_H_

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "services/booking/domain/appointment.h"

namespace sisl::booking {

// One appointment as the service keeps it, and the changes its life cycle allows.
struct Appointment {
  std::string id;
  std::string slot_id;
  std::string service_code;
  std::string site_code;
  absl::Time start;
  absl::Time end;
  DeliveryMode mode = DeliveryMode::kInPerson;
  AppointmentState state = AppointmentState::kToDeliver;
  std::string person_id;
  std::string fiscal_code;
  std::string email;
  std::string mobile;
  std::string language = "it";
  std::string operator_id;
  std::string booked_by;
  std::string booked_by_role;
  int cancellation_reason = 0;
  std::string note;
  std::string moved_to;
  std::string moved_from;
  bool no_show_justified = false;
  int sequence = 0;
  std::string request_id;
  absl::Time created_at;
  absl::Time updated_at;
};

// sisl.booking.v1.CancellationReason values the domain needs by name.
inline constexpr int kCancellationReasonMax = 6;
inline constexpr int kCancellationOfficeClosed = 5;
inline constexpr size_t kMaxNoteLength = 1000;

// A cancellation's reason (1..6) and note (at most 1000 characters):
// INVALID_CANCELLATION_REASON or NOTE_TOO_LONG, INVALID_ARGUMENT.
absl::Status ValidateCancellation(int reason, const std::string& note);

// Each change moves the state, bumps the sequence (the order notifiers rely on) and stamps the
// update time. The caller has checked that the change is allowed (CheckCitizenOrStaffChange,
// ApplyAttendance).
void Cancel(Appointment& a, bool by_citizen, int reason, const std::string& note, absl::Time now);
void RecordAttendance(Appointment& a, AppointmentState next, Attendance attendance,
                      const std::string& note, absl::Time now);
// The old appointment of a move steps aside and points to the new one.
void MoveTo(Appointment& a, const std::string& new_id, absl::Time now);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_APPOINTMENT_RECORD_H_
