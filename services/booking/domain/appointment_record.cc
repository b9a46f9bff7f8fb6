#include "services/booking/domain/appointment_record.h"

#include "services/platform/errors.h"

namespace sisl::booking {

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
