#ifndef SISL_BOOKING_DOMAIN_APPOINTMENT_H_
#define SISL_BOOKING_DOMAIN_APPOINTMENT_H_

#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/booking/domain/bookable_service.h"

namespace sisl::booking {

// The life cycle of an appointment (DOMAIN.md §4). Only kToDeliver is open.
enum class AppointmentState {
  kToDeliver,
  kDelivered,
  kCancelledByCitizen,
  kCancelledByOperator,
  kMoved,  // the old appointment of a move; it points to the new one
  kNoShow,
};

// The names stored in the database: "to_deliver", "delivered", "cancelled_by_citizen",
// "cancelled_by_operator", "moved", "no_show".
absl::string_view StateName(AppointmentState state);
// Reads a stored name; false (and `state` untouched) for an unknown one.
bool ParseState(absl::string_view name, AppointmentState* state);

enum class ActorRole { kCitizen, kOperator, kContactCentre, kAdmin };

// Who is acting: the citizen, or staff acting on their behalf. cpi_code is the operator's CPI.
struct Actor {
  std::string id;
  ActorRole role = ActorRole::kCitizen;
  std::string cpi_code;
};

// The person the appointment is for.
struct Citizen {
  std::string fiscal_code;
  std::string email;
  std::string mobile;
  std::string domicile_municipality;   // ISTAT code, resolved from the reference data
  bool domiciled_in_piedmont = false;  // derived from domicile_municipality, never declared
  bool compulsory_schooling_completed = false;
  std::string language = "it";
};

struct SlotView {
  std::string id;
  std::string site_code;
  std::string cpi_code;
  std::string service_code;
  absl::Time start;
  absl::Time end;
  int capacity = 0;
  int booked = 0;
};

// One of the person's appointments in state to_deliver.
struct OpenAppointment {
  std::string id;
  std::string service_code;
  absl::Time start;
  absl::Time end;
};

struct BookingRequest {
  const BookableService* service = nullptr;  // the service of `slot`
  SlotView slot;
  DeliveryMode mode = DeliveryMode::kInPerson;
  Citizen citizen;
  Actor actor;
  absl::Time now;
  absl::CivilDay today_local;  // today in Europe/Rome: ages are computed on this day
  std::vector<OpenAppointment> open_appointments;
  // When moving: the appointment being moved, ignored for overlap and one-per-service.
  std::string moving_appointment_id;
};

// Checks a booking (or the new appointment of a move). Blockers, in this order:
//   SELF_BOOKING_NOT_ALLOWED           PERMISSION_DENIED   citizen actor, staff-only service
//   OPERATOR_OUT_OF_CPI                PERMISSION_DENIED   operator of another CPI than the slot
//   DELIVERY_MODE_NOT_OFFERED          INVALID_ARGUMENT
//   SLOT_IN_PAST                       FAILED_PRECONDITION slot.start <= now
//   MINIMUM_NOTICE_NOT_MET             FAILED_PRECONDITION citizens only
//   OUTSIDE_BOOKING_HORIZON            FAILED_PRECONDITION citizens only
//   INVALID_FISCAL_CODE_FORMAT/_CHECK  INVALID_ARGUMENT    from ValidateFiscalCode (normalized)
//   NO_CONTACT_FOR_NOTIFICATIONS       FAILED_PRECONDITION no usable e-mail nor mobile number
//   DOMICILE_REQUIRED                  INVALID_ARGUMENT    no municipality, service requires it
//   NOT_DOMICILED_IN_PIEDMONT          FAILED_PRECONDITION when the service requires it
//   UNDER_MINIMUM_AGE                  FAILED_PRECONDITION below max(15, service.minimum_age)
//   COMPULSORY_SCHOOLING_NOT_COMPLETED FAILED_PRECONDITION aged 15 for a service open from 15
//   ALREADY_BOOKED_FOR_SERVICE         ALREADY_EXISTS      metadata appointment_id
//   APPOINTMENT_OVERLAP                FAILED_PRECONDITION metadata appointment_id
//   SLOT_TAKEN                         RESOURCE_EXHAUSTED  booked >= capacity
// Messages and metadata never carry the fiscal code or names. A null service is INTERNAL
// (SERVICE_MISSING). The caller passes the service of the slot.
absl::Status CheckBooking(const BookingRequest& r);

// The error of a slot with no free seat, also used by the store when its conditional update
// finds the slot full.
absl::Status SlotTakenError(const std::string& slot_id);

struct ChangeRequest {
  const BookableService* service = nullptr;
  AppointmentState state = AppointmentState::kToDeliver;
  absl::Time start;
  Actor actor;
  std::string appointment_cpi_code;
  absl::Time now;
};

// Whether `actor` may cancel or move the appointment now:
//   APPOINTMENT_NOT_OPEN        FAILED_PRECONDITION unless to_deliver
//   CITIZEN_CHANGE_NOT_ALLOWED  PERMISSION_DENIED   citizen, service without citizen changes
//   CHANGE_DEADLINE_PASSED      FAILED_PRECONDITION citizen, now > start - deadline hours
//   OPERATOR_OUT_OF_CPI         PERMISSION_DENIED   operator of another CPI
// Contact centre and administrators may change open appointments at any time.
absl::Status CheckCitizenOrStaffChange(const ChangeRequest& r);

enum class Attendance { kDelivered, kNoShow, kJustified };

// Records attendance, returning the new state. Only operators of the appointment's CPI and
// administrators (otherwise STAFF_ONLY / OPERATOR_OUT_OF_CPI, PERMISSION_DENIED).
//   kDelivered, kNoShow: from to_deliver (APPOINTMENT_NOT_OPEN) and once the appointment has
//                        started (ATTENDANCE_BEFORE_START), both FAILED_PRECONDITION
//   kJustified:          from no_show (NOT_A_NO_SHOW) and only once (ALREADY_JUSTIFIED), both
//                        FAILED_PRECONDITION; the state stays no_show and the caller sets the
//                        justified flag
absl::StatusOr<AppointmentState> ApplyAttendance(AppointmentState current, bool justified_already,
                                                 Attendance a, absl::Time start, absl::Time now,
                                                 const Actor& actor,
                                                 const std::string& appointment_cpi_code);

// The least-loaded operator: the one with the fewest open appointments that day (missing from
// `open_counts`: none); ties go to the smallest id. "" when there is no operator.
std::string PickOperator(const std::vector<std::string>& operator_ids,
                         const std::map<std::string, int>& open_counts);

// Masks a fiscal code for lists shown to staff: the first 6 characters (of the normalized code),
// then one '*' for each other character. Codes of 6 characters or fewer are masked entirely.
std::string MaskFiscalCode(absl::string_view code);

// The meeting room of a video-call appointment: `url_template` (booking.video_meeting_url, e.g.
// "https://videocolloqui.example.it/cpi/{appointment_id}") with the appointment's id in place of
// "{appointment_id}"; "" for other delivery modes or without a template.
std::string VideoMeetingLink(absl::string_view url_template, absl::string_view appointment_id,
                             DeliveryMode mode);
// A usable template: "" or https:// with "{appointment_id}" in it. INVALID_ARGUMENT
// INVALID_CONFIG otherwise.
absl::Status ValidateVideoMeetingUrl(absl::string_view url_template);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_DOMAIN_APPOINTMENT_H_
