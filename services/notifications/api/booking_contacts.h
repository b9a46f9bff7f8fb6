// The ContactSource adapter over booking's gRPC API: AppointmentsService.GetAppointmentContact,
// called with this service's own token (role notifier; booking audits every read with the
// reason given).
#ifndef SISL_SERVICES_NOTIFICATIONS_API_BOOKING_CONTACTS_H_
#define SISL_SERVICES_NOTIFICATIONS_API_BOOKING_CONTACTS_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "services/notifications/app/deps.h"
#include "sisl/booking/v1/appointments.grpc.pb.h"

namespace sisl::notifications::api {

class BookingContacts final : public ContactSource {
 public:
  // `token` gives a fresh internal token addressed to booking for each call.
  BookingContacts(std::shared_ptr<grpc::Channel> channel, std::function<std::string()> token,
                  absl::Duration timeout = absl::Seconds(5));

  // NOT_FOUND APPOINTMENT_NOT_FOUND when booking has no such appointment (permanent); anything
  // else booking answers, or no answer, is UNAVAILABLE BOOKING_UNAVAILABLE (retried: a refused
  // token is a configuration to fix, after which the retry succeeds).
  absl::StatusOr<AppointmentContact> ForAppointment(const std::string& appointment_id,
                                                    const std::string& reason,
                                                    bool with_ics) override;

 private:
  std::unique_ptr<booking::v1::AppointmentsService::Stub> stub_;
  std::function<std::string()> token_;
  absl::Duration timeout_;
};

}  // namespace sisl::notifications::api

#endif  // SISL_SERVICES_NOTIFICATIONS_API_BOOKING_CONTACTS_H_
