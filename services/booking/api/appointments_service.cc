#include "services/booking/api/appointments_service.h"

#include "google/protobuf/util/time_util.h"
#include "services/booking/api/grpc_errors.h"
#include "services/booking/store/calendar_json.h"
#include "services/platform/errors.h"
#include "services/platform/grpc/server_host.h"
#include "services/platform/log.h"

namespace sisl::booking {
namespace {

using google::protobuf::util::TimeUtil;
using platform::auth::Caller;

Citizen CitizenFromProto(const v1::CitizenContact& p) {
  Citizen c;
  c.fiscal_code = p.fiscal_code();
  c.email = p.email();
  c.mobile = p.mobile();
  c.domicile_municipality = p.domicile_municipality();
  c.domiciled_in_piedmont = p.domiciled_in_piedmont();
  c.compulsory_schooling_completed = p.compulsory_schooling_completed();
  c.language = p.language().empty() ? "it" : p.language();
  return c;
}

absl::StatusOr<DeliveryMode> ModeFromProto(v1::DeliveryMode m) {
  if (m == v1::DELIVERY_MODE_UNSPECIFIED) {
    return platform::InvalidField("DELIVERY_MODE_REQUIRED", "delivery_mode",
                                  "choose in person, video call or phone");
  }
  return static_cast<DeliveryMode>(m);
}

template <typename Response>
void FillPage(const AppointmentManager::Page& page, bool mask, Response* out) {
  for (const auto& a : page.first) *out->add_appointments() = ToProto(a, mask);
  out->set_next_page_token(page.second);
}

}  // namespace

v1::Appointment ToProto(const StoredAppointment& a, bool mask) {
  v1::Appointment p;
  p.set_id(a.id);
  p.set_service_code(a.service_code);
  p.set_site_code(a.site_code);
  p.set_slot_id(a.slot_id);
  *p.mutable_start_time() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(a.start));
  *p.mutable_end_time() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(a.end));
  p.set_delivery_mode(static_cast<v1::DeliveryMode>(a.mode));
  p.set_state(static_cast<v1::AppointmentState>(static_cast<int>(a.state) + 1));
  p.set_fiscal_code(mask ? MaskFiscalCode(a.fiscal_code) : a.fiscal_code);
  p.set_operator_id(a.operator_id);
  p.set_booked_by_role(a.booked_by_role);
  p.set_cancellation_reason(static_cast<v1::CancellationReason>(a.cancellation_reason));
  p.set_note(a.note);
  p.set_moved_to(a.moved_to);
  p.set_moved_from(a.moved_from);
  p.set_no_show_justified(a.no_show_justified);
  p.set_sequence(a.sequence);
  *p.mutable_create_time() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(a.created_at));
  *p.mutable_update_time() = TimeUtil::MicrosecondsToTimestamp(absl::ToUnixMicros(a.updated_at));
  return p;
}

#define SISL_CALLER(context)                                   \
  const std::string cid = platform::CorrelationIdOf(*context); \
  platform::log::ScopedCorrelationId scoped_cid(cid);          \
  auto caller = tokens_.FromContext(*context);                 \
  if (!caller.ok()) return Fail(caller.status())

grpc::Status AppointmentsServiceImpl::BookAppointment(grpc::ServerContext* context,
                                                      const v1::BookAppointmentRequest* r,
                                                      v1::BookAppointmentResponse* out) {
  SISL_CALLER(context);
  auto mode = ModeFromProto(r->delivery_mode());
  if (!mode.ok()) return Fail(mode.status());
  BookCommand cmd{r->slot_id(), *mode, CitizenFromProto(r->citizen()), r->note(),
                  r->request_id()};
  auto a = manager_.Book(*caller, cmd, cid);
  if (!a.ok()) return Fail(a.status());
  *out->mutable_appointment() = ToProto(*a, false);
  return grpc::Status::OK;
}

grpc::Status AppointmentsServiceImpl::GetAppointment(grpc::ServerContext* context,
                                                     const v1::GetAppointmentRequest* r,
                                                     v1::GetAppointmentResponse* out) {
  SISL_CALLER(context);
  auto a = manager_.Get(*caller, r->id(), r->access_reason());
  if (!a.ok()) return Fail(a.status());
  *out->mutable_appointment() = ToProto(*a, false);
  return grpc::Status::OK;
}

grpc::Status AppointmentsServiceImpl::MoveAppointment(grpc::ServerContext* context,
                                                      const v1::MoveAppointmentRequest* r,
                                                      v1::MoveAppointmentResponse* out) {
  SISL_CALLER(context);
  auto mode = ModeFromProto(r->delivery_mode());
  if (!mode.ok()) return Fail(mode.status());
  BookCommand cmd{r->new_slot_id(), *mode, {}, r->note(), r->request_id()};
  auto a = manager_.Move(*caller, r->id(), cmd, cid);
  if (!a.ok()) return Fail(a.status());
  *out->mutable_appointment() = ToProto(*a, false);
  return grpc::Status::OK;
}

