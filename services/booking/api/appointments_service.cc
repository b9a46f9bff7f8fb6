#include "services/booking/api/appointments_service.h"

#include "services/booking/api/enum_mappings.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/convert.h"
#include "services/platform/status_macros.h"

namespace sisl::booking {
namespace {

using platform::Call;

Citizen CitizenFromProto(const v1::CitizenContact& p) {
  Citizen c;
  c.fiscal_code = p.fiscal_code();
  c.email = p.email();
  c.mobile = p.mobile();
  c.domicile_municipality = p.domicile_municipality();  // Piedmont or not: derived from it
  c.compulsory_schooling_completed = p.compulsory_schooling_completed();
  c.language = p.language().empty() ? "it" : p.language();
  return c;
}

template <typename Response>
void FillPage(const AppointmentManager::Page& page, bool mask, Response* out) {
  for (const auto& a : page.first) *out->add_appointments() = ToProto(a, mask);
  out->set_next_page_token(page.second);
}

}  // namespace

v1::Appointment ToProto(const Appointment& a, bool mask) {
  v1::Appointment p;
  p.set_id(a.id);
  p.set_service_code(a.service_code);
  p.set_site_code(a.site_code);
  p.set_slot_id(a.slot_id);
  *p.mutable_start_time() = platform::ToTimestamp(a.start);
  *p.mutable_end_time() = platform::ToTimestamp(a.end);
  p.set_delivery_mode(kDeliveryModes.ToProto(a.mode));
  p.set_state(kAppointmentStates.ToProto(a.state));
  p.set_fiscal_code(mask ? MaskFiscalCode(a.fiscal_code) : a.fiscal_code);
  p.set_operator_id(a.operator_id);
  p.set_booked_by_role(a.booked_by_role);
  p.set_cancellation_reason(static_cast<v1::CancellationReason>(a.cancellation_reason));
  p.set_note(a.note);
  p.set_moved_to(a.moved_to);
  p.set_moved_from(a.moved_from);
  p.set_no_show_justified(a.no_show_justified);
  p.set_sequence(a.sequence);
  *p.mutable_create_time() = platform::ToTimestamp(a.created_at);
  *p.mutable_update_time() = platform::ToTimestamp(a.updated_at);
  return p;
}

grpc::Status AppointmentsServiceImpl::BookAppointment(grpc::ServerContext* context,
                                                      const v1::BookAppointmentRequest* r,
                                                      v1::BookAppointmentResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(DeliveryMode mode,
                     kDeliveryModes.FromProto(r->delivery_mode(), "delivery_mode"));
    ASSIGN_OR_RETURN(Appointment a,
                     manager_.Book(call.caller, {r->slot_id(), mode, CitizenFromProto(r->citizen()),
                                                 r->note(), r->request_id()}));
    *out->mutable_appointment() = ToProto(a, false);
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::GetAppointment(grpc::ServerContext* context,
                                                     const v1::GetAppointmentRequest* r,
                                                     v1::GetAppointmentResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Appointment a, manager_.Get(call.caller, r->id(), r->access_reason()));
    *out->mutable_appointment() = ToProto(a, false);
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::MoveAppointment(grpc::ServerContext* context,
                                                      const v1::MoveAppointmentRequest* r,
                                                      v1::MoveAppointmentResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(DeliveryMode mode,
                     kDeliveryModes.FromProto(r->delivery_mode(), "delivery_mode"));
    ASSIGN_OR_RETURN(Appointment a,
                     manager_.Move(call.caller, r->id(),
                                   {r->new_slot_id(), mode, {}, r->note(), r->request_id()}));
    *out->mutable_appointment() = ToProto(a, false);
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::CancelAppointment(grpc::ServerContext* context,
                                                        const v1::CancelAppointmentRequest* r,
                                                        v1::CancelAppointmentResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Appointment a, manager_.Cancel(call.caller, r->id(), r->reason(), r->note()));
    *out->mutable_appointment() = ToProto(a, false);
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::RecordAttendance(grpc::ServerContext* context,
                                                       const v1::RecordAttendanceRequest* r,
                                                       v1::RecordAttendanceResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(Attendance attendance, kAttendances.FromProto(r->attendance(), "attendance"));
    ASSIGN_OR_RETURN(Appointment a,
                     manager_.RecordAttendance(call.caller, r->id(), attendance, r->note()));
    *out->mutable_appointment() = ToProto(a, false);
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::ListMyAppointments(grpc::ServerContext* context,
                                                         const v1::ListMyAppointmentsRequest* r,
                                                         v1::ListMyAppointmentsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(auto page, manager_.ListMine(call.caller, r->page_size(), r->page_token()));
    FillPage(page, false, out);
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::ListSiteAppointments(grpc::ServerContext* context,
                                                           const v1::ListSiteAppointmentsRequest* r,
                                                           v1::ListSiteAppointmentsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(const absl::CivilDay day, platform::ParseDate(r->date(), "date"));
    ASSIGN_OR_RETURN(auto page, manager_.ListSiteDay(call.caller, r->site_code(), day,
                                                     r->page_size(), r->page_token()));
    FillPage(page, true, out);
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::SearchAppointments(grpc::ServerContext* context,
                                                         const v1::SearchAppointmentsRequest* r,
                                                         v1::SearchAppointmentsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(auto page, manager_.Search(call.caller, r->fiscal_code(), r->access_reason(),
                                                r->page_size(), r->page_token()));
    FillPage(page, false, out);
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::CloseSiteDay(grpc::ServerContext* context,
                                                   const v1::CloseSiteDayRequest* r,
                                                   v1::CloseSiteDayResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(const absl::CivilDay day, platform::ParseDate(r->date(), "date"));
    ASSIGN_OR_RETURN(auto cancelled,
                     manager_.CloseSiteDay(call.caller, r->site_code(), day, r->reason()));
    for (const auto& a : cancelled) *out->add_cancelled() = ToProto(a, true);
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::GetAppointmentIcs(grpc::ServerContext* context,
                                                        const v1::GetAppointmentIcsRequest* r,
                                                        v1::GetAppointmentIcsResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(std::string ics, manager_.Ics(call.caller, r->id()));
    out->set_ics(std::move(ics));
    return absl::OkStatus();
  });
}

grpc::Status AppointmentsServiceImpl::GetAppointmentContact(
    grpc::ServerContext* context, const v1::GetAppointmentContactRequest* r,
    v1::GetAppointmentContactResponse* out) {
  return calls_.Authenticated(context, [&](const Call& call) -> absl::Status {
    ASSIGN_OR_RETURN(
        AppointmentContact contact,
        manager_.GetContact(call.caller, r->appointment_id(), r->access_reason(), r->with_ics()));
    out->set_email(std::move(contact.email));
    out->set_mobile(std::move(contact.mobile));
    out->set_language(std::move(contact.language));
    out->set_ics(std::move(contact.ics));
    out->set_fiscal_code(std::move(contact.fiscal_code));
    return absl::OkStatus();
  });
}

}  // namespace sisl::booking
