#ifndef SISL_BOOKING_API_GRPC_ERRORS_H_
#define SISL_BOOKING_API_GRPC_ERRORS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"
#include "services/platform/grpc/status.h"

namespace sisl::booking {

// The ErrorInfo domain of every booking error.
inline constexpr char kErrorDomain[] = "booking.sisl.regione.piemonte.it";

// The booking handlers' one way to turn a failure into a gRPC status.
inline grpc::Status Fail(const absl::Status& status) {
  return platform::ToGrpcStatus(status, kErrorDomain);
}

}  // namespace sisl::booking

#endif  // SISL_BOOKING_API_GRPC_ERRORS_H_
