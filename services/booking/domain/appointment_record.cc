#include "services/booking/domain/appointment_record.h"

#include "absl/strings/str_cat.h"
#include "services/platform/errors.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {

absl::Status CheckLength(const std::string& value, size_t max, const char* reason,
                         const std::string& field) {
  if (value.size() <= max) return absl::OkStatus();
  return platform::InvalidField(reason, field,
                                absl::StrCat("must be at most ", max, " characters"));
}

absl::Status ValidateNoteAndRequestId(const std::string& note, const std::string& request_id) {
  RETURN_IF_ERROR(CheckLength(note, kMaxNoteLength, "NOTE_TOO_LONG", "note"));
  return CheckLength(request_id, kMaxRequestIdLength, "REQUEST_ID_TOO_LONG", "request_id");
}

absl::Status ValidateReason(const std::string& reason, const std::string& field) {
  return CheckLength(reason, kMaxReasonLength, "REASON_TOO_LONG", field);
}

absl::Status ValidateContactText(const std::string& email, const std::string& mobile,
                                 const std::string& municipality, const std::string& language) {
  RETURN_IF_ERROR(CheckLength(email, kMaxEmailLength, "EMAIL_TOO_LONG", "citizen.email"));
  RETURN_IF_ERROR(CheckLength(mobile, kMaxMobileLength, "MOBILE_TOO_LONG", "citizen.mobile"));
  RETURN_IF_ERROR(CheckLength(municipality, kMaxMunicipalityLength, "MUNICIPALITY_TOO_LONG",
                              "citizen.domicile_municipality"));
  return CheckLength(language, kMaxLanguageLength, "LANGUAGE_TOO_LONG", "citizen.language");
}

absl::Status ValidateCancellation(int reason, const std::string& note) {
  if (reason <= 0 || reason > kCancellationReasonMax) {
    return platform::InvalidField("INVALID_CANCELLATION_REASON", "reason",
                                  "choose a reason from the list");
  }
  if (note.size() > kMaxNoteLength) {
    return platform::InvalidField("NOTE_TOO_LONG", "note", "must be at most 1000 characters");
  }
  return absl::OkStatus();
}

namespace {

void Touch(Appointment& a, absl::Time now) {
  a.sequence += 1;
  a.updated_at = now;
}

}  // namespace

void Cancel(Appointment& a, bool by_citizen, int reason, const std::string& note,
            absl::Time now) {
  a.state = by_citizen ? AppointmentState::kCancelledByCitizen
                       : AppointmentState::kCancelledByOperator;
  a.cancellation_reason = reason;
  a.note = note;
  Touch(a, now);
}

void RecordAttendance(Appointment& a, AppointmentState next, Attendance attendance,
                      const std::string& note, absl::Time now) {
  a.state = next;
  if (attendance == Attendance::kJustified) a.no_show_justified = true;
  if (!note.empty()) a.note = note;
  Touch(a, now);
}

void MoveTo(Appointment& a, const std::string& new_id, absl::Time now) {
  a.state = AppointmentState::kMoved;
  a.moved_to = new_id;
  Touch(a, now);
}

}  // namespace sisl::booking
