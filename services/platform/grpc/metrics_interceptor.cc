#include "services/platform/grpc/metrics_interceptor.h"

#include <chrono>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/platform/metrics.h"

namespace sisl::platform {
namespace {

class MetricsInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit MetricsInterceptor(std::string method)
      : method_(std::move(method)), start_(std::chrono::steady_clock::now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    using grpc::experimental::InterceptionHookPoints;
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const double seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
      const int code = static_cast<int>(methods->GetSendStatus().error_code());
      auto& registry = MetricsRegistry::Global();
      registry
          .GetHistogram("grpc_server_handling_seconds", "gRPC call latency", {{"method", method_}})
          .Observe(seconds);
      registry
          .GetCounter("grpc_server_handled_total", "gRPC calls by status code",
                      {{"method", method_}, {"code", absl::StrCat(code)}})
          .Increment();
    }
    methods->Proceed();
  }

 private:
  std::string method_;
  std::chrono::steady_clock::time_point start_;
};

class Factory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    return new MetricsInterceptor(info->method());
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
NewMetricsInterceptorFactory() {
  return std::make_unique<Factory>();
}

}  // namespace sisl::platform
