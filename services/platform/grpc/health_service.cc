#include "services/platform/grpc/health_service.h"

#include <chrono>

namespace sisl::platform {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

void HealthService::AddServiceName(std::string name) {
  std::lock_guard lock(mu_);
  names_.insert(std::move(name));
}

void HealthService::SetServing(bool serving) {
  {
    std::lock_guard lock(mu_);
    serving_ = serving;
  }
  cv_.notify_all();
}

void HealthService::Shutdown() {
  {
    std::lock_guard lock(mu_);
    serving_ = false;
    shutdown_ = true;
  }
  cv_.notify_all();
}

HealthCheckResponse::ServingStatus HealthService::StatusOf(const std::string& name) const {
  if (!names_.contains(name)) return HealthCheckResponse::SERVICE_UNKNOWN;
  return serving_ ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
}

grpc::Status HealthService::Check(grpc::ServerContext*, const HealthCheckRequest* request,
                                  HealthCheckResponse* response) {
  std::lock_guard lock(mu_);
  const auto status = StatusOf(request->service());
  if (status == HealthCheckResponse::SERVICE_UNKNOWN) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service");
  }
  response->set_status(status);
  return grpc::Status::OK;
}

grpc::Status HealthService::Watch(grpc::ServerContext* context, const HealthCheckRequest* request,
                                  grpc::ServerWriter<HealthCheckResponse>* writer) {
  std::unique_lock lock(mu_);
  auto last = HealthCheckResponse::UNKNOWN;
  while (!shutdown_ && !context->IsCancelled()) {
    const auto status = StatusOf(request->service());
    if (status != last) {
      HealthCheckResponse response;
      response.set_status(status);
      lock.unlock();
      const bool ok = writer->Write(response);
      lock.lock();
      if (!ok) break;
      last = status;
    }
    // Wake up now and then to notice a cancelled call.
    cv_.wait_for(lock, std::chrono::milliseconds(500));
  }
  return grpc::Status::OK;
}

}  // namespace sisl::platform
