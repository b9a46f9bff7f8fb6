#ifndef SISL_GATEWAY_STAFF_API_GRPC_ERRORS_H_
#define SISL_GATEWAY_STAFF_API_GRPC_ERRORS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"
#include "services/platform/grpc/status.h"

namespace sisl::gateway::staff {

// The ErrorInfo domain of the gateway's own errors.
inline constexpr char kErrorDomain[] = "gateway.sisl.regione.piemonte.it";

// The staff handlers' one way to turn a failure into a gRPC status.
inline grpc::Status Fail(const absl::Status& status) {
  return platform::ToGrpcStatus(status, kErrorDomain);
}

}  // namespace sisl::gateway::staff

#endif  // SISL_GATEWAY_STAFF_API_GRPC_ERRORS_H_
