#ifndef SISL_PLATFORM_GRPC_METRICS_INTERCEPTOR_H_
#define SISL_PLATFORM_GRPC_METRICS_INTERCEPTOR_H_

#include <memory>

#include "grpcpp/support/server_interceptor.h"

namespace sisl::platform {

// Records grpc_server_handling_seconds{method} and grpc_server_handled_total{method,code}.
std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
NewMetricsInterceptorFactory();

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_GRPC_METRICS_INTERCEPTOR_H_
