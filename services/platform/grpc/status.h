#ifndef SISL_PLATFORM_GRPC_STATUS_H_
#define SISL_PLATFORM_GRPC_STATUS_H_

#include "absl/strings/string_view.h"
#include <string_view>

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace sisl::platform {

// The one place where an absl::Status becomes a gRPC status. The details carry a google.rpc.Status
// with an ErrorInfo (reason, domain, metadata) and, for field errors, a BadRequest. INTERNAL and
// UNKNOWN errors are logged and answered with a generic message, never with internals.
grpc::Status ToGrpcStatus(const absl::Status& status, absl::string_view domain);

// The reverse, for clients and tests: code, message, reason, metadata and field violations.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_GRPC_STATUS_H_
