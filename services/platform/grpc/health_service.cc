#include "services/platform/grpc/health_service.h"

namespace sisl::platform {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

void HealthService::AddServiceName(std::string name) {
  absl::MutexLock lock(&mu_);
  names_.insert(std::move(name));
}

void HealthService::SetServing(bool serving) {
  absl::MutexLock lock(&mu_);
  serving_ = serving;
  changed_.SignalAll();
}

void HealthService::Shutdown() {
  absl::MutexLock lock(&mu_);
  serving_ = false;
  shutdown_ = true;
  changed_.SignalAll();
}

HealthCheckResponse::ServingStatus HealthService::StatusOf(const std::string& name) const {
  if (!names_.contains(name)) return HealthCheckResponse::SERVICE_UNKNOWN;
  return serving_ ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING;
}

grpc::Status HealthService::Check(grpc::ServerContext*, const HealthCheckRequest* request,
                                  HealthCheckResponse* response) {
  absl::MutexLock lock(&mu_);
  const auto status = StatusOf(request->service());
  if (status == HealthCheckResponse::SERVICE_UNKNOWN) {
    return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service");
  }
  response->set_status(status);
  return grpc::Status::OK;
}

grpc::Status HealthService::Watch(grpc::ServerContext* context, const HealthCheckRequest* request,
                                  grpc::ServerWriter<HealthCheckResponse>* writer) {
  // Locked and unlocked by hand: the lock is let go while a response is written.
  mu_.Lock();
  auto last = HealthCheckResponse::UNKNOWN;
  while (!shutdown_ && !context->IsCancelled()) {
    const auto status = StatusOf(request->service());
    if (status != last) {
      HealthCheckResponse response;
      response.set_status(status);
      mu_.Unlock();
      const bool ok = writer->Write(response);
      mu_.Lock();
      if (!ok) break;
      last = status;
    }
    // Wake up now and then to notice a cancelled call.
    changed_.WaitWithTimeout(&mu_, absl::Milliseconds(500));
  }
  mu_.Unlock();
  return grpc::Status::OK;
}

}  // namespace sisl::platform
