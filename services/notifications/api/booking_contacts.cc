#include "services/notifications/api/booking_contacts.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "grpcpp/client_context.h"
#include "services/platform/auth/internal_token.h"
#include "services/platform/errors.h"

namespace sisl::notifications::api {

BookingContacts::BookingContacts(std::shared_ptr<grpc::Channel> channel,
                                 std::function<std::string()> token, absl::Duration timeout)
    : stub_(booking::v1::AppointmentsService::NewStub(std::move(channel))),
      token_(std::move(token)),
      timeout_(timeout) {}

absl::StatusOr<AppointmentContact> BookingContacts::ForAppointment(
    const std::string& appointment_id, const std::string& reason, bool with_ics) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(absl::ToInt64Milliseconds(timeout_)));
  context.AddMetadata(platform::auth::kTokenMetadataKey, token_());
  booking::v1::GetAppointmentContactRequest request;
  request.set_appointment_id(appointment_id);
  request.set_access_reason(reason);
  request.set_with_ics(with_ics);
  booking::v1::GetAppointmentContactResponse response;
  const grpc::Status st = stub_->GetAppointmentContact(&context, request, &response);
  if (st.error_code() == grpc::StatusCode::NOT_FOUND) {
    return platform::Error(absl::StatusCode::kNotFound, "APPOINTMENT_NOT_FOUND",
                           "booking has no such appointment");
  }
  if (!st.ok()) {
    // The message is booking's own (no personal data); the code tells what to fix.
    return platform::Error(
        absl::StatusCode::kUnavailable, "BOOKING_UNAVAILABLE",
        absl::StrCat("booking's contact data not available: ", static_cast<int>(st.error_code()),
                     " ", st.error_message()));
  }
  return AppointmentContact{response.email(), response.mobile(), response.fiscal_code(),
                            response.ics()};
}

}  // namespace sisl::notifications::api
