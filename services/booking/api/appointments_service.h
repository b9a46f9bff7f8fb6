#ifndef SISL_BOOKING_API_APPOINTMENTS_SERVICE_H_
#define SISL_BOOKING_API_APPOINTMENTS_SERVICE_H_

#include "services/booking/app/appointment_manager.h"
#include "services/platform/grpc/call.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"

namespace sisl::booking {

// sisl.booking.v1.AppointmentsService: proto <-> AppointmentManager; identity from the token.
class AppointmentsServiceImpl final : public v1::AppointmentsService::Service {
 public:
  AppointmentsServiceImpl(AppointmentManager& manager, const platform::CallHandler& calls)
      : manager_(manager), calls_(calls) {}

  grpc::Status BookAppointment(grpc::ServerContext* c, const v1::BookAppointmentRequest* r,
                               v1::BookAppointmentResponse* out) override;
  grpc::Status GetAppointment(grpc::ServerContext* c, const v1::GetAppointmentRequest* r,
                              v1::GetAppointmentResponse* out) override;
  grpc::Status MoveAppointment(grpc::ServerContext* c, const v1::MoveAppointmentRequest* r,
                               v1::MoveAppointmentResponse* out) override;
  grpc::Status CancelAppointment(grpc::ServerContext* c, const v1::CancelAppointmentRequest* r,
                                 v1::CancelAppointmentResponse* out) override;
  grpc::Status RecordAttendance(grpc::ServerContext* c, const v1::RecordAttendanceRequest* r,
                                v1::RecordAttendanceResponse* out) override;
  grpc::Status ListMyAppointments(grpc::ServerContext* c, const v1::ListMyAppointmentsRequest* r,
                                  v1::ListMyAppointmentsResponse* out) override;
  grpc::Status ListSiteAppointments(grpc::ServerContext* c,
                                    const v1::ListSiteAppointmentsRequest* r,
                                    v1::ListSiteAppointmentsResponse* out) override;
  grpc::Status SearchAppointments(grpc::ServerContext* c, const v1::SearchAppointmentsRequest* r,
                                  v1::SearchAppointmentsResponse* out) override;
  grpc::Status CloseSiteDay(grpc::ServerContext* c, const v1::CloseSiteDayRequest* r,
                            v1::CloseSiteDayResponse* out) override;
  grpc::Status GetAppointmentIcs(grpc::ServerContext* c, const v1::GetAppointmentIcsRequest* r,
                                 v1::GetAppointmentIcsResponse* out) override;
  grpc::Status GetAppointmentContact(grpc::ServerContext* c,
                                     const v1::GetAppointmentContactRequest* r,
                                     v1::GetAppointmentContactResponse* out) override;

 private:
  AppointmentManager& manager_;
  const platform::CallHandler& calls_;
};

// The proto form; the fiscal code is shown in full to its citizen and masked for staff lists.
v1::Appointment ToProto(const Appointment& a, bool mask_fiscal_code);

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_APPOINTMENTS_SERVICE_H_