grpc::Status AppointmentsServiceImpl::CancelAppointment(grpc::ServerContext* context,
                                                        const v1::CancelAppointmentRequest* r,
                                                        v1::CancelAppointmentResponse* out) {
  SISL_CALLER(context);
  auto a = manager_.Cancel(*caller, r->id(), r->reason(), r->note(), cid);
  if (!a.ok()) return Fail(a.status());
  *out->mutable_appointment() = ToProto(*a, false);
  return grpc::Status::OK;
}

grpc::Status AppointmentsServiceImpl::RecordAttendance(grpc::ServerContext* context,
                                                       const v1::RecordAttendanceRequest* r,
                                                       v1::RecordAttendanceResponse* out) {
  SISL_CALLER(context);
  Attendance attendance;
  switch (r->attendance()) {
    case v1::ATTENDANCE_DELIVERED: attendance = Attendance::kDelivered; break;
    case v1::ATTENDANCE_NO_SHOW: attendance = Attendance::kNoShow; break;
    case v1::ATTENDANCE_JUSTIFIED: attendance = Attendance::kJustified; break;
    default:
      return Fail(platform::InvalidField("ATTENDANCE_REQUIRED", "attendance",
                                         "choose delivered, no-show or justified"));
  }
  auto a = manager_.RecordAttendance(*caller, r->id(), attendance, r->note(), cid);
  if (!a.ok()) return Fail(a.status());
  *out->mutable_appointment() = ToProto(*a, false);
  return grpc::Status::OK;
}

grpc::Status AppointmentsServiceImpl::ListMyAppointments(grpc::ServerContext* context,
                                                         const v1::ListMyAppointmentsRequest* r,
                                                         v1::ListMyAppointmentsResponse* out) {
  SISL_CALLER(context);
  auto page = manager_.ListMine(*caller, r->page_size(), r->page_token());
  if (!page.ok()) return Fail(page.status());
  FillPage(*page, false, out);
  return grpc::Status::OK;
}

grpc::Status AppointmentsServiceImpl::ListSiteAppointments(
    grpc::ServerContext* context, const v1::ListSiteAppointmentsRequest* r,
    v1::ListSiteAppointmentsResponse* out) {
  SISL_CALLER(context);
  absl::CivilDay day;
  if (!ParseDay(r->date(), &day)) {
    return Fail(platform::InvalidField("INVALID_DATE", "date", "must be YYYY-MM-DD"));
  }
  auto page = manager_.ListSiteDay(*caller, r->site_code(), day, r->page_size(), r->page_token());
  if (!page.ok()) return Fail(page.status());
  FillPage(*page, true, out);
  return grpc::Status::OK;
}

grpc::Status AppointmentsServiceImpl::SearchAppointments(grpc::ServerContext* context,
                                                         const v1::SearchAppointmentsRequest* r,
                                                         v1::SearchAppointmentsResponse* out) {
  SISL_CALLER(context);
  auto page = manager_.Search(*caller, r->fiscal_code(), r->access_reason(), r->page_size(),
                              r->page_token());
  if (!page.ok()) return Fail(page.status());
  FillPage(*page, false, out);
  return grpc::Status::OK;
}

grpc::Status AppointmentsServiceImpl::CloseSiteDay(grpc::ServerContext* context,
                                                   const v1::CloseSiteDayRequest* r,
                                                   v1::CloseSiteDayResponse* out) {
  SISL_CALLER(context);
  absl::CivilDay day;
  if (!ParseDay(r->date(), &day)) {
    return Fail(platform::InvalidField("INVALID_DATE", "date", "must be YYYY-MM-DD"));
  }
  auto cancelled = manager_.CloseSiteDay(*caller, r->site_code(), day, r->reason(), cid);
  if (!cancelled.ok()) return Fail(cancelled.status());
  for (const auto& a : *cancelled) *out->add_cancelled() = ToProto(a, true);
  return grpc::Status::OK;
}

grpc::Status AppointmentsServiceImpl::GetAppointmentIcs(grpc::ServerContext* context,
                                                        const v1::GetAppointmentIcsRequest* r,
                                                        v1::GetAppointmentIcsResponse* out) {
  SISL_CALLER(context);
  auto ics = manager_.Ics(*caller, r->id());
  if (!ics.ok()) return Fail(ics.status());
  out->set_ics(*ics);
  return grpc::Status::OK;
}

#undef SISL_CALLER

}  // namespace sisl::booking
