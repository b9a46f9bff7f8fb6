#ifndef SISL_PLATFORM_GRPC_HEALTH_SERVICE_H_
#define SISL_PLATFORM_GRPC_HEALTH_SERVICE_H_

#include <condition_variable>
#include <mutex>
#include <set>
#include <string>

#include "grpc/health/v1/health.grpc.pb.h"

namespace sisl::platform {

// grpc.health.v1.Health for the whole process ("") and each registered service name. Serving
// from Start() until shutdown begins; then NOT_SERVING so load balancers stop sending calls.
class HealthService final : public grpc::health::v1::Health::Service {
 public:
  void AddServiceName(std::string name);
  void SetServing(bool serving);
  // Ends open Watch streams (called when the server shuts down).
  void Shutdown();

  grpc::Status Check(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::health::v1::HealthCheckResponse* response) override;
  grpc::Status Watch(grpc::ServerContext* context,
                     const grpc::health::v1::HealthCheckRequest* request,
                     grpc::ServerWriter<grpc::health::v1::HealthCheckResponse>* writer) override;

 private:
  grpc::health::v1::HealthCheckResponse::ServingStatus StatusOf(const std::string& name) const;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::set<std::string> names_{""};
  bool serving_ = false;
  bool shutdown_ = false;
};

}  // namespace sisl::platform

#endif  // SISL_PLATFORM_GRPC_HEALTH_SERVICE_H_
