#include "services/platform/grpc/metrics_interceptor.h"

#include <chrono>
#include <string>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/platform/metrics.h"

namespace sisl::platform {
namespace {

// The registry's families are looked up once per method and status code, not once per call.
class MetricCache final {
 public:
  Histogram& Latency(const std::string& method) {
    {
      absl::ReaderMutexLock lock(&mu_);
      if (auto it = latency_.find(method); it != latency_.end()) return *it->second;
    }
    Histogram& h = MetricsRegistry::Global().GetHistogram("grpc_server_handling_seconds",
                                                          "gRPC call latency", {{"method", method}});
    absl::MutexLock lock(&mu_);
    latency_.emplace(method, &h);
    return h;
  }
  Counter& Handled(const std::string& method, int code) {
    const std::string key = absl::StrCat(method, "#", code);
    {
      absl::ReaderMutexLock lock(&mu_);
      if (auto it = handled_.find(key); it != handled_.end()) return *it->second;
    }
    Counter& c = MetricsRegistry::Global().GetCounter(
        "grpc_server_handled_total", "gRPC calls by status code",
        {{"method", method}, {"code", absl::StrCat(code)}});
    absl::MutexLock lock(&mu_);
    handled_.emplace(key, &c);
    return c;
  }

 private:
  absl::Mutex mu_;
  std::unordered_map<std::string, Histogram*> latency_ ABSL_GUARDED_BY(mu_);
  std::unordered_map<std::string, Counter*> handled_ ABSL_GUARDED_BY(mu_);
};

MetricCache& Cache() {
  static MetricCache* cache = new MetricCache();
  return *cache;
}

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
      Cache().Latency(method_).Observe(seconds);
      Cache().Handled(method_, code).Increment();
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
