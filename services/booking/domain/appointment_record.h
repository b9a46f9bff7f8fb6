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

// Limits on the free text a request may carry (listed in docs/privacy.md): notes and reasons are
// kept with the appointment or in the audit log, so they are bounded like any stored field.
inline constexpr size_t kMaxReasonLength = 500;     // access reasons, closure reasons
inline constexpr size_t kMaxRequestIdLength = 100;  // idempotency keys
inline constexpr size_t kMaxEmailLength = 254;      // RFC 5321 path limit
inline constexpr size_t kMaxMobileLength = 32;
inline constexpr size_t kMaxMunicipalityLength = 100;
inline constexpr size_t kMaxLanguageLength = 8;

// INVALID_ARGUMENT with `reason` on `field` when `value` is longer than `max` bytes.
absl::Status CheckLength(const std::string& value, size_t max, const char* reason,
                         const std::string& field);
// A note (NOTE_TOO_LONG) and an idempotency key (REQUEST_ID_TOO_LONG).
absl::Status ValidateNoteAndRequestId(const std::string& note, const std::string& request_id);
// A free-text reason of a staff action, e.g. closing a day (REASON_TOO_LONG on `field`).
absl::Status ValidateReason(const std::string& reason, const std::string& field);
// The citizen's contact fields: EMAIL_TOO_LONG, MOBILE_TOO_LONG, MUNICIPALITY_TOO_LONG,
// LANGUAGE_TOO_LONG on citizen.<field>.
absl::Status ValidateContactText(const std::string& email, const std::string& mobile,
                                 const std::string& municipality, const std::string& language);

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
