#include "services/booking/domain/appointment.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/platform/errors.h"
#include "services/reference/fiscal_code.h"

namespace sisl::booking {
namespace {

using platform::Error;
using Code = absl::StatusCode;

constexpr int kLegalMinimumAge = 15;  // younger people cannot register with a CPI

constexpr std::pair<AppointmentState, const char*> kStateNames[] = {
    {AppointmentState::kToDeliver, "to_deliver"},
    {AppointmentState::kDelivered, "delivered"},
    {AppointmentState::kCancelledByCitizen, "cancelled_by_citizen"},
    {AppointmentState::kCancelledByOperator, "cancelled_by_operator"},
    {AppointmentState::kMoved, "moved"},
    {AppointmentState::kNoShow, "no_show"},
};

std::string TimeText(absl::Time t) {
  return absl::FormatTime(absl::RFC3339_sec, t, absl::UTCTimeZone());
}

// How a delivery mode reads in messages and in metadata.
std::pair<absl::string_view, absl::string_view> ModeWords(DeliveryMode m) {
  switch (m) {
    case DeliveryMode::kInPerson:
      return {"in person", "in_person"};
    case DeliveryMode::kVideoCall:
      return {"by video call", "video_call"};
    case DeliveryMode::kPhone:
      return {"by phone", "phone"};
  }
  return {"in this way", "unknown"};
}

bool LooksLikeEmail(const std::string& s) {
  for (unsigned char c : s) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  const size_t at = s.find('@');
  return at != std::string::npos && at > 0 && s.find('@', at + 1) == std::string::npos &&
         s.find('.', at) != std::string::npos && s.back() != '.' && s.back() != '@';
}

bool LooksLikeMobile(const std::string& s) {
  const size_t first = !s.empty() && s[0] == '+' ? 1 : 0;
  const size_t digits = s.size() - first;
  if (digits < 8 || digits > 15) return false;
  return std::all_of(s.begin() + first, s.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

absl::Status OperatorOutOfCpi(const Actor& actor, const std::string& cpi_code) {
  return Error(Code::kPermissionDenied, "OPERATOR_OUT_OF_CPI",
               absl::StrCat("Operators may act only for their own Centro per l'impiego (",
                            actor.cpi_code, "); this belongs to ", cpi_code, "."),
               {{"operator_cpi_code", actor.cpi_code}, {"cpi_code", cpi_code}});
}

}  // namespace

absl::string_view StateName(AppointmentState state) {
  for (const auto& [s, name] : kStateNames) {
    if (s == state) return name;
  }
  return "unknown";
}

bool ParseState(absl::string_view name, AppointmentState* state) {
  for (const auto& [s, n] : kStateNames) {
    if (name == n) {
      *state = s;
      return true;
    }
  }
  return false;
}

absl::Status SlotTakenError(const std::string& slot_id) {
  return Error(Code::kResourceExhausted, "SLOT_TAKEN",
               "This time slot has just been fully booked; please choose another one.",
               {{"slot_id", slot_id}});
}

absl::Status CheckBooking(const BookingRequest& r) {
  if (r.service == nullptr) {
    return Error(Code::kInternal, "SERVICE_MISSING", "The service of the slot is not known.",
                 {{"slot_id", r.slot.id}});
  }
  const BookableService& service = *r.service;
  const bool by_citizen = r.actor.role == ActorRole::kCitizen;

  if (by_citizen && !service.citizen_self_booking) {
    return Error(Code::kPermissionDenied, "SELF_BOOKING_NOT_ALLOWED",
                 absl::StrCat("The service \"", service.name_en,
                              "\" cannot be booked online: please contact your Centro per "
                              "l'impiego or the regional contact centre."),
                 {{"service_code", service.code}});
  }
  if (r.actor.role == ActorRole::kOperator && r.slot.cpi_code != r.actor.cpi_code) {
    return OperatorOutOfCpi(r.actor, r.slot.cpi_code);
  }
  if (!service.Offers(r.mode)) {
    return Error(
        Code::kInvalidArgument, "DELIVERY_MODE_NOT_OFFERED",
        absl::StrCat("The service \"", service.name_en, "\" is not offered ",
                     ModeWords(r.mode).first, "."),
        {{"service_code", service.code}, {"delivery_mode", std::string(ModeWords(r.mode).second)}});
  }
  if (r.slot.start <= r.now) {
    return Error(Code::kFailedPrecondition, "SLOT_IN_PAST",
                 "This time slot has already started or passed; please choose another one.",
                 {{"slot_id", r.slot.id}, {"slot_start", TimeText(r.slot.start)}});
  }
  if (by_citizen && r.slot.start - r.now < absl::Hours(service.minimum_notice_hours)) {
    return Error(Code::kFailedPrecondition, "MINIMUM_NOTICE_NOT_MET",
                 absl::StrCat("Appointments for this service must be booked at least ",
                              service.minimum_notice_hours,
                              " hours in advance; please choose a later time slot."),
                 {{"slot_id", r.slot.id},
                  {"minimum_notice_hours", absl::StrCat(service.minimum_notice_hours)}});
  }
  if (by_citizen && r.slot.start > r.now + absl::Hours(24 * service.booking_horizon_days)) {
    return Error(Code::kFailedPrecondition, "OUTSIDE_BOOKING_HORIZON",
                 absl::StrCat("Appointments for this service can be booked at most ",
                              service.booking_horizon_days,
                              " days in advance; please choose an earlier time slot."),
                 {{"slot_id", r.slot.id},
                  {"booking_horizon_days", absl::StrCat(service.booking_horizon_days)}});
  }

  const std::string fiscal_code = reference::NormalizeFiscalCode(r.citizen.fiscal_code);
  if (absl::Status st = reference::ValidateFiscalCode(fiscal_code); !st.ok()) return st;
  if (!LooksLikeEmail(r.citizen.email) && !LooksLikeMobile(r.citizen.mobile)) {
    return Error(Code::kFailedPrecondition, "NO_CONTACT_FOR_NOTIFICATIONS",
                 "A valid e-mail address or mobile number is needed to send the confirmation "
                 "and reminders of the appointment; please add one to the personal data.");
  }
  // A move keeps the eligibility checked when the appointment was first booked.
  if (service.requires_piedmont_domicile && r.citizen.domicile_municipality.empty() &&
      r.moving_appointment_id.empty()) {
    return platform::InvalidField("DOMICILE_REQUIRED", "citizen.domicile_municipality",
                                  "choose the municipality of domicile from the list");
  }
  if (service.requires_piedmont_domicile && !r.citizen.domiciled_in_piedmont) {
    return Error(Code::kFailedPrecondition, "NOT_DOMICILED_IN_PIEDMONT",
                 "This service is reserved for people domiciled in Piemonte; please contact the "
                 "employment centre of the region of domicile.",
                 {{"service_code", service.code}});
  }
  const absl::StatusOr<absl::CivilDay> birth =
      reference::BirthDateFromFiscalCode(fiscal_code, r.today_local);
  if (!birth.ok()) {
    return platform::InvalidField("INVALID_FISCAL_CODE_FORMAT", "fiscal_code",
                                  "the birth date in the fiscal code does not exist");
  }
  const int age = reference::AgeOn(*birth, r.today_local);
  const int minimum_age = std::max(service.minimum_age, kLegalMinimumAge);
  if (age < minimum_age) {
    return Error(Code::kFailedPrecondition, "UNDER_MINIMUM_AGE",
                 absl::StrCat("This service is available from the age of ", minimum_age, "."),
                 {{"service_code", service.code}, {"minimum_age", absl::StrCat(minimum_age)}});
  }
  if (age == kLegalMinimumAge && minimum_age == kLegalMinimumAge &&
      !r.citizen.compulsory_schooling_completed) {
    return Error(Code::kFailedPrecondition, "COMPULSORY_SCHOOLING_NOT_COMPLETED",
                 "At 15 this service is available only after completing compulsory schooling.",
                 {{"service_code", service.code}});
  }

  const auto considered = [&r](const OpenAppointment& a) {
    return r.moving_appointment_id.empty() || a.id != r.moving_appointment_id;
  };
  for (const OpenAppointment& a : r.open_appointments) {
    if (considered(a) && a.service_code == service.code) {
      return Error(Code::kAlreadyExists, "ALREADY_BOOKED_FOR_SERVICE",
                   "There is already an open appointment for this service: it can be moved, or "
                   "cancelled before booking a new one.",
                   {{"appointment_id", a.id},
                    {"appointment_start", TimeText(a.start)},
                    {"service_code", service.code}});
    }
  }
  for (const OpenAppointment& a : r.open_appointments) {
    if (considered(a) && a.start < r.slot.end && r.slot.start < a.end) {
      return Error(Code::kFailedPrecondition, "APPOINTMENT_OVERLAP",
                   "This time slot overlaps another open appointment; please choose another time.",
                   {{"appointment_id", a.id},
                    {"appointment_start", TimeText(a.start)},
                    {"slot_id", r.slot.id}});
    }
  }
  if (r.slot.booked >= r.slot.capacity) return SlotTakenError(r.slot.id);
  return absl::OkStatus();
}

absl::Status CheckCitizenOrStaffChange(const ChangeRequest& r) {
  if (r.service == nullptr) {
    return Error(Code::kInternal, "SERVICE_MISSING",
                 "The service of the appointment is not known.");
  }
  if (r.state != AppointmentState::kToDeliver) {
    return Error(Code::kFailedPrecondition, "APPOINTMENT_NOT_OPEN",
                 "Only appointments still to be delivered can be cancelled or moved.",
                 {{"state", std::string(StateName(r.state))}});
  }
  switch (r.actor.role) {
    case ActorRole::kCitizen: {
      if (!r.service->citizen_can_change) {
        return Error(Code::kPermissionDenied, "CITIZEN_CHANGE_NOT_ALLOWED",
                     "Appointments for this service cannot be cancelled or moved online; please "
                     "contact your Centro per l'impiego or the regional contact centre.",
                     {{"service_code", r.service->code}});
      }
      const absl::Time deadline = r.start - absl::Hours(r.service->citizen_change_deadline_hours);
      if (r.now > deadline) {
        return Error(Code::kFailedPrecondition, "CHANGE_DEADLINE_PASSED",
                     absl::StrCat("Appointments for this service can be cancelled or moved "
                                  "online up to ",
                                  r.service->citizen_change_deadline_hours,
                                  " hours before they start; please contact your Centro per "
                                  "l'impiego."),
                     {{"service_code", r.service->code}, {"deadline", TimeText(deadline)}});
      }
      return absl::OkStatus();
    }
    case ActorRole::kOperator:
      if (r.appointment_cpi_code != r.actor.cpi_code) {
        return OperatorOutOfCpi(r.actor, r.appointment_cpi_code);
      }
      return absl::OkStatus();
    case ActorRole::kContactCentre:
    case ActorRole::kAdmin:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

absl::StatusOr<AppointmentState> ApplyAttendance(AppointmentState current, bool justified_already,
                                                 Attendance a, absl::Time start, absl::Time now,
                                                 const Actor& actor,
                                                 const std::string& appointment_cpi_code) {
  if (actor.role != ActorRole::kOperator && actor.role != ActorRole::kAdmin) {
    return Error(Code::kPermissionDenied, "STAFF_ONLY",
                 "Attendance is recorded by the operators of the Centro per l'impiego.");
  }
  if (actor.role == ActorRole::kOperator && appointment_cpi_code != actor.cpi_code) {
    return OperatorOutOfCpi(actor, appointment_cpi_code);
  }
  const std::map<std::string, std::string> state_meta = {
      {"state", std::string(StateName(current))}};
  if (a == Attendance::kJustified) {
    if (current != AppointmentState::kNoShow) {
      return Error(Code::kFailedPrecondition, "NOT_A_NO_SHOW",
                   "Only a missed appointment (no-show) can be justified.", state_meta);
    }
    if (justified_already) {
      return Error(Code::kFailedPrecondition, "ALREADY_JUSTIFIED",
                   "The absence from this appointment has already been justified.");
    }
    return AppointmentState::kNoShow;
  }
  if (current != AppointmentState::kToDeliver) {
    return Error(Code::kFailedPrecondition, "APPOINTMENT_NOT_OPEN",
                 "Attendance can be recorded only for appointments still to be delivered.",
                 state_meta);
  }
  if (now < start) {
    return Error(Code::kFailedPrecondition, "ATTENDANCE_BEFORE_START",
                 "Attendance can be recorded only once the appointment has started.",
                 {{"start", TimeText(start)}});
  }
  return a == Attendance::kDelivered ? AppointmentState::kDelivered : AppointmentState::kNoShow;
}

std::string PickOperator(const std::vector<std::string>& operator_ids,
                         const std::map<std::string, int>& open_counts) {
  const auto count = [&open_counts](const std::string& id) {
    const auto it = open_counts.find(id);
    return it == open_counts.end() ? 0 : it->second;
  };
  const std::string* best = nullptr;
  for (const std::string& id : operator_ids) {
    if (best == nullptr || count(id) < count(*best) || (count(id) == count(*best) && id < *best)) {
      best = &id;
    }
  }
  return best == nullptr ? "" : *best;
}

std::string MaskFiscalCode(absl::string_view code) {
  std::string masked = reference::NormalizeFiscalCode(code);
  constexpr size_t kShown = 6;
  for (size_t i = masked.size() <= kShown ? 0 : kShown; i < masked.size(); ++i) masked[i] = '*';
  return masked;
}

std::string VideoMeetingLink(absl::string_view url_template, absl::string_view appointment_id,
                             DeliveryMode mode) {
  if (mode != DeliveryMode::kVideoCall || url_template.empty()) return "";
  return absl::StrReplaceAll(url_template, {{"{appointment_id}", appointment_id}});
}

absl::Status ValidateVideoMeetingUrl(absl::string_view url_template) {
  if (url_template.empty() || (absl::StartsWith(url_template, "https://") &&
                               absl::StrContains(url_template, "{appointment_id}"))) {
    return absl::OkStatus();
  }
  return Error(absl::StatusCode::kInvalidArgument, "INVALID_CONFIG",
               "booking.video_meeting_url: an https:// URL with {appointment_id} in it");
}

}  // namespace sisl::booking
